"""When automatic sync should probe the server again (plain Python; the UI owns the timer).

After a failed probe the wait doubles up to a cap, with full jitter so that a room of laptops
coming back online does not hit the server in step; a network change (Qt's reachability hint)
or a success starts over from the base delay.
"""

from __future__ import annotations

import random


class ProbeBackoff:
    def __init__(
        self, base_s: float = 15.0, cap_s: float = 15 * 60.0, rng: random.Random | None = None
    ) -> None:
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self.rng = rng or random.Random()

    def failed(self) -> float:
        """Record a failed probe; returns the seconds to wait before the next one."""
        self.failures += 1
        ceiling = min(self.cap_s, self.base_s * 2 ** min(self.failures, 30))
        return self.rng.uniform(self.base_s / 2, max(self.base_s / 2, ceiling))

    def succeeded(self) -> None:
        self.failures = 0

    def network_changed(self) -> float:
        """The OS says the network changed: probe soon."""
        self.failures = 0
        return self.rng.uniform(0.5, 3.0)
