"""Form versions received from the server (the definitions surveys are written with)."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.registry import RegistryStore


class FormVersionStore(RegistryStore):
    def form_definition(self, form_id: str, version: str) -> dict[str, Any] | None:
        """A form version received from the server, or None."""
        row = self._row(
            "SELECT definition FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
        )
        return None if row is None else dict(json.loads(row["definition"]))

    def form_versions(self, form_id: str | None = None) -> list[tuple[str, str]]:
        """(form id, version) pairs received from the server, in the order they arrived."""
        if form_id is None:
            rows = self.conn.execute("SELECT form_id, version FROM forms ORDER BY rowid")
        else:
            rows = self.conn.execute(
                "SELECT form_id, version FROM forms WHERE form_id = ? ORDER BY rowid", (form_id,)
            )
        return [(str(a), str(b)) for a, b in rows]

    def latest_form_version(self, form_id: str) -> str | None:
        """The version of `form_id` received last from the server (arrival order: the server
        publishes versions in the order they were made), or None when none was received."""
        row = self._row(
            "SELECT version FROM forms WHERE form_id = ? ORDER BY rowid DESC LIMIT 1", (form_id,)
        )
        return None if row is None else str(row["version"])
