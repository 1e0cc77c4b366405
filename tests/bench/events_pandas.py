#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The smartkpi developers
"""Reference for the events benchmark: the KPIs of `smartkpi events kpi --by
site,line,machine,shift --format csv` computed with pandas from a CSV event log (issue 4),
written as the same CSV columns.

    /usr/bin/python3 tests/bench/events_pandas.py --log events.csv [--output OUT.csv]

The whole log is read at once, as a pandas user would, with compact dtypes (categories for
the text columns, 32-bit counts). Conventions as smartkpi's: times summed as integer
milliseconds per state and written in seconds; ideal time summed exactly in integer
microseconds; a ratio with a zero denominator is empty, except that OEE is 0 when PBT > 0
and nothing was produced.
"""
import argparse
import sys

import numpy as np
import pandas as pd

KEYS = ["site", "line", "machine", "shift"]
COLUMNS = KEYS + ["pbt_s", "apt_s", "adet_s", "aust_s", "adot_s", "pq", "gq", "sq", "rq",
                  "availability", "effectiveness", "quality_ratio", "oee"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--output", default="-")
    args = parser.parse_args()

    df = pd.read_csv(
        args.log,
        dtype={"site": "category", "line": "category", "machine": "category",
               "shift": "category", "start": str, "end": str, "state": "category",
               "reason": "category", "good": np.uint32, "scrap": np.uint32,
               "rework": np.uint32, "ideal_cycle_s": str},
        keep_default_na=False, na_values=[], engine="c")

    def millis(column: str) -> np.ndarray:
        t = pd.to_datetime(df[column], format="%Y-%m-%dT%H:%M:%S%z", utc=True)
        df.drop(columns=column, inplace=True)
        return t.values.astype("datetime64[ms]").astype(np.int64)

    ms = -millis("start")
    ms += millis("end")
    # ideal_cycle_s in integer microseconds (decimal text, at most 6 decimals).
    cycles = df["ideal_cycle_s"].astype("category")
    cycle_us = np.array([round(float(c) * 1e6) for c in cycles.cat.categories], dtype=np.int64)
    pq = (df["good"].astype(np.int64) + df["scrap"] + df["rework"]).to_numpy()

    state = df["state"]
    sums = pd.DataFrame({
        "pbt_ms": np.where((state != "PLANNED_STOP").to_numpy(), ms, 0),
        "apt_ms": np.where((state == "PRODUCING").to_numpy(), ms, 0),
        "adet_ms": np.where((state == "DOWN").to_numpy(), ms, 0),
        "aust_ms": np.where((state == "SETUP").to_numpy(), ms, 0),
        "adot_ms": np.where((state == "IDLE").to_numpy(), ms, 0),
        "pq": pq,
        "gq": df["good"].to_numpy(np.int64),
        "sq": df["scrap"].to_numpy(np.int64),
        "rq": df["rework"].to_numpy(np.int64),
        "ideal_us": cycle_us[cycles.cat.codes.to_numpy()] * pq,
    })
    for key in KEYS:
        sums[key] = df[key]
    del df, state, cycles, ms, pq
    g = sums.groupby(KEYS, observed=True, sort=False).sum().reset_index()
    del sums
    for key in KEYS:
        g[key] = g[key].astype(str)
    g.sort_values(KEYS, inplace=True, kind="stable")  # code point = UTF-8 byte order

    out = pd.DataFrame({key: g[key] for key in KEYS})
    for name in ["pbt", "apt", "adet", "aust", "adot"]:
        out[f"{name}_s"] = g[f"{name}_ms"] / 1000
    for name in ["pq", "gq", "sq", "rq"]:
        out[name] = g[name]

    def ratio(num: pd.Series, den: pd.Series) -> pd.Series:
        return (num / den.where(den != 0)).astype(float)

    out["availability"] = ratio(g["apt_ms"], g["pbt_ms"])
    out["effectiveness"] = ratio(g["ideal_us"] / 1000, g["apt_ms"])
    out["quality_ratio"] = ratio(g["gq"], g["pq"])
    oee = out["availability"] * out["effectiveness"] * out["quality_ratio"]
    out["oee"] = oee.mask((g["pbt_ms"] > 0) & (g["pq"] == 0), 0.0)
    out = out[COLUMNS]
    out.to_csv(sys.stdout if args.output == "-" else args.output, index=False, na_rep="",
               lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
