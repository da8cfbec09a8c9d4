"""The local store: schema, migrations and the named write actions."""

from fieldapp.store.errors import StoreError, StoreErrorCode
from fieldapp.store.migrations import SCHEMA_VERSION
from fieldapp.store.store import DB_NAME, AckResult, CheckReport, Store

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "AckResult",
    "CheckReport",
    "Store",
    "StoreError",
    "StoreErrorCode",
]
