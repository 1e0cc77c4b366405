// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/regression.hpp>
#include <smartkpi/model/energy_series.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Baseline model forms (ASHRAE Guideline 14 inverse models, IPMVP Option C). T is the
/// period's mean temperature (°C); production and the other drivers enter linearly.
///  - ols: intercept + the drivers;
///  - cp3_cooling "3pc": + slope * max(T - Tc, 0);
///  - cp3_heating "3ph": + slope * max(Th - T, 0);
///  - cp4 "4p": + heating slope * max(Tb - T, 0) + cooling slope * max(T - Tb, 0);
///  - cp5 "5p": + heating slope * max(Th - T, 0) + cooling slope * max(T - Tc, 0), Th < Tc.
enum class ModelType { ols, cp3_cooling, cp3_heating, cp4, cp5 };
/// "ols", "3pc", "3ph", "4p", "5p".
std::string_view to_string(ModelType type);
/// What --model asks for: one form, or automatic selection among all that apply.
enum class ModelChoice { automatic, ols, cp3_cooling, cp3_heating, cp4, cp5 };
/// Parses "auto", "ols", "3pc", "3ph", "4p", "5p"; UsageError listing them otherwise.
ModelChoice parse_model_choice(std::string_view text);

/// Acceptance thresholds for a baseline model (energy.md §1.2.2; conventions §32). A preset
/// checks only the thresholds it has: enpi-sep has no NMBE or CV(RMSE) cap, caltrack no NMBE cap.
struct AcceptancePreset {
    std::string name;                   ///< "g14-monthly", "g14-hourly", "nmec-ca", ...
    std::optional<double> max_abs_nmbe; ///< fraction
    std::optional<double> max_cv_rmse;  ///< fraction
    /// The NMBE and CV(RMSE) caps are exclusive (value < cap, as nmec-ca states them) rather
    /// than inclusive (value <= cap, as Guideline 14 does).
    bool exclusive_caps = false;
    std::optional<double> min_r2;      ///< fraction; inclusive (R² >= min)
    std::optional<double> max_f_p;     ///< overall F-test p-value cap; exclusive (p < cap)
    std::optional<double> max_slope_p; ///< every slope's p-value cap; exclusive (p < cap)
    std::string source;                ///< where the thresholds come from
};
/// The presets, in a fixed order: g14-monthly, g14-hourly, nmec-ca, enpi-sep, caltrack.
std::span<const AcceptancePreset> acceptance_presets();
/// Looks a preset up by name; UsageError listing the names otherwise.
const AcceptancePreset& find_acceptance_preset(std::string_view name);

/// Fractional savings uncertainty method: ASHRAE Guideline 14 (factor 1.26) or the
/// Sun & Baltazar (2013) polynomial that CalTRACK and eemeter use instead of 1.26.
enum class FsuMethod { g14, sun_baltazar };
std::string_view to_string(FsuMethod method);

struct BaselineOptions {
    /// Periods that start at or after this instant form the reporting period; periods before
    /// it the baseline; a period that straddles it is left out, with a warning.
    UnixMillis upgrade = 0;
    ModelChoice model = ModelChoice::automatic;
    /// Driver columns entering linearly; empty: production, hdd and cdd, those the series has
    /// (hdd/cdd are not used with change-point forms, which take temperature_c instead).
    std::vector<std::string> drivers;
    /// Weighted least squares with weight = period length in days (billing periods).
    bool weighted = false;
    /// Day-normalised model for billing periods of unequal length (CalTRACK's usage-per-day
    /// model, energy.md §2.2; ASHRAE inverse-model practice): the fit regresses energy per day
    /// of each period (days = (end - start) / 86,400,000 ms, fractional allowed) on the drivers
    /// per day (production, hdd, cdd and any other summable driver divided by the days;
    /// temperature_c and drivers named temperature* stay the period mean), weighted by days
    /// (with or without `weighted`: the same weights, applied once). Coefficients and fit
    /// statistics are per day; predictions, savings, their uncertainty (the per-day fit's
    /// CV(RMSE) with the per-period adjusted baseline) and EnPIs are per period again
    /// (per-day value × days).
    bool per_day = false;
    /// Acceptance preset; empty: g14-monthly for monthly data, g14-hourly for daily (flagged in
    /// the warnings) and hourly data.
    std::string acceptance;
    /// Grid step of the balance-point search, °C.
    double balance_step = 0.5;
    /// Minimum number of points on each side of a balance point.
    std::size_t min_points_per_segment = 3;
    /// Confidence levels of the savings uncertainty.
    std::vector<double> confidence_levels{0.68, 0.90, 0.95};
    FsuMethod fsu_method = FsuMethod::g14;
};

/// Guideline 14 fit statistics of a model on its baseline data (energy.md §1.2.1).
struct FitStatistics {
    std::size_t n = 0; ///< points used
    std::size_t p = 0; ///< fitted coefficients incl. intercept; balance points not counted
    double r2 = 0;
    double adj_r2 = 0;  ///< 1 - (1 - R²)(n - 1)/(n - p)
    double cv_rmse = 0; ///< sqrt(SSE/(n - p)) / mean(y), fraction
    double nmbe = 0;    ///< Σ(y - ŷ) / ((n - p) mean(y)), fraction; > 0: model under-predicts
    double rmse = 0;    ///< sqrt(SSE/(n - p))
    double mean_y = 0;
    double f_statistic = 0;
    double f_p_value = 1;
    /// False when the fit supports no inference (no residual degree of freedom, or the data lie
    /// exactly on the model; LinearFit::has_inference()): then the coefficients' standard
    /// errors, t and p and the F test hold placeholders that reports show as undefined.
    bool inference = true;
    double autocorrelation = 0; ///< lag-1 Pearson correlation of the residuals (e2..en vs e1..en-1)
    double n_effective = 0;     ///< n (1 - ρ)/(1 + ρ)
    /// Names the degrees-of-freedom convention, e.g. "ASHRAE Guideline 14: n - p, p counts the
    /// intercept; balance points are reported, not counted" (conventions §32); a per-day model
    /// adds "per day of each period, weighted by days" (the statistics are of energy per day).
    std::string convention;
};

/// One check of the acceptance preset.
struct AcceptanceCheck {
    std::string name; ///< "cv_rmse", "nmbe", "r2", "f_p_value", "slope_p_value"
    /// The value compared: CV(RMSE); |NMBE| (the signed value is in FitStatistics); R²; the
    /// F-test p-value; the largest slope p-value.
    double value = 0;
    double threshold = 0;
    std::string comparison; ///< how value is compared with threshold: "<=", "<" or ">="
    bool passed = false;
};

struct Acceptance {
    std::string preset;
    bool passed = false;
    std::vector<AcceptanceCheck> checks;
    std::string
        note; ///< e.g. "daily data judged by the hourly thresholds (G14 has none for daily)"
};

/// A fitted baseline model.
struct BaselineModel {
    ModelType type = ModelType::ols;
    /// "intercept", the drivers, then "heating_slope" / "cooling_slope" for change-point forms.
    std::vector<CoefficientEstimate> coefficients;
    std::optional<double> heating_balance_c; ///< Th (3ph, 5p) or Tb (4p), °C
    std::optional<double> cooling_balance_c; ///< Tc (3pc, 5p) or Tb (4p), °C
    std::vector<std::string> drivers;        ///< linear driver columns used
    bool weighted = false;
    /// Fitted per day of each period (BaselineOptions::per_day; then `weighted` is true): the
    /// coefficients are per day (intercept in energy/d, hinge slopes in energy/(°C·d)) and the
    /// statistics are those of the per-day fit.
    bool per_day = false;
    FitStatistics statistics;
    Acceptance acceptance;

    /// Model value for period i of `series` (which must carry the model's columns; NaN when a
    /// needed value is missing), in energy per period also for a per-day model (its per-day
    /// value × the period's days; NaN for a period of no length).
    [[nodiscard]] double predict(const EnergySeries& series, std::size_t i) const;
};

/// Every candidate the selection considered, with why it won or lost.
struct Candidate {
    ModelType type = ModelType::ols;
    bool fitted = false;    ///< false: could not be fitted (too few points, no temperature, ...)
    bool qualified = false; ///< coefficient signs physically meaningful
    bool passed = false;    ///< acceptance passed
    std::size_t p = 0;      ///< fitted coefficients incl. intercept (when fitted)
    double adj_r2 = 0;
    double cv_rmse = 0;
    double nmbe = 0;
    std::optional<double> heating_balance_c;
    std::optional<double> cooling_balance_c;
    std::string
        reason; ///< "selected: highest adjusted R² among 3 passing", "heating slope < 0", ...
};

/// Savings uncertainty at one confidence level.
struct FsuLevel {
    double confidence = 0; ///< 0.68, 0.90, 0.95
    double t = 0;          ///< two-sided Student t with n - p dof
    KpiValue fraction;     ///< ΔS / S; undefined when S = 0
    KpiValue absolute;     ///< ΔS in the energy unit
};

/// IPMVP / ISO 50006 savings over the reporting period.
struct Savings {
    std::size_t m = 0;            ///< reporting periods used
    double adjusted_baseline = 0; ///< Σ model(x_rep)
    double actual = 0;            ///< Σ measured energy in the reporting period
    double avoided_energy = 0;    ///< adjusted_baseline - actual
    KpiValue avoided_percent;     ///< avoided / adjusted baseline, fraction (conventions §2)
    /// Baseline and reporting-period models (same form and balance points) both evaluated on
    /// the baseline period's conditions; not_available when the reporting period is too short.
    KpiValue normalised_savings;
    std::vector<FsuLevel> fsu;
    FsuMethod fsu_method = FsuMethod::g14;
    /// The factor in place of Guideline 14's 1.26: 1.26 itself, or the Sun & Baltazar
    /// polynomial a·M² + b·M + d at the reporting length M (months).
    double fsu_factor = 1.26;
    bool autocorrelation_corrected = false; ///< n' used (daily/hourly data)
};

/// ISO 50006 energy performance indicators.
struct Enpi {
    KpiValue baseline_ratio;         ///< Σ energy / Σ production over the baseline
    KpiValue reporting_ratio;        ///< the same over the reporting period
    KpiValue ratio_improvement;      ///< 1 - reporting_ratio / baseline_ratio
    KpiValue regression_enpi;        ///< Σ actual / Σ adjusted baseline (SEnPI)
    KpiValue regression_improvement; ///< 1 - regression_enpi
};

/// Everything `energy baseline` reports for one factory.
struct BaselineResult {
    std::string factory;
    std::string energy_unit;
    Granularity granularity = Granularity::monthly;
    UnixMillis upgrade = 0;
    std::size_t baseline_periods = 0;  ///< periods before the upgrade that were used
    std::size_t reporting_periods = 0; ///< periods after it that were used
    BaselineModel model;
    std::vector<Candidate> candidates;
    std::string selection_reason;
    Savings savings;
    Enpi enpi;
    /// Per period of the series: the model's value (NaN where it cannot be computed), for the
    /// chart and the CSV detail.
    std::vector<double> predicted;
    std::vector<std::string> warnings;
};

/// Splits the series at options.upgrade, fits the requested model (or selects one), and
/// computes savings, uncertainty and EnPIs. Throws DataError for: an upgrade date outside
/// the data (no baseline or no reporting periods), too few baseline points for the model, a
/// rank-deficient design (constant driver), an unknown driver column.
BaselineResult fit_baseline(const EnergySeries& series, const BaselineOptions& options);

/// fit_baseline for many factories, fitted in parallel on `threads` threads (0: one per
/// hardware thread) over contiguous chunks. Results are in input order and do not depend on
/// the thread count. The first error in input order is rethrown, its message prefixed with
/// the factory id ("factory F12: ...").
std::vector<BaselineResult> fit_baselines(std::span<const EnergySeries> series,
                                          const BaselineOptions& options,
                                          unsigned threads = 0);

} // namespace smartkpi
