"""Length and area of geotrace/geoshape answers, on the sphere (as ODK Collect shows them):
a trace's length sums great-circle distances (haversine); a shape's area is the spherical
polygon area of Chamberlain & Duquette (the formula Collect's and Turf's area use)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
Point = tuple[float, float]  # (latitude, longitude) in degrees


def length_m(points: Sequence[Point]) -> float:
    """The length of the line through `points`, in metres."""
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(points):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))
    return total


def closed(points: Sequence[Point]) -> bool:
    return len(points) >= 4 and tuple(points[0]) == tuple(points[-1])


def area_m2(points: Sequence[Point]) -> float:
    """The area enclosed by `points` (closed or not), in square metres; 0 below 3 corners."""
    ring = list(points[:-1]) if closed(points) else list(points)
    n = len(ring)
    if n < 3:
        return 0.0
    total = 0.0
    for i in range(n):
        lat_i = ring[i][0]
        lon_prev, lon_next = ring[i - 1][1], ring[(i + 1) % n][1]
        total += math.radians(lon_next - lon_prev) * math.sin(math.radians(lat_i))
    return abs(total) * EARTH_RADIUS_M**2 / 2
