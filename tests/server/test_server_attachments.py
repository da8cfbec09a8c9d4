"""Attachments: resumable chunked upload verified by SHA-256, skipped when already there."""

from __future__ import annotations

import hashlib
import os

from server.attachments.models import Attachment


def upload_url(sha: str, offset: int, size: int) -> str:
    return f"/attachments/{sha}?offset={offset}&size={size}"


def test_upload_cut_halfway_resumes_and_is_verified(world, client_for, settings):
    client = client_for(world["agent1"])
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert client.get(f"/attachments/{sha}").status_code == 404
    first = client.put(upload_url(sha, 0, len(data)), data=data[:100_000])
    assert first.status_code == 200 and first.json() == {
        "sha256": sha, "size": len(data), "received": 100_000, "complete": False,
    }  # fmt: skip
    # The connection "drops"; the client asks where to resume.
    status = client.get(f"/attachments/{sha}").json()
    assert status["received"] == 100_000 and not status["complete"]
    # Sending from a wrong offset is refused with the current count.
    wrong = client.put(upload_url(sha, 50_000, len(data)), data=data[50_000:])
    assert wrong.status_code == 409
    assert wrong.json()["error"]["code"] == "offset_mismatch"
    assert wrong.json()["error"]["received"] == 100_000
    done = client.put(upload_url(sha, 100_000, len(data)), data=data[100_000:])
    assert done.status_code == 200 and done.json()["complete"] is True
    att = Attachment.objects.get(pk=sha)
    stored = os.path.join(settings.MEDIA_ROOT, att.stored_name)
    with open(stored, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == sha
    # Already there: a new upload is skipped (answered complete, nothing written).
    again = client.put(upload_url(sha, 0, len(data)), data=b"")
    assert again.status_code == 200 and again.json()["complete"] is True


def test_hash_mismatch_is_rejected_and_discarded(world, client_for):
    client = client_for(world["agent1"])
    data = b"photo of the meter" * 1000
    wrong_sha = hashlib.sha256(b"something else").hexdigest()
    reply = client.put(upload_url(wrong_sha, 0, len(data)), data=data)
    assert reply.status_code == 422 and reply.json()["error"]["code"] == "hash_mismatch"
    assert client.get(f"/attachments/{wrong_sha}").status_code == 404
    assert not Attachment.objects.filter(pk=wrong_sha).exists()


def test_bad_names_and_sizes_are_refused(world, client_for, settings):
    client = client_for(world["agent1"])
    assert client.get("/attachments/not-a-hash").json()["error"]["code"] == "invalid_sha256"
    sha = hashlib.sha256(b"abc").hexdigest()
    too_long = client.put(upload_url(sha, 0, 2), data=b"abc")
    assert too_long.status_code == 400 and too_long.json()["error"]["code"] == "too_long"
    huge = client.put(upload_url(sha, 0, settings.FIELDAPP_MAX_ATTACHMENT_BYTES + 1), data=b"a")
    assert huge.status_code == 413
    chunk = client.put(upload_url(sha, 0, 3), data=b"x" * (settings.FIELDAPP_MAX_CHUNK_BYTES + 1))
    assert chunk.status_code == 413
