// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/change_point.hpp"

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/engine/regression.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

using smartkpi::BaselineOptions;
using smartkpi::BaselineResult;
using smartkpi::ModelChoice;
using smartkpi::ModelType;
using smartkpi::detail::ChangePointScreen;

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kStart = 1'640'995'200'000; // 2022-01-01T00:00:00Z

// The reference data set of the change-point tests: 24 monthly baseline points.
// E = 3000 + 2.5 P + 150 max(14 - T, 0) + 120 max(T - 21, 0) + noise.
const std::vector<double> kT{-2.3, 0.8, 5.6, 11.9, 17.4, 22.8, 26.1, 25.3, 20.7, 14.2, 7.5, 1.1,
                             -0.6, 2.9, 7.8, 13.1, 18.9, 23.6, 27.4, 26.8, 21.5, 15.0, 8.3, 2.4};
const std::vector<double> kP{812, 790, 845, 880, 905, 870, 840, 860, 910, 930, 875, 820,
                             800, 805, 850, 890, 915, 885, 830, 850, 905, 925, 880, 835};
const std::vector<double> kNoise{31, -18, 7,   -25, 12,  40, -33, 5,   -9, 22,  -41, 16,
                                 -6, 28,  -14, 9,   -37, 19, 3,   -22, 35, -11, 24,  -30};

double truth(double t, double p) {
    return 3000 + 2.5 * p + 150 * std::max(14 - t, 0.0) + 120 * std::max(t - 21, 0.0);
}

std::vector<double> reference_energy() {
    std::vector<double> e;
    for (std::size_t i = 0; i < kT.size(); ++i) {
        e.push_back(truth(kT[i], kP[i]) + kNoise[i]);
    }
    return e;
}

// The reference data as a series of 30-day periods, followed by three reporting periods.
smartkpi::EnergySeries reference_series() {
    smartkpi::EnergySeries s;
    s.factory = "CP";
    s.energy_unit = "kWh";
    s.source = "cp.csv";
    s.driver_names = {"production", "temperature_c"};
    s.drivers.resize(2);
    std::vector<double> e = reference_energy();
    std::vector<double> t = kT;
    std::vector<double> p = kP;
    for (std::size_t k = 0; k < 3; ++k) {
        t.push_back(kT[k]);
        p.push_back(kP[k]);
        e.push_back(0.9 * truth(kT[k], kP[k]));
    }
    for (std::size_t i = 0; i < e.size(); ++i) {
        s.start.push_back(kStart + static_cast<std::int64_t>(i) * 30 * kDay);
        s.end.push_back(kStart + static_cast<std::int64_t>(i + 1) * 30 * kDay);
        s.energy.push_back(e[i]);
        s.drivers[0].push_back(p[i]);
        s.drivers[1].push_back(t[i]);
        s.lines.push_back(i + 2);
    }
    return s;
}

BaselineOptions options_for(ModelChoice model) {
    BaselineOptions o;
    o.upgrade = kStart + 24 * 30 * kDay;
    o.model = model;
    return o;
}

double coefficient(const BaselineResult& r, std::string_view name) {
    for (const auto& c : r.model.coefficients) {
        if (c.name == name) {
            return c.value;
        }
    }
    ADD_FAILURE() << "no coefficient " << name;
    return std::numeric_limits<double>::quiet_NaN();
}

void expect_relative(double actual, double expected, double tolerance = 1e-9) {
    EXPECT_NEAR(actual, expected, tolerance * std::abs(expected)) << "expected " << expected;
}

// Reference values computed independently with numpy 1.24.2 (brute force: every grid
// candidate solved with np.linalg.lstsq, keeping the smallest SSE among candidates whose
// hinge slopes are > 0):
//
//   T, P, noise = <kT>, <kP>, <kNoise>;  E = 3000 + 2.5P + 150 max(14-T,0) + 120 max(T-21,0) +
//   noise grid = [k*0.5 for k in range(ceil(min T/0.5), floor(max T/0.5)+1)] 3ph: (T < Th).sum() >=
//   3 and (T >= Th).sum() >= 3;  4p: (T < Tb) >= 3, (T > Tb) >= 3; 5p: Th < Tc, (T < Th) >= 3, (T >
//   Tc) >= 3 X = [1, P, max(Th-T,0), max(T-Tc,0)];  b = lstsq(X, E);  sse = |E - Xb|² r2 = 1 -
//   sse/sst;  adj = 1 - (1-r2)(n-1)/(n-p);  cv = sqrt(sse/(n-p))/mean(E)
TEST(ChangePoint, FiveParameterFitMatchesAnIndependentGridSearch) {
    const BaselineResult r =
        smartkpi::fit_baseline(reference_series(), options_for(ModelChoice::cp5));
    ASSERT_EQ(r.model.type, ModelType::cp5);
    EXPECT_EQ(r.model.heating_balance_c, 14.0);
    EXPECT_EQ(r.model.cooling_balance_c, 20.5);
    expect_relative(coefficient(r, "intercept"), 2912.93623247224);
    expect_relative(coefficient(r, "production"), 2.584519061947282);
    expect_relative(coefficient(r, "heating_slope"), 151.62031206361044);
    expect_relative(coefficient(r, "cooling_slope"), 110.82682231651033);
    expect_relative(r.model.statistics.r2, 0.9990921803677489);
    expect_relative(r.model.statistics.adj_r2, 0.9989560074229112);
    expect_relative(r.model.statistics.cv_rmse, 0.0037832705821497195);
    EXPECT_EQ(r.model.statistics.n, 24U);
    EXPECT_EQ(r.model.statistics.p, 4U); // balance points are not counted (conventions §32)
}

TEST(ChangePoint, ThreeAndFourParameterFitsMatchAnIndependentGridSearch) {
    const BaselineResult h =
        smartkpi::fit_baseline(reference_series(), options_for(ModelChoice::cp3_heating));
    EXPECT_EQ(h.model.heating_balance_c, 12.5);
    EXPECT_FALSE(h.model.cooling_balance_c.has_value());
    expect_relative(coefficient(h, "intercept"), 9550.707305440212);
    expect_relative(coefficient(h, "production"), -4.606864557096691);
    expect_relative(coefficient(h, "heating_slope"), 103.74450654979519);
    expect_relative(h.model.statistics.r2, 0.9795030275353874);

    const BaselineResult f =
        smartkpi::fit_baseline(reference_series(), options_for(ModelChoice::cp4));
    EXPECT_EQ(f.model.heating_balance_c, 16.0);
    EXPECT_EQ(f.model.cooling_balance_c, 16.0);
    expect_relative(coefficient(f, "intercept"), 3796.677413834169);
    expect_relative(coefficient(f, "production"), 1.3572104659390032);
    expect_relative(coefficient(f, "heating_slope"), 138.630767416979);
    expect_relative(coefficient(f, "cooling_slope"), 74.58313972832244);
    expect_relative(f.model.statistics.adj_r2, 0.9915074361563617);
}

TEST(ChangePoint, AutomaticSelectionPicksTheFiveParameterTruth) {
    const BaselineResult r =
        smartkpi::fit_baseline(reference_series(), options_for(ModelChoice::automatic));
    EXPECT_EQ(r.model.type, ModelType::cp5);
    ASSERT_EQ(r.candidates.size(), 5U);
    // No cooling-only hinge has a positive slope on these data (heating dominates): the
    // screening falls back to the best disqualified candidate and says why.
    EXPECT_EQ(r.candidates[1].type, ModelType::cp3_cooling);
    EXPECT_FALSE(r.candidates[1].qualified);
    EXPECT_NE(r.candidates[1].reason.find("disqualified: cooling slope"), std::string::npos)
        << r.candidates[1].reason;
    EXPECT_NE(r.candidates[4].reason.find("selected"), std::string::npos);
}

// Screening ranks candidates by sufficient statistics; here every candidate is refitted by QR
// (fit_linear) and the smallest SSE among candidates with positive slopes must be the one the
// screen returned. Weighted and unweighted, with a second linear driver.
struct BruteForce {
    double sse = std::numeric_limits<double>::infinity();
    double heating = 0;
    double cooling = 0;
};

BruteForce brute_force(ModelType type,
                       const std::vector<double>& t,
                       const std::vector<std::vector<double>>& linear,
                       const std::vector<double>& y,
                       const std::vector<double>& w,
                       double step,
                       std::size_t min_points) {
    BruteForce best;
    const auto [lo_it, hi_it] = std::minmax_element(t.begin(), t.end());
    const auto lo = static_cast<long>(std::ceil(*lo_it / step));
    const auto hi = static_cast<long>(std::floor(*hi_it / step));
    const bool heat = type != ModelType::cp3_cooling;
    const bool cool = type != ModelType::cp3_heating;
    auto count = [&](auto pred) {
        return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), pred));
    };
    for (long kh = lo; kh <= hi; ++kh) {
        for (long kc = lo; kc <= hi; ++kc) {
            const double th = static_cast<double>(kh) * step;
            const double tc = static_cast<double>(kc) * step;
            if ((type == ModelType::cp3_heating || type == ModelType::cp3_cooling ||
                 type == ModelType::cp4) &&
                kh != kc) {
                continue;
            }
            if (type == ModelType::cp5 && !(kh < kc)) {
                continue;
            }
            const std::size_t below = count([&](double v) { return v < th; });
            const std::size_t above = count([&](double v) { return v > tc; });
            if (type == ModelType::cp3_heating &&
                (below < min_points || t.size() - below < min_points)) {
                continue;
            }
            const std::size_t at_most = count([&](double v) { return v <= tc; });
            if (type == ModelType::cp3_cooling && (above < min_points || at_most < min_points)) {
                continue;
            }
            if ((type == ModelType::cp4 || type == ModelType::cp5) &&
                (below < min_points || above < min_points)) {
                continue;
            }
            smartkpi::Design d;
            for (std::size_t k = 0; k < linear.size(); ++k) {
                d.names.push_back("x" + std::to_string(k));
                d.columns.push_back(linear[k]);
            }
            if (heat) {
                d.names.emplace_back("h");
                d.columns.emplace_back();
                for (const double v : t) {
                    d.columns.back().push_back(std::max(th - v, 0.0));
                }
            }
            if (cool) {
                d.names.emplace_back("c");
                d.columns.emplace_back();
                for (const double v : t) {
                    d.columns.back().push_back(std::max(v - tc, 0.0));
                }
            }
            const smartkpi::LinearFit fit = smartkpi::fit_linear(d, y, w);
            bool positive = true;
            for (std::size_t k = 1 + linear.size(); k < fit.coefficients.size(); ++k) {
                positive = positive && fit.coefficients[k].value > 0;
            }
            if (positive && fit.sse < best.sse) {
                best = {fit.sse, th, tc};
            }
        }
    }
    return best;
}

TEST(ChangePoint, ScreeningFindsTheSameCandidateAsQrAtEveryGridPoint) {
    // Two linear drivers and uneven weights (period lengths 28-31 days).
    std::vector<double> second;
    std::vector<double> weights;
    for (std::size_t i = 0; i < kT.size(); ++i) {
        second.push_back(std::fmod(static_cast<double>(i) * 7.3, 11.0));
        weights.push_back(28.0 + static_cast<double>(i % 4));
    }
    const std::vector<std::vector<double>> linear{kP, second};
    const std::vector<std::span<const double>> spans{kP, second};
    const std::vector<double> y = reference_energy();
    for (const bool weighted : {false, true}) {
        const std::vector<double> w = weighted ? weights : std::vector<double>{};
        const ChangePointScreen screen(kT, spans, y, w, 0.5, 3);
        ASSERT_FALSE(screen.linear_part_singular());
        for (const ModelType type : {ModelType::cp3_heating, ModelType::cp4, ModelType::cp5}) {
            SCOPED_TRACE(std::string(smartkpi::to_string(type)) + (weighted ? " weighted" : ""));
            const auto screened = screen.best(type);
            const BruteForce expected = brute_force(type, kT, linear, y, w, 0.5, 3);
            ASSERT_TRUE(screened.found);
            EXPECT_TRUE(screened.qualified);
            EXPECT_EQ(screened.heating_c, expected.heating);
            if (type != ModelType::cp3_heating) {
                EXPECT_EQ(screened.cooling_c, expected.cooling);
            }
            EXPECT_GT(screened.searched, 0U);
        }
    }
}

TEST(ChangePoint, CoolingTruthIsScreenedExactly) {
    // Noise-free 3pc truth with the balance point on the grid: the screen must land on it.
    std::vector<double> y;
    for (const double t : kT) {
        y.push_back(800 + 55 * std::max(t - 18.5, 0.0));
    }
    const ChangePointScreen screen(kT, {}, y, {}, 0.5, 3);
    const auto best = screen.best(ModelType::cp3_cooling);
    ASSERT_TRUE(best.found);
    EXPECT_TRUE(best.qualified);
    EXPECT_EQ(best.cooling_c, 18.5);
}

TEST(ChangePoint, SegmentRuleLimitsTheGrid) {
    // Five points: with at least 3 on each side no balance point exists.
    const std::vector<double> t{1, 2, 3, 4, 5};
    const std::vector<double> y{5, 4, 3, 2, 1};
    const ChangePointScreen three(t, {}, y, {}, 0.5, 3);
    EXPECT_FALSE(three.best(ModelType::cp3_heating).found);
    // With 2, heating balance points strictly inside (2, 4]: 2.5, 3, 3.5, 4.
    const ChangePointScreen two(t, {}, y, {}, 0.5, 2);
    EXPECT_EQ(two.best(ModelType::cp3_heating).searched, 4U);
}

TEST(ChangePoint, ConstantLinearDriverIsSingular) {
    const std::vector<double> constant(kT.size(), 7.0);
    const std::vector<std::span<const double>> spans{constant};
    const ChangePointScreen screen(kT, spans, reference_energy(), {}, 0.5, 3);
    EXPECT_TRUE(screen.linear_part_singular());
    EXPECT_FALSE(screen.best(ModelType::cp5).found);
}

TEST(ChangePoint, ExplicitModelWithoutEnoughSpreadIsADataError) {
    BaselineOptions o = options_for(ModelChoice::cp5);
    o.min_points_per_segment = 13; // 24 points cannot have 13 on each outer side
    try {
        smartkpi::fit_baseline(reference_series(), o);
        FAIL() << "no error";
    } catch (const smartkpi::DataError& e) {
        EXPECT_NE(std::string(e.what()).find("model 5p: no balance point"), std::string::npos)
            << e.what();
    }
}

} // namespace
