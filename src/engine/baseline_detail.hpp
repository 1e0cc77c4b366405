// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

// The pieces of the energy baseline engine that fit_baseline puts together: Guideline 14
// statistics, acceptance, savings with their uncertainty, EnPIs. Separate so that each
// formula can be tested against hand-worked and published numbers.

#include <smartkpi/engine/energy_baseline.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

/// Lag-1 autocorrelation of residuals as eemeter (pandas `Series.autocorr`) and nmecr compute
/// it: the Pearson correlation of (e2..en) with (e1..en-1) (energy.md §0 item 4). 0 when it is
/// undefined (fewer than 3 residuals, or either lagged series constant).
double lag1_autocorrelation(std::span<const double> residuals);

/// n' = n (1 - ρ)/(1 + ρ), clamped to [1, n] (see the definition for why).
double effective_sample_size(std::size_t n, double rho);

/// adj R² = 1 - (1 - R²)(n - 1)/(n - p) (energy.md §1.2.1); requires n > p.
double adjusted_r2(double r2, std::size_t n, std::size_t p);

/// Guideline 14 statistics of `fitted` against `y` with p fitted coefficients (p counts the
/// intercept; conventions §32). `weights` empty: unweighted; otherwise the WLS weights, which
/// are rescaled to mean 1 so that every statistic reduces to the unweighted one for equal
/// weights. F and its p-value are left at 0 and 1: they come from the regression.
/// R² and adjusted R² are NaN (undefined) when y is constant (SST = 0).
/// Throws DataError when n <= p or the (weighted) mean of y is 0.
FitStatistics fit_statistics(std::span<const double> y,
                             std::span<const double> fitted,
                             std::span<const double> weights,
                             std::size_t p);

/// The acceptance preset of a granularity when none is named: monthly → g14-monthly,
/// daily and hourly → g14-hourly. `note` receives the daily caveat (empty otherwise).
const AcceptancePreset& default_acceptance(Granularity granularity, std::string& note);

/// Checks the statistics and the slopes (every coefficient but the intercept) against the preset.
Acceptance judge_acceptance(const AcceptancePreset& preset,
                            const FitStatistics& statistics,
                            std::span<const CoefficientEstimate> coefficients);

/// Sun & Baltazar (2013) replacement for Guideline 14's 1.26, a·M² + b·M + d, with the
/// billing coefficients for monthly data and the daily ones for daily data (energy.md §1.2.4).
/// Beyond its peak (sun_baltazar_peak_months) the parabola falls, and past about 15 years it
/// would turn negative, so longer reporting periods get the peak value.
double sun_baltazar_factor(Granularity granularity, double months);

/// M at which the Sun & Baltazar polynomial peaks, -b/(2a): about 75 months (billing) and 74
/// (daily).
double sun_baltazar_peak_months(Granularity granularity);

/// `value` when it is not available or a finite number, undefined with `reason` otherwise: an
/// overflowing or 0-denominator-like division must never reach a report as inf or NaN
/// (conventions §1).
KpiValue finite_or_undefined(KpiValue value, std::string_view reason);

/// Everything the savings uncertainty needs besides the totals.
struct FsuInput {
    std::size_t n = 0;            ///< baseline points
    std::size_t p = 0;            ///< baseline model coefficients
    double cv_rmse = 0;           ///< baseline CV(RMSE), fraction
    double n_effective = 0;       ///< n' (used only when `corrected`)
    bool corrected = false;       ///< apply the autocorrelation correction (daily/hourly data)
    std::size_t m = 0;            ///< reporting periods
    double factor = 1.26;         ///< 1.26 or the Sun & Baltazar value
    double adjusted_baseline = 0; ///< Ê_base,rep
    double savings = 0;           ///< S = Ê_base,rep - E_rep
};

/// Guideline 14 fractional savings uncertainty at each confidence level (energy.md §1.2.4):
/// ΔS = t·factor·CV·sqrt((n/n')(1 + 2/n')/m)·|Ê_base,rep|, FSU = ΔS/|S| (undefined when S = 0),
/// t two-sided with n - p degrees of freedom (t quantiles are cached per thread).
std::vector<FsuLevel> savings_uncertainty(const FsuInput& input,
                                          std::span<const double> confidence_levels);

/// ISO 50006 EnPIs from the period totals (energy.md §1.3, §0 item 6). Production sums are
/// absent (nullopt) when the series has no production column.
Enpi energy_performance_indicators(double baseline_energy,
                                   std::optional<double> baseline_production,
                                   double reporting_energy,
                                   std::optional<double> reporting_production,
                                   double actual,
                                   double adjusted_baseline);

} // namespace smartkpi::detail
