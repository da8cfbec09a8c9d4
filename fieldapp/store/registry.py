"""The registry's copy on this laptop: establishments, their search text and agents."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from fieldapp.domain import (
    Establishment,
    utcnow,
)
from fieldapp.store.base import StoreBase
from fieldapp.store.errors import StoreError, StoreErrorCode
from fieldapp.store.records import (
    NOT_STARTED,
    _establishment_from_row,
    _like_patterns,
    latest_first,
    search_text,
)


class RegistryStore(StoreBase):
    def upsert_establishments(self, establishments: Iterable[Establishment]) -> int:
        """Store establishments from the registry (server pull or demo). No outbox entry:
        the registry belongs to the server."""
        count = 0
        with self._write():
            for e in establishments:
                self._upsert_establishment_row(e)
                count += 1
        return count

    def _upsert_establishment_row(self, e: Establishment) -> None:
        self.conn.execute(
            "INSERT INTO establishments(id, code, name_fr, name_ar, type, capacity, "
            "manager, region, province, commune, site, latitude, longitude, assigned, "
            "search, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET code=excluded.code, name_fr=excluded.name_fr,"
            " name_ar=excluded.name_ar, type=excluded.type, capacity=excluded.capacity,"
            " manager=excluded.manager, region=excluded.region,"
            " province=excluded.province, commune=excluded.commune, site=excluded.site,"
            " latitude=excluded.latitude, longitude=excluded.longitude,"
            " assigned=excluded.assigned, search=excluded.search,"
            " updated_at=excluded.updated_at",
            (
                e.id,
                e.code,
                e.name_fr,
                e.name_ar,
                e.type,
                e.capacity,
                e.manager,
                e.region,
                e.province,
                e.commune,
                e.site,
                e.latitude,
                e.longitude,
                int(e.assigned),
                search_text(e),
                e.updated_at or utcnow(),
            ),
        )

    def get_establishment(self, establishment_id: str) -> Establishment:
        row = self._row("SELECT * FROM establishments WHERE id = ?", (establishment_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No establishment {establishment_id}.")
        return _establishment_from_row(row)

    def _establishment_filter(
        self,
        query: str,
        status: str | None,
        region: str | None,
        type_: str | None,
        assigned_only: bool,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for pattern in _like_patterns(query):
            clauses.append("search LIKE ? ESCAPE '\\'")
            params.append(pattern)
        if status:
            clauses.append("survey_status = ?")
            params.append(status)
        if region:
            clauses.append("region = ?")
            params.append(region)
        if type_:
            clauses.append("type = ?")
            params.append(type_)
        if assigned_only:
            clauses.append("assigned = 1")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def find_establishment_ids(
        self,
        query: str = "",
        *,
        status: str | None = None,
        region: str | None = None,
        type: str | None = None,
        assigned_only: bool = False,
    ) -> list[str]:
        """Ids of matching establishments, ordered by code: what a lazy table model holds."""
        where, params = self._establishment_filter(query, status, region, type, assigned_only)
        rows = self.conn.execute(f"SELECT id FROM establishments{where} ORDER BY code", params)  # noqa: S608
        return [r[0] for r in rows]

    def establishment_rows(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Display rows for a page of ids (id -> row with the latest survey status)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        cur = self.conn.execute(
            "SELECT id, code, name_fr, name_ar, type, region, province, commune, "  # noqa: S608
            f"survey_status FROM establishments WHERE id IN ({marks})",
            list(ids),
        )
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r, strict=True)) for r in cur}

    def distinct_values(self, column: str) -> list[str]:
        if column not in {"region", "type", "survey_status", "province", "site"}:
            raise ValueError(column)
        rows = self.conn.execute(
            f"SELECT DISTINCT {column} FROM establishments WHERE {column} != '' ORDER BY 1"  # noqa: S608
        )
        return [r[0] for r in rows]

    def _refresh_survey_status(self, establishment_id: str) -> None:
        # The list filters on the latest survey's status; keep it on the row so a filter over
        # 10,000 establishments needs no join.
        self.conn.execute(
            "UPDATE establishments SET survey_status = coalesce((SELECT status FROM surveys "  # noqa: S608
            f"WHERE establishment_id = ?1 ORDER BY {latest_first()} LIMIT 1), ?2) "
            "WHERE id = ?1",
            (establishment_id, NOT_STARTED),
        )

    def establishment_search_index(self) -> list[tuple[str, str, str, str, str]]:
        """(id, folded search text, region, type, latest survey status) of every establishment,
        ordered by code. The desktop app keeps this in memory and filters it at each
        keystroke: a LIKE scan of 10,000 rows takes tens of ms on an old laptop."""
        rows = self.conn.execute(
            "SELECT id, search, region, type, survey_status FROM establishments ORDER BY code"
        )
        return [(r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or NOT_STARTED) for r in rows]

    def establishment_agents(self, establishment_id: str) -> list[str]:
        row = self._row("SELECT agents FROM establishments WHERE id = ?", (establishment_id,))
        if row is None:
            raise StoreError(StoreErrorCode.NOT_FOUND, f"No establishment {establishment_id}.")
        return [str(a) for a in json.loads(row["agents"] or "[]")]

    def known_agents(self) -> list[str]:
        """Usernames seen as assignees or survey authors, sorted (choices for assigning)."""
        names: set[str] = set()
        for (text,) in self.conn.execute("SELECT DISTINCT agents FROM establishments"):
            names.update(str(a) for a in json.loads(text or "[]"))
        for (author,) in self.conn.execute("SELECT DISTINCT author FROM surveys"):
            if author:
                names.add(str(author))
        names.discard(self.actor)
        return sorted(names)

    def _rekey_establishment(self, old_id: str, new_id_: str, code: str) -> None:
        """Give the local establishment `old_id` the server's id `new_id_` (a rebuilt server
        imported the same registry under new ids), with everything that refers to it; inside
        the caller's transaction, before the server's row is written over it."""
        self.conn.execute(
            "UPDATE establishments SET code = ? WHERE id = ?", (f"{code}\x00{old_id}", old_id)
        )
        columns = [str(r[1]) for r in self.conn.execute("PRAGMA table_info(establishments)")]
        given = {"id": new_id_, "code": code}
        picked = ", ".join("?" if c in given else c for c in columns)
        self.conn.execute(
            f"INSERT INTO establishments({', '.join(columns)}) "  # noqa: S608 - our own columns
            f"SELECT {picked} FROM establishments WHERE id = ?",
            [given[c] for c in columns if c in given] + [old_id],
        )
        self._move_establishment_refs(old_id, new_id_, code)

    def _move_establishment_refs(self, old_id: str, new_id_: str, code: str) -> None:
        """Point what refers to establishment `old_id` at `new_id_`, then drop `old_id`. Outbox
        rows whose payload changes get new change ids: a change id always means one content,
        and the server may have refused the old one (`unknown_establishment`)."""
        moved = self.conn.execute(
            "UPDATE surveys SET establishment_id = ? WHERE establishment_id = ?", (new_id_, old_id)
        ).rowcount
        rows = self.conn.execute(
            "SELECT seq FROM changes WHERE entity IN ('survey', 'conflict_resolution', "
            "'assignment') AND json_extract(payload, '$.establishment_id') = ?",
            (old_id,),
        ).fetchall()
        for (seq,) in rows:
            self.conn.execute(
                "UPDATE changes SET payload = json_set(payload, '$.establishment_id', ?) "
                "WHERE seq = ?",
                (new_id_, seq),
            )
            self._reissue_change(seq)
        self.conn.execute(
            "UPDATE acknowledged SET payload = json_set(payload, '$.establishment_id', ?) "
            "WHERE entity = 'assignment' AND json_extract(payload, '$.establishment_id') = ?",
            (new_id_, old_id),
        )
        self.conn.execute("DELETE FROM establishments WHERE id = ?", (old_id,))
        self._audit(
            "rekeyed", "establishment", new_id_,
            {"code": code, "from": old_id, "surveys": moved, "changes": len(rows)},
        )  # fmt: skip
