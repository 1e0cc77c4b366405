// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/baseline_detail.hpp"
#include "engine/change_point.hpp"

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

namespace smartkpi {

namespace {

constexpr std::array<std::string_view, 5> kModelNames{"ols", "3pc", "3ph", "4p", "5p"};
constexpr std::array kAllForms{ModelType::ols, ModelType::cp3_cooling, ModelType::cp3_heating,
                               ModelType::cp4, ModelType::cp5};
constexpr std::string_view kTemperature = "temperature_c";
constexpr std::string_view kHeatingSlope = "heating_slope";
constexpr std::string_view kCoolingSlope = "cooling_slope";
constexpr double kMillisPerDay = 86'400'000.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_change_point(ModelType type) {
    return type != ModelType::ols;
}
bool has_heating(ModelType type) {
    return type == ModelType::cp3_heating || type == ModelType::cp4 || type == ModelType::cp5;
}
bool has_cooling(ModelType type) {
    return type == ModelType::cp3_cooling || type == ModelType::cp4 || type == ModelType::cp5;
}
std::size_t coefficient_count(ModelType type, std::size_t linear_drivers) {
    return 1 + linear_drivers + (has_heating(type) ? 1 : 0) + (has_cooling(type) ? 1 : 0);
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out.empty() ? "(none)" : out;
}

// Degree-day columns and the temperature itself do not enter the change-point forms
// linearly: the hinge terms of temperature_c replace them (and with them the design would be
// collinear, e.g. 4p's two hinges add up to T - Tb).
bool linear_in_change_point(std::string_view driver) {
    return driver != "hdd" && driver != "cdd" && driver != kTemperature;
}

/// Rows of one period (baseline or reporting) gathered into flat columns.
struct Sample {
    std::vector<std::size_t> rows;
    std::vector<double> y;
    std::vector<double> weights;             ///< empty when unweighted
    std::vector<double> temperature;         ///< empty without a temperature column
    std::vector<std::vector<double>> linear; ///< per name in Problem::drivers
    [[nodiscard]] std::size_t size() const noexcept { return rows.size(); }
};

/// What one fit_baseline call works on.
struct Problem {
    const EnergySeries* series = nullptr;
    const BaselineOptions* options = nullptr;
    std::vector<std::string> drivers;               ///< linear drivers of the ols form
    std::vector<const std::vector<double>*> values; ///< their columns
    const std::vector<double>* temperature = nullptr;
    std::vector<ModelType> forms;
    const AcceptancePreset* preset = nullptr;
    std::string acceptance_note;
    std::vector<std::string> notes; ///< warnings about the data found while setting up
};

Location where(const EnergySeries& series, std::size_t line = 0) {
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
    Sample out;
    out.rows = std::move(rows);
    const std::size_t n = out.rows.size();
    out.y.reserve(n);
    if (problem.options->weighted) {
        out.weights.reserve(n);
    }
    if (problem.temperature != nullptr) {
        out.temperature.reserve(n);
    }
    out.linear.assign(problem.drivers.size(), {});
    for (auto& column : out.linear) {
        column.reserve(n);
    }
    for (const std::size_t i : out.rows) {
        out.y.push_back(s.energy[i]);
        if (problem.options->weighted) {
            const double days = static_cast<double>(s.end[i] - s.start[i]) / kMillisPerDay;
            if (!(days > 0)) {
                throw DataError("a weighted fit needs periods of positive length",
                                where(s, s.lines[i]));
            }
            out.weights.push_back(days);
        }
        if (problem.temperature != nullptr) {
            out.temperature.push_back((*problem.temperature)[i]);
        }
        for (std::size_t k = 0; k < problem.values.size(); ++k) {
            out.linear[k].push_back((*problem.values[k])[i]);
        }
    }
    return out;
}

/// Evaluates a fitted model on the series' own columns.
class Evaluator {
  public:
    Evaluator(const BaselineModel& model, const EnergySeries& series) : model_(model) {
        for (const CoefficientEstimate& c : model.coefficients) {
            if (c.name == "intercept") {
                intercept_ = c.value;
            } else if (c.name == kHeatingSlope) {
                heating_ = c.value;
            } else if (c.name == kCoolingSlope) {
                cooling_ = c.value;
            } else {
                linear_.emplace_back(series.driver(c.name), c.value);
            }
        }
        if (is_change_point(model.type)) {
            temperature_ = series.driver(kTemperature);
        }
    }

    [[nodiscard]] double operator()(std::size_t i) const {
        double v = intercept_;
        for (const auto& [column, coefficient] : linear_) {
            if (column == nullptr) {
                return kNaN;
            }
            v += coefficient * (*column)[i];
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
        return std::isfinite(v) ? v : kNaN;
    }

  private:
    const BaselineModel& model_;
    double intercept_ = 0;
    double heating_ = 0;
    double cooling_ = 0;
    std::vector<std::pair<const std::vector<double>*, double>> linear_;
    const std::vector<double>* temperature_ = nullptr;
};

/// Fits one form with given balance points by QR (fit_linear): the fit every reported number
/// comes from (conventions §33).
BaselineModel fit_form(const Problem& problem,
                       const Sample& sample,
                       ModelType type,
                       std::optional<double> heating_c,
                       std::optional<double> cooling_c) {
    BaselineModel model;
    model.type = type;
    model.drivers = form_drivers(problem, type);
    model.weighted = problem.options->weighted;
    model.heating_balance_c = heating_c;
    model.cooling_balance_c = cooling_c;

    Design design;
    design.names = model.drivers;
    for (const std::string& d : model.drivers) {
        design.columns.push_back(sample.linear[driver_index(problem, d)]);
    }
    if (has_heating(type)) {
        std::vector<double> column(sample.size());
        for (std::size_t i = 0; i < column.size(); ++i) {
            column[i] = std::max(*heating_c - sample.temperature[i], 0.0);
        }
        design.names.emplace_back(kHeatingSlope);
        design.columns.push_back(std::move(column));
    }
    if (has_cooling(type)) {
        std::vector<double> column(sample.size());
        for (std::size_t i = 0; i < column.size(); ++i) {
            column[i] = std::max(sample.temperature[i] - *cooling_c, 0.0);
        }
        design.names.emplace_back(kCoolingSlope);
        design.columns.push_back(std::move(column));
    }
    const LinearFit fit = fit_linear(design, sample.y, sample.weights);
    model.coefficients = fit.coefficients;
    model.statistics = detail::fit_statistics(sample.y, fit.fitted, sample.weights, fit.p);
    model.statistics.f_statistic = fit.f_statistic;
    model.statistics.f_p_value = fit.f_p_value;
    model.statistics.inference = fit.has_inference();
    return model;
}

/// Why a model's coefficient signs are physically meaningless, or empty when they are fine:
/// heating and cooling slopes (hinge terms or HDD/CDD coefficients) must be > 0 (CalTRACK
/// §3.4.3.2, energy.md §2.2).
std::string disqualification(const BaselineModel& model) {
    for (const CoefficientEstimate& c : model.coefficients) {
        std::string_view what;
        if (c.name == kHeatingSlope || c.name == "hdd") {
            what = "heating slope";
        } else if (c.name == kCoolingSlope || c.name == "cdd") {
            what = "cooling slope";
        } else {
            continue;
        }
        if (!(c.value > 0)) {
            return fmt::format("disqualified: {} {} 0 ({} = {:.4g})", what, c.value < 0 ? "<" : "=",
                               c.name, c.value);
        }
    }
    return {};
}

// A statistic in a sentence: reports never show "nan" (conventions §1).
std::string number_or_undefined(double v, std::string_view format) {
    return std::isfinite(v) ? fmt::format(fmt::runtime(format), v) : std::string("undefined");
}

std::string failed_checks(const Acceptance& acceptance) {
    std::string out;
    for (const AcceptanceCheck& c : acceptance.checks) {
        if (!c.passed) {
            out += out.empty() ? "" : ", ";
            out += fmt::format("{} {} not {} {:.4g}", c.name,
                               number_or_undefined(c.value, "{:.4g}"), c.comparison, c.threshold);
        }
    }
    return fmt::format("fails {}: {}", acceptance.preset, out);
}

/// Screens and refits one form. Throws DataError (with the model's name) when it cannot be
/// fitted; the automatic selection turns that into the candidate's reason.
BaselineModel fit_candidate(const Problem& problem,
                            const Sample& sample,
                            ModelType type,
                            const detail::ChangePointScreen* screen) {
    const std::string_view name = to_string(type);
    const std::vector<std::string> drivers = form_drivers(problem, type);
    const std::size_t p = coefficient_count(type, drivers.size());
    const Location at = where(*problem.series);
    if (is_change_point(type) && problem.temperature == nullptr) {
        throw DataError(fmt::format("model {} needs a {} column; the series has: {}", name,
                                    kTemperature, join(problem.series->driver_names)),
                        at);
    }
    if (sample.size() <= p) {
        throw DataError(fmt::format("model {}: too few baseline periods: n = {} for p = {} "
                                    "coefficients (needs n > p)",
                                    name, sample.size(), p),
                        at);
    }
    std::optional<double> heating_c;
    std::optional<double> cooling_c;
    if (is_change_point(type)) {
        if (screen->linear_part_singular()) {
            // Let the QR fit of the linear part name the constant or collinear driver.
            Design linear;
            linear.names = drivers;
            for (const std::string& d : drivers) {
                linear.columns.push_back(sample.linear[driver_index(problem, d)]);
            }
            try {
                fit_linear(linear, sample.y, sample.weights);
            } catch (const DataError& e) {
                throw DataError(fmt::format("model {}: {}", name, e.message()), at);
            }
            throw DataError(
                fmt::format("model {}: the linear drivers ({}) are collinear", name, join(drivers)),
                at);
        }
        if (!screen->grid_too_large().empty()) {
            throw DataError(fmt::format("model {}: {}", name, screen->grid_too_large()), at);
        }
        const detail::ScreenedBalance best = screen->best(type);
        if (!best.found) {
            throw DataError(
                fmt::format("model {}: no balance point on the {} °C grid leaves at least {} "
                            "baseline periods on each side",
                            name, problem.options->balance_step,
                            problem.options->min_points_per_segment),
                at);
        }
        if (has_heating(type)) {
            heating_c = best.heating_c;
        }
        if (has_cooling(type)) {
            cooling_c = best.cooling_c;
        }
    }
    try {
        return fit_form(problem, sample, type, heating_c, cooling_c);
    } catch (const DataError& e) {
        throw DataError(fmt::format("model {}: {}", name, e.message()), at);
    }
}

struct Selection {
    BaselineModel model;
    std::vector<Candidate> candidates;
    std::string reason;
    std::vector<std::string> warnings;
};

Candidate describe(ModelType type, const BaselineModel& model) {
    Candidate c;
    c.type = type;
    c.fitted = true;
    c.p = model.statistics.p;
    c.adj_r2 = model.statistics.adj_r2;
    c.cv_rmse = model.statistics.cv_rmse;
    c.nmbe = model.statistics.nmbe;
    c.heating_balance_c = model.heating_balance_c;
    c.cooling_balance_c = model.cooling_balance_c;
    c.passed = model.acceptance.passed;
    return c;
}

bool better(const Candidate& a, const Candidate& b) {
    // Adjusted R² decides; equal values (to rounding) go to the model with fewer coefficients.
    constexpr double kTie = 1e-12;
    // Constant baseline energy leaves adjusted R² undefined (NaN): fewer coefficients win then.
    const bool a_defined = !std::isnan(a.adj_r2);
    if (a_defined != !std::isnan(b.adj_r2)) {
        return a_defined;
    }
    if (!a_defined) {
        return a.p < b.p;
    }
    if (a.adj_r2 > b.adj_r2 + kTie) {
        return true;
    }
    return std::abs(a.adj_r2 - b.adj_r2) <= kTie && a.p < b.p;
}

Selection select_model(const Problem& problem, const Sample& sample) {
    const bool needs_screen = std::any_of(problem.forms.begin(), problem.forms.end(),
                                          [](ModelType t) { return is_change_point(t); });
    std::optional<detail::ChangePointScreen> screen;
    if (needs_screen && problem.temperature != nullptr) {
        std::vector<std::span<const double>> linear;
        for (const std::string& d : form_drivers(problem, ModelType::cp4)) {
            linear.emplace_back(sample.linear[driver_index(problem, d)]);
        }
        screen.emplace(sample.temperature, linear, sample.y, sample.weights,
                       problem.options->balance_step, problem.options->min_points_per_segment);
    }
    const bool automatic = problem.options->model == ModelChoice::automatic;
    Selection out;
    std::vector<std::optional<BaselineModel>> models;
    for (const ModelType type : problem.forms) {
        std::optional<BaselineModel> model;
        Candidate c;
        c.type = type;
        try {
            model = fit_candidate(problem, sample, type, screen ? &*screen : nullptr);
        } catch (const DataError& e) {
            if (!automatic) {
                throw;
            }
            c.reason = "not fitted: " + e.message();
        }
        if (model) {
            model->acceptance =
                detail::judge_acceptance(*problem.preset, model->statistics, model->coefficients);
            model->acceptance.note = problem.acceptance_note;
            c = describe(type, *model);
            c.reason = disqualification(*model);
            c.qualified = c.reason.empty();
            if (c.qualified && !c.passed) {
                c.reason = failed_checks(model->acceptance);
            }
        }
        out.candidates.push_back(std::move(c));
        models.push_back(std::move(model));
    }

    auto pick = [&](auto&& eligible) {
        std::optional<std::size_t> best;
        std::size_t count = 0;
        for (std::size_t k = 0; k < out.candidates.size(); ++k) {
            if (eligible(out.candidates[k])) {
                ++count;
                if (!best || better(out.candidates[k], out.candidates[*best])) {
                    best = k;
                }
            }
        }
        return std::pair{best, count};
    };
    const std::string_view preset = problem.preset->name;
    auto [chosen, count] = pick([](const Candidate& c) { return c.qualified && c.passed; });
    std::string summary;
    if (chosen) {
        summary = fmt::format("highest adjusted R² among {} candidate{} that pass {}", count,
                              count == 1 ? "" : "s", preset);
    } else {
        std::tie(chosen, count) = pick([](const Candidate& c) { return c.qualified; });
        if (chosen) {
            summary = fmt::format("no candidate passes {}: highest adjusted R² among {} "
                                  "qualified candidate{}; acceptance failed",
                                  preset, count, count == 1 ? "" : "s");
        } else {
            std::tie(chosen, count) = pick([](const Candidate& c) { return c.fitted; });
            if (chosen) {
                summary = fmt::format("no candidate has physically meaningful slopes: highest "
                                      "adjusted R² among {} fitted candidate{}",
                                      count, count == 1 ? "" : "s");
            }
        }
    }
    if (!chosen) {
        std::string reasons;
        for (const Candidate& c : out.candidates) {
            reasons +=
                fmt::format("{}{}: {}", reasons.empty() ? "" : "; ", to_string(c.type), c.reason);
        }
        throw DataError("no baseline model can be fitted: " + reasons, where(*problem.series));
    }
    Candidate& winner = out.candidates[*chosen];
    out.model = std::move(*models[*chosen]);
    if (!automatic) {
        out.reason = fmt::format("{} requested explicitly", to_string(winner.type));
        if (!winner.qualified) {
            out.warnings.push_back(
                fmt::format("model {} is {}", to_string(winner.type), winner.reason));
        }
    } else {
        out.reason = fmt::format("{} selected: {}", to_string(winner.type), summary);
        for (Candidate& c : out.candidates) {
            if (&c != &winner && c.fitted && c.qualified && c.passed) {
                c.reason = fmt::format("passes {}; adjusted R² {} vs {} of the selected {}", preset,
                                       number_or_undefined(c.adj_r2, "{:.6g}"),
                                       number_or_undefined(winner.adj_r2, "{:.6g}"),
                                       to_string(winner.type));
            }
        }
        if (!winner.qualified) {
            out.warnings.push_back(fmt::format("no candidate model is qualified; {} is {}",
                                               to_string(winner.type), winner.reason));
        }
    }
    if (!winner.passed) {
        out.warnings.push_back(fmt::format("the baseline model {} {}", to_string(winner.type),
                                           failed_checks(out.model.acceptance)));
    }
    const std::string why = automatic ? summary : "requested explicitly";
    winner.reason = winner.reason.empty() ? "selected: " + why
                                          : "selected: " + why + " (" + winner.reason + ")";
    // Only a driver list the user gave deserves the remark: by default hdd and cdd are
    // offered to the ols form and simply not used by the change-point forms.
    if (is_change_point(winner.type) && !problem.options->drivers.empty()) {
        const bool dropped =
            std::any_of(problem.drivers.begin(), problem.drivers.end(),
                        [](const std::string& d) { return !linear_in_change_point(d); });
        if (dropped) {
            out.warnings.push_back(fmt::format(
                "model {} uses the hinge terms of {} instead of the drivers hdd, cdd and {}",
                to_string(winner.type), kTemperature, kTemperature));
        }
    }
    return out;
}

/// Rows of each period, with the warnings about what was left out.
struct Split {
    std::vector<std::size_t> baseline;
    std::vector<std::size_t> reporting;
    std::vector<std::string> warnings;
};

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
                period, d.count == 1 ? "" : "s", join(needed_names), d.first_line));
        }
    };
    warn(dropped_baseline, "baseline");
    warn(dropped_reporting, "reporting");
    if (out.baseline.empty()) {
        throw DataError(fmt::format("no baseline period has all of {}", join(needed_names)),
                        where(s));
    }
    if (out.reporting.empty()) {
        throw DataError(fmt::format("no reporting period has all of {}", join(needed_names)),
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
                                            join(series.driver_names)),
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
                                    join(series.driver_names)),
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

Savings compute_savings(const Problem& problem,
                        const BaselineModel& model,
                        const Sample& baseline,
                        const Sample& reporting,
                        Granularity granularity,
                        std::vector<std::string>& warnings) {
    const EnergySeries& s = *problem.series;
    const BaselineOptions& options = *problem.options;
    const Evaluator evaluate(model, s);
    Savings out;
    out.m = reporting.size();
    for (std::size_t k = 0; k < reporting.size(); ++k) {
        const double predicted = evaluate(reporting.rows[k]);
        if (!std::isfinite(predicted)) {
            // The reporting row has every value the model needs, so only an overflow is left:
            // a driver far outside anything the baseline saw.
            throw DataError(fmt::format("the {} model's value for the reporting period at line {} "
                                        "is not a finite number: its drivers are too large",
                                        to_string(model.type), s.lines[reporting.rows[k]]),
                            where(s, s.lines[reporting.rows[k]]));
        }
        out.adjusted_baseline += predicted;
        out.actual += reporting.y[k];
    }
    if (!std::isfinite(out.adjusted_baseline) || !std::isfinite(out.actual)) {
        throw DataError(fmt::format("the reporting period's {} overflows: the energy values are "
                                    "too large to add up",
                                    std::isfinite(out.actual) ? "adjusted baseline" : "energy"),
                        where(s));
    }
    out.avoided_energy = out.adjusted_baseline - out.actual;
    out.avoided_percent = detail::finite_or_undefined(
        ratio(out.avoided_energy, out.adjusted_baseline, "adjusted baseline"),
        "not a finite number: the adjusted baseline is too close to 0");

    // Normalised savings (IPMVP, energy.md §1.1): both periods' models on the baseline
    // period's conditions.
    const std::size_t p = model.statistics.p;
    if (reporting.size() <= p) {
        out.normalised_savings = KpiValue::missing({fmt::format(
            "reporting-period model ({} periods for {} coefficients)", reporting.size(), p)});
    } else {
        try {
            const BaselineModel after = fit_form(problem, reporting, model.type,
                                                 model.heating_balance_c, model.cooling_balance_c);
            const Evaluator evaluate_after(after, s);
            double sum = 0;
            for (const std::size_t i : baseline.rows) {
                sum += evaluate(i) - evaluate_after(i);
            }
            out.normalised_savings = detail::finite_or_undefined(
                KpiValue::of(sum), "not a finite number: the reporting-period model overflows on "
                                   "the baseline period's conditions");
        } catch (const DataError& e) {
            out.normalised_savings =
                KpiValue::missing({fmt::format("reporting-period model ({})", e.message())});
        }
    }

    out.fsu_method = options.fsu_method;
    out.autocorrelation_corrected = granularity != Granularity::monthly;
    if (options.fsu_method == FsuMethod::sun_baltazar) {
        double months = 0;
        if (granularity == Granularity::hourly) {
            out.fsu_factor = 1.26;
            warnings.emplace_back("Sun & Baltazar publish no coefficients for hourly data: the "
                                  "savings uncertainty uses Guideline 14's 1.26");
        } else if (granularity == Granularity::daily) {
            double days = 0;
            for (const std::size_t i : reporting.rows) {
                days += static_cast<double>(s.end[i] - s.start[i]) / kMillisPerDay;
            }
            months = days / 30;
        } else {
            // Monthly data: one reporting period is one month (billing coefficients).
            months = static_cast<double>(reporting.size());
        }
        if (granularity != Granularity::hourly) {
            out.fsu_factor = detail::sun_baltazar_factor(granularity, months);
            const double peak = detail::sun_baltazar_peak_months(granularity);
            if (months > peak) {
                warnings.push_back(fmt::format(
                    "the reporting period ({:.4g} months) is longer than the {:.4g} months at "
                    "which the Sun & Baltazar polynomial peaks: its peak value {:.6g} is used",
                    months, peak, out.fsu_factor));
            }
        }
    }
    detail::FsuInput in;
    in.n = model.statistics.n;
    in.p = p;
    in.cv_rmse = model.statistics.cv_rmse;
    in.n_effective = model.statistics.n_effective;
    in.corrected = out.autocorrelation_corrected;
    in.m = out.m;
    in.factor = out.fsu_factor;
    in.adjusted_baseline = out.adjusted_baseline;
    in.savings = out.avoided_energy;
    out.fsu = detail::savings_uncertainty(in, options.confidence_levels);
    return out;
}

std::optional<double>
production_total(const EnergySeries& s, const Sample& sample, double& energy) {
    const std::vector<double>* production = s.driver("production");
    energy = 0;
    if (production == nullptr) {
        for (const double y : sample.y) {
            energy += y;
        }
        return std::nullopt;
    }
    double total = 0;
    for (std::size_t k = 0; k < sample.size(); ++k) {
        const double v = (*production)[sample.rows[k]];
        if (!std::isnan(v)) {
            total += v;
            energy += sample.y[k];
        }
    }
    return total;
}

/// Rethrows the current exception with the factory named in its message.
std::exception_ptr with_factory(const std::string& factory, std::size_t index) {
    const std::string id =
        factory.empty() ? fmt::format("series {}", index + 1) : fmt::format("factory {}", factory);
    try {
        throw;
    } catch (const UsageError& e) {
        return std::make_exception_ptr(UsageError(id + ": " + e.message(), e.where()));
    } catch (const DataError& e) {
        return std::make_exception_ptr(DataError(id + ": " + e.message(), e.where()));
    } catch (...) {
        return std::current_exception();
    }
}

} // namespace

std::string_view to_string(ModelType type) {
    return kModelNames[static_cast<std::size_t>(type)];
}

ModelChoice parse_model_choice(std::string_view text) {
    if (text == "auto") {
        return ModelChoice::automatic;
    }
    for (std::size_t k = 0; k < kModelNames.size(); ++k) {
        if (text == kModelNames[k]) {
            return static_cast<ModelChoice>(k + 1);
        }
    }
    throw UsageError(
        fmt::format("unknown model '{}'; expected one of auto, ols, 3pc, 3ph, 4p, 5p", text));
}

std::string_view to_string(FsuMethod method) {
    return method == FsuMethod::g14 ? "g14" : "sun_baltazar";
}

double BaselineModel::predict(const EnergySeries& series, std::size_t i) const {
    return Evaluator(*this, series)(i);
}

BaselineResult fit_baseline(const EnergySeries& series, const BaselineOptions& options) {
    validate(options);
    BaselineResult result;
    result.factory = series.factory;
    result.energy_unit = series.energy_unit;
    result.upgrade = options.upgrade;
    Problem problem = make_problem(series, options);
    result.granularity = series.granularity();
    problem.preset = options.acceptance.empty()
                         ? &detail::default_acceptance(result.granularity, problem.acceptance_note)
                         : &find_acceptance_preset(options.acceptance);
    if (!problem.acceptance_note.empty()) {
        result.warnings.push_back(problem.acceptance_note);
    }
    result.warnings.insert(result.warnings.end(), problem.notes.begin(), problem.notes.end());

    Split split = split_periods(problem);
    result.warnings.insert(result.warnings.end(), split.warnings.begin(), split.warnings.end());
    const Sample baseline = gather(problem, std::move(split.baseline));
    const Sample reporting = gather(problem, std::move(split.reporting));
    result.baseline_periods = baseline.size();
    result.reporting_periods = reporting.size();
    if (std::all_of(baseline.y.begin(), baseline.y.end(), [](double y) { return y == 0; })) {
        throw DataError(fmt::format("the baseline energy is 0 in all {} baseline periods: "
                                    "CV(RMSE) and NMBE (relative to the mean energy) are undefined",
                                    baseline.size()),
                        where(series));
    }

    Selection selection = select_model(problem, baseline);
    result.model = std::move(selection.model);
    result.candidates = std::move(selection.candidates);
    result.selection_reason = std::move(selection.reason);
    result.warnings.insert(result.warnings.end(), selection.warnings.begin(),
                           selection.warnings.end());
    if (std::isnan(result.model.statistics.r2)) {
        result.warnings.push_back(fmt::format(
            "the baseline energy is the same in all {} baseline periods (SST = 0): R² and "
            "adjusted R² are undefined",
            baseline.size()));
    }

    const Evaluator evaluate(result.model, series);
    result.predicted.resize(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
        result.predicted[i] = evaluate(i);
    }
    result.savings = compute_savings(problem, result.model, baseline, reporting, result.granularity,
                                     result.warnings);
    double baseline_energy = 0;
    double reporting_energy = 0;
    const std::optional<double> baseline_production =
        production_total(series, baseline, baseline_energy);
    const std::optional<double> reporting_production =
        production_total(series, reporting, reporting_energy);
    result.enpi = detail::energy_performance_indicators(
        baseline_energy, baseline_production, reporting_energy, reporting_production,
        result.savings.actual, result.savings.adjusted_baseline);
    return result;
}

std::vector<BaselineResult> fit_baselines(std::span<const EnergySeries> series,
                                          const BaselineOptions& options,
                                          unsigned threads) {
    validate(options);
    const std::size_t n = series.size();
    std::vector<BaselineResult> results(n);
    if (n == 0) {
        return results;
    }
    std::size_t workers =
        threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
    workers = std::min(workers, n);
    // Per chunk: the first failing index and its exception (chunks are contiguous, so the
    // smallest failing index over all chunks is the first error in input order).
    std::vector<std::size_t> failed_at(workers, n);
    std::vector<std::exception_ptr> errors(workers);
    auto run = [&](std::size_t w) {
        const std::size_t begin = n * w / workers;
        const std::size_t end = n * (w + 1) / workers;
        for (std::size_t i = begin; i < end; ++i) {
            try {
                results[i] = fit_baseline(series[i], options);
            } catch (...) {
                failed_at[w] = i;
                // One series without a factory id: the file names it well enough.
                errors[w] = series[i].factory.empty() && n == 1
                                ? std::current_exception()
                                : with_factory(series[i].factory, i);
                return;
            }
        }
    };
    if (workers == 1) {
        run(0);
    } else {
        std::vector<std::thread> pool;
        pool.reserve(workers - 1);
        for (std::size_t w = 1; w < workers; ++w) {
            pool.emplace_back(run, w);
        }
        run(0);
        for (std::thread& t : pool) {
            t.join();
        }
    }
    for (std::size_t w = 0; w < workers; ++w) {
        if (errors[w]) {
            std::rethrow_exception(errors[w]);
        }
    }
    return results;
}

} // namespace smartkpi
