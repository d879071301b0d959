"""Benchmark: hotline lookup per keystroke over a generated directory of 5,000 issuers.

Target (issue 5): under 5 ms a keystroke. The baseline, measured in the same run, is
a plain substring scan over the same names (the least any lookup has to do).
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.issuers import Issuer, IssuerDirectory  # noqa: E402
from tui.playbook import Text  # noqa: E402

WORDS = "bank credit union metro transit mobile telecom card savings trust city national".split()
HAN = "工商建设农业交通招商银行邮政储蓄移动联通电信地铁公交一卡通城市"


def generate(count: int, rng: random.Random) -> IssuerDirectory:
    issuers = []
    for i in range(count):
        en = " ".join(rng.choice(WORDS).title() for _ in range(3)) + f" {i}"
        zh = "".join(rng.choice(HAN) for _ in range(5))
        issuers.append(
            Issuer(
                id=f"issuer-{i}",
                name=Text({"en": en, "zh-CN": zh}),
                region="CN",
                kinds=("bank",),
                aliases=(zh[:2], en.split()[0].upper()),
            )
        )
    return IssuerDirectory.of(issuers)


def per_keystroke(search, queries: list[str]) -> float:
    samples = []
    for query in queries:
        for end in range(1, len(query) + 1):  # as typed, one key at a time
            began = time.perf_counter()
            search(query[:end])
            samples.append(time.perf_counter() - began)
    samples.sort()
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.95)] * 1000


def main() -> None:
    rng = random.Random(7)
    directory = generate(5_000, rng)
    queries = ["credit union", "metro card 42", "工商银行", "moblie", "transit trust", "邮政"]
    keys = directory._keys
    print(f"hotline lookup · {platform.machine()} · Python {platform.python_version()}")
    print(f"{'issuers':>8} {'median ms':>10} {'p95 ms':>8}  what")
    baseline = per_keystroke(lambda q: [k for k in keys if q.casefold() in k], queries)
    lookup = per_keystroke(lambda q: directory.search(q, limit=30), queries)
    size = len(directory)
    print(f"{size:>8} {baseline[0]:>10.2f} {baseline[1]:>8.2f}  substring scan (baseline)")
    met = "met" if lookup[1] < 5 else "MISSED"
    ratio = lookup[0] / baseline[0]
    print(
        f"{size:>8} {lookup[0]:>10.2f} {lookup[1]:>8.2f}  search()  "
        f"target < 5 ms (p95): {met} ({ratio:.1f}x the baseline)"
    )


if __name__ == "__main__":
    main()
