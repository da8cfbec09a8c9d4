"""The sync client is plain Python: no Qt, no Django (it ships in the frozen desktop app)."""

import subprocess
import sys

MODULES = "sync.client, sync.cli, sync.transport, sync.credentials, sync.errors, sync.schedule"


def test_sync_client_imports_neither_qt_nor_django() -> None:
    code = (
        f"import sys, {MODULES}; "
        "print(sorted(m for m in ('PySide6', 'django', 'ui') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
