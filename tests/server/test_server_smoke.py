"""Smoke: the live server answers ping."""

from __future__ import annotations

import requests


def test_ping_answers_without_auth(live_server):
    reply = requests.get(live_server.url + "/api/v1/ping", timeout=10)
    assert reply.status_code == 200
    body = reply.json()
    assert body["service"] == "fieldapp" and body["api"] == 1 and body["server_time"]
