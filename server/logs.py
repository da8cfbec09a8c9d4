"""Log records as an operator reads them: one line for what a client did wrong."""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Drop the traceback Django attaches to an expected 4xx (PermissionDenied in the admin,
    SuspiciousOperation, Http404): the line "Forbidden (Permission denied): /admin/…" says it
    all, and 35 lines per refused request bury the 5xx that matter. 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if (status is not None and status < 500) or record.name.startswith("django.security"):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
