#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
"""Deterministic synthetic work units for `smartkpi kpi compute` (smartkpi-units/1).

    tests/bench/gen_units.py COUNT > units.json

Units are spread over 4 regions, 20 sites and 50 lines per site, one 8-hour shift each, with
consistent elements (APT + AUST + ADET <= PBT, GQ + SQ = PQ, PRI x PQ <= APT) and short
reliability lists, so that most OEE-family KPIs are available and the rest are not.
"""
import json
import random
import sys


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(1)
    regions = ["Shanghai", "Jiangsu", "Zhejiang", "Anhui"]
    out = sys.stdout
    out.write('{"format": "smartkpi-units/1", "units": [\n')
    for i in range(count):
        pbt = 28800
        apt = rng.randint(18000, 26000)
        aust = rng.randint(0, 1500)
        adet = pbt - apt - aust - rng.randint(0, 500)
        pri = rng.choice([1.0, 2.5, 4.0])
        pq = int(apt / pri * rng.uniform(0.7, 0.98))
        gq = int(pq * rng.uniform(0.9, 0.999))
        unit = {
            "id": f"M{i:07d}",
            "line": f"L{i // 10 % 50}",
            "site": f"S{i // 500 % 20}",
            "region": regions[i % 4],
            "period": {"start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z"},
            "elements": {"pbt": pbt, "apt": apt, "aust": aust, "adet": adet, "pri": pri,
                         "pq": pq, "gq": gq, "sq": pq - gq},
            "tbf": [8000, 9000],
            "ttr": [600, 700],
        }
        out.write(("," if i else "") + json.dumps(unit) + "\n")
    out.write("]}\n")


if __name__ == "__main__":
    main()
