// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The energy baseline engine's entry points: one series' fit from set-up through selection to
// savings and EnPIs, and many series fitted in parallel with errors reported in input order.
#include "engine/baseline_detail.hpp"
#include "engine/baseline_problem.hpp"
#include "engine/baseline_selection.hpp"

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <thread>

namespace smartkpi {

namespace {

using detail::Evaluator;
using detail::Problem;
using detail::Sample;
using detail::where;

constexpr std::array<std::string_view, 5> kModelNames{"ols", "3pc", "3ph", "4p", "5p"};

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
        // The series' energy, not the sample's: a per-day sample holds energy per day.
        out.actual += s.energy[reporting.rows[k]];
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
            const BaselineModel after = detail::fit_form(
                problem, reporting, model.type, model.heating_balance_c, model.cooling_balance_c);
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
                days += static_cast<double>(s.end[i] - s.start[i]) / detail::kMillisPerDay;
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
    // A per-day model brings the CV(RMSE) of its per-day fit: a relative spread, applied to
    // the adjusted baseline per period as Guideline 14's formula does (energy.md §1.2.4).
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
    // Totals from the series itself: a per-day sample holds energy and production per day.
    if (production == nullptr) {
        for (const std::size_t i : sample.rows) {
            energy += s.energy[i];
        }
        return std::nullopt;
    }
    double total = 0;
    for (const std::size_t i : sample.rows) {
        const double v = (*production)[i];
        if (!std::isnan(v)) {
            total += v;
            energy += s.energy[i];
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
    detail::validate(options);
    BaselineResult result;
    result.factory = series.factory;
    result.energy_unit = series.energy_unit;
    result.upgrade = options.upgrade;
    Problem problem = detail::make_problem(series, options);
    result.granularity = series.granularity();
    problem.preset = options.acceptance.empty()
                         ? &detail::default_acceptance(result.granularity, problem.acceptance_note)
                         : &find_acceptance_preset(options.acceptance);
    if (!problem.acceptance_note.empty()) {
        result.warnings.push_back(problem.acceptance_note);
    }
    result.warnings.insert(result.warnings.end(), problem.notes.begin(), problem.notes.end());

    detail::Split split = detail::split_periods(problem);
    result.warnings.insert(result.warnings.end(), split.warnings.begin(), split.warnings.end());
    const Sample baseline = detail::gather(problem, std::move(split.baseline));
    const Sample reporting = detail::gather(problem, std::move(split.reporting));
    result.baseline_periods = baseline.size();
    result.reporting_periods = reporting.size();
    if (std::all_of(baseline.y.begin(), baseline.y.end(), [](double y) { return y == 0; })) {
        throw DataError(fmt::format("the baseline energy is 0 in all {} baseline periods: "
                                    "CV(RMSE) and NMBE (relative to the mean energy) are undefined",
                                    baseline.size()),
                        where(series));
    }

    detail::Selection selection = detail::select_model(problem, baseline);
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
    detail::validate(options);
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
