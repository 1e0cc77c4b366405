// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/report/baseline_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string_view>

namespace smartkpi {

using detail::JsonWriter;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kDayMs = 86'400'000;

// Reading the numbers -----------------------------------------------------------------------

/// A statistic as a KPI value: the engine's doubles are finite whenever they are defined, and
/// a report never prints NaN (conventions §1), so anything else is "undefined" with the reason.
KpiValue defined_or(double v, std::string_view reason) {
    return std::isfinite(v) ? KpiValue::of(v) : KpiValue::undefined(std::string(reason));
}

/// Why the fit supports no inference (standard errors, t, p, F test), or nothing when it does.
std::optional<std::string> no_inference(const FitStatistics& s) {
    if (s.n <= s.p) {
        return fmt::format("no residual degree of freedom: n = {}, p = {}", s.n, s.p);
    }
    if (!s.inference) {
        return std::string("no inference: the baseline data lie exactly on the model");
    }
    return std::nullopt;
}

struct StatisticValues {
    KpiValue r2, adj_r2, cv_rmse, nmbe, rmse, mean_energy, f_statistic, f_p_value, autocorrelation,
        n_effective;
};

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

/// The unit of `name` in `unit` (a KPI value's unit, a threshold's).
std::string_view check_unit(std::string_view name) {
    if (name == "cv_rmse" || name == "nmbe") {
        return "%";
    }
    return "1";
}

/// What the report needs to know about the series of one result.
struct SeriesInfo {
    const EnergySeries* series = nullptr; // null when the caller gave none
    std::string production_unit;          // "t", or "" when unknown
};

SeriesInfo series_info(const BaselineReportOptions& o, std::size_t i) {
    SeriesInfo info;
    if (i < o.series.size()) {
        info.series = &o.series[i];
        info.production_unit = o.series[i].production_unit;
    }
    return info;
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

/// Unit of a coefficient: energy per period for the intercept, else energy per driver unit.
std::string
coefficient_unit(std::string_view name, const std::string& energy_unit, const SeriesInfo& info) {
    if (name == "intercept") {
        return energy_unit;
    }
    const std::string per = driver_unit(name, info);
    const bool compound = per.find(' ') != std::string::npos ||
                          per.find('/') != std::string::npos || per.find("·") != std::string::npos;
    return !compound ? fmt::format("{}/{}", energy_unit, per)
                     : fmt::format("{}/({})", energy_unit, per);
}

std::string enpi_ratio_unit(const std::string& energy_unit, const SeriesInfo& info) {
    return coefficient_unit("production", energy_unit, info);
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

bool midnight(UnixMillis t) {
    return t % kDayMs == 0;
}

/// An instant as the user most likely wrote it: a date when it is midnight UTC.
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

/// Which part of the analysis a period belongs to (energy_baseline.hpp: a period that
/// straddles the upgrade, or one the model could not be evaluated for, is left out).
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
            w_.key("warnings");
            w_.strings(o_.warnings);
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
        statistics(r.model.statistics, r.energy_unit);
        acceptance(r.model.acceptance);
        selection(r);
        savings(r.savings, r.energy_unit);
        enpi(r.enpi, r.energy_unit, info);
        if (o_.periods && info.series != nullptr) {
            series(r, *info.series, dates);
        }
        w_.key("warnings");
        w_.strings(result_warnings(r, o_, single));
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
            w_.key("unit").string(coefficient_unit(c.name, r.energy_unit, info));
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
        w_.key("drivers");
        w_.strings(m.drivers, true);
        w_.key("weighted").boolean(m.weighted);
        w_.end_object();
    }

    void statistics(const FitStatistics& s, const std::string& energy_unit) {
        const StatisticValues v = statistic_values(s);
        w_.key("statistics");
        w_.begin_object();
        w_.key("n").integer(static_cast<long long>(s.n));
        w_.key("p").integer(static_cast<long long>(s.p));
        w_.key("r2");
        w_.kpi(v.r2, "1");
        w_.key("adj_r2");
        w_.kpi(v.adj_r2, "1");
        w_.key("cv_rmse");
        w_.kpi(v.cv_rmse, "%");
        w_.key("nmbe");
        w_.kpi(v.nmbe, "%");
        w_.key("rmse");
        w_.kpi(v.rmse, energy_unit);
        w_.key("mean_energy");
        w_.kpi(v.mean_energy, energy_unit);
        w_.key("f_statistic");
        w_.kpi(v.f_statistic, "1");
        w_.key("f_p_value");
        w_.kpi(v.f_p_value, "1");
        w_.key("autocorrelation");
        w_.kpi(v.autocorrelation, "1");
        w_.key("n_effective");
        w_.kpi(v.n_effective, "1");
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
            w_.key("value");
            w_.kpi(defined_or(c.value, "not computable"), unit);
            w_.key("comparison").string(c.comparison);
            w_.key("threshold");
            w_.kpi(defined_or(c.threshold, "no threshold"), unit);
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
        w_.key("adjusted_baseline");
        w_.kpi(defined_or(s.adjusted_baseline, "not computable"), energy_unit);
        w_.key("actual");
        w_.kpi(defined_or(s.actual, "not computable"), energy_unit);
        w_.key("avoided_energy");
        w_.kpi(defined_or(s.avoided_energy, "not computable"), energy_unit);
        w_.key("avoided_percent");
        w_.kpi(s.avoided_percent, "%");
        w_.key("normalised_savings");
        w_.kpi(s.normalised_savings, energy_unit);
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
            w_.key("missing");
            w_.strings(level.fraction.missing_inputs(), true);
            break;
        case KpiValue::Status::undefined:
            w_.key("status").string("undefined");
            w_.key("reason").string(level.fraction.reason());
            break;
        }
        w_.key("t");
        number_or_undefined(level.t, true, "no residual degree of freedom");
        w_.key("absolute");
        w_.kpi(level.absolute, energy_unit);
        w_.end_object();
    }

    void enpi(const Enpi& e, const std::string& energy_unit, const SeriesInfo& info) {
        const std::string ratio_unit = enpi_ratio_unit(energy_unit, info);
        w_.key("enpi");
        w_.begin_object();
        w_.key("baseline_ratio");
        w_.kpi(e.baseline_ratio, ratio_unit);
        w_.key("reporting_ratio");
        w_.kpi(e.reporting_ratio, ratio_unit);
        w_.key("ratio_improvement");
        w_.kpi(e.ratio_improvement, "%");
        w_.key("regression_enpi");
        w_.kpi(e.regression_enpi, "1");
        w_.key("regression_improvement");
        w_.kpi(e.regression_improvement, "%");
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
            w_.key("actual");
            w_.value_or_null(std::isfinite(s.energy[i]) ? std::optional<double>(s.energy[i])
                                                        : std::nullopt);
            w_.key("predicted");
            w_.value_or_null(predicted_at(r, i));
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

// Table and Markdown --------------------------------------------------------------------------

std::string display_or(const KpiValue& v) {
    return detail::display_value(v);
}

/// A fraction as a percentage; a value that rounds to zero is "0.0%", never "-0.0%".
std::string percent_text(double fraction) {
    std::string s = detail::display_percent(fraction);
    return s == "-0.0%" ? std::string("0.0%") : s;
}

std::string display_percent_value(const KpiValue& v) {
    return v.available() ? percent_text(v.value()) : detail::display_value(v);
}

std::string display_statistic(double v, bool defined) {
    return defined && std::isfinite(v) ? detail::display_number(v) : std::string("undefined");
}

std::string display_p_value(double p, bool defined) {
    if (!defined || !std::isfinite(p)) {
        return "undefined";
    }
    return p < 0.0001 ? std::string("< 0.0001") : fmt::format("{:.4f}", p);
}

std::string display_balance_points(const std::optional<double>& heating,
                                   const std::optional<double>& cooling) {
    if (heating && cooling && *heating == *cooling) {
        return fmt::format("{:.1f} °C", *heating);
    }
    std::string out;
    if (heating) {
        out = fmt::format("heating {:.1f} °C", *heating);
    }
    if (cooling) {
        out += fmt::format("{}cooling {:.1f} °C", out.empty() ? "" : ", ", *cooling);
    }
    return out.empty() ? std::string("-") : out;
}

/// A check's rule as a reader sees it: "<= 15.0%", "|NMBE| <= 5.0%", ">= 0.50".
std::string display_threshold(const AcceptanceCheck& c) {
    const bool percent = check_unit(c.name) == "%";
    const std::string threshold =
        percent ? detail::display_percent(c.threshold) : detail::display_number(c.threshold);
    const std::string comparison = c.comparison.empty() ? std::string("vs") : c.comparison;
    return c.name == "nmbe" ? fmt::format("|NMBE| {} {}", comparison, threshold)
                            : fmt::format("{} {}", comparison, threshold);
}

std::string verdict_text(bool passed) {
    return passed ? "pass" : "FAIL";
}

std::string describe_model(const BaselineModel& m) {
    std::string terms;
    for (const auto& d : m.drivers) {
        terms += (terms.empty() ? "" : ", ") + d;
    }
    const std::string bp = display_balance_points(m.heating_balance_c, m.cooling_balance_c);
    if (bp != "-") {
        terms += fmt::format("{}balance point{} {}", terms.empty() ? "" : "; ",
                             m.heating_balance_c && m.cooling_balance_c &&
                                     *m.heating_balance_c != *m.cooling_balance_c
                                 ? "s"
                                 : "",
                             bp);
    }
    return fmt::format("{} ({}){}", to_string(m.type), terms.empty() ? "intercept only" : terms,
                       m.weighted ? ", weighted by period length" : "");
}

class TextReport {
  public:
    TextReport(std::ostream& out, Format format, const BaselineReportOptions& o)
        : out_(out), format_(format), o_(o), md_(format == Format::markdown),
          bullet_(md_ ? "- " : "  ") {}

    void write(std::span<const BaselineResult> results) {
        if (md_) {
            out_ << "# Energy baseline and savings: " << o_.source << "\n\n";
        } else {
            out_ << "Energy baseline and savings: " << o_.source << '\n';
        }
        out_ << bullet_
             << "Method: IPMVP Option C regression baseline; ASHRAE Guideline 14 statistics; "
                "ISO 50006 EnPIs.\n";
        out_ << bullet_
             << "Values in this report are rounded for reading; the JSON and CSV formats are "
                "not.\n";
        if (results.size() != 1) {
            heading(fmt::format("Summary ({} factories)", results.size()), 1);
            summary_table(results).write(out_, format_);
            if (!o_.warnings.empty()) {
                heading("Warnings (input)", 1);
                list(o_.warnings);
            }
        }
        for (std::size_t i = 0; i < results.size(); ++i) {
            result(results[i], series_info(o_, i), results.size() == 1);
        }
    }

  private:
    void heading(std::string_view text, int level) {
        if (md_) {
            out_ << '\n'
                 << std::string(static_cast<std::size_t>(level) + 1, '#') << ' ' << text << "\n\n";
        } else {
            out_ << '\n' << text << '\n';
        }
    }

    void list(const std::vector<std::string>& items) {
        for (const auto& item : items) {
            out_ << bullet_ << item << '\n';
        }
    }

    static TextTable summary_table(std::span<const BaselineResult> results) {
        TextTable t;
        t.add_column("Factory");
        t.add_column("Model");
        t.add_column("Balance points");
        t.add_column("Adj. R²", TextTable::Align::right);
        t.add_column("CV(RMSE)", TextTable::Align::right);
        t.add_column("NMBE", TextTable::Align::right);
        t.add_column("Verdict");
        t.add_column("Avoided energy", TextTable::Align::right);
        t.add_column("Avoided %", TextTable::Align::right);
        t.add_column("Unit");
        for (const auto& r : results) {
            const StatisticValues v = statistic_values(r.model.statistics);
            t.add_row({r.factory.empty() ? std::string("-") : r.factory,
                       std::string(to_string(r.model.type)),
                       display_balance_points(r.model.heating_balance_c, r.model.cooling_balance_c),
                       display_or(v.adj_r2), display_percent_value(v.cv_rmse),
                       display_percent_value(v.nmbe),
                       fmt::format("{} {}", verdict_text(r.model.acceptance.passed),
                                   r.model.acceptance.preset),
                       display_statistic(r.savings.avoided_energy, true),
                       display_percent_value(r.savings.avoided_percent), r.energy_unit});
        }
        return t;
    }

    void result(const BaselineResult& r, const SeriesInfo& info, bool single) {
        const int level = single ? 1 : 2;
        const bool dates = info.series == nullptr || all_midnight(*info.series);
        const BaselineModel& m = r.model;
        if (!single) {
            heading(fmt::format("Factory {}", r.factory.empty() ? "-" : r.factory), 1);
        } else if (!r.factory.empty()) {
            out_ << bullet_ << "Factory: " << r.factory << '\n';
        }
        out_ << bullet_
             << fmt::format("Energy unit: {}; granularity: {}", r.energy_unit,
                            to_string(r.granularity))
             << '\n';
        out_ << bullet_
             << fmt::format("Upgrade date: {}; {} baseline and {} reporting periods used",
                            instant_text(r.upgrade, dates && midnight(r.upgrade)),
                            r.baseline_periods, r.reporting_periods)
             << '\n';
        out_ << bullet_ << "Model: " << describe_model(m) << '\n';
        out_ << bullet_
             << fmt::format("Verdict: {} ({})", m.acceptance.passed ? "PASSED" : "FAILED",
                            m.acceptance.preset)
             << '\n';
        if (!m.acceptance.note.empty()) {
            out_ << bullet_ << "Note: " << m.acceptance.note << '\n';
        }

        heading("Coefficients", level);
        coefficients_table(r, info).write(out_, format_);
        heading("Fit statistics", level);
        if (!m.statistics.convention.empty()) {
            out_ << bullet_ << "Convention: " << m.statistics.convention << "\n\n";
        }
        statistics_table(m).write(out_, format_);
        heading("Model selection", level);
        if (!r.selection_reason.empty()) {
            out_ << bullet_ << r.selection_reason << "\n\n";
        }
        candidates_table(r).write(out_, format_);
        heading(fmt::format("Savings over the reporting period ({} periods)", r.savings.m), level);
        savings_table(r).write(out_, format_);
        heading(fmt::format(
                    "Fractional savings uncertainty (method {}, factor {}{})",
                    to_string(r.savings.fsu_method), detail::display_number(r.savings.fsu_factor),
                    r.savings.autocorrelation_corrected ? "; n corrected for autocorrelation" : ""),
                level);
        fsu_table(r).write(out_, format_);
        heading("Energy performance indicators (ISO 50006)", level);
        enpi_table(r, info).write(out_, format_);
        if (o_.periods && info.series != nullptr) {
            heading("Periods", level);
            periods_table(r, *info.series, dates).write(out_, format_);
        }
        const std::vector<std::string> warnings = result_warnings(r, o_, single);
        if (!warnings.empty()) {
            heading("Warnings", level);
            list(warnings);
        }
    }

    static TextTable coefficients_table(const BaselineResult& r, const SeriesInfo& info) {
        const bool inference = !no_inference(r.model.statistics);
        TextTable t;
        t.add_column("Coefficient");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Unit");
        t.add_column("Std. error", TextTable::Align::right);
        t.add_column("t", TextTable::Align::right);
        t.add_column("p-value", TextTable::Align::right);
        for (const auto& c : r.model.coefficients) {
            t.add_row({c.name, detail::display_number(c.value),
                       coefficient_unit(c.name, r.energy_unit, info),
                       display_statistic(c.std_error, inference),
                       display_statistic(c.t_value, inference),
                       display_p_value(c.p_value, inference)});
        }
        return t;
    }

    static TextTable statistics_table(const BaselineModel& m) {
        const FitStatistics& s = m.statistics;
        const StatisticValues v = statistic_values(s);
        TextTable t;
        t.add_column("Statistic");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Threshold");
        t.add_column("Verdict");
        std::vector<bool> shown(m.acceptance.checks.size(), false);
        const auto row = [&](std::string label, std::string value, std::string_view check) {
            std::string threshold;
            std::string verdict;
            for (std::size_t i = 0; i < m.acceptance.checks.size(); ++i) {
                if (m.acceptance.checks[i].name == check) {
                    threshold = display_threshold(m.acceptance.checks[i]);
                    verdict = verdict_text(m.acceptance.checks[i].passed);
                    shown[i] = true;
                }
            }
            t.add_row({std::move(label), std::move(value), threshold, verdict});
        };
        row("n (points)", fmt::format("{}", s.n), "");
        row("p (coefficients)", fmt::format("{}", s.p), "");
        row("R²", display_or(v.r2), "r2");
        row("Adjusted R²", display_or(v.adj_r2), "adj_r2");
        row("CV(RMSE)", display_percent_value(v.cv_rmse), "cv_rmse");
        row("NMBE", display_percent_value(v.nmbe), "nmbe");
        row("RMSE", display_or(v.rmse), "");
        row("F statistic", display_or(v.f_statistic), "");
        row("F test p-value",
            v.f_p_value.available() ? display_p_value(v.f_p_value.value(), true)
                                    : display_or(v.f_p_value),
            "f_p_value");
        row("Autocorrelation (lag 1)", display_or(v.autocorrelation), "");
        row("n effective", display_or(v.n_effective), "");
        for (std::size_t i = 0; i < m.acceptance.checks.size(); ++i) {
            if (!shown[i]) {
                const AcceptanceCheck& c = m.acceptance.checks[i];
                const std::string label =
                    c.name == "slope_p_value" ? std::string("Largest slope p-value") : c.name;
                t.add_row({label, display_p_value(c.value, true), display_threshold(c),
                           verdict_text(c.passed)});
            }
        }
        return t;
    }

    static TextTable candidates_table(const BaselineResult& r) {
        TextTable t;
        t.add_column("Candidate");
        t.add_column("Balance points");
        t.add_column("p", TextTable::Align::right);
        t.add_column("Adj. R²", TextTable::Align::right);
        t.add_column("CV(RMSE)", TextTable::Align::right);
        t.add_column("NMBE", TextTable::Align::right);
        t.add_column("Fitted");
        t.add_column("Qualified");
        t.add_column("Passed");
        t.add_column("Reason");
        bool selected_one = false;
        for (const auto& c : r.candidates) {
            const bool selected = !selected_one && is_selected(c, r.model);
            selected_one = selected_one || selected;
            t.add_row(
                {fmt::format("{}{}", to_string(c.type), selected ? " *" : ""),
                 display_balance_points(c.heating_balance_c, c.cooling_balance_c),
                 c.fitted ? fmt::format("{}", c.p) : std::string("-"),
                 c.fitted ? display_statistic(c.adj_r2, true) : std::string("-"),
                 c.fitted && std::isfinite(c.cv_rmse) ? percent_text(c.cv_rmse) : std::string("-"),
                 c.fitted && std::isfinite(c.nmbe) ? percent_text(c.nmbe) : std::string("-"),
                 c.fitted ? "yes" : "no", c.qualified ? "yes" : "no", c.passed ? "yes" : "no",
                 c.reason});
        }
        return t;
    }

    static TextTable savings_table(const BaselineResult& r) {
        const Savings& s = r.savings;
        TextTable t;
        t.add_column("Quantity");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Unit");
        t.add_row(
            {"Adjusted baseline", display_statistic(s.adjusted_baseline, true), r.energy_unit});
        t.add_row({"Actual", display_statistic(s.actual, true), r.energy_unit});
        t.add_row({"Avoided energy", display_statistic(s.avoided_energy, true), r.energy_unit});
        t.add_row({"Avoided energy, share of the adjusted baseline",
                   display_percent_value(s.avoided_percent), "%"});
        t.add_row({"Normalised savings (baseline conditions)", display_or(s.normalised_savings),
                   r.energy_unit});
        return t;
    }

    static TextTable fsu_table(const BaselineResult& r) {
        TextTable t;
        t.add_column("Confidence");
        t.add_column("t", TextTable::Align::right);
        t.add_column("FSU", TextTable::Align::right);
        t.add_column("± energy", TextTable::Align::right);
        t.add_column("Unit");
        for (const auto& level : r.savings.fsu) {
            t.add_row({detail::display_percent(level.confidence), display_statistic(level.t, true),
                       display_percent_value(level.fraction), display_or(level.absolute),
                       r.energy_unit});
        }
        return t;
    }

    static TextTable enpi_table(const BaselineResult& r, const SeriesInfo& info) {
        const Enpi& e = r.enpi;
        TextTable t;
        t.add_column("EnPI");
        t.add_column("Baseline", TextTable::Align::right);
        t.add_column("Reporting", TextTable::Align::right);
        t.add_column("Improvement", TextTable::Align::right);
        t.add_column("Unit");
        t.add_row({"Energy per production (ratio)", display_or(e.baseline_ratio),
                   display_or(e.reporting_ratio), display_percent_value(e.ratio_improvement),
                   enpi_ratio_unit(r.energy_unit, info)});
        t.add_row({"Actual / adjusted baseline (regression)", "1", display_or(e.regression_enpi),
                   display_percent_value(e.regression_improvement), "1"});
        return t;
    }

    static TextTable periods_table(const BaselineResult& r, const EnergySeries& s, bool dates) {
        TextTable t;
        t.add_column("Start");
        t.add_column("End");
        t.add_column("Period");
        t.add_column("Actual", TextTable::Align::right);
        t.add_column("Predicted", TextTable::Align::right);
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::optional<double> predicted = predicted_at(r, i);
            t.add_row({instant_text(s.start[i], dates), instant_text(s.end[i], dates),
                       std::string(period_role(s, r, i)),
                       std::isfinite(s.energy[i]) ? detail::display_number(s.energy[i]) : "n/a",
                       predicted ? detail::display_number(*predicted) : "n/a"});
        }
        return t;
    }

    std::ostream& out_;
    Format format_;
    const BaselineReportOptions& o_;
    bool md_;
    std::string bullet_;
};

} // namespace

void write_baseline_report(std::ostream& out,
                           Format format,
                           std::span<const BaselineResult> results,
                           const BaselineReportOptions& options) {
    switch (format) {
    case Format::json:
        JsonReport(out, options).write(results);
        break;
    case Format::csv:
        if (options.periods) {
            write_periods_csv(out, results, options);
        } else {
            write_summary_csv(out, results);
        }
        break;
    case Format::table:
    case Format::markdown:
        TextReport(out, format, options).write(results);
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
