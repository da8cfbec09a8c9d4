"""The sync client's keys in a profile's `sync_state`, and what they mean (sync.client).

Shared by enrollment (sync.enrollment), a sync run (sync.run) and the bundles (sync.bundle);
the desktop app reads some of them for its status bar.
"""

from __future__ import annotations

# sync_state keys
STATE_SERVER = "server_url"
STATE_CA_BUNDLE = "ca_bundle"
STATE_DEVICE = "device_id"
STATE_USERNAME = "username"
STATE_ROLE = "role"
STATE_REGIONS = "regions"
STATE_CURSOR = "cursor"
CLOCK_SKEW_WARN_S = 5 * 60  # a few minutes: more than a watch drifts, less than a time zone
STATE_LAST_SYNC = "last_sync"
STATE_CLOCK_OFFSET = "clock_offset"  # sync.clock: the laptop's clock against the server's
# Protocol v2, integrity: the server instance this profile syncs with, the newest feed mark
# it was given (sync.protocol.FeedPosition), the server's receipt key, and why the next run must
# first compare what it acknowledged with what the server holds ("other_instance", "restored").
STATE_INSTANCE = "instance_id"
STATE_MARK = "feed_mark"
STATE_SERVER_KEY = "server_key"
STATE_RECONCILE = "reconcile"
# Set when this profile was found to be a copy (another machine or folder, or the server saw
# two changes under one device number): it must enroll as a new device before it syncs again.
STATE_MUST_ENROLL = "must_enroll"
STATE_FINGERPRINT = "fingerprint"  # sync.credentials.device_fingerprint at enrollment
COPIED_PROFILE = (
    "This profile was copied from another computer (or folder) that syncs as the same device: "
    "enroll this copy again with a new code from your coordinator before it syncs. Nothing of "
    "it is lost: its changes are sent once it is enrolled."
)
RECONCILE_OTHER_INSTANCE = "other_instance"
RECONCILE_RESTORED = "restored"
STATE_SERVER_PROTOCOL = "server_protocol"  # the version the server last answered in
UPLOAD_PREFIX = "upload:"  # upload:<sha256> -> bytes the server confirmed
