#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
"""Compares two CSV reports of `smartkpi events kpi --by site,line,machine,shift` (or of the
benchmark's DuckDB and pandas references): the same header, the same keys in the same
order, times (columns ending in _s) equal within 1e-6 s, counts exactly, ratios within 1e-9
relative or both empty.

    compare_event_csv.py A.csv B.csv [--max-report N]

Prints the first differences (10 by default) and exits 1 when the files differ, 0 when
they agree, 2 on a usage or input error. Standard library only.
"""
import argparse
import csv
import sys
from decimal import Decimal, InvalidOperation

HEADER = ["site", "line", "machine", "shift", "pbt_s", "apt_s", "adet_s", "aust_s", "adot_s",
          "pq", "gq", "sq", "rq", "availability", "effectiveness", "quality_ratio", "oee"]
KEYS = 4
TIME_TOLERANCE_S = 1e-6
RATIO_TOLERANCE = 1e-9


def number(text: str):
    """The value of a numeric field as a Decimal, None when empty."""
    if text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def compare_field(name: str, a: str, b: str):
    """None when the fields agree, else a reason."""
    if name in ("pq", "gq", "sq", "rq"):
        x, y = number(a), number(b)
        if x is None or y is None or x != x.to_integral_value() or x != y:
            return "counts differ"
        return None
    if a == "" or b == "":
        return None if a == b else "one is empty"
    x, y = float(number(a)), float(number(b))
    if name.endswith("_s"):
        return None if abs(x - y) <= TIME_TOLERANCE_S else f"differ by {abs(x - y):.3g} s"
    scale = max(abs(x), abs(y))
    if abs(x - y) <= RATIO_TOLERANCE * scale or scale < 1e-300:
        return None
    return f"relative difference {abs(x - y) / scale:.3g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--max-report", type=int, default=10)
    args = parser.parse_args()

    problems = 0

    def report(message: str) -> None:
        nonlocal problems
        problems += 1
        if problems <= args.max_report:
            print(message)

    try:
        with open(args.a, newline="", encoding="utf-8") as fa, \
                open(args.b, newline="", encoding="utf-8") as fb:
            ra, rb = csv.reader(fa), csv.reader(fb)
            ha, hb = next(ra, None), next(rb, None)
            for label, header in ((args.a, ha), (args.b, hb)):
                if header != HEADER:
                    print(f"{label}: header {header} is not {HEADER}")
                    return 1
            rows = 0
            line = 1
            while True:
                a, b = next(ra, None), next(rb, None)
                line += 1
                if a is None and b is None:
                    break
                if a is None or b is None:
                    longer, row = (args.b, b) if a is None else (args.a, a)
                    extra = 1 + sum(1 for _ in (rb if a is None else ra))
                    report(f"line {line}: {longer} has {extra} more rows, from "
                           f"{','.join(row[:KEYS])}")
                    break
                rows += 1
                if len(a) != len(HEADER) or len(b) != len(HEADER):
                    report(f"line {line}: {len(a)} and {len(b)} fields, not {len(HEADER)}")
                    continue
                if a[:KEYS] != b[:KEYS]:
                    report(f"line {line}: keys differ: {','.join(a[:KEYS])} vs "
                           f"{','.join(b[:KEYS])}")
                    continue
                for i in range(KEYS, len(HEADER)):
                    try:
                        why = compare_field(HEADER[i], a[i], b[i])
                    except ValueError as e:
                        why = str(e)
                    if why is not None:
                        report(f"line {line} ({','.join(a[:KEYS])}): {HEADER[i]}: "
                               f"{a[i]!r} vs {b[i]!r}: {why}")
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        print(f"compare_event_csv: {e}", file=sys.stderr)
        return 2

    if problems:
        if problems > args.max_report:
            print(f"... {problems - args.max_report} more differences")
        print(f"DIFFER: {problems} differences ({args.a} vs {args.b}, {rows} rows compared)")
        return 1
    print(f"agree: {rows} rows ({args.a} vs {args.b})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
