// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/report/format.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace smartkpi {

/// What a KPI report says about how it was made.
struct KpiReportContext {
    std::string input;                 ///< the input file as the user named it
    KpiOptions options;                ///< the conventions used (printed in every format)
    bool lenient = false;              ///< element problems were warnings, not errors
    std::vector<std::string> warnings; ///< from reading and checking the input
};

/// Writes the KPIs of every group and every unit record ("smartkpi-kpi-report/1" in JSON, see
/// data/schema/kpi-report.schema.json; a long CSV of one row per group or unit and KPI;
/// table and Markdown with one section per group and its units side by side). Returns every
/// warning of the report (input warnings and computed ones, such as an effectiveness above
/// 100 %) for the caller to repeat on its error stream (conventions §6).
std::vector<std::string> write_kpi_report(std::ostream& out,
                                          Format format,
                                          const KpiRollup& rollup,
                                          const KpiReportContext& context);

/// Writes the KPI catalogue: identifier, ISO 22400-2 number, name, formula, unit, range,
/// trend and inputs of every KPI. The Markdown form is the reference page doc/kpis.md.
void write_kpi_list(std::ostream& out, Format format);

} // namespace smartkpi
