"""How much one phone may ask of the room: taps per second, and wrong room codes.

Kept in memory only, and forgotten when the server stops: a client's address is used as a
key here and nowhere else.
"""

from __future__ import annotations

import time


class TokenBucket:
    """Up to ``burst`` requests at once, then ``rate`` per second, per key."""

    def __init__(self, rate: float = 10.0, burst: float = 20.0, keep: int = 5000) -> None:
        self.rate, self.burst, self.keep = rate, burst, keep
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token of ``key``'s bucket; ``False`` if it is empty."""
        now = time.monotonic() if now is None else now
        tokens, since = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - since) * self.rate)
        if len(self._buckets) > self.keep:  # full buckets are the same as forgotten ones
            self._buckets = {k: v for k, v in self._buckets.items()
                             if v[0] + (now - v[1]) * self.rate < self.burst}
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True


class TriesLimit:
    """At most ``tries`` failures per key within ``seconds`` (wrong room codes)."""

    def __init__(self, tries: int = 5, seconds: float = 600.0) -> None:
        self.tries, self.seconds = tries, seconds
        self._failures: dict[str, list[float]] = {}

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [at for at in self._failures.get(key, []) if now - at < self.seconds]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def blocked(self, key: str, now: float | None = None) -> bool:
        """Whether ``key`` has used up its tries."""
        return len(self._recent(key, time.monotonic() if now is None else now)) >= self.tries

    def failed(self, key: str, now: float | None = None) -> None:
        """Count one failure of ``key``."""
        now = time.monotonic() if now is None else now
        self._failures[key] = [*self._recent(key, now), now]
