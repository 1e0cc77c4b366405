// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Fitting and choosing the baseline model: every candidate is fitted and described, not only
// the winner, so that a report can say why each other form lost.
#include "engine/baseline_selection.hpp"

#include "engine/baseline_detail.hpp"
#include "engine/change_point.hpp"

#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <tuple>
#include <utility>

namespace smartkpi::detail {

namespace {

constexpr std::string_view kPerDayConvention =
    "; per day of each period, weighted by days (CalTRACK usage per day, energy.md §2.2): energy "
    "and the summable drivers are divided by the period's days, so R², CV(RMSE), NMBE, RMSE and "
    "the mean are those of energy per day";

std::size_t coefficient_count(ModelType type, std::size_t linear_drivers) {
    return 1 + linear_drivers + (has_heating(type) ? 1 : 0) + (has_cooling(type) ? 1 : 0);
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
                            const ChangePointScreen* screen) {
    const std::string_view name = to_string(type);
    const std::vector<std::string> drivers = form_drivers(problem, type);
    const std::size_t p = coefficient_count(type, drivers.size());
    const Location at = where(*problem.series);
    if (is_change_point(type) && problem.temperature == nullptr) {
        throw DataError(fmt::format("model {} needs a {} column; the series has: {}", name,
                                    kTemperature, join_names(problem.series->driver_names)),
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
            throw DataError(fmt::format("model {}: the linear drivers ({}) are collinear", name,
                                        join_names(drivers)),
                            at);
        }
        if (!screen->grid_too_large().empty()) {
            throw DataError(fmt::format("model {}: {}", name, screen->grid_too_large()), at);
        }
        const ScreenedBalance best = screen->best(type);
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

} // namespace

BaselineModel fit_form(const Problem& problem,
                       const Sample& sample,
                       ModelType type,
                       std::optional<double> heating_c,
                       std::optional<double> cooling_c) {
    BaselineModel model;
    model.type = type;
    model.drivers = form_drivers(problem, type);
    model.per_day = problem.options->per_day;
    model.weighted = problem.options->weighted || model.per_day;
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
    model.statistics = fit_statistics(sample.y, fit.fitted, sample.weights, fit.p);
    model.statistics.f_statistic = fit.f_statistic;
    model.statistics.f_p_value = fit.f_p_value;
    model.statistics.inference = fit.has_inference();
    if (model.per_day) {
        model.statistics.convention += kPerDayConvention;
    }
    return model;
}

Selection select_model(const Problem& problem, const Sample& sample) {
    const bool needs_screen = std::any_of(problem.forms.begin(), problem.forms.end(),
                                          [](ModelType t) { return is_change_point(t); });
    std::optional<ChangePointScreen> screen;
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
                judge_acceptance(*problem.preset, model->statistics, model->coefficients);
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

} // namespace smartkpi::detail
