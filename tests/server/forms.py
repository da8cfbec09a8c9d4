"""A small form definition in the form engine's JSON format, for server tests."""

from __future__ import annotations

import copy
from typing import Any


def _t(fr: str, ar: str) -> dict[str, str]:
    return {"fr": fr, "ar": ar}


TEST_FORM: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "baseline_test",
    "version": "1",
    "title": _t("Enquête test", "استبيان تجريبي"),
    "default_language": "fr",
    "languages": ["fr", "ar"],
    "choice_lists": {
        "yesno": [
            {"name": "yes", "label": _t("Oui", "نعم")},
            {"name": "no", "label": _t("Non", "لا")},
        ]
    },
    "children": [
        {
            "type": "integer",
            "name": "residents",
            "label": _t("Résidents", "المقيمون"),
            "required": True,
        },
        {"type": "text", "name": "manager_name", "label": _t("Responsable", "المسؤول")},
        {
            "type": "select_one",
            "name": "has_internet",
            "label": _t("Connexion ?", "اتصال؟"),
            "choices": "yesno",
            "required": True,
        },
        {"type": "decimal", "name": "bill_mad", "label": _t("Facture (MAD)", "الفاتورة")},
        {"type": "text", "name": "notes", "label": _t("Observations", "ملاحظات")},
    ],
}


def form_definition(version: str = "1", form_id: str = "baseline_test") -> dict[str, Any]:
    data = copy.deepcopy(TEST_FORM)
    data["version"] = version
    data["id"] = form_id
    return data
