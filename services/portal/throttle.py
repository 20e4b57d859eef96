"""Failed-login throttling (OWASP ASVS V2.2.1): at most N failed logins per hour per account and
per client address, each counted in an exact sliding window.

The counts live in memory, in one portal process: a restart forgets them, and with several
portal replicas each one counts for itself (so the limit is N per replica). The account is
counted whether or not it exists, so a throttled answer says nothing about which names are real.
An IPv6 client counts by its /64, which one attacker usually holds whole.

Memory is bounded: a window keeps at most `limit` timestamps per key and at most `max_keys`
keys, forgetting the key whose last failure is oldest when full. Rotating through that many
names takes an attacker past the per-address limit first.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class SlidingWindow:
    """Counts events per key over the last `window_s` seconds; full at `limit` events."""

    def __init__(
        self, limit: int, window_s: float, *, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self.clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        """How many keys it holds (each with a failure in the window, or not yet pruned)."""
        return len(self._events)

    def _live(self, key: str, now: float) -> deque[float] | None:
        events = self._events.get(key)
        if events is None:
            return None
        while events and events[0] <= now - self.window_s:
            events.popleft()
        if not events:
            del self._events[key]
            return None
        return events

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may try again: 0 when it is under its limit."""
        now = self.clock()
        events = self._live(key, now)
        if events is None or len(events) < self.limit:
            return 0.0
        return events[-self.limit] + self.window_s - now

    def record(self, key: str) -> None:
        now = self.clock()
        events = self._live(key, now)
        if events is None:
            events = self._events[key] = deque(maxlen=self.limit)
            while len(self._events) > self.max_keys:
                self._events.popitem(last=False)
        events.append(now)
        self._events.move_to_end(key)


def address_key(host: str) -> str:
    """The client's address as counted: IPv6 by its /64, anything else as it is."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class LoginThrottle:
    """Failed logins per account and per client address, in this portal process."""

    def __init__(
        self,
        *,
        per_account: int,
        per_address: int,
        window_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.accounts = SlidingWindow(per_account, window_s, clock=clock)
        self.addresses = SlidingWindow(per_address, window_s, clock=clock)

    def retry_after(self, account: str, address: str) -> int:
        """Whole seconds the login must wait (0: go ahead); checked before the password is."""
        wait = max(self.accounts.retry_after(account), self.addresses.retry_after(address_key(address)))
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, account: str, address: str) -> None:
        self.accounts.record(account)
        self.addresses.record(address_key(address))
