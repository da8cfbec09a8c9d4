"""Resumable, content-addressed uploads that no other device can squat or probe.

- A partial upload belongs to the device that started it (`Upload`, one per SHA-256 and
  device): another device claiming the same SHA-256 with a false size only wastes its own
  upload, and the real one goes through. A partial without a chunk for
  `FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS` is deleted with its file.
- The status of a file is visible only to a device that uploaded it or to a user who may see a
  survey whose answers use it; to anyone else it does not exist (404). A device that may not
  see it uploads the whole file, which proves it holds it, before the server says "complete".
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from server.accounts.models import Device
from server.feed.scope import establishments_in_scope
from server.surveys.models import Survey
from sync import protocol as p

from .models import Attachment, Upload

EXPIRED_PER_CALL = 100  # partials removed per upload request: cheap, and they all go in time


@dataclass
class UploadRefused(Exception):
    status: int
    code: str
    message: str
    field: str
    received: int | None = None


def status_of(sha256: str, size: int, received: int, complete: bool) -> dict[str, Any]:
    return {"sha256": sha256, "size": size, "received": received, "complete": complete}


def partial_path(upload: Upload) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "attachments-partial"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{upload.sha256}.{upload.pk}.part"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def ttl() -> timedelta:
    return timedelta(hours=float(settings.FIELDAPP_PARTIAL_UPLOAD_TTL_HOURS))


def expire_partials() -> int:
    """Delete partial uploads idle for longer than the TTL, with their files."""
    stale = list(
        Upload.objects.filter(complete=False, updated_at__lt=timezone.now() - ttl()).order_by(
            "updated_at"
        )[:EXPIRED_PER_CALL]
    )
    for upload in stale:
        partial_path(upload).unlink(missing_ok=True)
    Upload.objects.filter(pk__in=[u.pk for u in stale]).delete()
    return len(stale)


def visible(device: Device, sha256: str) -> bool:
    """May `device` learn that the server holds `sha256`? Its user uploaded it, or may see a
    survey whose answers name it."""
    if Upload.objects.filter(sha256=sha256, complete=True, device__user=device.user).exists():
        return True
    return (
        Survey.objects.filter(establishment__in=establishments_in_scope(device.user))
        .annotate(text=Cast("answers", TextField()))
        .filter(text__contains=sha256)
        .exists()
    )


def status(device: Device, sha256: str) -> dict[str, Any] | None:
    """What `device` may know of `sha256`: its own upload, else the file if visible."""
    own = Upload.objects.filter(sha256=sha256, device=device).first()
    if own is not None and not (not own.complete and own.updated_at < timezone.now() - ttl()):
        return status_of(sha256, own.size, own.received, own.complete)
    att = Attachment.objects.filter(sha256=sha256, complete=True).first()
    if att is not None and visible(device, sha256):
        return status_of(sha256, att.size, att.size, True)
    return None


def append(device: Device, sha256: str, offset: int, size: int, chunk: bytes) -> dict[str, Any]:
    """Append `chunk` at `offset` to this device's upload of `sha256` (declared `size`);
    raises `UploadRefused` (after committing what the refusal records)."""
    expire_partials()
    done = Attachment.objects.filter(sha256=sha256, complete=True).first()
    if done is not None and visible(device, sha256):
        return status_of(sha256, done.size, done.size, True)  # nothing to send
    with transaction.atomic():
        answer = _append(device, sha256, offset, size, chunk)
    if isinstance(answer, UploadRefused):
        raise answer
    return answer


def _append(
    device: Device, sha256: str, offset: int, size: int, chunk: bytes
) -> dict[str, Any] | UploadRefused:
    upload, _ = Upload.objects.select_for_update().get_or_create(
        sha256=sha256, device=device, defaults={"size": size}
    )
    if upload.complete:
        return status_of(sha256, upload.size, upload.size, True)
    now = timezone.now()
    if upload.size != size or upload.updated_at < now - ttl():
        # The device's own earlier try (another declared size, or expired): start over.
        upload.size, upload.received = size, 0
        partial_path(upload).unlink(missing_ok=True)
    if offset != upload.received:
        upload.updated_at = now
        upload.save(update_fields=["size", "received", "updated_at"])
        return UploadRefused(
            409,
            p.ERR_OFFSET_MISMATCH,
            f"the server has {upload.received} bytes; send from there",
            "offset",
            upload.received,
        )
    if offset + len(chunk) > size:
        return UploadRefused(400, "too_long", "this chunk goes past the declared size", "size")
    path = partial_path(upload)
    # Cut whatever a crashed earlier try wrote past what the database recorded.
    with path.open("r+b" if path.exists() else "w+b") as f:
        f.truncate(upload.received)
        f.seek(upload.received)
        f.write(chunk)
        f.flush()
        os.fsync(f.fileno())
    upload.received += len(chunk)
    upload.updated_at = now
    if upload.received < upload.size:
        upload.save(update_fields=["size", "received", "updated_at"])
        return status_of(sha256, upload.size, upload.received, False)
    if file_sha256(path) != sha256:
        path.unlink(missing_ok=True)
        upload.delete()
        return UploadRefused(
            422,
            p.ERR_HASH_MISMATCH,
            "the file received does not match its SHA-256; send it again",
            "sha256",
        )
    _keep(device, sha256, upload.size, path)
    upload.complete = True
    upload.save(update_fields=["size", "received", "complete", "updated_at"])
    return status_of(sha256, upload.size, upload.size, True)


def _keep(device: Device, sha256: str, size: int, path: Path) -> None:
    """Store the verified file once; a second device's verified copy is simply dropped."""
    att = Attachment.objects.select_for_update().filter(sha256=sha256).first()
    if att is not None and att.complete:
        path.unlink(missing_ok=True)
        return
    with path.open("rb") as f:
        stored_name = default_storage.save(f"attachments/{sha256[:2]}/{sha256}", File(f))
    path.unlink(missing_ok=True)
    Attachment.objects.update_or_create(
        sha256=sha256,
        defaults={
            "size": size,
            "received": size,
            "complete": True,
            "stored_name": stored_name,
            "device": device,
            "user": device.user,
            "completed_at": timezone.now(),
        },
    )
