#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
"""Regenerates the illustrative energy series in data/energy/ (deterministic: fixed seeds).

The series are made up, not measured. Daily temperatures follow Yangtze River Delta monthly
means; hdd/cdd are the sums of the daily degree days on an 18 degC base and temperature_c is the
mean of the daily temperatures, so the three agree. Energy = base load per day + energy per
tonne x production + heating below 14 degC + cooling above 21 degC (daily degree days) + noise
(2-2.5 % monthly, 3 % daily). From 2025-01-01 (the upgrade) base load and energy per tonne fall by
one factor, chosen so that the press plant's energy per tonne in 2025 is 13.8 % below 2023-2024
while its output grows 8 %. SH-05 in yrd-factories-monthly.csv has a missing energy value.

Usage: python3 tests/data/energy/make_samples.py [OUT_DIR]   (default: data/energy)
"""
import datetime as dt
import json
import os
import sys

import numpy as np

UPGRADE = dt.date(2025, 1, 1)
BASE_C, HEAT_C, COOL_C = 18.0, 14.0, 21.0

# Monthly mean temperatures (degC, Jan..Dec), rounded climate normals.
CLIMATE = {
    "shanghai": [4.8, 6.6, 10.2, 15.6, 20.8, 24.5, 28.9, 28.4, 24.8, 19.8, 13.9, 7.6],
    "nanjing": [3.0, 5.3, 10.0, 16.1, 21.4, 25.1, 28.1, 27.6, 23.3, 17.6, 11.1, 5.0],
    "hangzhou": [5.0, 7.2, 11.0, 16.8, 21.8, 25.2, 29.3, 28.6, 24.4, 19.1, 13.2, 7.1],
    "hefei": [2.9, 5.5, 10.4, 16.6, 21.9, 25.4, 28.4, 27.8, 23.4, 17.6, 11.0, 5.0],
}


def month_starts(first, count):
    out = []
    y, m = first.year, first.month
    for _ in range(count + 1):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def daily_temperatures(climate, first, last, seed):
    """Daily mean temperatures for [first, last): the monthly normal, interpolated between
    mid-months, plus an autocorrelated weather anomaly and a small year-to-year offset."""
    rng = np.random.default_rng(seed)
    # Anchors at mid-month whose piecewise-linear interpolation has the normals as monthly
    # means (mean over a month = 3/4 own anchor + 1/8 of each neighbour's).
    mix = np.zeros((12, 12))
    for m in range(12):
        mix[m, m], mix[m, (m - 1) % 12], mix[m, (m + 1) % 12] = 0.75, 0.125, 0.125
    normals = np.linalg.solve(mix, np.array(CLIMATE[climate]))
    days = (last - first).days
    temps = np.empty(days)
    anomaly = 0.0
    year_offset = {}
    for i in range(days):
        d = first + dt.timedelta(days=i)
        if d.year not in year_offset:
            year_offset[d.year] = rng.normal(0.0, 0.4)
        # position in months, 0 = mid-January
        pos = d.month - 1 + (d.day - 1) / 30.5 - 0.5
        lo = int(np.floor(pos)) % 12
        hi = (lo + 1) % 12
        frac = pos - np.floor(pos)
        normal = normals[lo] * (1 - frac) + normals[hi] * frac
        anomaly = 0.75 * anomaly + rng.normal(0.0, 1.6)
        temps[i] = normal + anomaly + year_offset[d.year]
    return temps


def degree_days(temps, base):
    return np.maximum(base - temps, 0.0).sum(), np.maximum(temps - base, 0.0).sum()


def aggregate(first, bounds, temps):
    """Per period [bounds[k], bounds[k+1]): days, mean temperature, hdd18, cdd18, heating
    degree days below 14 and cooling degree days above 21."""
    rows = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        t = temps[(a - first).days:(b - first).days]
        hdd, cdd = degree_days(t, BASE_C)
        heat = np.maximum(HEAT_C - t, 0.0).sum()
        cool = np.maximum(t - COOL_C, 0.0).sum()
        rows.append(dict(start=a, end=b, days=len(t), temp=round(float(t.mean()), 1),
                         hdd=round(float(hdd), 1), cdd=round(float(cdd), 1), heat=heat, cool=cool))
    return rows


def monthly_production(rng, n, level, growth_2025):
    # Chinese New Year dip in February, a summer slowdown in August, a year-end push.
    season = np.array([0.97, 0.78, 1.02, 1.03, 1.04, 1.02, 0.99, 0.93, 1.03, 0.99, 1.05, 1.08])
    out = []
    for k in range(n):
        year, month = 2023 + k // 12, k % 12
        trend = {2023: 0.99, 2024: 1.01}.get(year, growth_2025)
        out.append(level * season[month] * trend * (1 + rng.normal(0.0, 0.02)))
    return np.round(np.array(out), 1)


def energy_of(rows, production, p, factor, rng, noise=0.01):
    """p: base (per day), per_t, heat, cool. factor applies to base and per_t after the upgrade."""
    out = []
    for r, q in zip(rows, production):
        f = factor if r["start"] >= UPGRADE else 1.0
        e = (f * p["base"] * r["days"] + f * p["per_t"] * q + p["heat"] * r["heat"]
             + p["cool"] * r["cool"])
        out.append(e * (1 + rng.normal(0.0, noise)))
    return np.array(out)


def calibrate_factor(rows, production, p, target_drop, seed, noise):
    """Finds the upgrade factor for which energy per tonne falls by target_drop (bisection;
    the noise draw is the same for every trial because the seed is)."""
    def drop(factor):
        e = energy_of(rows, production, p, factor, np.random.default_rng(seed), noise)
        base = np.array([r["start"] < UPGRADE for r in rows])
        before = e[base].sum() / production[base].sum()
        after = e[~base].sum() / production[~base].sum()
        return 1 - after / before
    lo, hi = 0.5, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if drop(mid) > target_drop else (lo, mid)
    return (lo + hi) / 2


def fmt(x, digits):
    return "" if x is None else f"{x:.{digits}f}"


def write_csv(path, header, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for line in lines:
            f.write(",".join(line) + "\n")


def press_plant(out_dir):
    first = dt.date(2023, 1, 1)
    bounds = month_starts(first, 36)
    temps = daily_temperatures("shanghai", first, bounds[-1], seed=20230101)
    rows = aggregate(first, bounds, temps)
    rng = np.random.default_rng(7)
    # 2025 output 8 % above the 2023-2024 mean (whose trend factors average 1.0).
    production = monthly_production(rng, 36, 2050.0, 1.083)
    p = dict(base=5200.0, per_t=385.0, heat=620.0, cool=880.0)
    factor = calibrate_factor(rows, production, p, 0.138, seed=11, noise=0.025)
    energy = np.round(energy_of(rows, production, p, factor, np.random.default_rng(11), 0.025))
    header = ["start", "end", "energy_kWh", "production_t", "hdd", "cdd", "temperature_c"]
    lines, periods = [], []
    for r, e, q in zip(rows, energy, production):
        lines.append([r["start"].isoformat(), r["end"].isoformat(), fmt(e, 0), fmt(q, 1),
                      fmt(r["hdd"], 1), fmt(r["cdd"], 1), fmt(r["temp"], 1)])
        periods.append({"start": r["start"].isoformat(), "end": r["end"].isoformat(),
                        "energy": int(e), "production": float(q), "hdd": r["hdd"],
                        "cdd": r["cdd"], "temperature_c": r["temp"]})
    write_csv(os.path.join(out_dir, "press-plant-monthly.csv"), header, lines)
    doc = {"$schema": "../schema/energy-series.schema.json",
           "format": "smartkpi-energy-series/1", "energy_unit": "kWh", "production_unit": "t",
           "periods": periods}
    with open(os.path.join(out_dir, "press-plant-monthly.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return factor


def yrd_factories(out_dir):
    first = dt.date(2023, 1, 1)
    bounds = month_starts(first, 36)
    # id, climate, production level (t/month), params (kWh), upgrade factor, behaviour
    plants = [
        ("SH-01", "shanghai", 3200.0, dict(base=9000.0, per_t=410.0, heat=900.0, cool=1300.0), 0.86),
        ("JS-02", "nanjing", 1500.0, dict(base=4000.0, per_t=520.0, heat=1500.0, cool=0.0), 0.90),
        ("ZJ-03", "hangzhou", 2400.0, dict(base=6000.0, per_t=300.0, heat=0.0, cool=1800.0), 0.88),
        ("AH-04", "hefei", 5200.0, dict(base=7000.0, per_t=610.0, heat=0.0, cool=0.0), 0.92),
        ("SH-05", "shanghai", 900.0, dict(base=2500.0, per_t=450.0, heat=350.0, cool=500.0), 0.85),
        ("JS-06", "nanjing", 2000.0, dict(base=5000.0, per_t=400.0, heat=700.0, cool=900.0), 1.00),
    ]
    header = ["factory", "start", "end", "energy_MWh", "production_t", "hdd", "cdd",
              "temperature_c"]
    lines = []
    for k, (fid, climate, level, p, factor) in enumerate(plants):
        temps = daily_temperatures(climate, first, bounds[-1], seed=1000 + k)
        rows = aggregate(first, bounds, temps)
        rng = np.random.default_rng(100 + k)
        production = monthly_production(rng, 36, level, 1.0 + 0.02 * k)
        energy = energy_of(rows, production, p, factor, np.random.default_rng(200 + k), 0.02)
        energy /= 1000.0
        for i, (r, e, q) in enumerate(zip(rows, energy, production)):
            # SH-05's meter failed in 2024-05: the energy is missing, not zero.
            missing = fid == "SH-05" and r["start"] == dt.date(2024, 5, 1)
            lines.append([fid, r["start"].isoformat(), r["end"].isoformat(),
                          "" if missing else fmt(e, 3), fmt(q, 1), fmt(r["hdd"], 1),
                          fmt(r["cdd"], 1), fmt(r["temp"], 1)])
    write_csv(os.path.join(out_dir, "yrd-factories-monthly.csv"), header, lines)


def press_plant_daily(out_dir):
    first, last = dt.date(2024, 1, 1), dt.date(2026, 1, 1)
    bounds = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    temps = daily_temperatures("shanghai", first, last, seed=20240101)
    rows = aggregate(first, bounds, temps)
    rng = np.random.default_rng(17)
    production = []
    for r in rows:
        d = r["start"]
        level = 70.0 if d.weekday() < 5 else (38.0 if d.weekday() == 5 else 12.0)
        if d.month == 2 and d.day <= 14:  # Spring Festival shutdown, shortened
            level = 15.0
        if d >= UPGRADE:
            level *= 1.08
        production.append(max(0.0, level * (1 + rng.normal(0.0, 0.05))))
    production = np.round(np.array(production), 1)
    p = dict(base=5200.0, per_t=385.0, heat=620.0, cool=880.0)
    energy = np.round(energy_of(rows, production, p, 0.85, np.random.default_rng(19), 0.03))
    header = ["start", "end", "energy_kWh", "production_t", "hdd", "cdd", "temperature_c"]
    lines = [[r["start"].isoformat(), r["end"].isoformat(), fmt(e, 0), fmt(q, 1),
              fmt(r["hdd"], 1), fmt(r["cdd"], 1), fmt(r["temp"], 1)]
             for r, e, q in zip(rows, energy, production)]
    write_csv(os.path.join(out_dir, "press-plant-daily.csv"), header, lines)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "data/energy"
    os.makedirs(out_dir, exist_ok=True)
    factor = press_plant(out_dir)
    yrd_factories(out_dir)
    press_plant_daily(out_dir)
    print(f"press plant upgrade factor {factor:.4f}")


if __name__ == "__main__":
    main()
