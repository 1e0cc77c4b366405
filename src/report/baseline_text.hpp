// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: what the formats of the energy baseline report share (the reading of the
// fit statistics, units, instants and period roles), and the table and Markdown writer.
#pragma once

#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/model/energy_series.hpp>
#include <smartkpi/report/baseline_report.hpp>
#include <smartkpi/report/format.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

/// Why the fit supports no inference (standard errors, t, p, F test), or nothing when it does.
std::optional<std::string> no_inference(const FitStatistics& s);

/// The fit statistics as KPI values: the engine's doubles are finite whenever they are
/// defined, and a report never prints NaN (conventions §1), so anything else is "undefined"
/// with the reason.
struct StatisticValues {
    KpiValue r2, adj_r2, cv_rmse, nmbe, rmse, mean_energy, f_statistic, f_p_value, autocorrelation,
        n_effective;
};

StatisticValues statistic_values(const FitStatistics& s);

/// The unit of `name` in `unit` (a KPI value's unit, a threshold's).
std::string_view check_unit(std::string_view name);

/// What the report needs to know about the series of one result.
struct SeriesInfo {
    const EnergySeries* series = nullptr; // null when the caller gave none
    std::string production_unit;          // "t", or "" when unknown
};

SeriesInfo series_info(const BaselineReportOptions& o, std::size_t i);

/// Unit of a coefficient: energy per period for the intercept, else energy per driver unit.
/// A per-day model's coefficients are per day: the intercept in energy/d, those of mean
/// temperatures (hinge slopes, temperature* drivers) in energy/(°C·d); a summable driver's
/// keeps its unit, both sides being per day.
std::string coefficient_unit(std::string_view name,
                             const std::string& energy_unit,
                             const SeriesInfo& info,
                             bool per_day = false);

/// Unit of the fit's energy statistics (RMSE, mean): energy per period, or per day.
std::string statistic_energy_unit(const std::string& energy_unit, bool per_day);

std::string enpi_ratio_unit(const std::string& energy_unit, const SeriesInfo& info);

bool midnight(UnixMillis t);

/// An instant as the user most likely wrote it: a date when it is midnight UTC.
std::string instant_text(UnixMillis t, bool date_only);

bool all_midnight(const EnergySeries& s);

/// Which part of the analysis a period belongs to (energy_baseline.hpp: a period that
/// straddles the upgrade, or one the model could not be evaluated for, is left out).
std::string_view period_role(const EnergySeries& s, const BaselineResult& r, std::size_t i);

std::optional<double> predicted_at(const BaselineResult& r, std::size_t i);

bool is_selected(const Candidate& c, const BaselineModel& m);

/// The warnings of one result, the reader's first when `with_reader`.
std::vector<std::string>
result_warnings(const BaselineResult& r, const BaselineReportOptions& o, bool with_reader);

/// The table (`Format::table`) or Markdown form of the report.
void write_baseline_text(std::ostream& out,
                         Format format,
                         std::span<const BaselineResult> results,
                         const BaselineReportOptions& options);

} // namespace smartkpi::detail
