// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/kpi_gate.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Reads a rules file (data/schema/rules.schema.json): {"rules": [{"kpi": "oee_index",
/// "min": 0.6}, ...]}. Each rule is checked with check_rule(); "factory" is accepted as an
/// alias of "unit", KPI aliases are resolved ("oee" -> "oee_index"). Throws DataError at the
/// first problem, with file, line, column and JSON pointer (an unknown KPI is located at its
/// "kpi" value, other rule problems at the rule).
std::vector<Rule> read_rules_json(std::string_view text, const std::string& source);

/// The report formats read_gate_report_json() understands, newest last
/// ("smartkpi-kpi-report/1", "smartkpi-impact-report/1", "smartkpi-events-report/1",
/// "smartkpi-energy-baseline-report/1").
std::vector<std::string_view> gate_report_formats();

/// Reads a JSON report of smartkpi (its "format" says which, see gate_report_formats()) into
/// the records a KPI gate checks: the groups and unit records of a kpi report, the factories
/// and totals of an impact report (sections baseline, upgraded, change absolute/relative,
/// savings, savings_relative). Members the gate does not use are skipped, so that reports
/// of later versions with more members still read. With `kpis` non-empty only those KPI keys
/// are kept, so that a large report costs memory only for what the rules use.
/// Throws DataError on text that is not such a report (no or unknown "format", a value that
/// is neither {"value", ...} nor {"status", ...}), with its place.
GateReport read_gate_report_json(std::string_view text,
                                 const std::string& source,
                                 std::span<const std::string> kpis = {});

} // namespace smartkpi
