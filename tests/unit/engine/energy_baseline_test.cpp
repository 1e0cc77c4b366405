// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/baseline_detail.hpp"

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

using smartkpi::BaselineOptions;
using smartkpi::BaselineResult;
using smartkpi::DataError;
using smartkpi::EnergySeries;
using smartkpi::Granularity;
using smartkpi::ModelChoice;
using smartkpi::ModelType;
using smartkpi::UsageError;
namespace detail = smartkpi::detail;

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kStart = 1'640'995'200'000; // 2022-01-01T00:00:00Z

// Deterministic, platform-independent noise in [-1, 1] (no <random> distribution, whose
// output differs between standard libraries).
double noise(std::size_t i) {
    return std::sin(static_cast<double>(i) * 12.9898 + 78.233) * 0.999;
}

double mean_temperature(std::size_t month) {
    return 14 + 13 * std::sin(2 * 3.141592653589793 * (static_cast<double>(month) - 3.5) / 12) +
           1.5 * noise(month + 100);
}

struct Columns {
    std::vector<double> energy;
    std::vector<double> production;
    std::vector<double> temperature;
};

// A series of `days`-long periods with production and temperature_c.
EnergySeries make_series(const Columns& c, std::int64_t days = 30) {
    EnergySeries s;
    s.factory = "F1";
    s.energy_unit = "kWh";
    s.source = "series.csv";
    s.driver_names = {"production", "temperature_c"};
    s.drivers = {c.production, c.temperature};
    for (std::size_t i = 0; i < c.energy.size(); ++i) {
        s.start.push_back(kStart + static_cast<std::int64_t>(i) * days * kDay);
        s.end.push_back(kStart + static_cast<std::int64_t>(i + 1) * days * kDay);
        s.lines.push_back(i + 2);
    }
    s.energy = c.energy;
    return s;
}

// 36 monthly periods from a known truth; the last 12 use 90 % of it (a 10 % saving).
template <typename Truth>
EnergySeries
synthetic(Truth truth, double noise_kwh, std::size_t n = 36, std::size_t upgrade = 24) {
    Columns c;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = mean_temperature(i);
        const double p = 1000 + 150 * noise(i + 7);
        const double e = truth(t, p) * (i >= upgrade ? 0.9 : 1.0) + noise_kwh * noise(i + 31);
        c.energy.push_back(e);
        c.production.push_back(p);
        c.temperature.push_back(t);
    }
    return make_series(c);
}

BaselineOptions options(ModelChoice model = ModelChoice::automatic, std::size_t upgrade = 24) {
    BaselineOptions o;
    o.upgrade = kStart + static_cast<std::int64_t>(upgrade) * 30 * kDay;
    o.model = model;
    return o;
}

std::string error_of(const EnergySeries& s, const BaselineOptions& o) {
    try {
        smartkpi::fit_baseline(s, o);
    } catch (const DataError& e) {
        return e.what();
    }
    return "no DataError";
}

bool contains(const std::vector<std::string>& lines, std::string_view text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

// ---- Guideline 14 statistics -------------------------------------------------------------

// Worked by hand: y = (1, 3, 4, 1, 6), ŷ = (2, 3, 3, 2, 4), p = 2.
// e = y - ŷ = (-1, 0, 1, -1, 2); SSE = 1 + 0 + 1 + 1 + 4 = 7; Σe = 1; ȳ = 15/5 = 3;
// SST = 4 + 0 + 1 + 4 + 9 = 18; R² = 1 - 7/18 = 11/18; adj R² = 1 - (7/18)(4/3) = 13/27;
// RMSE = sqrt(7/3); CV(RMSE) = sqrt(7/3)/3; NMBE = 1/(3·3) = 1/9 (> 0: under-prediction).
TEST(BaselineStatistics, HandWorkedExample) {
    const std::vector<double> y{1, 3, 4, 1, 6};
    const std::vector<double> f{2, 3, 3, 2, 4};
    const smartkpi::FitStatistics s = detail::fit_statistics(y, f, {}, 2);
    EXPECT_EQ(s.n, 5U);
    EXPECT_EQ(s.p, 2U);
    EXPECT_DOUBLE_EQ(s.mean_y, 3.0);
    EXPECT_DOUBLE_EQ(s.r2, 11.0 / 18.0);
    EXPECT_DOUBLE_EQ(s.adj_r2, 1 - (7.0 / 18.0) * (4.0 / 3.0));
    EXPECT_DOUBLE_EQ(s.rmse, std::sqrt(7.0 / 3.0));
    EXPECT_DOUBLE_EQ(s.cv_rmse, std::sqrt(7.0 / 3.0) / 3.0);
    EXPECT_DOUBLE_EQ(s.nmbe, 1.0 / 9.0);
    EXPECT_NE(s.convention.find("p counts the fitted coefficients including the intercept"),
              std::string::npos);
    EXPECT_NE(s.convention.find("balance points are reported, not counted"), std::string::npos);
}

// Published: eemeter 3.2.0, tests/test_metrics.py (openeemeter/eemeter, tag eemeter-3.2.0),
// observed (1, 3, 4, 1, 6), predicted (2, 3, 3, 2, 4), num_parameters c = 2 (without the
// intercept): cvrmse 0.394, cvrmse_adj 0.509, nmbe -0.067, autocorr_resid -0.674,
// r_squared 0.972, r_squared_adj 0.944. Mapped through the conventions (energy.md §1.2.3):
//  - cvrmse_adj divides by n - c: our CV(RMSE) with p = c = 2;
//  - cvrmse divides by n: our CV(RMSE) with p = 0;
//  - nmbe = Σ(ŷ - y)/Σy: minus our NMBE with p = 0 (opposite sign, no dof);
//  - r_squared is corr(y, ŷ)² = 49/50.4 (not 1 - SSE/SST, since ŷ is not a least-squares fit),
//    and r_squared_adj applies (n - 1)/(n - c - 1): our adjusted_r2 with p = c + 1 = 3;
//  - autocorr_resid is pandas' autocorr(1): our lag-1 estimator.
TEST(BaselineStatistics, ReproducesEemeterPublishedMetrics) {
    const std::vector<double> y{1, 3, 4, 1, 6};
    const std::vector<double> f{2, 3, 3, 2, 4};
    const auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
    EXPECT_DOUBLE_EQ(round3(detail::fit_statistics(y, f, {}, 2).cv_rmse), 0.509);
    EXPECT_DOUBLE_EQ(round3(detail::fit_statistics(y, f, {}, 0).cv_rmse), 0.394);
    EXPECT_DOUBLE_EQ(round3(-detail::fit_statistics(y, f, {}, 0).nmbe), -0.067);
    EXPECT_DOUBLE_EQ(round3(detail::fit_statistics(y, f, {}, 2).autocorrelation), -0.674);
    const double corr2 = 49.0 / 50.4;
    EXPECT_DOUBLE_EQ(round3(corr2), 0.972);
    EXPECT_DOUBLE_EQ(round3(detail::adjusted_r2(corr2, 5, 3)), 0.944);
}

// energy.md §0 item 4: on these residuals the lagged-pairs Pearson estimator gives -0.674
// while the textbook ACF gives -0.447. By hand: e = (-1, 0, 1, -1, 2); pairs (e2..e5) =
// (0, 1, -1, 2), (e1..e4) = (-1, 0, 1, -1); means 0.5 and -0.25; Σ products of deviations
// -2.5; sums of squares 5 and 2.75; ρ = -2.5/sqrt(13.75).
TEST(BaselineStatistics, LagOneAutocorrelationIsPearsonOfLaggedPairs) {
    const std::vector<double> e{-1, 0, 1, -1, 2};
    EXPECT_DOUBLE_EQ(detail::lag1_autocorrelation(e), -2.5 / std::sqrt(13.75));
    EXPECT_EQ(detail::lag1_autocorrelation(std::vector<double>{1, 2}), 0.0);
    EXPECT_EQ(detail::lag1_autocorrelation(std::vector<double>{1, 1, 1, 1}), 0.0);
}

TEST(BaselineStatistics, EffectiveSampleSize) {
    EXPECT_DOUBLE_EQ(detail::effective_sample_size(24, 0.5), 8.0);   // 24·0.5/1.5
    EXPECT_DOUBLE_EQ(detail::effective_sample_size(24, -0.3), 24.0); // no credit for ρ < 0
    EXPECT_DOUBLE_EQ(detail::effective_sample_size(10, 0.99), 1.0);  // 0.05, kept at 1
}

TEST(BaselineStatistics, EqualWeightsGiveTheUnweightedStatistics) {
    const std::vector<double> y{1, 3, 4, 1, 6};
    const std::vector<double> f{2, 3, 3, 2, 4};
    const std::vector<double> w(5, 31.0);
    const auto a = detail::fit_statistics(y, f, {}, 2);
    const auto b = detail::fit_statistics(y, f, w, 2);
    EXPECT_DOUBLE_EQ(a.cv_rmse, b.cv_rmse);
    EXPECT_DOUBLE_EQ(a.nmbe, b.nmbe);
    EXPECT_DOUBLE_EQ(a.r2, b.r2);
    EXPECT_DOUBLE_EQ(a.autocorrelation, b.autocorrelation);
    EXPECT_NE(b.convention.find("weighted"), std::string::npos);
}

TEST(BaselineStatistics, TooFewPointsAndZeroMeanAreDataErrors) {
    const std::vector<double> y{1, 2};
    EXPECT_THROW(detail::fit_statistics(y, y, {}, 2), DataError);
    const std::vector<double> z{-1, 1, 0};
    EXPECT_THROW(detail::fit_statistics(z, z, {}, 1), DataError);
}

// ---- Acceptance ----------------------------------------------------------------------------

TEST(BaselineAcceptance, PresetsAndTheirThresholds) {
    // conventions §32, energy.md §1.2.2.
    const auto presets = smartkpi::acceptance_presets();
    ASSERT_EQ(presets.size(), 5U);
    EXPECT_EQ(presets[0].name, "g14-monthly");
    EXPECT_EQ(presets[0].max_abs_nmbe, 0.05);
    EXPECT_EQ(presets[0].max_cv_rmse, 0.15);
    EXPECT_EQ(presets[1].name, "g14-hourly");
    EXPECT_EQ(presets[1].max_abs_nmbe, 0.10);
    EXPECT_EQ(presets[1].max_cv_rmse, 0.30);
    EXPECT_EQ(presets[2].name, "nmec-ca");
    EXPECT_TRUE(presets[2].exclusive_caps);
    EXPECT_EQ(presets[3].name, "enpi-sep");
    EXPECT_FALSE(presets[3].max_cv_rmse.has_value());
    EXPECT_EQ(presets[3].min_r2, 0.5);
    EXPECT_EQ(presets[3].max_f_p, 0.10);
    EXPECT_EQ(presets[3].max_slope_p, 0.2);
    EXPECT_EQ(presets[4].name, "caltrack");
    EXPECT_EQ(presets[4].max_cv_rmse, 1.0);
    EXPECT_FALSE(presets[4].max_abs_nmbe.has_value());
    for (const auto& p : presets) {
        EXPECT_FALSE(p.source.empty()) << p.name;
    }
    EXPECT_THROW(smartkpi::find_acceptance_preset("g14-daily"), UsageError);
}

TEST(BaselineAcceptance, InclusiveAndExclusiveCaps) {
    smartkpi::FitStatistics s;
    s.cv_rmse = 0.15;
    s.nmbe = -0.05;
    const auto g14 =
        detail::judge_acceptance(smartkpi::find_acceptance_preset("g14-monthly"), s, {});
    EXPECT_TRUE(g14.passed); // G14: <= 15 %, |NMBE| <= 5 %
    s.cv_rmse = 0.25;
    s.nmbe = 0.001;
    const auto nmec = detail::judge_acceptance(smartkpi::find_acceptance_preset("nmec-ca"), s, {});
    EXPECT_FALSE(nmec.passed); // nmec-ca: CV(RMSE) < 25 %
    ASSERT_EQ(nmec.checks.size(), 2U);
    EXPECT_EQ(nmec.checks[0].name, "cv_rmse");
    EXPECT_EQ(nmec.checks[0].comparison, "<");
    EXPECT_FALSE(nmec.checks[0].passed);
    EXPECT_TRUE(nmec.checks[1].passed);
}

TEST(BaselineAcceptance, EnpiChecksSlopesButNotTheIntercept) {
    smartkpi::FitStatistics s;
    s.r2 = 0.8;
    s.f_p_value = 0.01;
    const std::vector<smartkpi::CoefficientEstimate> c{{"intercept", 1, 1, 1, 0.9},
                                                       {"production", 1, 1, 1, 0.15}};
    const auto ok = detail::judge_acceptance(smartkpi::find_acceptance_preset("enpi-sep"), s, c);
    EXPECT_TRUE(ok.passed);
    const std::vector<smartkpi::CoefficientEstimate> weak{{"intercept", 1, 1, 1, 0.01},
                                                          {"production", 1, 1, 1, 0.25}};
    const auto bad =
        detail::judge_acceptance(smartkpi::find_acceptance_preset("enpi-sep"), s, weak);
    EXPECT_FALSE(bad.passed);
    EXPECT_EQ(bad.checks.back().name, "slope_p_value");
    EXPECT_DOUBLE_EQ(bad.checks.back().value, 0.25);
}

TEST(BaselineAcceptance, DefaultByGranularity) {
    std::string note;
    EXPECT_EQ(detail::default_acceptance(Granularity::monthly, note).name, "g14-monthly");
    EXPECT_TRUE(note.empty());
    EXPECT_EQ(detail::default_acceptance(Granularity::hourly, note).name, "g14-hourly");
    EXPECT_TRUE(note.empty());
    EXPECT_EQ(detail::default_acceptance(Granularity::daily, note).name, "g14-hourly");
    EXPECT_NE(note.find("no daily threshold"), std::string::npos);
}

// ---- Savings uncertainty -------------------------------------------------------------------

// Worked by hand (energy.md §1.2.4): monthly data, n = 24, p = 3, CV = 5 %, m = 12,
// Ê_base,rep = 1,200,000 kWh, S = 120,000 kWh (F = 0.1), no autocorrelation correction (n' = n).
// sqrt((n/n')(1 + 2/n')/m) = sqrt((1 + 2/24)/12) = 0.3004626062886658;
// 90 %: t(0.95; 21 dof) = 1.7207429028118787 (mpmath, 30 digits, root of the
// regularised incomplete beta; printed t tables: 1.721);
// FSU = 1.7207429·1.26·0.05·0.3004626/0.1 = 0.3257219053188962;
// ΔS = FSU·S = 39,086.628638267524 kWh.
TEST(SavingsUncertainty, GuidelineFourteenHandWorked) {
    detail::FsuInput in;
    in.n = 24;
    in.p = 3;
    in.cv_rmse = 0.05;
    in.m = 12;
    in.adjusted_baseline = 1.2e6;
    in.savings = 1.2e5;
    in.n_effective = 8; // ignored: monthly data are not corrected
    const std::array<double, 3> levels{0.68, 0.90, 0.95};
    const auto fsu = detail::savings_uncertainty(in, levels);
    ASSERT_EQ(fsu.size(), 3U);
    EXPECT_NEAR(fsu[1].t, 1.7207429028118787, 1e-12);
    EXPECT_NEAR(fsu[1].fraction.value(), 0.3257219053188962, 1e-12);
    EXPECT_NEAR(fsu[1].absolute.value(), 39086.628638267546, 1e-7);
    // t(0.84; 21) = 1.0185681013681844 and t(0.975; 21) = 2.0796138447276800 (mpmath, 30
    // digits; scipy 1.10's stdtrit gives 1.0185681000065245 for the first, 1.4e-9 off);
    // printed tables give 2.080 for the latter.
    EXPECT_NEAR(fsu[0].t, 1.0185681013681844, 1e-12);
    EXPECT_NEAR(fsu[2].t, 2.07961384472768, 1e-12);
}

// Daily data with the autocorrelation correction: n = 365, p = 2, ρ = 0.6 → n' = 365·0.4/1.6
// = 91.25; m = 180, CV = 20 %, Ê = 500,000, S = 40,000; t(0.95; 363) = 1.6490621366528579 (mpmath);
// FSU(90 %) = 1.6490621·1.26·0.2·sqrt((365/91.25)(1 + 2/91.25)/180)·500000/40000
//           = 0.7827972670350966.
TEST(SavingsUncertainty, AutocorrelationCorrectedHandWorked) {
    detail::FsuInput in;
    in.n = 365;
    in.p = 2;
    in.cv_rmse = 0.2;
    in.m = 180;
    in.adjusted_baseline = 5e5;
    in.savings = 4e4;
    in.corrected = true;
    in.n_effective = detail::effective_sample_size(365, 0.6);
    EXPECT_DOUBLE_EQ(in.n_effective, 91.25);
    const std::array<double, 1> levels{0.90};
    const auto fsu = detail::savings_uncertainty(in, levels);
    EXPECT_NEAR(fsu[0].fraction.value(), 0.7827972670350966, 1e-12);
}

TEST(SavingsUncertainty, ZeroSavingsLeaveTheFractionUndefined) {
    detail::FsuInput in;
    in.n = 24;
    in.p = 2;
    in.cv_rmse = 0.05;
    in.m = 12;
    in.adjusted_baseline = 1000;
    in.savings = 0;
    const std::array<double, 1> levels{0.95};
    const auto fsu = detail::savings_uncertainty(in, levels);
    EXPECT_EQ(fsu[0].fraction.status(), smartkpi::KpiValue::Status::undefined);
    EXPECT_TRUE(fsu[0].absolute.available());
}

// Sun & Baltazar (2013) coefficients as published in CalTRACK §4.3.2.4 (energy.md §1.2.4):
// billing, M = 12: -0.00022·144 + 0.03306·12 + 0.94054 = 1.30558;
// daily, M = 12: -0.00024·144 + 0.03535·12 + 1.00286 = 1.3925.
TEST(SavingsUncertainty, SunBaltazarPolynomial) {
    EXPECT_NEAR(detail::sun_baltazar_factor(Granularity::monthly, 12), 1.30558, 1e-12);
    EXPECT_NEAR(detail::sun_baltazar_factor(Granularity::daily, 12), 1.3925, 1e-12);
}

// ---- Fits, savings and EnPIs through fit_baseline ------------------------------------------

// Independent normal-equations solution of E = b0 + b1·P + b2·T (3×3 system in long double,
// Gaussian elimination with partial pivoting), compared to the QR fit to 1e-9 relative.
TEST(EnergyBaseline, OlsMatchesTheNormalEquations) {
    const EnergySeries s = synthetic(
        [](double t, double p) { return 2000 + 3.1 * p + 40 * std::max(15 - t, 0.0); }, 300);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production", "temperature_c"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    long double a[3][4] = {};
    for (std::size_t i = 0; i < 24; ++i) {
        const long double x[3] = {1, s.drivers[0][i], s.drivers[1][i]};
        for (int row = 0; row < 3; ++row) {
            for (int col = 0; col < 3; ++col) {
                a[row][col] += x[row] * x[col];
            }
            a[row][3] += x[row] * s.energy[i];
        }
    }
    for (int k = 0; k < 3; ++k) {
        int pivot = k;
        for (int row = k + 1; row < 3; ++row) {
            if (std::fabs(a[row][k]) > std::fabs(a[pivot][k])) {
                pivot = row;
            }
        }
        std::swap(a[k], a[pivot]);
        for (int row = 0; row < 3; ++row) {
            if (row != k) {
                const long double factor = a[row][k] / a[k][k];
                for (int col = k; col < 4; ++col) {
                    a[row][col] -= factor * a[k][col];
                }
            }
        }
    }
    ASSERT_EQ(r.model.coefficients.size(), 3U);
    EXPECT_EQ(r.model.coefficients[1].name, "production");
    EXPECT_EQ(r.model.coefficients[2].name, "temperature_c");
    for (int k = 0; k < 3; ++k) {
        const double expected = static_cast<double>(a[k][3] / a[k][k]);
        EXPECT_NEAR(r.model.coefficients[k].value, expected, 1e-9 * std::abs(expected));
    }
}

// A noise-free baseline E = 500 + 2P and a reporting period at exactly 90 % of it: every
// savings figure follows by hand. Adjusted baseline = Σ(500 + 2P_rep); actual = 0.9 of it;
// avoided = 10 % of it; regression EnPI = 0.9; normalised savings = 0.1·Σ baseline energy.
TEST(EnergyBaseline, SavingsAndEnpisOnAnExactModel) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 0);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    double adjusted = 0;
    double base_energy = 0;
    double base_production = 0;
    double rep_production = 0;
    for (std::size_t i = 0; i < 36; ++i) {
        if (i < 24) {
            base_energy += s.energy[i];
            base_production += s.drivers[0][i];
        } else {
            adjusted += 500 + 2 * s.drivers[0][i];
            rep_production += s.drivers[0][i];
        }
    }
    EXPECT_EQ(r.baseline_periods, 24U);
    EXPECT_EQ(r.reporting_periods, 12U);
    EXPECT_EQ(r.savings.m, 12U);
    EXPECT_NEAR(r.savings.adjusted_baseline, adjusted, 1e-9 * adjusted);
    EXPECT_NEAR(r.savings.actual, 0.9 * adjusted, 1e-9 * adjusted);
    EXPECT_NEAR(r.savings.avoided_energy, 0.1 * adjusted, 1e-8 * adjusted);
    EXPECT_NEAR(r.savings.avoided_percent.value(), 0.1, 1e-9);
    ASSERT_TRUE(r.savings.normalised_savings.available());
    EXPECT_NEAR(r.savings.normalised_savings.value(), 0.1 * base_energy, 1e-7 * base_energy);
    EXPECT_NEAR(r.enpi.regression_enpi.value(), 0.9, 1e-9);
    EXPECT_NEAR(r.enpi.regression_improvement.value(), 0.1, 1e-9);
    EXPECT_NEAR(r.enpi.baseline_ratio.value(), base_energy / base_production, 1e-12);
    const double rep_ratio = 0.9 * adjusted / rep_production;
    EXPECT_NEAR(r.enpi.reporting_ratio.value(), rep_ratio, 1e-9);
    EXPECT_NEAR(r.enpi.ratio_improvement.value(), 1 - rep_ratio / (base_energy / base_production),
                1e-9);
    EXPECT_FALSE(r.model.statistics.inference); // a perfect fit supports no inference
    ASSERT_EQ(r.predicted.size(), 36U);
    EXPECT_NEAR(r.predicted[30], 500 + 2 * s.drivers[0][30], 1e-6);
    EXPECT_NEAR(r.model.predict(s, 30), r.predicted[30], 1e-12);
}

TEST(EnergyBaseline, FsuUsesTheBaselineStatistics) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 40);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    detail::FsuInput in;
    in.n = 24;
    in.p = 2;
    in.cv_rmse = r.model.statistics.cv_rmse;
    in.m = 12;
    in.adjusted_baseline = r.savings.adjusted_baseline;
    in.savings = r.savings.avoided_energy;
    const auto expected = detail::savings_uncertainty(in, o.confidence_levels);
    ASSERT_EQ(r.savings.fsu.size(), 3U);
    EXPECT_FALSE(r.savings.autocorrelation_corrected); // monthly
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_DOUBLE_EQ(r.savings.fsu[k].fraction.value(), expected[k].fraction.value());
    }
    o.fsu_method = smartkpi::FsuMethod::sun_baltazar;
    const BaselineResult sb = smartkpi::fit_baseline(s, o);
    EXPECT_NEAR(sb.savings.fsu_factor, detail::sun_baltazar_factor(Granularity::monthly, 12),
                1e-15);
}

TEST(EnergyBaseline, NormalisedSavingsNeedMoreReportingPeriodsThanCoefficients) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 40, 26, 24);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_EQ(r.savings.normalised_savings.status(), smartkpi::KpiValue::Status::not_available);
}

// ---- Automatic selection on known truths ---------------------------------------------------

TEST(EnergyBaseline, SelectsTheHeatingTruth) {
    const EnergySeries s = synthetic(
        [](double t, double p) { return 4000 + 2 * p + 300 * std::max(12.5 - t, 0.0); }, 20);
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::cp3_heating) << r.selection_reason;
    EXPECT_EQ(r.model.heating_balance_c, 12.5);
    EXPECT_TRUE(r.model.acceptance.passed);
    ASSERT_EQ(r.candidates.size(), 5U);
    for (const auto& c : r.candidates) {
        EXPECT_FALSE(c.reason.empty()) << smartkpi::to_string(c.type);
    }
    EXPECT_NE(r.selection_reason.find("3ph selected"), std::string::npos) << r.selection_reason;
}

TEST(EnergyBaseline, SelectsTheCoolingTruth) {
    const EnergySeries s = synthetic(
        [](double t, double p) { return 4000 + 2 * p + 250 * std::max(t - 19.0, 0.0); }, 20);
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::cp3_cooling) << r.selection_reason;
    EXPECT_EQ(r.model.cooling_balance_c, 19.0);
    // The heating-only form finds only weak positive slopes on cooling-driven data.
    EXPECT_EQ(r.candidates[2].type, ModelType::cp3_heating);
    EXPECT_LT(r.candidates[2].adj_r2, 0.9);
    EXPECT_NE(r.candidates[2].reason.find(" vs "), std::string::npos) << r.candidates[2].reason;
}

TEST(EnergyBaseline, SelectsTheFiveParameterTruth) {
    const EnergySeries s = synthetic(
        [](double t, double p) {
            return 4000 + 2 * p + 300 * std::max(10.0 - t, 0.0) + 250 * std::max(t - 20.0, 0.0);
        },
        20);
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::cp5) << r.selection_reason;
    EXPECT_EQ(r.model.heating_balance_c, 10.0);
    EXPECT_EQ(r.model.cooling_balance_c, 20.0);
    EXPECT_EQ(r.model.statistics.p, 4U);
}

TEST(EnergyBaseline, NoPassingCandidateIsSaidAndWarned) {
    // Noise of ±3000 kWh on ~6000 kWh: nothing passes CV(RMSE) <= 15 %.
    const EnergySeries s = synthetic([](double, double p) { return 4000 + 2 * p; }, 3000);
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_FALSE(r.model.acceptance.passed);
    EXPECT_NE(r.selection_reason.find("no candidate passes g14-monthly"), std::string::npos)
        << r.selection_reason;
    EXPECT_TRUE(contains(r.warnings, "fails g14-monthly"));
}

TEST(EnergyBaseline, WithoutTemperatureOnlyOlsIsFitted) {
    EnergySeries s = synthetic([](double, double p) { return 4000 + 2 * p; }, 50);
    s.driver_names.pop_back();
    s.drivers.pop_back();
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::ols);
    ASSERT_EQ(r.candidates.size(), 5U);
    EXPECT_FALSE(r.candidates[1].fitted);
    EXPECT_NE(r.candidates[1].reason.find("temperature_c"), std::string::npos);
}

// ---- Error paths and warnings --------------------------------------------------------------

TEST(EnergyBaseline, UpgradeOutsideTheData) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    EXPECT_NE(error_of(s, options(ModelChoice::automatic, 40)).find("is after the last period"),
              std::string::npos);
    EXPECT_NE(error_of(s, options(ModelChoice::automatic, 0)).find("is before the first period"),
              std::string::npos);
}

TEST(EnergyBaseline, TooFewPointsForTheModel) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10, 8, 3);
    BaselineOptions o = options(ModelChoice::ols, 3);
    o.drivers = {"production", "temperature_c"};
    const std::string message = error_of(s, o);
    EXPECT_NE(message.find("model ols: too few baseline periods: n = 3 for p = 3"),
              std::string::npos)
        << message;
}

TEST(EnergyBaseline, ConstantDriverIsADataErrorNamingIt) {
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    std::fill(s.drivers[0].begin(), s.drivers[0].begin() + 24, 1000.0);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    const std::string message = error_of(s, o);
    EXPECT_NE(message.find("model ols"), std::string::npos) << message;
    EXPECT_NE(message.find("production"), std::string::npos) << message;
    o.model = ModelChoice::cp3_heating;
    const std::string cp = error_of(s, o);
    EXPECT_NE(cp.find("model 3ph"), std::string::npos) << cp;
    EXPECT_NE(cp.find("production"), std::string::npos) << cp;
}

TEST(EnergyBaseline, UnknownDriverListsTheColumns) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    BaselineOptions o = options();
    o.drivers = {"output"};
    EXPECT_NE(error_of(s, o).find("unknown driver column 'output'; the series has: production, "
                                  "temperature_c"),
              std::string::npos);
}

TEST(EnergyBaseline, StraddlingAndIncompletePeriodsAreLeftOutWithWarnings) {
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    s.energy[3] = std::numeric_limits<double>::quiet_NaN();     // line 5
    s.drivers[0][7] = std::numeric_limits<double>::quiet_NaN(); // line 9
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    o.upgrade += 15 * kDay; // inside period 24 (line 26)
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_EQ(r.baseline_periods, 22U);
    EXPECT_EQ(r.reporting_periods, 11U);
    EXPECT_TRUE(contains(r.warnings, "the period at line 26"));
    EXPECT_TRUE(contains(r.warnings, "straddles the upgrade date"));
    EXPECT_TRUE(contains(r.warnings, "2 baseline periods left out"));
    EXPECT_TRUE(contains(r.warnings, "(first at line 5)"));
    EXPECT_TRUE(std::isnan(r.predicted[7])); // no production: no model value
    EXPECT_FALSE(std::isnan(r.predicted[3]));
}

TEST(EnergyBaseline, DailyDataAreJudgedByTheHourlyPresetAndSaySo) {
    Columns c;
    for (std::size_t i = 0; i < 60; ++i) {
        c.production.push_back(100 + 20 * noise(i));
        c.temperature.push_back(10 + 5 * noise(i + 3));
        c.energy.push_back(300 + 2 * c.production.back() + 5 * noise(i + 9));
    }
    const EnergySeries s = make_series(c, 1);
    BaselineOptions o;
    o.upgrade = kStart + 40 * kDay;
    o.model = ModelChoice::ols;
    o.drivers = {"production"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_EQ(r.granularity, Granularity::daily);
    EXPECT_EQ(r.model.acceptance.preset, "g14-hourly");
    EXPECT_TRUE(contains(r.warnings, "no daily threshold"));
    EXPECT_TRUE(r.savings.autocorrelation_corrected);
}

TEST(EnergyBaseline, OptionsAreChecked) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    BaselineOptions o = options();
    o.acceptance = "strict";
    EXPECT_THROW(smartkpi::fit_baseline(s, o), UsageError);
    o = options();
    o.balance_step = 0;
    EXPECT_THROW(smartkpi::fit_baseline(s, o), UsageError);
    o = options();
    o.confidence_levels = {1.0};
    EXPECT_THROW(smartkpi::fit_baseline(s, o), UsageError);
    EXPECT_EQ(smartkpi::parse_model_choice("5p"), ModelChoice::cp5);
    EXPECT_EQ(smartkpi::parse_model_choice("auto"), ModelChoice::automatic);
    EXPECT_THROW(smartkpi::parse_model_choice("6p"), UsageError);
}

TEST(EnergyBaseline, WeightedFitUsesPeriodLengths) {
    const EnergySeries s = synthetic(
        [](double t, double p) { return 4000 + 2 * p + 300 * std::max(12.5 - t, 0.0); }, 20);
    BaselineOptions o = options();
    o.weighted = true;
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_TRUE(r.model.weighted);
    // All periods are 30 days long: the weighted fit is the unweighted one.
    const BaselineResult u = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, u.model.type);
    EXPECT_NEAR(r.model.statistics.cv_rmse, u.model.statistics.cv_rmse, 1e-12);
}

// ---- Many factories ------------------------------------------------------------------------

TEST(EnergyBaseline, FitBaselinesIsIndependentOfTheThreadCount) {
    std::vector<EnergySeries> all;
    for (std::size_t k = 0; k < 7; ++k) {
        EnergySeries s = synthetic(
            [k](double t, double p) {
                return 3000 + static_cast<double>(k) * 100 + 2 * p +
                       (k % 2 == 0 ? 200 * std::max(13.0 - t, 0.0) : 0.0);
            },
            30 + static_cast<double>(k) * 5);
        s.factory = "F" + std::to_string(k);
        all.push_back(std::move(s));
    }
    const auto one = smartkpi::fit_baselines(all, options(), 1);
    for (const unsigned threads : {2U, 3U, 0U}) {
        const auto many = smartkpi::fit_baselines(all, options(), threads);
        ASSERT_EQ(many.size(), one.size());
        for (std::size_t k = 0; k < one.size(); ++k) {
            EXPECT_EQ(many[k].factory, all[k].factory);
            EXPECT_EQ(many[k].model.type, one[k].model.type);
            ASSERT_EQ(many[k].model.coefficients.size(), one[k].model.coefficients.size());
            for (std::size_t c = 0; c < one[k].model.coefficients.size(); ++c) {
                EXPECT_EQ(many[k].model.coefficients[c].value, one[k].model.coefficients[c].value);
            }
            EXPECT_EQ(many[k].model.statistics.cv_rmse, one[k].model.statistics.cv_rmse);
            EXPECT_EQ(many[k].savings.fsu[2].fraction.value(),
                      one[k].savings.fsu[2].fraction.value());
        }
    }
}

TEST(EnergyBaseline, FitBaselinesReportsTheFirstFailingFactory) {
    std::vector<EnergySeries> all;
    for (std::size_t k = 0; k < 5; ++k) {
        EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
        s.factory = "F" + std::to_string(k);
        all.push_back(std::move(s));
    }
    // F1 and F3 end before the upgrade: F1's error is the one reported, at every thread count.
    for (const std::size_t k : {1U, 3U}) {
        all[k].start.resize(20);
        all[k].end.resize(20);
        all[k].energy.resize(20);
        all[k].lines.resize(20);
        for (auto& d : all[k].drivers) {
            d.resize(20);
        }
    }
    for (const unsigned threads : {1U, 2U, 4U}) {
        try {
            smartkpi::fit_baselines(all, options(), threads);
            ADD_FAILURE() << "no error";
        } catch (const DataError& e) {
            EXPECT_EQ(std::string(e.message()).rfind("factory F1: upgrade date", 0), 0U)
                << e.message();
        }
    }
}

// ---- damaged and extreme input ------------------------------------------------------------

// Every number a report prints is finite or explicitly undefined (conventions §1).
void expect_reportable(const BaselineResult& r) {
    const auto kpi = [](const smartkpi::KpiValue& v, std::string_view what) {
        EXPECT_TRUE(!v.available() || std::isfinite(v.value())) << what << " = " << v.value();
    };
    const auto& st = r.model.statistics;
    for (const double v : {st.rmse, st.cv_rmse, st.nmbe, st.mean_y, st.autocorrelation,
                           st.n_effective, r.savings.adjusted_baseline, r.savings.actual,
                           r.savings.avoided_energy, r.savings.fsu_factor}) {
        EXPECT_TRUE(std::isfinite(v)) << v;
    }
    for (const auto& c : r.model.coefficients) {
        EXPECT_TRUE(std::isfinite(c.value)) << c.name;
    }
    kpi(r.savings.avoided_percent, "avoided_percent");
    kpi(r.savings.normalised_savings, "normalised_savings");
    for (const auto& level : r.savings.fsu) {
        kpi(level.fraction, "fsu");
        kpi(level.absolute, "fsu absolute");
    }
    kpi(r.enpi.baseline_ratio, "baseline_ratio");
    kpi(r.enpi.reporting_ratio, "reporting_ratio");
    kpi(r.enpi.ratio_improvement, "ratio_improvement");
    kpi(r.enpi.regression_enpi, "regression_enpi");
    kpi(r.enpi.regression_improvement, "regression_improvement");
    for (const auto& c : r.candidates) {
        EXPECT_EQ(c.reason.find("nan"), std::string::npos) << c.reason;
        EXPECT_EQ(c.reason.find("inf"), std::string::npos) << c.reason;
    }
    for (const auto& w : r.warnings) {
        EXPECT_EQ(w.find("nan"), std::string::npos) << w;
    }
}

TEST(BaselineEdgeCases, ConstantEnergyLeavesRSquaredUndefinedWithAWarning) {
    // SST = 0: R² = 1 - SSE/SST has a zero denominator. The fit itself is exact (intercept =
    // the constant), so CV(RMSE) = NMBE = 0 and the reporting period saves 10 %.
    Columns c;
    for (std::size_t i = 0; i < 36; ++i) {
        c.energy.push_back(i < 24 ? 5000 : 4500);
        c.production.push_back(1000 + 150 * noise(i + 7));
        c.temperature.push_back(mean_temperature(i));
    }
    const BaselineResult r = smartkpi::fit_baseline(make_series(c), options());
    EXPECT_TRUE(std::isnan(r.model.statistics.r2));
    EXPECT_TRUE(std::isnan(r.model.statistics.adj_r2));
    EXPECT_TRUE(contains(r.warnings, "SST = 0")) << ::testing::PrintToString(r.warnings);
    // Every candidate's adjusted R² is undefined: the one with the fewest coefficients wins.
    EXPECT_EQ(r.model.type, ModelType::ols);
    EXPECT_NEAR(r.savings.avoided_percent.value(), 0.1, 1e-9);
    expect_reportable(r);
}

TEST(BaselineEdgeCases, ZeroBaselineEnergyIsADataError) {
    // Mean 0: CV(RMSE) = RMSE/0 and NMBE are undefined, and so is every model's verdict.
    Columns c;
    for (std::size_t i = 0; i < 36; ++i) {
        c.energy.push_back(i < 24 ? 0.0 : 100.0 * static_cast<double>(i % 5));
        c.production.push_back(1000 + 150 * noise(i + 7));
        c.temperature.push_back(mean_temperature(i));
    }
    EXPECT_NE(error_of(make_series(c), options()).find("baseline energy is 0 in all 24"),
              std::string::npos);
}

TEST(BaselineEdgeCases, EqualTemperaturesLeaveOnlyOls) {
    // No balance point has points on both sides: the change-point forms are not fitted, and
    // asked for explicitly they are a DataError.
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    std::fill(s.drivers[1].begin(), s.drivers[1].end(), 10.0);
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::ols);
    for (const auto& cand : r.candidates) {
        EXPECT_EQ(cand.fitted, cand.type == ModelType::ols) << cand.reason;
    }
    expect_reportable(r);
    EXPECT_NE(error_of(s, options(ModelChoice::cp4)).find("no balance point"), std::string::npos);
}

TEST(BaselineEdgeCases, TooFewBaselinePointsAreDataErrors) {
    const EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    // One baseline point; then exactly p = 2 points for intercept + production (n > p needed).
    EXPECT_NE(error_of(s, options(ModelChoice::ols, 1)).find("n = 1 for p = 2"), std::string::npos);
    EXPECT_NE(error_of(s, options(ModelChoice::ols, 2)).find("n = 2 for p = 2"), std::string::npos);
    EXPECT_NE(error_of(s, options(ModelChoice::automatic, 1)).find("no baseline model"),
              std::string::npos);
    // One more point than coefficients fits, with no residual degree of freedom to spare.
    const BaselineResult r = smartkpi::fit_baseline(s, options(ModelChoice::ols, 3));
    EXPECT_EQ(r.model.statistics.n, 3u);
    expect_reportable(r);
}

TEST(BaselineEdgeCases, FiveParametersOnSevenPoints) {
    // 5p with 3 points per outer segment needs 7 points with room for Th < Tc between the 3rd
    // and the 5th temperature: n = 7, p = 3 leaves 4 residual degrees of freedom.
    const auto truth = [](double t, double p) {
        return 3000 + 2 * p + 150 * std::max(10.0 - t, 0.0) + 120 * std::max(t - 20.0, 0.0);
    };
    Columns c;
    const std::array<double, 7> temps{2, 5, 8, 14, 22, 26, 30};
    for (std::size_t i = 0; i < 14; ++i) {
        const double t = temps[i % 7];
        const double p = 1000 + 150 * noise(i + 7);
        c.energy.push_back(truth(t, p) * (i >= 7 ? 0.9 : 1.0) + 5 * noise(i + 31));
        c.production.push_back(p);
        c.temperature.push_back(t);
    }
    const BaselineResult r = smartkpi::fit_baseline(make_series(c), options(ModelChoice::cp5, 7));
    EXPECT_EQ(r.model.type, ModelType::cp5);
    EXPECT_EQ(r.model.statistics.n, 7u);
    ASSERT_TRUE(r.model.heating_balance_c && r.model.cooling_balance_c);
    EXPECT_LT(*r.model.heating_balance_c, *r.model.cooling_balance_c);
    EXPECT_GT(*r.model.heating_balance_c, 8.0);
    EXPECT_LT(*r.model.cooling_balance_c, 22.0);
    expect_reportable(r);
}

TEST(BaselineEdgeCases, HugeTemperatureRangeIsNotSearched) {
    // A temperature column in the wrong unit or damaged (±1e6): the grid would hold millions of
    // balance points (5p: their square). The change-point forms say why; ols still fits.
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    for (std::size_t i = 0; i < s.size(); ++i) {
        s.drivers[1][i] = (i % 2 == 0 ? 1e6 : -1e6) + static_cast<double>(i);
    }
    const BaselineResult r = smartkpi::fit_baseline(s, options());
    EXPECT_EQ(r.model.type, ModelType::ols);
    EXPECT_FALSE(r.candidates[4].fitted);
    EXPECT_NE(r.candidates[4].reason.find("is the column in °C?"), std::string::npos)
        << r.candidates[4].reason;
    expect_reportable(r);
    // 1e300 °C: the grid arithmetic itself overflows.
    for (double& t : s.drivers[1]) {
        t *= 1e294;
    }
    expect_reportable(smartkpi::fit_baseline(s, options()));
}

TEST(BaselineEdgeCases, HugeAndDenormalValuesGiveAResultOrADataError) {
    const auto run = [](double energy_scale, double production_scale, std::string_view what) {
        SCOPED_TRACE(what);
        EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
        for (double& e : s.energy) {
            e *= energy_scale;
        }
        for (double& p : s.drivers[0]) {
            p *= production_scale;
        }
        try {
            expect_reportable(smartkpi::fit_baseline(s, options()));
        } catch (const DataError&) {
        }
    };
    run(1e300 / 3000, 1, "energy 1e300");
    run(1e150, 1, "energy 1e153");
    run(1e-316, 1, "denormal energy");
    run(1, 1e-320, "denormal production");
    run(1, 1e300, "production 1e303");
    run(std::numeric_limits<double>::denorm_min(), 1, "smallest energy");
}

TEST(BaselineEdgeCases, ReportingDriverFarOutsideTheBaselineIsADataError) {
    // The model extrapolates production 1.5e308 to an energy beyond the double range.
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    s.drivers[0][30] = 1.5e308;
    EXPECT_NE(error_of(s, options(ModelChoice::ols)).find("not a finite number"),
              std::string::npos);
}

TEST(BaselineEdgeCases, DenormalProductionLeavesTheRatioEnpiUndefined) {
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    for (std::size_t i = 24; i < 36; ++i) {
        s.drivers[0][i] = i == 24 ? 1e-320 : 0.0;
    }
    const BaselineResult r = smartkpi::fit_baseline(s, options(ModelChoice::ols));
    EXPECT_EQ(r.enpi.reporting_ratio.status(), smartkpi::KpiValue::Status::undefined);
    expect_reportable(r);
}

TEST(BaselineEdgeCases, WeightedFitRefusesZeroLengthPeriods) {
    // The readers refuse end <= start; a caller building a series by hand gets a DataError
    // instead of a 0 weight (which QR would turn into a singular design).
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    s.end[3] = s.start[3];
    BaselineOptions o = options();
    o.weighted = true;
    EXPECT_NE(error_of(s, o).find("positive length"), std::string::npos);
}

TEST(BaselineEdgeCases, SunBaltazarBeyondItsPeakUsesThePeak) {
    // -b/(2a) = 0.03306/0.00044 = 75.136 months (billing); the parabola would reach 0 near
    // 178 months and turn the uncertainty negative.
    const double peak = detail::sun_baltazar_peak_months(Granularity::monthly);
    EXPECT_NEAR(peak, 75.13636363636364, 1e-12);
    const double top = detail::sun_baltazar_factor(Granularity::monthly, peak);
    EXPECT_EQ(detail::sun_baltazar_factor(Granularity::monthly, 240), top);
    EXPECT_GT(detail::sun_baltazar_factor(Granularity::monthly, 1e6), 0);
    EXPECT_NEAR(top, -0.00022 * peak * peak + 0.03306 * peak + 0.94054, 1e-12);

    const EnergySeries s =
        synthetic([](double, double p) { return 500 + 2 * p; }, 10, 12 + 200, 12);
    BaselineOptions o = options(ModelChoice::ols, 12);
    o.fsu_method = smartkpi::FsuMethod::sun_baltazar;
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_EQ(r.savings.fsu_factor, top);
    EXPECT_TRUE(contains(r.warnings, "peaks")) << ::testing::PrintToString(r.warnings);
    expect_reportable(r);
}

// Published: eemeter 3.2.0 tests/test_caltrack_usage_per_day.py,
// test_get_hdd_only_candidate_models_qualified (openeemeter/eemeter, tag eemeter-3.2.0): the
// CalTRACK HDD-only candidate at a 65 °F balance point on meter_value [1, 1, 1, 6] and hdd_65
// [0, 0.1, 0, 5] has beta_hdd 1.01 and intercept 0.97 (to 2 decimals). With the degree days
// given as a driver column this is our ols form; the closed form of a simple regression,
// b = Sxy / Sxx = 18.625 / 18.5075 = 1.006348778... and a = 2.25 - b * 1.275 =
// 0.966905308..., pins the digits the test rounds.
TEST(EnergyBaseline, ReproducesEemeterHddOnlyCandidate) {
    EnergySeries s;
    s.energy_unit = "kWh";
    s.source = "eemeter.csv";
    s.driver_names = {"hdd_65"};
    s.drivers = {{0, 0.1, 0, 5, 1, 2}};
    s.energy = {1, 1, 1, 6, 2, 3};
    for (std::size_t i = 0; i < s.energy.size(); ++i) {
        s.start.push_back(kStart + static_cast<std::int64_t>(i) * kDay);
        s.end.push_back(kStart + static_cast<std::int64_t>(i + 1) * kDay);
        s.lines.push_back(i + 2);
    }
    BaselineOptions o;
    o.upgrade = kStart + 4 * kDay;
    o.model = ModelChoice::ols;
    o.drivers = {"hdd_65"};
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    ASSERT_EQ(r.model.coefficients.size(), 2U);
    EXPECT_EQ(r.model.coefficients[0].name, "intercept");
    EXPECT_EQ(r.model.coefficients[1].name, "hdd_65");
    EXPECT_NEAR(r.model.coefficients[1].value, 1.01, 0.005);
    EXPECT_NEAR(r.model.coefficients[0].value, 0.97, 0.005);
    EXPECT_NEAR(r.model.coefficients[1].value, 18.625 / 18.5075, 1e-12);
    EXPECT_NEAR(r.model.coefficients[0].value, 2.25 - 18.625 / 18.5075 * 1.275, 1e-12);
    EXPECT_EQ(r.baseline_periods, 4U);
}

// ---- Per-day model (billing periods of unequal length) ------------------------------------

// Billing periods of the given lengths in days from kStart, with production and temperature_c.
EnergySeries billing_series(const std::vector<std::int64_t>& days, const Columns& c) {
    EnergySeries s = make_series(c);
    std::int64_t at = kStart;
    for (std::size_t i = 0; i < days.size(); ++i) {
        s.start[i] = at;
        at += days[i] * kDay;
        s.end[i] = at;
    }
    return s;
}

constexpr std::array<std::int64_t, 12> kMonthDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Worked by hand (CalTRACK usage per day, energy.md §2.2): truth per day E/d = 100 + 2·P/d.
// Baseline Jan–Apr 2022, days 31, 28, 31, 30, production 3100, 2100, 2480, 3000 t: P/d = 100,
// 75, 80, 100, E/d = 300, 250, 260, 300, E = 9300, 7000, 8060, 9000 kWh. Reporting May–Aug,
// days 31, 30, 31, 31, production 2790, 2400, 3410, 2170 t: P/d = 90, 80, 110, 70, truth per
// period 8680, 7800, 9920, 7440 (Σ 33840), actual 90 % of it (Σ 30456): avoided 3384 (10 %).
// The reporting model is 90 + 1.8·P/d, so normalised savings = 0.1·Σ baseline E = 3336. The
// per-period fit E = a + bP cannot fit: the slopes between points 1–2 (2.3) and 2–3 (2.79)
// differ; by the closed form, with mean P 2670 and mean E 8340, b = Sxy/Sxx = 1447600/654800.
TEST(EnergyBaselinePerDay, RecoversAPerDayTruthThatThePerPeriodFitMisses) {
    Columns c;
    c.energy = {9300, 7000, 8060, 9000, 7812, 7020, 8928, 6696};
    c.production = {3100, 2100, 2480, 3000, 2790, 2400, 3410, 2170};
    c.temperature = {5, 6, 10, 14, 18, 22, 25, 24};
    const EnergySeries s = billing_series({31, 28, 31, 30, 31, 30, 31, 31}, c);
    BaselineOptions o;
    o.upgrade = s.start[4];
    o.model = ModelChoice::ols;
    o.drivers = {"production"};
    const BaselineResult per_period = smartkpi::fit_baseline(s, o);
    o.per_day = true;
    const BaselineResult r = smartkpi::fit_baseline(s, o);

    EXPECT_TRUE(r.model.per_day);
    EXPECT_TRUE(r.model.weighted);
    ASSERT_EQ(r.model.coefficients.size(), 2U);
    EXPECT_NEAR(r.model.coefficients[0].value, 100, 1e-9); // kWh/d
    EXPECT_NEAR(r.model.coefficients[1].value, 2, 1e-12);  // kWh/t
    EXPECT_NEAR(r.model.statistics.r2, 1, 1e-12);
    EXPECT_NEAR(r.model.statistics.cv_rmse, 0, 1e-12);
    EXPECT_FALSE(r.model.statistics.inference);
    // Mean energy per day, weighted by days: Σ E / Σ days = 33360 / 120 = 278.
    EXPECT_NEAR(r.model.statistics.mean_y, 278, 1e-9);
    EXPECT_NE(r.model.statistics.convention.find("per day of each period, weighted by days"),
              std::string::npos);

    EXPECT_FALSE(per_period.model.per_day);
    EXPECT_NEAR(per_period.model.coefficients[1].value, 1447600.0 / 654800.0, 1e-12);
    EXPECT_LT(per_period.model.statistics.r2, 0.999);
    EXPECT_GT(per_period.model.statistics.cv_rmse, 0.005);

    // Predictions and savings are per period again.
    const std::array<double, 8> truth{9300, 7000, 8060, 9000, 8680, 7800, 9920, 7440};
    ASSERT_EQ(r.predicted.size(), 8U);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        EXPECT_NEAR(r.predicted[i], truth[i], 1e-8) << i;
        EXPECT_NEAR(r.model.predict(s, i), truth[i], 1e-8) << i;
    }
    EXPECT_EQ(r.savings.m, 4U);
    EXPECT_NEAR(r.savings.adjusted_baseline, 33840, 1e-7);
    EXPECT_DOUBLE_EQ(r.savings.actual, 30456);
    EXPECT_NEAR(r.savings.avoided_energy, 3384, 1e-7);
    EXPECT_NEAR(r.savings.avoided_percent.value(), 0.1, 1e-12);
    ASSERT_TRUE(r.savings.normalised_savings.available());
    EXPECT_NEAR(r.savings.normalised_savings.value(), 3336, 1e-6);
    EXPECT_NEAR(r.enpi.regression_enpi.value(), 0.9, 1e-12);
    // The ratio EnPIs use the period totals: 33360 kWh / 10680 t and 30456 kWh / 10770 t.
    EXPECT_DOUBLE_EQ(r.enpi.baseline_ratio.value(), 33360.0 / 10680.0);
    EXPECT_DOUBLE_EQ(r.enpi.reporting_ratio.value(), 30456.0 / 10770.0);
}

// Two years of calendar months from a per-day 3ph truth E/d = 200 + 1.5·P/d + 20·max(15 - T, 0):
// temperature_c stays the period mean (it is not divided by the days), the hinge is found at
// 15 °C and the savings are the per-period sums of days × the truth.
TEST(EnergyBaselinePerDay, ChangePointTruthWithMeanTemperature) {
    const auto per_day_truth = [](double t, double p_per_day) {
        return 200 + 1.5 * p_per_day + 20 * std::max(15 - t, 0.0);
    };
    Columns c;
    std::vector<std::int64_t> days;
    double adjusted = 0;
    for (std::size_t i = 0; i < 36; ++i) {
        const std::int64_t d = kMonthDays[i % 12];
        const double t = mean_temperature(i);
        const double p = static_cast<double>(d) * (35 + 5 * noise(i + 7));
        const double e = static_cast<double>(d) * per_day_truth(t, p / static_cast<double>(d));
        days.push_back(d);
        c.temperature.push_back(t);
        c.production.push_back(p);
        c.energy.push_back(i >= 24 ? 0.9 * e : e);
        adjusted += i >= 24 ? e : 0;
    }
    const EnergySeries s = billing_series(days, c);
    BaselineOptions o;
    o.upgrade = s.start[24];
    o.model = ModelChoice::cp3_heating;
    o.per_day = true;
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    ASSERT_TRUE(r.model.heating_balance_c.has_value());
    EXPECT_DOUBLE_EQ(*r.model.heating_balance_c, 15);
    ASSERT_EQ(r.model.coefficients.size(), 3U);
    EXPECT_EQ(r.model.coefficients[1].name, "production");
    EXPECT_NEAR(r.model.coefficients[0].value, 200, 1e-7);
    EXPECT_NEAR(r.model.coefficients[1].value, 1.5, 1e-9);
    EXPECT_NEAR(r.model.coefficients[2].value, 20, 1e-9);
    EXPECT_NEAR(r.savings.adjusted_baseline, adjusted, 1e-9 * adjusted);
    EXPECT_NEAR(r.savings.avoided_percent.value(), 0.1, 1e-9);
    double predicted = 0;
    for (std::size_t i = 24; i < 36; ++i) {
        predicted += r.predicted[i];
    }
    EXPECT_NEAR(predicted, r.savings.adjusted_baseline, 1e-9 * adjusted);

    o.per_day = false;
    const BaselineResult per_period = smartkpi::fit_baseline(s, o);
    EXPECT_GT(per_period.model.statistics.cv_rmse, 1e-4);
}

// --per-day with --weighted is the same fit (the days weigh once), and the per-day fit is the
// WLS fit of E/d on P/d and T with weights = days, computed here independently.
TEST(EnergyBaselinePerDay, WeightedByDaysOnce) {
    Columns c;
    std::vector<std::int64_t> days;
    for (std::size_t i = 0; i < 30; ++i) {
        const std::int64_t d = kMonthDays[(i * 5) % 12];
        const double dd = static_cast<double>(d);
        const double p = dd * (40 + 6 * noise(i + 3));
        const double t = mean_temperature(i);
        days.push_back(d);
        c.production.push_back(p);
        c.temperature.push_back(t);
        c.energy.push_back(dd * (300 + 2 * p / dd + 5 * t) + 400 * noise(i + 50));
    }
    const EnergySeries s = billing_series(days, c);
    BaselineOptions o;
    o.upgrade = s.start[20];
    o.model = ModelChoice::ols;
    o.drivers = {"production", "temperature_c"};
    o.per_day = true;
    const BaselineResult a = smartkpi::fit_baseline(s, o);
    o.weighted = true;
    const BaselineResult b = smartkpi::fit_baseline(s, o);
    ASSERT_EQ(a.model.coefficients.size(), b.model.coefficients.size());
    for (std::size_t k = 0; k < a.model.coefficients.size(); ++k) {
        EXPECT_EQ(a.model.coefficients[k].value, b.model.coefficients[k].value);
        EXPECT_EQ(a.model.coefficients[k].std_error, b.model.coefficients[k].std_error);
    }
    EXPECT_EQ(a.model.statistics.cv_rmse, b.model.statistics.cv_rmse);
    EXPECT_EQ(a.model.statistics.convention, b.model.statistics.convention);
    EXPECT_EQ(a.savings.adjusted_baseline, b.savings.adjusted_baseline);
    EXPECT_EQ(a.savings.fsu[2].absolute.value(), b.savings.fsu[2].absolute.value());

    smartkpi::Design design;
    design.names = {"production", "temperature_c"};
    design.columns.resize(2);
    std::vector<double> y;
    std::vector<double> w;
    for (std::size_t i = 0; i < 20; ++i) {
        const double dd = static_cast<double>(days[i]);
        design.columns[0].push_back(c.production[i] / dd);
        design.columns[1].push_back(c.temperature[i]);
        y.push_back(c.energy[i] / dd);
        w.push_back(dd);
    }
    const smartkpi::LinearFit reference = smartkpi::fit_linear(design, y, w);
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_NEAR(a.model.coefficients[k].value, reference.coefficients[k].value,
                    1e-10 * std::abs(reference.coefficients[k].value))
            << k;
    }
}

// Equal 30-day periods: y/30 = a/30 + b·(P/30), so the per-day intercept is the per-period one
// / 30, the production coefficient, R², CV(RMSE) and the predictions are unchanged.
TEST(EnergyBaselinePerDay, EqualPeriodsScaleOnlyTheIntercept) {
    const EnergySeries s = synthetic([](double, double p) { return 5000 + 2.5 * p; }, 250);
    BaselineOptions o = options(ModelChoice::ols);
    o.drivers = {"production"};
    const BaselineResult u = smartkpi::fit_baseline(s, o);
    o.per_day = true;
    const BaselineResult r = smartkpi::fit_baseline(s, o);
    EXPECT_FALSE(u.model.per_day);
    EXPECT_EQ(u.model.statistics.convention.find("per day"), std::string::npos);
    EXPECT_NEAR(r.model.coefficients[0].value, u.model.coefficients[0].value / 30, 1e-9);
    EXPECT_NEAR(r.model.coefficients[1].value, u.model.coefficients[1].value, 1e-12);
    EXPECT_NEAR(r.model.statistics.r2, u.model.statistics.r2, 1e-12);
    EXPECT_NEAR(r.model.statistics.cv_rmse, u.model.statistics.cv_rmse, 1e-12);
    EXPECT_NEAR(r.model.statistics.nmbe, u.model.statistics.nmbe, 1e-12);
    EXPECT_NEAR(r.model.statistics.mean_y, u.model.statistics.mean_y / 30, 1e-9);
    for (std::size_t i = 0; i < 36; ++i) {
        EXPECT_NEAR(r.predicted[i], u.predicted[i], 1e-9 * std::abs(u.predicted[i])) << i;
    }
    EXPECT_NEAR(r.savings.avoided_energy, u.savings.avoided_energy,
                1e-9 * std::abs(u.savings.adjusted_baseline));
}

TEST(EnergyBaselinePerDay, RefusesZeroLengthPeriods) {
    EnergySeries s = synthetic([](double, double p) { return 500 + 2 * p; }, 10);
    s.end[3] = s.start[3];
    BaselineOptions o = options(ModelChoice::ols);
    o.per_day = true;
    EXPECT_NE(error_of(s, o).find("a per-day fit needs periods of positive length"),
              std::string::npos);
}

} // namespace
