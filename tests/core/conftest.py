from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.domain import Establishment, new_id
from fieldapp.store import Store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir, actor="agent.test") as s:
        yield s


def make_establishment(code: str = "EPS-07-00001", **fields: object) -> Establishment:
    values: dict[str, object] = {
        "id": new_id(),
        "code": code,
        "name_fr": "Dar Al Atfal Al Amal Benguerir",
        "name_ar": "دار الأطفال الأمل ابن جرير",
        "type": "children",
        "region": "MA-07",
        "province": "Rehamna",
        "commune": "Benguerir",
    }
    values.update(fields)
    return Establishment(**values)  # type: ignore[arg-type]
