// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/baseline_detail.hpp"

#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace smartkpi::detail {

namespace {

constexpr std::string_view kConvention =
    "ASHRAE Guideline 14: n - p degrees of freedom, p counts the fitted coefficients including "
    "the intercept; balance points are reported, not counted (conventions §32)";
constexpr std::string_view kWeightedConvention =
    "; weighted: every sum carries the WLS weight (period length in days) rescaled to mean 1, "
    "the autocorrelation is that of the weighted residuals sqrt(w)·(y - ŷ)";

// Student t quantiles cost microseconds each (Boost's incomplete-beta inversion) while
// 10,000 factories with the same baseline length ask for the same few: remember the last
// ones, per thread so that no lock is needed. A cached value is the same number Boost returns.
double cached_t_quantile(double confidence, double dof) {
    struct Entry {
        double confidence;
        double dof;
        double t;
    };
    constexpr std::size_t kSize = 16;
    thread_local std::array<Entry, kSize> cache{};
    thread_local std::size_t used = 0;
    thread_local std::size_t next = 0;
    for (std::size_t k = 0; k < used; ++k) {
        if (cache[k].confidence == confidence && cache[k].dof == dof) {
            return cache[k].t;
        }
    }
    const double t = student_t_two_sided(confidence, dof);
    cache[next] = {confidence, dof, t};
    next = (next + 1) % kSize;
    used = std::max(used, next == 0 ? kSize : next);
    return t;
}

} // namespace

double lag1_autocorrelation(std::span<const double> residuals) {
    const std::size_t n = residuals.size();
    if (n < 3) {
        return 0;
    }
    const std::size_t k = n - 1;
    double mean_lead = 0;
    double mean_lag = 0;
    for (std::size_t i = 0; i < k; ++i) {
        mean_lead += residuals[i + 1];
        mean_lag += residuals[i];
    }
    mean_lead /= static_cast<double>(k);
    mean_lag /= static_cast<double>(k);
    double cross = 0;
    double ss_lead = 0;
    double ss_lag = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const double a = residuals[i + 1] - mean_lead;
        const double b = residuals[i] - mean_lag;
        cross += a * b;
        ss_lead += a * a;
        ss_lag += b * b;
    }
    if (ss_lead <= 0 || ss_lag <= 0) {
        return 0;
    }
    return std::clamp(cross / std::sqrt(ss_lead * ss_lag), -1.0, 1.0);
}

double effective_sample_size(std::size_t n, double rho) {
    const double nd = static_cast<double>(n);
    // Negative autocorrelation would make n' > n, i.e. claim more independent information than
    // there are points: Guideline 14's correction is for positively correlated residuals, so
    // n' = n there. As ρ → 1, n' → 0 and the uncertainty formula's 2/n' blows up; n' is kept at
    // least 1 (one independent observation) so that it stays finite.
    if (!(rho > 0)) {
        return nd;
    }
    return std::clamp(nd * (1 - rho) / (1 + rho), std::min(1.0, nd), nd);
}

double adjusted_r2(double r2, std::size_t n, std::size_t p) {
    return 1 - (1 - r2) * static_cast<double>(n - 1) / static_cast<double>(n - p);
}

FitStatistics fit_statistics(std::span<const double> y,
                             std::span<const double> fitted,
                             std::span<const double> weights,
                             std::size_t p) {
    const std::size_t n = y.size();
    if (n <= p) {
        throw DataError(fmt::format("{} points are too few for {} coefficients", n, p));
    }
    const bool weighted = !weights.empty();
    double weight_sum = 0;
    if (weighted) {
        for (const double w : weights) {
            weight_sum += w;
        }
    }
    // Rescaled weights w' = w n / Σw: the weighted statistics equal the unweighted ones when all
    // weights are equal, whatever their unit.
    const double scale = weighted ? static_cast<double>(n) / weight_sum : 1.0;
    auto weight = [&](std::size_t i) { return weighted ? weights[i] * scale : 1.0; };

    // The sums run on y scaled by a power of two near 1/max|y| (exact): squares of energies
    // near 1e-160 or 1e160 would otherwise underflow to 0 or overflow, and every statistic but
    // RMSE and the mean is scale-free.
    double largest = 0;
    for (const double v : y) {
        largest = std::max(largest, std::abs(v));
    }
    int exponent = 0;
    std::frexp(largest, &exponent);
    // ldexp, not a multiplication by 2^-exponent: that factor itself overflows for denormals.
    const int shift = largest > 0 ? -exponent : 0;
    double mean = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mean += weight(i) * std::ldexp(y[i], shift);
    }
    mean /= static_cast<double>(n);
    if (mean == 0) {
        throw DataError("the baseline energy averages 0: CV(RMSE) and NMBE are undefined");
    }
    double sse = 0;
    double sst = 0;
    double bias = 0;
    bool constant = true;
    std::vector<double> residuals(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double w = weight(i);
        const double e = std::ldexp(y[i] - fitted[i], shift);
        const double d = std::ldexp(y[i], shift) - mean;
        sse += w * e * e;
        sst += w * d * d;
        bias += w * e;
        constant = constant && y[i] == y[0];
        residuals[i] = weighted ? std::sqrt(w) * e : e;
    }
    FitStatistics s;
    s.n = n;
    s.p = p;
    // A constant y has nothing to explain: R² = 1 - SSE/0 is undefined (NaN here, which the
    // reports show as undefined; conventions §1), not 0 and not 1.
    s.r2 = !constant && sst > 0 ? 1 - sse / sst : std::numeric_limits<double>::quiet_NaN();
    s.adj_r2 = adjusted_r2(s.r2, n, p);
    const double dof = static_cast<double>(n - p);
    const double rmse = std::sqrt(sse / dof);
    s.rmse = std::ldexp(rmse, -shift);
    s.mean_y = std::ldexp(mean, -shift);
    s.cv_rmse = rmse / mean;
    s.nmbe = bias / (dof * mean);
    s.autocorrelation = lag1_autocorrelation(residuals);
    s.n_effective = effective_sample_size(n, s.autocorrelation);
    s.convention = kConvention;
    if (weighted) {
        s.convention += kWeightedConvention;
    }
    return s;
}

double sun_baltazar_factor(Granularity granularity, double months) {
    // Sun & Baltazar (2013), ASHRAE Transactions 119(1), as CalTRACK §4.3.2.4 and eemeter use it
    // (energy.md §1.2.4): billing and daily coefficient sets.
    const bool daily = granularity != Granularity::monthly;
    const double a = daily ? -0.00024 : -0.00022;
    const double b = daily ? 0.03535 : 0.03306;
    const double d = daily ? 1.00286 : 0.94054;
    const double m = std::min(months, sun_baltazar_peak_months(granularity));
    return a * m * m + b * m + d;
}

double sun_baltazar_peak_months(Granularity granularity) {
    const bool daily = granularity != Granularity::monthly;
    return daily ? 0.03535 / (2 * 0.00024) : 0.03306 / (2 * 0.00022);
}

KpiValue finite_or_undefined(KpiValue value, std::string_view reason) {
    if (value.available() && !std::isfinite(value.value())) {
        return KpiValue::undefined(std::string(reason));
    }
    return value;
}

std::vector<FsuLevel> savings_uncertainty(const FsuInput& input,
                                          std::span<const double> confidence_levels) {
    const double n = static_cast<double>(input.n);
    const double n_eff = input.corrected ? input.n_effective : n;
    const double m = static_cast<double>(input.m);
    const double spread = input.cv_rmse * std::sqrt((n / n_eff) * (1 + 2 / n_eff) / m) *
                          std::abs(input.adjusted_baseline);
    std::vector<FsuLevel> levels;
    levels.reserve(confidence_levels.size());
    for (const double confidence : confidence_levels) {
        FsuLevel level;
        level.confidence = confidence;
        level.t = cached_t_quantile(confidence, static_cast<double>(input.n - input.p));
        const double delta = level.t * input.factor * spread;
        level.absolute = finite_or_undefined(KpiValue::of(delta),
                                             "not a finite number: the values are too large");
        // FSU = ΔS/S with S taken by its size: a negative saving (more energy after the upgrade)
        // is as uncertain as a positive one.
        level.fraction = finite_or_undefined(ratio(delta, std::abs(input.savings), "savings"),
                                             "not a finite number: the savings are too close to 0 "
                                             "or the values too large");
        levels.push_back(std::move(level));
    }
    return levels;
}

Enpi energy_performance_indicators(double baseline_energy,
                                   std::optional<double> baseline_production,
                                   double reporting_energy,
                                   std::optional<double> reporting_production,
                                   double actual,
                                   double adjusted_baseline) {
    Enpi enpi;
    // A production total of a few denormals gives a finite energy an infinite ratio.
    const auto finite_ratio = [](double numerator, double denominator, std::string_view name) {
        return finite_or_undefined(ratio(numerator, denominator, name),
                                   fmt::format("not a finite number: {} is too close to 0 for "
                                               "the energy",
                                               name));
    };
    if (baseline_production && reporting_production) {
        enpi.baseline_ratio =
            finite_ratio(baseline_energy, *baseline_production, "baseline production");
        enpi.reporting_ratio =
            finite_ratio(reporting_energy, *reporting_production, "reporting production");
        if (!enpi.baseline_ratio.available()) {
            enpi.ratio_improvement = enpi.baseline_ratio;
        } else if (!enpi.reporting_ratio.available()) {
            enpi.ratio_improvement = enpi.reporting_ratio;
        } else {
            const KpiValue r = finite_ratio(enpi.reporting_ratio.value(),
                                            enpi.baseline_ratio.value(), "baseline EnPI");
            enpi.ratio_improvement = r.available() ? KpiValue::of(1 - r.value()) : r;
        }
    } else {
        enpi.baseline_ratio = KpiValue::missing({"production"});
        enpi.reporting_ratio = KpiValue::missing({"production"});
        enpi.ratio_improvement = KpiValue::missing({"production"});
    }
    enpi.regression_enpi = finite_ratio(actual, adjusted_baseline, "adjusted baseline");
    enpi.regression_improvement = enpi.regression_enpi.available()
                                      ? KpiValue::of(1 - enpi.regression_enpi.value())
                                      : enpi.regression_enpi;
    return enpi;
}

} // namespace smartkpi::detail
