"""Attachments: resumable chunked upload verified by SHA-256, skipped when already there;
no squatting, partial uploads expire, status visible only to who may see a survey using it."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from django.utils import timezone

from server.attachments.models import Attachment, Upload


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


def photo_of(text: bytes) -> tuple[bytes, str]:
    data = text * 5000
    return data, hashlib.sha256(data).hexdigest()


def test_a_false_claim_of_a_photo_does_not_block_the_real_upload(world, client_for):
    """The issue's squatting: one agent claims a photo's SHA-256 with a false size; the other
    agent's real upload used to be refused (`size_mismatch`) for good."""
    squatter = client_for(world["agent2"])
    owner = client_for(world["agent1"])
    data, sha = photo_of(b"meter reading ")
    claim = squatter.put(upload_url(sha, 0, 10), data=b"x" * 5)
    assert claim.status_code == 200 and claim.json()["received"] == 5
    done = owner.put(upload_url(sha, 0, len(data)), data=data)
    assert done.status_code == 200 and done.json()["complete"] is True
    att = Attachment.objects.get(pk=sha)
    assert att.size == len(data) and att.user == world["agent1"]
    # The squatter's bytes never reach the real file; its own partial is its own business.
    assert squatter.put(upload_url(sha, 5, 10), data=b"y" * 5).status_code == 422


def test_a_partial_upload_belongs_to_its_device_and_expires(world, client_for, settings):
    settings.FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS = 1
    first = client_for(world["agent1"], "laptop A")
    second = client_for(world["agent1"], "laptop B")  # same user, another device
    data, sha = photo_of(b"roof ")
    assert first.put(upload_url(sha, 0, len(data)), data=data[:1000]).status_code == 200
    # Another device neither sees nor extends it: it starts its own.
    assert second.get(f"/attachments/{sha}").status_code == 404
    wrong = second.put(upload_url(sha, 1000, len(data)), data=data[1000:])
    assert wrong.status_code == 409 and wrong.json()["error"]["received"] == 0
    # Idle past the TTL: deleted with its file, and the device starts again from 0.
    Upload.objects.filter(sha256=sha).update(updated_at=timezone.now() - timedelta(hours=2))
    assert first.get(f"/attachments/{sha}").status_code == 404
    other, other_sha = photo_of(b"other ")
    second.put(upload_url(other_sha, 0, len(other)), data=other[:10])  # any upload sweeps
    assert not Upload.objects.filter(sha256=sha).exists()
    partial_dir = os.path.join(settings.MEDIA_ROOT, "attachments-partial")
    assert not [n for n in os.listdir(partial_dir) if n.startswith(sha)]
    restart = first.put(upload_url(sha, 1000, len(data)), data=data[1000:])
    assert restart.status_code == 409 and restart.json()["error"]["received"] == 0


def test_attachment_status_is_visible_only_to_who_may_see_a_survey_using_it(world, client_for):
    from tests.server.helpers import survey_change

    agent1 = client_for(world["agent1"])
    data, sha = photo_of(b"facade ")
    assert agent1.put(upload_url(sha, 0, len(data)), data=data).json()["complete"] is True
    agent2 = client_for(world["agent2"])
    coord_a = client_for(world["coord_a"])
    coord_b = client_for(world["coord_b"])
    # Nobody else learns it exists (nor its size) before a survey they may see uses it.
    for client in (agent2, coord_a, coord_b):
        assert client.get(f"/attachments/{sha}").status_code == 404
    # A PUT does not tell either: without the whole file it is only a partial of one's own.
    probe = agent2.put(upload_url(sha, 0, len(data)), data=b"")
    assert probe.status_code == 200 and probe.json()["complete"] is False
    [saved] = agent1.push(
        [survey_change(world["e1"].id, {"residents": 2, "notes": f"photo {sha}"})]
    )
    assert saved.status == "applied"
    assert coord_a.get(f"/attachments/{sha}").json()["complete"] is True  # e1 is in MA-07
    assert coord_b.get(f"/attachments/{sha}").status_code == 404  # MA-06
    assert agent2.get(f"/attachments/{sha}").json()["complete"] is False  # its own partial
