"""A deterministic force-directed layout of the cooperation network, in pure Python.

Fruchterman & Reingold (1991), with the grid of their paper: repulsion is computed only between
nodes closer than 2k (k the ideal edge length), which keeps an iteration close to linear in the
number of nodes; attraction along the edges; a light pull towards the centre keeps the components
of a sparse network together; the temperature cools linearly. The start is drawn from a random
generator with a fixed seed over the nodes in id order, so the same graph always gets the same
picture (and the same SVG, which is memoised here).

Up to NODE_CAP nodes are laid out; above it the caller shows the largest component or aggregates
by organisation (see components()).
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence

Point = tuple[float, float]

WIDTH = 960
HEIGHT = 600
MARGIN = 28
STRETCH = 1.6
SEED = 20_260_301
NODE_CAP = 1000  # O(n) per iteration with the grid: under a second at the cap, then memoised

_lock = threading.Lock()
_cache: OrderedDict[str, dict[int, Point]] = OrderedDict()
_CACHE_SIZE = 64


def components(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components, largest first (ties broken by their smallest id), each sorted."""
    parent = {n: n for n in nodes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in parent:
        groups[find(n)].append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


def _iterations(n: int) -> int:
    return max(40, min(200, int(1600 / math.sqrt(n)) + 20))


def _fit(points: list[list[float]], width: int, height: int) -> list[Point]:
    """Scale and centre into the frame, rounded for a stable SVG. The two axes may be stretched
    differently, by at most STRETCH, so that a round cloud fills a wide frame."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale_x, scale_y = (width - 2 * MARGIN) / span_x, (height - 2 * MARGIN) / span_y
    scale_x = min(scale_x, scale_y * STRETCH)
    scale_y = min(scale_y, scale_x * STRETCH)
    off_x = (width - span_x * scale_x) / 2 - min(xs) * scale_x
    off_y = (height - span_y * scale_y) / 2 - min(ys) * scale_y
    return [(round(x * scale_x + off_x, 1), round(y * scale_y + off_y, 1)) for x, y in points]


def _run(
    ids: list[int], edges: list[tuple[int, int]], *, seed: int, iterations: int, width: int, height: int
) -> list[list[float]]:
    n = len(ids)
    index = {pk: i for i, pk in enumerate(ids)}
    links = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    rng = random.Random(seed)  # noqa: S311 - a layout, not a secret: the seed makes it repeatable
    pos = [[rng.uniform(0, width), rng.uniform(0, height)] for _ in ids]
    k = math.sqrt(width * height / n)
    k2 = k * k
    cell = 2 * k
    reach = cell * cell
    cx, cy = width / 2, height / 2
    gravity = 0.4 / math.sqrt(n)
    temperature = width / 10
    for step in range(iterations):
        disp = [[0.0, 0.0] for _ in ids]
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (x, y) in enumerate(pos):
            grid[(int(x // cell), int(y // cell))].append(i)
        for (gx, gy), members in grid.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((gx + dx, gy + dy), ())]
            for i in members:
                xi, yi = pos[i]
                di = disp[i]
                for j in near:
                    if j <= i:
                        continue
                    dx, dy = xi - pos[j][0], yi - pos[j][1]
                    d2 = dx * dx + dy * dy
                    if d2 == 0.0:  # same place: push apart along a fixed direction
                        dx, dy, d2 = 0.01 * (j - i), 0.01, 0.0001 * ((j - i) ** 2 + 1)
                    if d2 < reach:
                        f = k2 / d2
                        di[0] += dx * f
                        di[1] += dy * f
                        disp[j][0] -= dx * f
                        disp[j][1] -= dy * f
        for i, j in links:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = math.hypot(dx, dy)
            if d == 0.0:
                continue
            f = d / k  # (d² / k) / d
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i, p in enumerate(pos):
            disp[i][0] -= (p[0] - cx) * gravity
            disp[i][1] -= (p[1] - cy) * gravity
            d = math.hypot(disp[i][0], disp[i][1])
            if d > 0.0:
                move = min(d, temperature) / d
                # Loosely bounded (the drawing is fitted to the frame at the end): a hard wall would
                # line nodes up along the edges of the frame.
                p[0] = min(2.0 * width, max(-width, p[0] + disp[i][0] * move))
                p[1] = min(2.0 * height, max(-height, p[1] + disp[i][1] * move))
        temperature = max(width / 10 * (1 - (step + 1) / iterations), 0.5)
    return pos


def layout(
    nodes: Sequence[int],
    edges: Sequence[tuple[int, int]],
    *,
    seed: int = SEED,
    iterations: int | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> dict[int, Point]:
    """Positions of the nodes in a width × height frame; the same input always gives the same output."""
    ids = sorted(set(nodes))
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (width / 2, height / 2)}
    pairs = sorted({(min(a, b), max(a, b)) for a, b in edges if a != b})
    rounds = iterations or _iterations(len(ids))
    key = hashlib.sha256(repr((ids, pairs, seed, rounds, width, height)).encode()).hexdigest()
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return dict(_cache[key])
    points = _fit(_run(ids, pairs, seed=seed, iterations=rounds, width=width, height=height), width, height)
    result = dict(zip(ids, points, strict=True))
    with _lock:
        _cache[key] = result
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return dict(result)


def clear_cache() -> None:
    with _lock:
        _cache.clear()
