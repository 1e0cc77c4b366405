// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/energy_decomposition.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace smartkpi {

/// The two periods an impact report describes: its factories before (baseline) and after
/// (upgraded) the scenario, as `energy decompose --impact` reads them (conventions §35).
struct ImpactReportPeriods {
    DecompositionPeriod baseline;
    DecompositionPeriod upgraded;
    std::string scenario; ///< the scenario's name
    std::string hold;     ///< its hold rule: "output" or "labour"
    /// Factories the scenario does not cover: their upgraded figures are their baseline ones.
    std::size_t uncovered = 0;
};

/// Reads the JSON of `smartkpi impact --format json` ("smartkpi-impact-report/1",
/// data/schema/impact-report.schema.json): of each factory its id, sector, region, and the
/// baseline and upgraded value_added, energy_tce and co2_t. A figure given as
/// {"status": "not_available", ...} is missing (its "missing" inputs are kept for the warning).
/// Members it does not use are skipped, so that later report versions with more members read.
/// Throws DataError (ParseError, SchemaError, UnitError) with file, line, column and JSON pointer
/// on text that is not such a report: no or another "format", a factory without "id", a value
/// that is not a KPI value, a unit other than the report's currency, "tce" or "tCO2".
ImpactReportPeriods read_impact_report_periods(std::string_view text, const std::string& source);

} // namespace smartkpi
