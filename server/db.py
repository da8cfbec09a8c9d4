"""Database field types shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db import models


class DocumentField(models.JSONField):
    """A JSONField for large documents (answers, feed snapshots, stored results).

    Having `get_placeholder` makes Django's PostgreSQL bulk_create use a multi-row VALUES
    instead of UNNEST(arrays): psycopg quotes array literals in Python, one regex pass per
    document, which cost a third of the push path's time in bench/server_load.py.
    """

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s"
