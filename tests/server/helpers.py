"""Test helpers: users, establishments, changes, and an HTTP client speaking sync.protocol."""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests

from fieldapp.domain import new_id, utcnow
from sync import protocol as p

TIMEOUT = 30


def make_user(username: str, role: str, regions: list[str] | None = None) -> Any:
    from server.accounts.models import User

    user = User(username=username, role=role, regions=regions or [])
    user.is_staff = role != "agent"
    user.is_superuser = role == "admin"
    user.set_password(f"{username}-pw")
    user.save()
    return user


def make_establishment(code: str, region: str, **extra: Any) -> Any:
    from server.feed.publish import publish
    from server.registry.actions import shared_entry
    from server.registry.models import Establishment

    est = Establishment.objects.create(
        code=code, name_fr=f"Centre {code}", name_ar="مركز", region=region, type="elderly", **extra
    )
    publish([shared_entry(est, [])])
    return est


def survey_change(
    establishment_id: str,
    answers: dict[str, Any],
    *,
    survey_id: str | None = None,
    base_revision: int = 0,
    status: str = "draft",
    form_id: str = "baseline_test",
    form_version: str = "1",
    change_id: str | None = None,
    entity: str = "survey",
) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": change_id or new_id(),
        "entity": entity,
        "entity_id": survey_id or new_id(),
        "op": "save",
        "base_revision": base_revision,
        "payload": {
            "establishment_id": establishment_id,
            "form_id": form_id,
            "form_version": form_version,
            "status": status,
            "answers": answers,
            "created_at": now,
            "updated_at": now,
            "author": "tester",
        },
        "created_at": now,
    }


class ApiClient:
    """A device: one requests.Session, a bearer token, helpers for the sync calls."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base = base_url.rstrip("/") + p.API_PREFIX
        self.session = requests.Session()
        self.token = token
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.cursor = ""

    @classmethod
    def enroll(cls, base_url: str, user: Any, device_name: str = "laptop") -> ApiClient:
        from server.accounts.models import issue_enrollment_code

        code, _ = issue_enrollment_code(user)
        client = cls(base_url)
        reply = client.post("/enroll", json={"code": code, "device_name": device_name})
        assert reply.status_code == 200, reply.text
        body = p.EnrollResponse.model_validate(reply.json())
        client.token = body.token
        client.device_id = body.device_id
        client.session.headers["Authorization"] = f"Bearer {body.token}"
        return client

    def close(self) -> None:
        self.session.close()

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.session.get(self.base + path, timeout=TIMEOUT, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.session.post(self.base + path, timeout=TIMEOUT, **kw)

    def put(self, path: str, **kw: Any) -> requests.Response:
        return self.session.put(self.base + path, timeout=TIMEOUT, **kw)

    def push_raw(
        self, changes: list[dict[str, Any]], *, compress: bool = False
    ) -> requests.Response:
        body = json.dumps({"changes": changes}).encode()
        headers = {"Content-Type": "application/json"}
        if compress:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return self.post("/sync/push", data=body, headers=headers)

    def push(
        self, changes: list[dict[str, Any]], *, compress: bool = False
    ) -> list[p.ChangeResult]:
        reply = self.push_raw(changes, compress=compress)
        assert reply.status_code == 200, reply.text
        return p.PushResponse.model_validate(reply.json()).results

    def pull_page(self, cursor: str = "", limit: int = 500) -> p.PullResponse:
        reply = self.get("/sync/pull", params={"cursor": cursor, "limit": limit})
        assert reply.status_code == 200, reply.text
        return p.PullResponse.model_validate(reply.json())

    def pull_all(self, limit: int = 500) -> list[p.FeedItem]:
        """Pull from self.cursor until has_more is false; advances self.cursor."""
        items: list[p.FeedItem] = []
        while True:
            page = self.pull_page(self.cursor, limit)
            items.extend(page.items)
            self.cursor = page.cursor
            if not page.has_more:
                return items


def latest_by_id(items: list[p.FeedItem]) -> dict[tuple[str, str], dict[str, Any]]:
    """The state a client would hold after applying `items` in order (last write wins)."""
    state: dict[tuple[str, str], dict[str, Any]] = {}
    for item in items:
        state[(item.kind, item.id)] = item.data
    return state


def other_change(
    entity: str, op: str, payload: dict[str, Any], base_revision: int = 0
) -> dict[str, Any]:
    """A non-survey change (review, assignment) with fresh ids."""
    return {
        "id": new_id(),
        "entity": entity,
        "entity_id": new_id(),
        "op": op,
        "base_revision": base_revision,
        "payload": payload,
        "created_at": utcnow(),
    }
