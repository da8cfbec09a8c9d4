"""Database field types shared by the apps."""

from __future__ import annotations

import json
from typing import Any

from django.db import models


class JSONText(str):
    """A JSON document already encoded: `DocumentField` stores the text as it is.

    A pushed survey's answers go to several rows (the head and its revision); encoding them once
    and handing every row the same text saves a `json.dumps` per row."""

    __slots__ = ()

    @classmethod
    def of(cls, value: Any) -> JSONText:
        return cls(json.dumps(value))  # Django's own JSONField encoding (ensure_ascii)


class DocumentField(models.JSONField):
    """A JSONField for large documents (answers, feed snapshots, stored results).

    Having `get_placeholder` makes Django's PostgreSQL bulk_create use a multi-row VALUES
    instead of UNNEST(arrays): psycopg quotes array literals in Python, one regex pass per
    document, which cost a third of the push path's time in bench/server_load.py.

    A `JSONText` value is stored without being encoded again.
    """

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s"

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if isinstance(value, JSONText):
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                return Jsonb(value, dumps=str)
            return str(value)
        return super().get_db_prep_value(value, connection, prepared)
