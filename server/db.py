"""Database field types shared by the apps."""

from __future__ import annotations

import json
from typing import Any

from django.db import connections, models, router


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


def copy_insert(model: type[models.Model], objs: list[Any], fields: list[str]) -> None:
    """Insert `objs` (unsaved instances of `model`) with PostgreSQL's COPY, or `bulk_create`
    elsewhere. For the push's per-survey rows: COPY streams the rows (quoted by psycopg's C
    dumpers) where a multi-row INSERT is a 100 kB statement that Django's compiler builds,
    psycopg re-tokenizes (too long for its cache) and PostgreSQL parses again. Values go
    through each field's `get_db_prep_save`, as with bulk_create; database errors come out as
    Django's (IntegrityError, DataError). No primary keys are returned: set them beforehand
    when they are needed (`reserve_ids`)."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs)
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    sql = "COPY {} ({}) FROM STDIN".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in columns),
    )
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(sql) as copy,
    ):
        for obj in objs:
            copy.write_row(
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns]
            )


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh values of `model`'s auto primary key (PostgreSQL: from its sequence)."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [int(row[0]) for row in cursor.fetchall()]
