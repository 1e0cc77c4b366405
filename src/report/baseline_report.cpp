// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/baseline_text.hpp"
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/report/baseline_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string_view>

// The JSON and CSV forms of the energy baseline report, and what all its formats share; the
// table and Markdown forms are in baseline_text.cpp.

namespace smartkpi::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kDayMs = 86'400'000;

// Reading the numbers -----------------------------------------------------------------------

/// A statistic as a KPI value: the engine's doubles are finite whenever they are defined, and
/// a report never prints NaN (conventions §1), so anything else is "undefined" with the reason.
KpiValue defined_or(double v, std::string_view reason) {
    return std::isfinite(v) ? KpiValue::of(v) : KpiValue::undefined(std::string(reason));
}

/// Unit of one unit of `driver` (a production unit when known).
std::string driver_unit(std::string_view driver, const SeriesInfo& info) {
    if (driver == "production") {
        return info.production_unit.empty() ? std::string("production unit") : info.production_unit;
    }
    if (driver == "hdd" || driver == "cdd") {
        return "°C·d";
    }
    if (driver == "temperature_c" || driver == "heating_slope" || driver == "cooling_slope") {
        return "°C";
    }
    return std::string(driver) + " unit";
}

/// Whether a coefficient's driver is divided by the days in a per-day fit (the engine's rule,
/// energy_baseline.hpp): the hinge slopes and temperature* drivers are not.
bool summable_driver(std::string_view name) {
    return name != "heating_slope" && name != "cooling_slope" && !name.starts_with("temperature");
}

/// "0.68", "0.90", "0.95": two decimals, or the shortest text when two are not enough.
std::string confidence_key(double level) {
    if (std::abs(std::round(level * 100) / 100 - level) < 1e-12) {
        return fmt::format("{:.2f}", level);
    }
    return detail::number_text(level);
}

/// "fsu_68", "fsu_90", "fsu_95" (a level such as 0.995 gives "fsu_99.5").
std::string fsu_column(double level) {
    return "fsu_" + detail::number_text(std::round(level * 1e6) / 1e4);
}

} // namespace

std::optional<std::string> no_inference(const FitStatistics& s) {
    if (s.n <= s.p) {
        return fmt::format("no residual degree of freedom: n = {}, p = {}", s.n, s.p);
    }
    if (!s.inference) {
        return std::string("no inference: the baseline data lie exactly on the model");
    }
    return std::nullopt;
}

StatisticValues statistic_values(const FitStatistics& s) {
    StatisticValues v;
    const bool has_dof = s.n > s.p;
    const std::string no_dof =
        fmt::format("no residual degree of freedom: n = {}, p = {}", s.n, s.p);
    const std::string zero_mean = "zero denominator: mean energy = 0";
    v.r2 = defined_or(s.r2, "zero denominator: energy is constant over the baseline");
    v.adj_r2 = has_dof ? defined_or(s.adj_r2, "zero denominator: energy is constant over the "
                                              "baseline")
                       : KpiValue::undefined(no_dof);
    v.cv_rmse = !has_dof        ? KpiValue::undefined(no_dof)
                : s.mean_y == 0 ? KpiValue::undefined(zero_mean)
                                : defined_or(s.cv_rmse, zero_mean);
    v.nmbe = !has_dof        ? KpiValue::undefined(no_dof)
             : s.mean_y == 0 ? KpiValue::undefined(zero_mean)
                             : defined_or(s.nmbe, zero_mean);
    v.rmse = has_dof ? defined_or(s.rmse, no_dof) : KpiValue::undefined(no_dof);
    v.mean_energy = defined_or(s.mean_y, "no baseline point");
    if (s.p < 2) {
        const std::string no_slope = "no slope in the model (p = 1)";
        v.f_statistic = KpiValue::undefined(no_slope);
        v.f_p_value = KpiValue::undefined(no_slope);
    } else if (const auto why = no_inference(s)) {
        v.f_statistic = KpiValue::undefined(*why);
        v.f_p_value = KpiValue::undefined(*why);
    } else {
        v.f_statistic = defined_or(s.f_statistic, "zero denominator: the model fits exactly");
        v.f_p_value = defined_or(s.f_p_value, "zero denominator: the model fits exactly");
    }
    const std::string no_rho = "needs 3 or more points with residuals that are not constant";
    v.autocorrelation =
        s.n >= 3 ? defined_or(s.autocorrelation, no_rho) : KpiValue::undefined(no_rho);
    v.n_effective = v.autocorrelation.available() ? defined_or(s.n_effective, no_rho)
                                                  : KpiValue::undefined(no_rho);
    return v;
}

std::string_view check_unit(std::string_view name) {
    if (name == "cv_rmse" || name == "nmbe") {
        return "%";
    }
    return "1";
}

SeriesInfo series_info(const BaselineReportOptions& o, std::size_t i) {
    SeriesInfo info;
    if (i < o.series.size()) {
        info.series = &o.series[i];
        info.production_unit = o.series[i].production_unit;
    }
    return info;
}

std::string coefficient_unit(std::string_view name,
                             const std::string& energy_unit,
                             const SeriesInfo& info,
                             bool per_day) {
    if (name == "intercept") {
        return statistic_energy_unit(energy_unit, per_day);
    }
    std::string per = driver_unit(name, info);
    // Energy per day over a mean temperature: (energy/d)/°C = energy/(°C·d). A summable driver
    // is per day on both sides, so its coefficient's unit does not change.
    if (per_day && !summable_driver(name)) {
        per += "·d";
    }
    const bool compound = per.find(' ') != std::string::npos ||
                          per.find('/') != std::string::npos || per.find("·") != std::string::npos;
    return !compound ? fmt::format("{}/{}", energy_unit, per)
                     : fmt::format("{}/({})", energy_unit, per);
}

std::string statistic_energy_unit(const std::string& energy_unit, bool per_day) {
    return per_day ? energy_unit + "/d" : energy_unit;
}

std::string enpi_ratio_unit(const std::string& energy_unit, const SeriesInfo& info) {
    return coefficient_unit("production", energy_unit, info);
}

bool midnight(UnixMillis t) {
    return t % kDayMs == 0;
}

std::string instant_text(UnixMillis t, bool date_only) {
    const std::string full = format_timestamp_ms(t);
    return date_only ? full.substr(0, 10) : full;
}

bool all_midnight(const EnergySeries& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!midnight(s.start[i]) || !midnight(s.end[i])) {
            return false;
        }
    }
    return true;
}

std::string_view period_role(const EnergySeries& s, const BaselineResult& r, std::size_t i) {
    const double predicted = i < r.predicted.size() ? r.predicted[i] : kNaN;
    if (!std::isfinite(s.energy[i]) || !std::isfinite(predicted)) {
        return "excluded";
    }
    if (s.end[i] <= r.upgrade) {
        return "baseline";
    }
    if (s.start[i] >= r.upgrade) {
        return "reporting";
    }
    return "excluded";
}

std::optional<double> predicted_at(const BaselineResult& r, std::size_t i) {
    if (i < r.predicted.size() && std::isfinite(r.predicted[i])) {
        return r.predicted[i];
    }
    return std::nullopt;
}

bool is_selected(const Candidate& c, const BaselineModel& m) {
    return c.fitted && c.type == m.type && c.heating_balance_c == m.heating_balance_c &&
           c.cooling_balance_c == m.cooling_balance_c;
}

std::vector<std::string>
result_warnings(const BaselineResult& r, const BaselineReportOptions& o, bool with_reader) {
    std::vector<std::string> out;
    if (with_reader) {
        out = o.warnings;
    }
    out.insert(out.end(), r.warnings.begin(), r.warnings.end());
    return out;
}

namespace {

// JSON ----------------------------------------------------------------------------------------

class JsonReport {
  public:
    JsonReport(std::ostream& out, const BaselineReportOptions& o) : w_(out), o_(o) {}

    void write(std::span<const BaselineResult> results) {
        w_.begin_object();
        w_.key("format").string(kBaselineReportFormat);
        w_.key("source").string(o_.source);
        if (results.size() == 1) {
            members(results[0], series_info(o_, 0), true);
        } else {
            w_.key("factories");
            w_.begin_array();
            for (std::size_t i = 0; i < results.size(); ++i) {
                w_.begin_object();
                members(results[i], series_info(o_, i), false);
                w_.end_object();
            }
            w_.end_array();
            w_.key("warnings").strings(o_.warnings);
        }
        w_.end_object();
        w_.flush();
    }

  private:
    void members(const BaselineResult& r, const SeriesInfo& info, bool single) {
        const bool dates = info.series == nullptr || all_midnight(*info.series);
        if (!r.factory.empty()) {
            w_.key("factory").string(r.factory);
        }
        w_.key("energy_unit").string(r.energy_unit);
        w_.key("granularity").string(to_string(r.granularity));
        w_.key("upgrade_date").string(instant_text(r.upgrade, dates && midnight(r.upgrade)));
        w_.key("periods");
        w_.begin_object(true);
        w_.key("baseline").integer(static_cast<long long>(r.baseline_periods));
        w_.key("reporting").integer(static_cast<long long>(r.reporting_periods));
        w_.end_object();
        model(r, info);
        statistics(r.model.statistics, statistic_energy_unit(r.energy_unit, r.model.per_day));
        acceptance(r.model.acceptance);
        selection(r);
        savings(r.savings, r.energy_unit);
        enpi(r.enpi, r.energy_unit, info);
        if (o_.periods && info.series != nullptr) {
            series(r, *info.series, dates);
        }
        w_.key("warnings").strings(result_warnings(r, o_, single));
    }

    void number_or_undefined(double v, bool defined, std::string_view reason) {
        if (defined && std::isfinite(v)) {
            w_.number(v);
        } else {
            w_.kpi(KpiValue::undefined(std::string(reason)), {});
        }
    }

    void balance_points(const std::optional<double>& heating,
                        const std::optional<double>& cooling) {
        if (!heating && !cooling) {
            w_.null();
            return;
        }
        w_.begin_object(true);
        if (heating) {
            w_.key("heating_c").number(*heating);
        }
        if (cooling) {
            w_.key("cooling_c").number(*cooling);
        }
        w_.end_object();
    }

    void model(const BaselineResult& r, const SeriesInfo& info) {
        const BaselineModel& m = r.model;
        const std::optional<std::string> why = no_inference(m.statistics);
        w_.key("model");
        w_.begin_object();
        w_.key("type").string(to_string(m.type));
        w_.key("coefficients");
        w_.begin_object();
        for (const auto& c : m.coefficients) {
            w_.key(c.name);
            w_.begin_object(true);
            w_.key("value").number(c.value);
            w_.key("unit").string(coefficient_unit(c.name, r.energy_unit, info, m.per_day));
            w_.key("std_error");
            number_or_undefined(c.std_error, !why, why.value_or(""));
            w_.key("t_value");
            number_or_undefined(c.t_value, !why, why.value_or(""));
            w_.key("p_value");
            number_or_undefined(c.p_value, !why, why.value_or(""));
            w_.end_object();
        }
        w_.end_object();
        w_.key("balance_points");
        balance_points(m.heating_balance_c, m.cooling_balance_c);
        w_.key("drivers").strings(m.drivers, true);
        w_.key("weighted").boolean(m.weighted);
        // Written only for a per-day model, so that the reports of per-period models stay as
        // they were; absent means false (the schema says so).
        if (m.per_day) {
            w_.key("per_day").boolean(true);
        }
        w_.end_object();
    }

    void statistics(const FitStatistics& s, const std::string& energy_unit) {
        const StatisticValues v = statistic_values(s);
        w_.key("statistics");
        w_.begin_object();
        w_.key("n").integer(static_cast<long long>(s.n));
        w_.key("p").integer(static_cast<long long>(s.p));
        w_.key("r2").kpi(v.r2, "1");
        w_.key("adj_r2").kpi(v.adj_r2, "1");
        w_.key("cv_rmse").kpi(v.cv_rmse, "%");
        w_.key("nmbe").kpi(v.nmbe, "%");
        w_.key("rmse").kpi(v.rmse, energy_unit);
        w_.key("mean_energy").kpi(v.mean_energy, energy_unit);
        w_.key("f_statistic").kpi(v.f_statistic, "1");
        w_.key("f_p_value").kpi(v.f_p_value, "1");
        w_.key("autocorrelation").kpi(v.autocorrelation, "1");
        w_.key("n_effective").kpi(v.n_effective, "1");
        w_.key("convention").string(s.convention);
        w_.end_object();
    }

    void acceptance(const Acceptance& a) {
        w_.key("acceptance");
        w_.begin_object();
        w_.key("preset").string(a.preset);
        w_.key("passed").boolean(a.passed);
        w_.key("checks");
        w_.begin_array();
        for (const auto& c : a.checks) {
            const std::string_view unit = check_unit(c.name);
            w_.begin_object(true);
            w_.key("name").string(c.name);
            w_.key("value").kpi(defined_or(c.value, "not computable"), unit);
            w_.key("comparison").string(c.comparison);
            w_.key("threshold").kpi(defined_or(c.threshold, "no threshold"), unit);
            w_.key("passed").boolean(c.passed);
            w_.end_object();
        }
        w_.end_array();
        w_.key("note");
        if (a.note.empty()) {
            w_.null();
        } else {
            w_.string(a.note);
        }
        w_.end_object();
    }

    void selection(const BaselineResult& r) {
        w_.key("selection");
        w_.begin_object();
        w_.key("reason").string(r.selection_reason);
        w_.key("candidates");
        w_.begin_array();
        bool selected_one = false;
        for (const auto& c : r.candidates) {
            const bool selected = !selected_one && is_selected(c, r.model);
            selected_one = selected_one || selected;
            w_.begin_object(true);
            w_.key("type").string(to_string(c.type));
            w_.key("fitted").boolean(c.fitted);
            w_.key("qualified").boolean(c.qualified);
            w_.key("passed").boolean(c.passed);
            w_.key("selected").boolean(selected);
            w_.key("p");
            if (c.fitted) {
                w_.integer(static_cast<long long>(c.p));
            } else {
                w_.null();
            }
            const auto fitted_value = [&](double v, std::string_view unit) {
                w_.kpi(c.fitted ? defined_or(v, "not computable")
                                : KpiValue::undefined("not fitted"),
                       unit);
            };
            w_.key("adj_r2");
            fitted_value(c.adj_r2, "1");
            w_.key("cv_rmse");
            fitted_value(c.cv_rmse, "%");
            w_.key("nmbe");
            fitted_value(c.nmbe, "%");
            w_.key("balance_points");
            balance_points(c.heating_balance_c, c.cooling_balance_c);
            w_.key("reason").string(c.reason);
            w_.end_object();
        }
        w_.end_array();
        w_.end_object();
    }

    void savings(const Savings& s, const std::string& energy_unit) {
        w_.key("savings");
        w_.begin_object();
        w_.key("m").integer(static_cast<long long>(s.m));
        w_.key("adjusted_baseline")
            .kpi(defined_or(s.adjusted_baseline, "not computable"), energy_unit);
        w_.key("actual").kpi(defined_or(s.actual, "not computable"), energy_unit);
        w_.key("avoided_energy").kpi(defined_or(s.avoided_energy, "not computable"), energy_unit);
        w_.key("avoided_percent").kpi(s.avoided_percent, "%");
        w_.key("normalised_savings").kpi(s.normalised_savings, energy_unit);
        w_.key("fsu");
        w_.begin_object();
        for (const auto& level : s.fsu) {
            w_.key(confidence_key(level.confidence));
            fsu_level(level, energy_unit);
        }
        w_.end_object();
        w_.key("fsu_method").string(to_string(s.fsu_method));
        w_.key("fsu_factor").number(s.fsu_factor);
        w_.key("autocorrelation_corrected").boolean(s.autocorrelation_corrected);
        w_.end_object();
    }

    /// The fraction in the KPI encoding, with the t value and the absolute band beside it.
    void fsu_level(const FsuLevel& level, const std::string& energy_unit) {
        w_.begin_object(true);
        switch (level.fraction.status()) {
        case KpiValue::Status::available:
            w_.key("value").number(level.fraction.value());
            w_.key("unit").string("%");
            break;
        case KpiValue::Status::not_available:
            w_.key("status").string("not_available");
            w_.key("missing").strings(level.fraction.missing_inputs(), true);
            break;
        case KpiValue::Status::undefined:
            w_.key("status").string("undefined");
            w_.key("reason").string(level.fraction.reason());
            break;
        }
        w_.key("t");
        number_or_undefined(level.t, true, "no residual degree of freedom");
        w_.key("absolute").kpi(level.absolute, energy_unit);
        w_.end_object();
    }

    void enpi(const Enpi& e, const std::string& energy_unit, const SeriesInfo& info) {
        const std::string ratio_unit = enpi_ratio_unit(energy_unit, info);
        w_.key("enpi");
        w_.begin_object();
        w_.key("baseline_ratio").kpi(e.baseline_ratio, ratio_unit);
        w_.key("reporting_ratio").kpi(e.reporting_ratio, ratio_unit);
        w_.key("ratio_improvement").kpi(e.ratio_improvement, "%");
        w_.key("regression_enpi").kpi(e.regression_enpi, "1");
        w_.key("regression_improvement").kpi(e.regression_improvement, "%");
        w_.end_object();
    }

    void series(const BaselineResult& r, const EnergySeries& s, bool dates) {
        w_.key("series");
        w_.begin_array();
        for (std::size_t i = 0; i < s.size(); ++i) {
            w_.begin_object(true);
            w_.key("start").string(instant_text(s.start[i], dates));
            w_.key("end").string(instant_text(s.end[i], dates));
            w_.key("period").string(period_role(s, r, i));
            w_.key("actual").value_or_null(
                std::isfinite(s.energy[i]) ? std::optional<double>(s.energy[i]) : std::nullopt);
            w_.key("predicted").value_or_null(predicted_at(r, i));
            w_.end_object();
        }
        w_.end_array();
    }

    JsonWriter w_;
    const BaselineReportOptions& o_;
};

// CSV -----------------------------------------------------------------------------------------

void csv_cell(std::string& line, std::string_view cell) {
    line += ',';
    append_csv_cell(line, cell);
}

void csv_number(std::string& line, double v) {
    line += ',';
    if (std::isfinite(v)) {
        line += detail::number_text(v);
    }
}

void csv_kpi(std::string& line, const KpiValue& v) {
    line += ',';
    if (v.available() && std::isfinite(v.value())) {
        line += detail::number_text(v.value());
    }
}

void csv_optional(std::string& line, const std::optional<double>& v) {
    line += ',';
    if (v) {
        line += detail::number_text(*v);
    }
}

void write_summary_csv(std::ostream& out, std::span<const BaselineResult> results) {
    std::vector<double> levels;
    std::vector<std::string> coefficient_names;
    for (const auto& r : results) {
        for (const auto& level : r.savings.fsu) {
            if (std::find(levels.begin(), levels.end(), level.confidence) == levels.end()) {
                levels.push_back(level.confidence);
            }
        }
        for (const auto& c : r.model.coefficients) {
            if (std::find(coefficient_names.begin(), coefficient_names.end(), c.name) ==
                coefficient_names.end()) {
                coefficient_names.push_back(c.name);
            }
        }
    }
    std::string line(kBaselineCsvColumns);
    for (double level : levels) {
        csv_cell(line, fsu_column(level));
    }
    line += ",energy_unit";
    for (const auto& name : coefficient_names) {
        csv_cell(line, name);
    }
    out << line << '\n';
    for (const auto& r : results) {
        const BaselineModel& m = r.model;
        const StatisticValues v = statistic_values(m.statistics);
        line.clear();
        append_csv_cell(line, r.factory);
        csv_cell(line, to_string(m.type));
        csv_optional(line, m.heating_balance_c);
        csv_optional(line, m.cooling_balance_c);
        line += fmt::format(",{},{}", m.statistics.n, m.statistics.p);
        csv_kpi(line, v.r2);
        csv_kpi(line, v.adj_r2);
        csv_kpi(line, v.cv_rmse);
        csv_kpi(line, v.nmbe);
        csv_cell(line, m.acceptance.preset);
        line += m.acceptance.passed ? ",true" : ",false";
        line += fmt::format(",{},{}", r.baseline_periods, r.reporting_periods);
        csv_number(line, r.savings.adjusted_baseline);
        csv_number(line, r.savings.actual);
        csv_number(line, r.savings.avoided_energy);
        csv_kpi(line, r.savings.avoided_percent);
        csv_kpi(line, r.savings.normalised_savings);
        for (double level : levels) {
            const auto it = std::find_if(r.savings.fsu.begin(), r.savings.fsu.end(),
                                         [&](const FsuLevel& f) { return f.confidence == level; });
            csv_kpi(line, it == r.savings.fsu.end() ? KpiValue() : it->fraction);
        }
        csv_cell(line, r.energy_unit);
        for (const auto& name : coefficient_names) {
            const auto it =
                std::find_if(m.coefficients.begin(), m.coefficients.end(),
                             [&](const CoefficientEstimate& c) { return c.name == name; });
            csv_number(line, it == m.coefficients.end() ? kNaN : it->value);
        }
        out << line << '\n';
    }
}

void write_periods_csv(std::ostream& out,
                       std::span<const BaselineResult> results,
                       const BaselineReportOptions& o) {
    if (o.series.size() != results.size()) {
        throw UsageError("the per-period detail needs the series of every result");
    }
    out << "factory,start,end,period,actual,predicted\n";
    std::string line;
    for (std::size_t k = 0; k < results.size(); ++k) {
        const BaselineResult& r = results[k];
        const EnergySeries& s = o.series[k];
        const bool dates = all_midnight(s);
        for (std::size_t i = 0; i < s.size(); ++i) {
            line.clear();
            append_csv_cell(line, r.factory);
            csv_cell(line, instant_text(s.start[i], dates));
            csv_cell(line, instant_text(s.end[i], dates));
            csv_cell(line, period_role(s, r, i));
            csv_number(line, s.energy[i]);
            csv_number(line, i < r.predicted.size() ? r.predicted[i] : kNaN);
            out << line << '\n';
        }
    }
}

} // namespace

} // namespace smartkpi::detail

namespace smartkpi {

void write_baseline_report(std::ostream& out,
                           Format format,
                           std::span<const BaselineResult> results,
                           const BaselineReportOptions& options) {
    switch (format) {
    case Format::json:
        detail::JsonReport(out, options).write(results);
        break;
    case Format::csv:
        if (options.periods) {
            detail::write_periods_csv(out, results, options);
        } else {
            detail::write_summary_csv(out, results);
        }
        break;
    case Format::table:
    case Format::markdown:
        detail::write_baseline_text(out, format, results, options);
        break;
    }
    out.flush();
}

std::vector<std::string> baseline_report_warnings(std::span<const BaselineResult> results,
                                                  const BaselineReportOptions& options) {
    std::vector<std::string> out = options.warnings;
    for (const auto& r : results) {
        for (const auto& w : r.warnings) {
            out.push_back(results.size() > 1 && !r.factory.empty() ? r.factory + ": " + w : w);
        }
    }
    return out;
}

} // namespace smartkpi
