#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
"""Independent check of `smartkpi energy baseline` on the benchmark's monthly file.

For a sample of factories it takes the model form smartkpi selected, searches that form's
balance points by brute force (numpy least squares at every grid point: multiples of 0.5 °C
with at least 3 baseline points on each side, as BaselineOptions documents), and compares the
balance points, the coefficients, R², CV(RMSE) and NMBE (ASHRAE Guideline 14, p counting the
intercept) with smartkpi's CSV report, to 1e-9 relative.

    energy_numpy_check.py SERIES.csv REPORT.csv [SAMPLE]
"""
import csv
import sys
from collections import defaultdict

import numpy as np

STEP = 0.5
MIN_POINTS = 3
UPGRADE = "2025-01-01"


def read_series(path):
    rows = defaultdict(list)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["end"] <= UPGRADE:
                rows[r["factory"]].append(
                    (float(r["energy_kWh"]), float(r["production_t"]), float(r["temperature_c"])))
    return {k: np.array(v) for k, v in rows.items()}


def design(form, prod, temp, th, tc):
    cols = [np.ones_like(prod), prod]
    if form in ("3ph", "4p", "5p"):
        cols.append(np.maximum(th - temp, 0.0))
    if form in ("3pc", "4p", "5p"):
        cols.append(np.maximum(temp - tc, 0.0))
    return np.column_stack(cols)


def fit(x, y):
    b, *_ = np.linalg.lstsq(x, y, rcond=None)
    e = y - x @ b
    return b, float(e @ e), e


def candidates(form, temp):
    t = np.sort(temp)
    n = len(t)
    lo = np.ceil(t[MIN_POINTS - 1] / STEP)
    hi = np.floor(t[n - MIN_POINTS] / STEP)
    grid = [(lo + k) * STEP for k in range(int(hi - lo) + 1)]
    below = lambda b: int(np.sum(temp < b))
    above = lambda b: int(np.sum(temp > b))
    if form == "3ph":
        return [(b, None) for b in grid if below(b) >= MIN_POINTS and n - below(b) >= MIN_POINTS]
    if form == "3pc":
        return [(None, b) for b in grid if above(b) >= MIN_POINTS and n - above(b) >= MIN_POINTS]
    if form == "4p":
        return [(b, b) for b in grid if below(b) >= MIN_POINTS and above(b) >= MIN_POINTS]
    if form == "5p":
        return [(h, c) for i, h in enumerate(grid) for c in grid[i + 1:]
                if below(h) >= MIN_POINTS and above(c) >= MIN_POINTS]
    return [(None, None)]


def best(form, y, prod, temp):
    found = None
    for th, tc in candidates(form, temp):
        x = design(form, prod, temp, th, tc)
        if np.linalg.matrix_rank(x) < x.shape[1]:
            continue
        b, sse, e = fit(x, y)
        if form != "ols" and not np.all(b[2:] > 0):
            continue  # qualification: heating and cooling slopes > 0
        if found is None or sse < found[1]:
            found = (b, sse, e, th, tc)
    return found


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def main():
    series = read_series(sys.argv[1])
    with open(sys.argv[2], newline="") as f:
        report = list(csv.DictReader(f))
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    stride = max(1, len(report) // sample)
    checked = bad = 0
    for r in report[::stride]:
        data = series[r["factory"]]
        y, prod, temp = data[:, 0], data[:, 1], data[:, 2]
        form = r["model"]
        b, sse, e, th, tc = best(form, y, prod, temp)
        n, p = len(y), len(b)
        mean = y.mean()
        stats = {
            "r2": 1 - sse / float(((y - mean) ** 2).sum()),
            "cv_rmse": np.sqrt(sse / (n - p)) / mean,
            "nmbe": e.sum() / ((n - p) * mean),
        }
        names = ["intercept", "production", "heating_slope", "cooling_slope"]
        used = names[:2] + (["heating_slope"] if th is not None else []) + (
            ["cooling_slope"] if tc is not None else [])
        problems = []
        if th is not None and not close(float(r["heating_balance_c"]), th):
            problems.append(f"heating balance {r['heating_balance_c']} vs {th}")
        if tc is not None and not close(float(r["cooling_balance_c"]), tc):
            problems.append(f"cooling balance {r['cooling_balance_c']} vs {tc}")
        for name, value in zip(used, b):
            if not close(float(r[name]), value):
                problems.append(f"{name} {r[name]} vs {value!r}")
        for key in ("r2", "cv_rmse"):
            if not close(float(r[key]), stats[key]):
                problems.append(f"{key} {r[key]} vs {stats[key]!r}")
        # NMBE of an OLS fit with an intercept is zero up to rounding: compare absolutely.
        if abs(float(r["nmbe"]) - stats["nmbe"]) > 1e-9:
            problems.append(f"nmbe {r['nmbe']} vs {stats['nmbe']!r}")
        checked += 1
        if problems:
            bad += 1
            print(f"{r['factory']} ({form}): " + "; ".join(problems))
    print(f"numpy check: {checked} factories, {bad} disagree (balance points by brute force, "
          "coefficients and statistics to 1e-9 relative)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
