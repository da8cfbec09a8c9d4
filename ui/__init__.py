"""The PySide6 desktop app. Builds on `fieldapp` (core) and `sync`; nothing imports `ui`."""
