"""The PySide6 desktop app. Builds on `fieldapp` (core) and `sync`; nothing imports `ui`."""

from ui import pyside_fix as _pyside_fix  # noqa: F401  (before any signal is emitted)
