// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Setting up one baseline fit: every check of the options and the data happens here, before
// any model is fitted, so that a bad series fails with one clear message and the fitting
// code can assume complete, split periods.
#include "engine/baseline_problem.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace smartkpi::detail {

namespace {

constexpr std::array kAllForms{ModelType::ols, ModelType::cp3_cooling, ModelType::cp3_heating,
                               ModelType::cp4, ModelType::cp5};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

bool linear_in_change_point(std::string_view driver) {
    return driver != "hdd" && driver != "cdd" && driver != kTemperature;
}

bool summable(std::string_view driver) {
    return !driver.starts_with("temperature");
}

double period_days(const EnergySeries& series, std::size_t i) {
    return static_cast<double>(series.end[i] - series.start[i]) / kMillisPerDay;
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out.empty() ? "(none)" : out;
}

Location where(const EnergySeries& series, std::size_t line) {
    return Location{series.source, line, 0, ""};
}

std::vector<std::string> form_drivers(const Problem& problem, ModelType type) {
    std::vector<std::string> out;
    for (const std::string& d : problem.drivers) {
        if (!is_change_point(type) || linear_in_change_point(d)) {
            out.push_back(d);
        }
    }
    return out;
}

std::size_t driver_index(const Problem& problem, std::string_view name) {
    return static_cast<std::size_t>(
        std::find(problem.drivers.begin(), problem.drivers.end(), name) - problem.drivers.begin());
}

Sample gather(const Problem& problem, std::vector<std::size_t> rows) {
    const EnergySeries& s = *problem.series;
    const bool per_day = problem.options->per_day;
    // A per-day fit is weighted by days whether or not `weighted` asks for it: the same
    // weights, applied once (CalTRACK billing: weights = days kept, energy.md §2.2).
    const bool weighted = problem.options->weighted || per_day;
    Sample out;
    out.rows = std::move(rows);
    const std::size_t n = out.rows.size();
    out.y.reserve(n);
    if (weighted) {
        out.weights.reserve(n);
    }
    if (problem.temperature != nullptr) {
        out.temperature.reserve(n);
    }
    out.linear.assign(problem.drivers.size(), {});
    for (auto& column : out.linear) {
        column.reserve(n);
    }
    std::vector<bool> divided(problem.drivers.size(), false);
    for (std::size_t k = 0; k < divided.size(); ++k) {
        divided[k] = per_day && summable(problem.drivers[k]);
    }
    for (const std::size_t i : out.rows) {
        double days = 1;
        if (weighted) {
            days = period_days(s, i);
            if (!(days > 0)) {
                throw DataError(fmt::format("a {} fit needs periods of positive length",
                                            per_day ? "per-day" : "weighted"),
                                where(s, s.lines[i]));
            }
            out.weights.push_back(days);
        }
        out.y.push_back(per_day ? s.energy[i] / days : s.energy[i]);
        if (problem.temperature != nullptr) {
            out.temperature.push_back((*problem.temperature)[i]);
        }
        for (std::size_t k = 0; k < problem.values.size(); ++k) {
            const double v = (*problem.values[k])[i];
            out.linear[k].push_back(divided[k] ? v / days : v);
        }
    }
    return out;
}

Evaluator::Evaluator(const BaselineModel& model, const EnergySeries& series)
    : model_(model), series_(series) {
    for (const CoefficientEstimate& c : model.coefficients) {
        if (c.name == "intercept") {
            intercept_ = c.value;
        } else if (c.name == kHeatingSlope) {
            heating_ = c.value;
        } else if (c.name == kCoolingSlope) {
            cooling_ = c.value;
        } else {
            linear_.push_back({series.driver(c.name), c.value, model.per_day && summable(c.name)});
        }
    }
    if (is_change_point(model.type)) {
        temperature_ = series.driver(kTemperature);
    }
}

double Evaluator::operator()(std::size_t i) const {
    const double days = model_.per_day ? period_days(series_, i) : 1;
    if (!(days > 0)) {
        return kNaN;
    }
    double v = intercept_;
    for (const Linear& l : linear_) {
        if (l.column == nullptr) {
            return kNaN;
        }
        v += l.coefficient * (l.per_day ? (*l.column)[i] / days : (*l.column)[i]);
    }
    if (is_change_point(model_.type)) {
        if (temperature_ == nullptr) {
            return kNaN;
        }
        const double t = (*temperature_)[i];
        if (has_heating(model_.type)) {
            v += heating_ * std::max(*model_.heating_balance_c - t, 0.0);
        }
        if (has_cooling(model_.type)) {
            v += cooling_ * std::max(t - *model_.cooling_balance_c, 0.0);
        }
        if (std::isnan(t)) {
            return kNaN;
        }
    }
    if (model_.per_day) {
        v *= days;
    }
    return std::isfinite(v) ? v : kNaN;
}

Split split_periods(const Problem& problem) {
    const EnergySeries& s = *problem.series;
    const UnixMillis upgrade = problem.options->upgrade;
    const std::string upgrade_text = format_timestamp_ms(upgrade);
    const std::size_t n = s.size();
    if (n == 0) {
        throw DataError("the energy series has no periods", where(s));
    }
    bool any_baseline = false;
    bool any_reporting = false;
    for (std::size_t i = 0; i < n; ++i) {
        any_baseline = any_baseline || s.end[i] <= upgrade;
        any_reporting = any_reporting || s.start[i] >= upgrade;
    }
    if (!any_reporting) {
        throw DataError(fmt::format("upgrade date {} is after the last period's start ({}): "
                                    "no reporting period",
                                    upgrade_text, format_timestamp_ms(s.start.back())),
                        where(s));
    }
    if (!any_baseline) {
        throw DataError(fmt::format("upgrade date {} is before the first period's end ({}): "
                                    "no baseline period",
                                    upgrade_text, format_timestamp_ms(s.end.front())),
                        where(s));
    }

    std::vector<const std::vector<double>*> needed = problem.values;
    if (problem.temperature != nullptr) {
        needed.push_back(problem.temperature);
    }
    struct Dropped {
        std::size_t count = 0;
        std::size_t first_line = 0;
    };
    Dropped dropped_baseline;
    Dropped dropped_reporting;
    Split out;
    for (std::size_t i = 0; i < n; ++i) {
        const bool baseline = s.end[i] <= upgrade;
        const bool reporting = s.start[i] >= upgrade;
        if (!baseline && !reporting) {
            out.warnings.push_back(fmt::format(
                "the period at line {} ({} to {}) straddles the upgrade date {}: left out",
                s.lines[i], format_timestamp_ms(s.start[i]), format_timestamp_ms(s.end[i]),
                upgrade_text));
            continue;
        }
        bool complete = !std::isnan(s.energy[i]);
        for (const auto* column : needed) {
            complete = complete && !std::isnan((*column)[i]);
        }
        if (!complete) {
            Dropped& d = baseline ? dropped_baseline : dropped_reporting;
            if (d.count++ == 0) {
                d.first_line = s.lines[i];
            }
            continue;
        }
        (baseline ? out.baseline : out.reporting).push_back(i);
    }
    std::vector<std::string> needed_names{"energy"};
    needed_names.insert(needed_names.end(), problem.drivers.begin(), problem.drivers.end());
    if (problem.temperature != nullptr) {
        needed_names.emplace_back(kTemperature);
    }
    auto warn = [&](const Dropped& d, std::string_view period) {
        if (d.count > 0) {
            out.warnings.push_back(fmt::format(
                "{} {} period{} left out for a missing value of {} (first at line {})", d.count,
                period, d.count == 1 ? "" : "s", join_names(needed_names), d.first_line));
        }
    };
    warn(dropped_baseline, "baseline");
    warn(dropped_reporting, "reporting");
    if (out.baseline.empty()) {
        throw DataError(fmt::format("no baseline period has all of {}", join_names(needed_names)),
                        where(s));
    }
    if (out.reporting.empty()) {
        throw DataError(fmt::format("no reporting period has all of {}", join_names(needed_names)),
                        where(s));
    }
    return out;
}

void validate(const BaselineOptions& options) {
    if (!(options.balance_step > 0) || !std::isfinite(options.balance_step)) {
        throw UsageError(fmt::format("the balance-point step must be a positive number of °C, "
                                     "not {}",
                                     options.balance_step));
    }
    if (options.min_points_per_segment == 0) {
        throw UsageError("the minimum number of points per segment must be at least 1");
    }
    for (const double c : options.confidence_levels) {
        if (!(c > 0 && c < 1)) {
            throw UsageError(fmt::format("confidence level {} is not between 0 and 1", c));
        }
    }
    if (!options.acceptance.empty()) {
        find_acceptance_preset(options.acceptance);
    }
}

Problem make_problem(const EnergySeries& series, const BaselineOptions& options) {
    Problem problem;
    problem.series = &series;
    problem.options = &options;
    if (options.drivers.empty()) {
        for (const std::string_view d : {"production", "hdd", "cdd"}) {
            if (series.driver(d) != nullptr) {
                problem.drivers.emplace_back(d);
            }
        }
    } else {
        for (const std::string& d : options.drivers) {
            if (series.driver(d) == nullptr) {
                throw DataError(fmt::format("unknown driver column '{}'; the series has: {}", d,
                                            join_names(series.driver_names)),
                                where(series));
            }
            if (std::find(problem.drivers.begin(), problem.drivers.end(), d) ==
                problem.drivers.end()) {
                problem.drivers.push_back(d);
            }
        }
    }
    for (const std::string& d : problem.drivers) {
        problem.values.push_back(series.driver(d));
    }
    problem.temperature = series.driver(kTemperature);
    switch (options.model) {
    case ModelChoice::automatic:
        // Without temperature_c the change-point forms are still listed, as not fitted.
        problem.forms.assign(kAllForms.begin(), kAllForms.end());
        break;
    case ModelChoice::ols:
        problem.forms = {ModelType::ols};
        break;
    case ModelChoice::cp3_cooling:
        problem.forms = {ModelType::cp3_cooling};
        break;
    case ModelChoice::cp3_heating:
        problem.forms = {ModelType::cp3_heating};
        break;
    case ModelChoice::cp4:
        problem.forms = {ModelType::cp4};
        break;
    case ModelChoice::cp5:
        problem.forms = {ModelType::cp5};
        break;
    }
    if (options.model != ModelChoice::automatic && is_change_point(problem.forms.back()) &&
        problem.temperature == nullptr) {
        throw DataError(fmt::format("model {} needs a {} column; the series has: {}",
                                    to_string(problem.forms.back()), kTemperature,
                                    join_names(series.driver_names)),
                        where(series));
    }
    if (options.model == ModelChoice::ols) {
        // An explicit ols fit needs no hinge terms, so gaps in temperature_c must not drop
        // periods (a temperature_c driver is among problem.values and checked there).
        problem.temperature = nullptr;
    }
    if (options.model == ModelChoice::automatic && problem.temperature != nullptr) {
        // A temperature column without a single baseline value cannot feed any change-point
        // form; rather than dropping every period for it, the selection goes on without it.
        const std::vector<double>& t = *problem.temperature;
        bool any = false;
        for (std::size_t i = 0; i < t.size() && !any; ++i) {
            any = series.end[i] <= options.upgrade && !std::isnan(t[i]);
        }
        if (!any) {
            problem.temperature = nullptr;
            problem.notes.push_back(fmt::format("{} has no value in the baseline period: the "
                                                "change-point models are not fitted",
                                                kTemperature));
        }
    }
    return problem;
}

} // namespace smartkpi::detail
