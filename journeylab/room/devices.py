"""Who a phone is: a random id in a signed cookie, turned into the key its ballots carry.

The id never leaves the server. In an anonymous round a phone's key is a keyed hash of its id
and the round's id, so its answers cannot be linked from one round to the next; in a named
round the key stays the same across rounds and the ballot carries the chosen name.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "journeylab_room_device"
#: How long a phone keeps its identity: a workshop over several days keeps its devices.
COOKIE_DAYS = 30


def new_device_id() -> str:
    """A fresh random device id, for a phone that has none."""
    return secrets.token_urlsafe(16)


def device_key(secret: bytes, device_id: str, round_id: str, anonymous: bool) -> str:
    """The key a phone's ballots carry in the log (16 hex digits)."""
    message = device_id + round_id if anonymous else device_id
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def room_token(secret: bytes) -> str:
    """The secret part of the room's address, the same across restarts of its server.

    Printed on a slide or a QR code, it keeps working for the whole workshop.
    """
    return hmac.new(secret, b"room address", hashlib.sha256).hexdigest()[:24]


def room_code(secret: bytes) -> str:
    """The 6-digit code participants type on the join page (same across restarts)."""
    number = int.from_bytes(hmac.new(secret, b"room code", hashlib.sha256).digest()[:8], "big")
    return f"{number % 1_000_000:06d}"
