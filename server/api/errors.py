"""The one error shape of the API: `{"error": {"code", "message", "field"}}`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse


class ApiError(Exception):
    """Raise anywhere in a view to answer a 4xx with a JSON error."""

    def __init__(
        self, status: int, code: str, message: str, field: str | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.extra = extra


def error_response(
    status: int, code: str, message: str, field: str | None = None, **extra: Any
) -> JsonResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message, "field": field, **extra}}
    return JsonResponse(body, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(404, "not_found", f"nothing at {request.path}")


def server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": "server_error", "message": "internal server error", "field": None}},
        status=500,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(400, "bad_request", "the request could not be understood")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(403, "forbidden", "not allowed")
