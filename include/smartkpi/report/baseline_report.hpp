// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/model/energy_series.hpp>
#include <smartkpi/report/format.hpp>

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// What a baseline report says besides the results.
struct BaselineReportOptions {
    /// The data file as the user named it ("-" = standard input).
    std::string source;
    /// The series the results were fitted on, one per result and in the same order. Needed for
    /// `periods` and for the production unit of the coefficients and EnPIs; may be empty
    /// otherwise.
    std::span<const EnergySeries> series;
    /// Per-period detail (start, end, baseline|reporting|excluded, actual, predicted): in CSV
    /// it replaces the summary rows; JSON adds a `series` array to each result; table and
    /// Markdown add a section.
    bool periods = false;
    /// Warnings of the reader (gaps between periods, ...), listed before each result's own.
    std::vector<std::string> warnings;
};

/// The format tag of the JSON report.
inline constexpr std::string_view kBaselineReportFormat = "smartkpi-energy-baseline-report/1";

/// Writes `smartkpi energy baseline`'s report of one or more factories (results in input
/// order).
///
/// JSON (data/schema/energy-baseline-report.schema.json): {"format", "source", then, for one
/// result, its members directly, else "factories": [result, ...] and the reader's
/// "warnings"}. A result is {"factory" (when the file names factories), "energy_unit",
/// "granularity", "upgrade_date", "periods": {"baseline", "reporting"}, "model": {"type",
/// "coefficients": {name: {"value", "unit", "std_error", "t_value", "p_value"}},
/// "balance_points" ({"heating_c", "cooling_c"} as used, or null), "drivers", "weighted"},
/// "statistics": {"n", "p", "r2", "adj_r2", "cv_rmse", "nmbe", "rmse", "mean_energy",
/// "f_statistic", "f_p_value", "autocorrelation", "n_effective", "convention"}, "acceptance":
/// {"preset", "passed", "checks", "note"}, "selection": {"reason", "candidates"}, "savings":
/// {"m", "adjusted_baseline", "actual", "avoided_energy", "avoided_percent",
/// "normalised_savings", "fsu": {"0.68": {"value", "unit", "t", "absolute"}, ...},
/// "fsu_method", "autocorrelation_corrected"}, "enpi", "warnings"}. Every value in the encoding
/// of conventions §1; ratios are fractions (§2); numbers unrounded (§4); never NaN.
///
/// CSV: one row per result with the columns kBaselineCsvColumns, then fsu_<level> per
/// confidence level (fsu_68, fsu_90, fsu_95) and energy_unit, then one column per coefficient
/// name (union over the results in first-seen order; empty where a result lacks it). With
/// `periods`: factory,start,end,period,actual,predicted, one row per period. An undefined or
/// missing value is an empty field.
///
/// Table and Markdown: per result the model and its coefficients, the fit statistics with the
/// verdict of each acceptance check, the candidates with their reasons, the savings with the
/// uncertainty at each confidence level, the EnPIs and the warnings; several results are
/// preceded by a summary table. Numbers are rounded (and the report says so).
void write_baseline_report(std::ostream& out,
                           Format format,
                           std::span<const BaselineResult> results,
                           const BaselineReportOptions& options = {});

/// The fixed leading columns of the CSV summary.
inline constexpr std::string_view kBaselineCsvColumns =
    "factory,model,heating_balance_c,cooling_balance_c,n,p,r2,adj_r2,cv_rmse,nmbe,"
    "acceptance_preset,passed,baseline_periods,reporting_periods,adjusted_baseline,actual,"
    "avoided_energy,avoided_percent,normalised_savings";

/// The warnings of a report, in the order it lists them: the reader's, then each result's
/// (prefixed with its factory when there are several). The CLI prints the same lines on
/// standard error (conventions §6).
std::vector<std::string> baseline_report_warnings(std::span<const BaselineResult> results,
                                                  const BaselineReportOptions& options);

} // namespace smartkpi
