// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/kpi_gate.hpp>
#include <smartkpi/report/format.hpp>

#include <ostream>
#include <span>
#include <string>

namespace smartkpi {

/// The inputs a check report names.
struct CheckContext {
    std::string report;          ///< the report file as the user named it
    std::string report_format;   ///< its "format", e.g. "smartkpi-kpi-report/1"
    std::string baseline;        ///< the baseline report; empty without one
    std::string baseline_format; ///< its "format"
    std::string rules;           ///< the rules file
};

/// Writes the outcome of a KPI gate. Table and Markdown: the inputs, then one row per check
/// (rule number, target, KPI, value, limit, PASS/FAIL, note; ratios as percentages, values
/// rounded), then "N rules, P passed, F failed" (and the number of checks when a rule
/// checked several targets). CSV: one unrounded row per check. JSON: "smartkpi-check-report/1"
/// with values encoded as in every report (conventions §1). `result` must come from
/// evaluate() with the same `rules`.
void write_check_report(std::ostream& out,
                        Format format,
                        std::span<const Rule> rules,
                        const GateResult& result,
                        const CheckContext& context);

/// Writes the outcome as JUnit XML for CI systems: one <testsuite name="smartkpi check"> with
/// one <testcase classname="smartkpi.check.<target>" name="<kpi> <limit>"> per check and a
/// <failure> (type threshold, unavailable or missing) in each failed one. No timestamps or
/// durations, so the file is the same for the same inputs.
void write_check_junit(std::ostream& out,
                       std::span<const Rule> rules,
                       const GateResult& result,
                       const CheckContext& context);

} // namespace smartkpi
