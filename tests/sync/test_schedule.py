import random

from sync.schedule import ProbeBackoff


def test_probe_backoff_grows_to_its_cap_and_restarts() -> None:
    backoff = ProbeBackoff(base_s=10, cap_s=300, rng=random.Random(1))
    delays = [backoff.failed() for _ in range(20)]
    assert all(5 <= d <= 300 for d in delays)
    assert max(delays[10:]) > 100  # it did back off
    backoff.succeeded()
    assert backoff.failed() <= 20
    assert backoff.network_changed() <= 3 and backoff.failures == 0
