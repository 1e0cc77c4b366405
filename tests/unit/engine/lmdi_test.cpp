// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// LMDI-I (energy.md §4): the logarithmic mean, the zero-value limits, a published worked
// example, closure on random data, and the three-factor energy identity of `energy decompose`.
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/engine/lmdi.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/io/embedded_data.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::DecomposedQuantity;
using smartkpi::DecompositionEffect;
using smartkpi::DecompositionGroup;
using smartkpi::DecompositionGrouping;
using smartkpi::DecompositionOptions;
using smartkpi::DecompositionPeriod;
using smartkpi::DecompositionRecord;
using smartkpi::EnergyDecomposition;
using smartkpi::lmdi_contribution;
using smartkpi::lmdi_decompose;
using smartkpi::LmdiCategory;
using smartkpi::LmdiResult;
using smartkpi::logarithmic_mean;

constexpr double kEps = std::numeric_limits<double>::epsilon();

// A value printed with d decimals in a published table matches when it is within half a unit
// of its last printed digit: "digit for digit".
void expect_printed(double actual, std::string_view printed) {
    const std::string text(printed);
    const double expected = std::strtod(text.c_str(), nullptr);
    const auto dot = text.find('.');
    const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    const double half_unit = 0.5 * std::pow(10.0, -decimals);
    EXPECT_NEAR(actual, expected, half_unit * (1 + 1e-9)) << "published: " << printed;
}

double relative_gap(double a, double b) {
    return std::fabs(a - b) / std::max(std::fabs(a), std::fabs(b));
}

// L(a, b) in long double through L = m·u/atanh(u): an independent reference near a = b, where
// the quotient form cannot serve as one.
double reference_log_mean(double a, double b) {
    const long double la = a;
    const long double lb = b;
    const long double u = (la - lb) / (la + lb);
    const long double m = (la + lb) / 2;
    return static_cast<double>(u == 0 ? la : m * u / std::atanh(u));
}

// ---- logarithmic mean -----------------------------------------------------------------------

TEST(LmdiLogMean, QuotientFormWorkedByHand) {
    // L(2, 1) = 1/ln 2 = 1.4426950408889634; L(4, 1) = 3/ln 4 = 2.1640425613334451.
    EXPECT_NEAR(logarithmic_mean(2, 1), 1.4426950408889634, 4 * kEps);
    EXPECT_NEAR(logarithmic_mean(4, 1), 2.1640425613334451, 8 * kEps);
    EXPECT_DOUBLE_EQ(logarithmic_mean(1, 4), logarithmic_mean(4, 1)); // symmetric
}

TEST(LmdiLogMean, EqualArgumentAndZeroLimits) {
    // energy.md §4.1: L(a, a) = a, L(a, 0) = L(0, b) = 0.
    EXPECT_EQ(logarithmic_mean(7.25, 7.25), 7.25);
    EXPECT_EQ(logarithmic_mean(5, 0), 0.0);
    EXPECT_EQ(logarithmic_mean(0, 5), 0.0);
    EXPECT_EQ(logarithmic_mean(0, 0), 0.0);
    EXPECT_EQ(logarithmic_mean(1e300, 1e300), 1e300);
}

TEST(LmdiLogMean, SeriesBranchKeepsFullPrecisionNearEqualArguments) {
    // The plain quotient (a − b)/ln(a/b) keeps only eps/(2u) of relative precision here; the
    // series m·(1 − u²/3 − 4u⁴/45 − 44u⁶/945) and the log1p form keep nearly all of it.
    for (const double h :
         {1e-15, 1e-12, 1e-9, 1e-6, 1e-4, 9.99e-3, 1.01e-2, 0.05, 0.5, 0.99, 1.5, 10.0}) {
        for (const double a : {1e-6, 1.0, 123.456, 8.8e7}) {
            const double b = a * (1 + h);
            const double expected = reference_log_mean(a, b);
            EXPECT_LE(relative_gap(logarithmic_mean(a, b), expected), 8 * kEps)
                << "a = " << a << ", h = " << h;
        }
    }
}

TEST(LmdiLogMean, ContinuousAcrossTheSeriesThreshold) {
    // u = (a − b)/(a + b) = 1e-2 where the branch changes: b/a = 0.99/1.01.
    const double a = 1.0;
    const double below = a * (1 - 0.0099999) / (1 + 0.0099999);
    const double above = a * (1 - 0.0100001) / (1 + 0.0100001);
    EXPECT_LE(relative_gap(logarithmic_mean(a, below), reference_log_mean(a, below)), 8 * kEps);
    EXPECT_LE(relative_gap(logarithmic_mean(a, above), reference_log_mean(a, above)), 8 * kEps);
}

TEST(LmdiLogMean, LiesBetweenGeometricAndArithmeticMeans) {
    // energy.md §4.1: min ≤ √(ab) ≤ L(a, b) ≤ (a + b)/2.
    std::mt19937_64 rng(20260105);
    std::uniform_real_distribution<double> exponent(-8, 8);
    for (int i = 0; i < 2000; ++i) {
        const double a = std::pow(10.0, exponent(rng));
        const double b = std::pow(10.0, exponent(rng));
        const double l = logarithmic_mean(a, b);
        EXPECT_GE(l * (1 + 4 * kEps), std::sqrt(a * b));
        EXPECT_LE(l, (a + b) / 2 * (1 + 4 * kEps));
    }
}

TEST(LmdiLogMean, NegativePairsAndSignChanges) {
    // Same-sign negative values: L(−a, −b) = −L(a, b) (Ang & Liu 2007); a sign change has no
    // logarithm of the ratio.
    EXPECT_DOUBLE_EQ(logarithmic_mean(-2, -1), -logarithmic_mean(2, 1));
    EXPECT_THROW((void)logarithmic_mean(-2, 1), smartkpi::DomainError);
    EXPECT_THROW((void)logarithmic_mean(2, -1), smartkpi::DomainError);
    EXPECT_THROW((void)logarithmic_mean(std::nan(""), 1), smartkpi::DomainError);
    EXPECT_THROW((void)logarithmic_mean(INFINITY, 1), smartkpi::DomainError);
}

// ---- zero-value cases -----------------------------------------------------------------------

TEST(LmdiZeroValues, EightCasesOfAngZhangChoi1998Table2) {
    // Ang, Zhang & Choi (1998), Energy 23(6):489-495, Table 2, as encoded in MatthewHeun/LMDIR
    // tests/testthat/test_util.R ("Zij works as expected"): PN = 9999, ANS = 42.
    constexpr double kPN = 9999;
    constexpr double kAns = 42;
    EXPECT_EQ(lmdi_contribution(0, kAns, 0, kPN), kAns);  // case 1: the factor appears
    EXPECT_EQ(lmdi_contribution(kAns, 0, kPN, 0), -kAns); // case 2: the factor vanishes
    EXPECT_EQ(lmdi_contribution(0, kPN, kPN, kPN), 0.0);  // case 3
    EXPECT_EQ(lmdi_contribution(kPN, 0, kPN, kPN), 0.0);  // case 4
    EXPECT_EQ(lmdi_contribution(0, 0, kPN, kPN), 0.0);    // case 5
    EXPECT_EQ(lmdi_contribution(0, 0, 0, 0), 0.0);        // case 6
    EXPECT_EQ(lmdi_contribution(0, 0, kPN, 0), 0.0);      // case 7
    EXPECT_EQ(lmdi_contribution(0, 0, 0, kPN), 0.0);      // case 8
}

TEST(LmdiZeroValues, LimitIsWhatTheSmallValueSubstitutionApproaches) {
    // Case 1 is the limit of L(vᵀ, v⁰)·ln(xᵀ/x⁰) as x⁰ = δ → 0 (v⁰ = 3δ, vᵀ = 42 = 14·3).
    for (const double delta : {1e-10, 1e-50, 1e-200}) {
        const double substituted = logarithmic_mean(42, 3 * delta) * std::log(14 / delta);
        EXPECT_NEAR(substituted, 42, 42 * 1e-9) << delta;
    }
    EXPECT_EQ(lmdi_contribution(0, 42, 0, 14), 42.0);
}

TEST(LmdiZeroValues, NonZeroValueWithAZeroFactorIsRejected) {
    EXPECT_THROW((void)lmdi_contribution(5, 6, 0, 2), smartkpi::DomainError);
    EXPECT_THROW((void)lmdi_contribution(5, 6, 2, -1), smartkpi::DomainError);
}

TEST(LmdiZeroValues, FactorRatioBeyondTheDoubleRangeKeepsItsLogarithm) {
    // xᵀ/x⁰ = 2e300/1e-300 = 2e600 overflows, ln(2e600) = ln 2 + 600·ln 10 does not:
    // L(2, 1)·ln(2e600) = (ln 2 + 600·ln 10)/ln 2 = 1 + 600·log₂ 10 (found by fuzzing, where
    // the overflow gave inf and a failed closure check).
    const double expected = 1 + 600 * std::log2(10.0);
    EXPECT_NEAR(lmdi_contribution(1, 2, 1e-300, 2e300), expected, expected * 1e-14);
    EXPECT_NEAR(lmdi_contribution(2, 1, 2e300, 1e-300), -expected, expected * 1e-14);
    // A contribution beyond the double range is the data's magnitude: a DomainError.
    constexpr double kMax = std::numeric_limits<double>::max();
    EXPECT_THROW((void)lmdi_contribution(kMax, kMax / 2, 1e-300, 1e300), smartkpi::DomainError);
}

// ---- a published worked example ---------------------------------------------------------------

// MatthewHeun/LMDIR tests/testthat/test_lmdi.R, create_simple_LMDI(): two sub-categories, three
// factors, years 1971-1974 (rows are sub-categories, columns factors).
std::vector<LmdiCategory> simple_lmdi(int year_from) {
    static const double kX[4][2][3] = {{{1, 10, 2}, {4, 5, 3}},
                                       {{4, 5, 3}, {5, 6, 4}},
                                       {{8, 2, 4}, {5, 7, 5}},
                                       {{10, 1, 5}, {6, 8, 6}}};
    const int t = year_from - 1971;
    std::vector<LmdiCategory> out;
    for (int i = 0; i < 2; ++i) {
        LmdiCategory c;
        c.name = "subcat " + std::to_string(i + 1);
        c.x0.assign(kX[t][i], kX[t][i] + 3);
        c.xt.assign(kX[t + 1][i], kX[t + 1][i] + 3);
        out.push_back(c);
    }
    return out;
}

TEST(LmdiPublished, LmdirSimpleExampleAdditive) {
    // test_lmdi.R "linear LMDI works as expected": dV_agg = 100, 59, 99 and dV per factor.
    const char* kDv[3][3] = {{"69.79006598", "-9.455125793", "39.66505981"},
                             {"42.96021467", "-34.31902656", "50.3588119"},
                             {"54.01064234", "-9.021284671", "54.01064234"}};
    const double kDvAgg[3] = {100, 59, 99};
    for (int t = 0; t < 3; ++t) {
        const LmdiResult r = lmdi_decompose(simple_lmdi(1971 + t));
        EXPECT_DOUBLE_EQ(r.change(), kDvAgg[t]);
        for (int k = 0; k < 3; ++k) {
            expect_printed(r.additive[k], kDv[t][k]);
        }
    }
}

TEST(LmdiPublished, LmdirSimpleExampleMultiplicative) {
    // test_lmdi.R "multiplicative LMDI works as expected": D_agg = 2.25, 1.327777778,
    // 1.414225941 and D per factor.
    const char* kD[3][3] = {{"1.761117821", "0.926191306", "1.379410116"},
                            {"1.229284572", "0.847970248", "1.273773912"},
                            {"1.208140223", "0.968911503", "1.208140223"}};
    const char* kDAgg[3] = {"2.25", "1.327777778", "1.414225941"};
    for (int t = 0; t < 3; ++t) {
        const LmdiResult r = lmdi_decompose(simple_lmdi(1971 + t));
        ASSERT_TRUE(r.multiplicative.has_value());
        double product = 1;
        for (int k = 0; k < 3; ++k) {
            expect_printed((*r.multiplicative)[k], kD[t][k]);
            product *= (*r.multiplicative)[k];
        }
        expect_printed(product, kDAgg[t]);
    }
}

TEST(LmdiPublished, LmdirZMatrixPerSubCategory) {
    // test_util.R "Z_byname works as expected": Z_1 (1971 -> 1972).
    const LmdiResult r = lmdi_decompose(simple_lmdi(1971));
    const char* kZ[2][3] = {{"50.47438029", "-25.23719014", "14.76280986"},
                            {"19.31568569", "15.78206435", "24.90224996"}};
    for (int i = 0; i < 2; ++i) {
        for (int k = 0; k < 3; ++k) {
            expect_printed(r.contributions[i][k], kZ[i][k]);
        }
    }
}

TEST(LmdiPublished, LmdirDegenerateZMatrices) {
    // test_util.R: X_0[1, 1] = 0 gives row 1 = (60, 0, 0) (cases 1 and 3); X_T[2, 3] = 0 gives
    // row 2 = (0, 0, −60) (cases 4 and 2); the other row is unchanged.
    auto appears = simple_lmdi(1971);
    appears[0].x0[0] = 0;
    const LmdiResult a = lmdi_decompose(appears);
    EXPECT_EQ(a.contributions[0], (std::vector<double>{60, 0, 0}));
    expect_printed(a.contributions[1][0], "19.31568569");
    expect_printed(a.contributions[1][1], "15.78206435");
    expect_printed(a.contributions[1][2], "24.90224996");

    auto vanishes = simple_lmdi(1971);
    vanishes[1].xt[2] = 0;
    const LmdiResult v = lmdi_decompose(vanishes);
    EXPECT_EQ(v.contributions[1], (std::vector<double>{0, 0, -60}));
    expect_printed(v.contributions[0][0], "50.47438029");
    expect_printed(v.contributions[0][1], "-25.23719014");
    expect_printed(v.contributions[0][2], "14.76280986");
    // Still exact: 20 + 0 -> 60 + 0 and 20 + 60 -> 60 + 0.
    EXPECT_NEAR(a.additive[0] + a.additive[1] + a.additive[2], a.change(), 1e-12 * 120);
    EXPECT_NEAR(v.additive[0] + v.additive[1] + v.additive[2], v.change(), 1e-12 * 80);
}

// ---- closure on random data -----------------------------------------------------------------

TEST(LmdiClosure, AdditiveSumsMultiplicativeMultipliesAndTheyAreLinked) {
    // Ang (2005): Σ ΔV_k = ΔV, Π D_k = Vᵀ/V⁰, ΔV_k / ln D_k = L(Vᵀ, V⁰) for every k.
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> count(1, 40);
    std::uniform_int_distribution<int> factor_count(1, 5);
    std::uniform_real_distribution<double> exponent(-2, 3);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int trial = 0; trial < 300; ++trial) {
        const int n = count(rng);
        const int m = factor_count(rng);
        std::vector<LmdiCategory> cats(static_cast<std::size_t>(n));
        for (auto& c : cats) {
            for (int k = 0; k < m; ++k) {
                c.x0.push_back(std::pow(10.0, exponent(rng)));
                c.xt.push_back(std::pow(10.0, exponent(rng)));
            }
            const double pick = unit(rng);
            const auto k = static_cast<std::size_t>(unit(rng) * m);
            if (pick < 0.08) {
                c.x0[k] = 0; // appears
            } else if (pick < 0.16) {
                c.xt[k] = 0; // vanishes
            }
        }
        const LmdiResult r = lmdi_decompose(cats);
        const double scale = std::max(r.v0, r.vt);
        double sum = 0;
        for (const double e : r.additive) {
            sum += e;
        }
        EXPECT_LE(std::fabs(sum - r.change()), 1e-12 * scale) << "trial " << trial;
        if (!r.multiplicative) {
            continue;
        }
        double product = 1;
        const double weight = logarithmic_mean(r.vt, r.v0);
        for (std::size_t k = 0; k < r.additive.size(); ++k) {
            const double d = (*r.multiplicative)[k];
            product *= d;
            if (std::fabs(std::log(d)) > 1e-6) {
                EXPECT_LE(relative_gap(r.additive[k] / std::log(d), weight), 1e-9);
            }
        }
        EXPECT_LE(relative_gap(product, r.vt / r.v0), 1e-11) << "trial " << trial;
        // Per sub-category, the contributions add up to its own change.
        for (std::size_t i = 0; i < cats.size(); ++i) {
            double v0 = 1;
            double vt = 1;
            double row = 0;
            for (int k = 0; k < m; ++k) {
                v0 *= cats[i].x0[static_cast<std::size_t>(k)];
                vt *= cats[i].xt[static_cast<std::size_t>(k)];
                row += r.contributions[i][static_cast<std::size_t>(k)];
            }
            EXPECT_NEAR(row, vt - v0, 1e-12 * std::max(v0, vt) * m);
        }
    }
}

TEST(LmdiClosure, RejectsWhatTheMethodCannotDecompose) {
    // A sign change (Ang & Liu 2007 would need a special treatment smartkpi does not apply).
    std::vector<LmdiCategory> sign{{"a", {1, 2}, {1, -2}}};
    EXPECT_THROW((void)lmdi_decompose(sign), smartkpi::DomainError);
    // Two factors vanishing at once: the limit does not say which takes the change.
    std::vector<LmdiCategory> two_zeros{{"b", {1, 2, 3}, {0, 0, 3}}, {"c", {1, 1, 1}, {2, 2, 2}}};
    EXPECT_THROW((void)lmdi_decompose(two_zeros), smartkpi::DomainError);
    // ... but zero in both periods is fine (cases 5-8).
    std::vector<LmdiCategory> dead{{"d", {0, 0, 3}, {0, 2, 0}}, {"e", {1, 1, 1}, {2, 2, 2}}};
    EXPECT_NO_THROW((void)lmdi_decompose(dead));
    std::vector<LmdiCategory> ragged{{"f", {1, 2}, {1, 2}}, {"g", {1}, {1}}};
    EXPECT_THROW((void)lmdi_decompose(ragged), smartkpi::UsageError);
    EXPECT_THROW((void)lmdi_decompose({}), smartkpi::DomainError);
    std::vector<LmdiCategory> nan{{"h", {1, std::nan("")}, {1, 2}}};
    EXPECT_THROW((void)lmdi_decompose(nan), smartkpi::DomainError);
    try {
        (void)lmdi_decompose(sign);
    } catch (const smartkpi::DomainError& e) {
        EXPECT_NE(e.message().find("\"a\""), std::string::npos) << e.message();
        EXPECT_NE(e.message().find("changes sign"), std::string::npos) << e.message();
    }
}

TEST(LmdiClosure, MultiplicativeAbsentWhenATotalIsZero) {
    std::vector<LmdiCategory> opening{{"new", {0, 5}, {2, 5}}};
    const LmdiResult r = lmdi_decompose(opening);
    EXPECT_FALSE(r.multiplicative.has_value());
    EXPECT_EQ(r.additive, (std::vector<double>{10, 0}));
}

// ---- the energy identity E = Σ Q·Sᵢ·Iᵢ ------------------------------------------------------

DecompositionRecord record(std::string id,
                           std::string sector,
                           std::optional<double> value_added,
                           std::optional<double> energy) {
    DecompositionRecord r;
    r.id = std::move(id);
    r.sector = std::move(sector);
    r.region = "Shanghai";
    r.value_added = value_added;
    r.energy_tce = energy;
    if (energy) {
        r.co2_t = *energy * 2;
    }
    return r;
}

DecompositionPeriod period(std::string label, std::vector<DecompositionRecord> records) {
    DecompositionPeriod p;
    p.label = std::move(label);
    p.source = p.label + ".json";
    p.records = std::move(records);
    return p;
}

double effect(const EnergyDecomposition& d, DecompositionEffect e) {
    return d.additive[static_cast<std::size_t>(e)];
}

double sum_of_effects(const EnergyDecomposition& d) {
    return d.additive[0] + d.additive[1] + d.additive[2];
}

TEST(LmdiEnergy, ReferenceClaimOneSectorOutputUp8IntensityDown13_8) {
    // One sector, value added +8 %, intensity −13.8 %: E⁰ = 100, Eᵀ = 100·1.08·0.862 = 93.096.
    // Worked by hand (40-digit decimal arithmetic): L(93.096, 100) = −6.904/ln 0.93096
    // = 96.50684475784077; activity = L·ln 1.08 = 7.427267249326134; intensity = L·ln 0.862
    // = −14.331267249326134; structure = 0 (S = 1 in both periods).
    const auto from = period("2024", {record("F1", "machinery", 1e6, 100)});
    const auto to = period("2025", {record("F1", "machinery", 1.08e6, 100 * 1.08 * 0.862)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    EXPECT_NEAR(effect(d, DecompositionEffect::activity), 7.427267249326134, 1e-12);
    EXPECT_EQ(effect(d, DecompositionEffect::structure), 0.0);
    EXPECT_NEAR(effect(d, DecompositionEffect::intensity), -14.331267249326134, 1e-12);
    EXPECT_NEAR(sum_of_effects(d), d.change(), 1e-12 * 100);
    ASSERT_TRUE(d.multiplicative.has_value());
    EXPECT_NEAR((*d.multiplicative)[0], 1.08, 1e-14);
    EXPECT_NEAR((*d.multiplicative)[1], 1.0, 1e-15);
    EXPECT_NEAR((*d.multiplicative)[2], 0.862, 1e-14);
}

TEST(LmdiEnergy, ThreeReadingsOfTheIntensitySavingUnderHoldLabour) {
    // energy.md §0 item 7: value added +50 % (hold: labour), intensity −13.8 %, E⁰ = 100:
    // Laspeyres −13.8, LMDI-I −16.93, avoided energy −20.7 (conventions §9: savings 20.7 %).
    // By hand: L(129.3, 100) = 29.3/ln 1.293 = 114.0232662878218; activity = L·ln 1.5
    // = 46.23245599223769; intensity = L·ln 0.862 = −16.93245599223769.
    const auto from = period("baseline", {record("F1", "auto", 2e8, 100)});
    const auto to = period("upgraded", {record("F1", "auto", 3e8, 129.3)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    EXPECT_NEAR(effect(d, DecompositionEffect::activity), 46.23245599223769, 1e-12);
    EXPECT_NEAR(effect(d, DecompositionEffect::intensity), -16.93245599223769, 1e-12);
    EXPECT_NEAR(d.readings.lmdi, -16.93245599223769, 1e-12);
    EXPECT_NEAR(d.readings.laspeyres, -13.8, 1e-12);
    EXPECT_NEAR(d.readings.avoided_energy, -20.7, 1e-12);
    EXPECT_NEAR(d.ratio().value(), 1.293, 1e-15);
}

TEST(LmdiEnergy, TwoSectorsStructureShiftWorkedByHand) {
    // Intensities constant (A: 1, B: 3 tce per unit), value added 60/40 -> 50/70.
    // By hand (40-digit decimal arithmetic): L_A = L(50, 60) = 10/ln 1.2 = 54.84814947747077,
    // L_B = L(210, 120) = 90/ln 1.75 = 160.8246263602299; activity = (L_A + L_B)·ln(120/100)
    // = 39.32179624880319; structure = L_A·ln((50/120)/(60/100)) + L_B·ln((70/120)/(40/100))
    // = 40.67820375119681; intensity = 0; total = 260 − 180 = 80.
    const auto from = period("0", {record("a1", "A", 60, 60), record("b1", "B", 40, 120)});
    const auto to = period("T", {record("a1", "A", 50, 50), record("b1", "B", 70, 210)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    EXPECT_NEAR(effect(d, DecompositionEffect::activity), 39.32179624880319, 1e-12);
    EXPECT_NEAR(effect(d, DecompositionEffect::structure), 40.67820375119681, 1e-12);
    EXPECT_NEAR(effect(d, DecompositionEffect::intensity), 0.0, 1e-13);
    EXPECT_NEAR(sum_of_effects(d), 80, 1e-12 * 260);
    ASSERT_EQ(d.groups.size(), 2u);
    EXPECT_EQ(d.groups[0].key, "A");
    EXPECT_NEAR(d.groups[0].effects[0] + d.groups[0].effects[1] + d.groups[0].effects[2], -10,
                1e-12);
}

TEST(LmdiEnergy, FactoriesThatOpenOrCloseTakeTheirChangeAsStructure) {
    // --by factory: B closes (−E_B⁰ to structure), C opens (+E_C^T to structure); the
    // analytical limits, not a 1e-10 substitution (energy.md §4.3 cases 1-4).
    const auto from = period("0", {record("A", "s", 100, 50), record("B", "s", 50, 40)});
    const auto to = period("T", {record("A", "s", 120, 54), record("C", "s", 30, 12)});
    DecompositionOptions o;
    o.grouping = DecompositionGrouping::factory;
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to, o);
    ASSERT_EQ(d.groups.size(), 3u);
    const DecompositionGroup& b = d.groups[1];
    const DecompositionGroup& c = d.groups[2];
    EXPECT_EQ(b.presence, DecompositionGroup::Presence::from_only);
    EXPECT_EQ(c.presence, DecompositionGroup::Presence::to_only);
    // Exactly 0 where a limit gives 0; the products Q·S·I equal E to rounding.
    EXPECT_EQ(b.effects[0], 0.0);
    EXPECT_NEAR(b.effects[1], -40, 1e-13);
    EXPECT_EQ(b.effects[2], 0.0);
    EXPECT_EQ(c.effects[0], 0.0);
    EXPECT_NEAR(c.effects[1], 12, 1e-13);
    EXPECT_EQ(c.effects[2], 0.0);
    EXPECT_NEAR(sum_of_effects(d), 66 - 90, 1e-12 * 90);
    EXPECT_TRUE(d.warnings.empty());
    // The readings cover only the factory present in both periods: A, 0.5 -> 0.45 tce/unit.
    EXPECT_NEAR(d.readings.laspeyres, 100 * (0.45 - 0.5), 1e-12);
    EXPECT_NEAR(d.readings.avoided_energy, 120 * (0.45 - 0.5), 1e-12);
}

TEST(LmdiEnergy, MissingFiguresLeaveTheFactoryOutOfBothPeriods) {
    // conventions §10: with energy missing in T, F2 leaves both sums (not a closure).
    const auto from = period("0", {record("F1", "a", 10, 5), record("F2", "b", 10, 5)});
    const auto to = period("T", {record("F1", "a", 11, 5), record("F2", "b", 12, std::nullopt),
                                 record("F3", "c", std::nullopt, 3)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    EXPECT_EQ(d.coverage_from.factories, 1u);
    EXPECT_EQ(d.coverage_from.of, 2u);
    EXPECT_EQ(d.coverage_to.factories, 1u);
    EXPECT_EQ(d.coverage_to.of, 3u);
    EXPECT_EQ(d.from, 5.0);
    EXPECT_EQ(d.to, 5.0);
    ASSERT_EQ(d.warnings.size(), 2u);
    EXPECT_EQ(d.warnings[0], "factory \"F2\" is left out of both periods: energy missing in T");
    EXPECT_EQ(d.warnings[1],
              "factory \"F3\" is left out of the decomposition: value_added missing in T");
    EXPECT_EQ(d.groups.size(), 1u);
}

TEST(LmdiEnergy, Co2UsesTheSameIdentity) {
    const auto from = period("0", {record("F1", "a", 10, 5)});
    const auto to = period("T", {record("F1", "a", 20, 6)});
    DecompositionOptions o;
    o.quantity = DecomposedQuantity::co2;
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to, o);
    EXPECT_EQ(d.from, 10.0);
    EXPECT_EQ(d.to, 12.0);
    EXPECT_NEAR(effect(d, DecompositionEffect::activity), logarithmic_mean(12, 10) * std::log(2.0),
                1e-13);
}

TEST(LmdiEnergy, BadInputsAreDataErrorsNamingTheFactory) {
    const auto good = period("0", {record("F1", "a", 10, 5)});
    const auto negative = period("T", {record("F1", "a", -10, 5)});
    try {
        (void)smartkpi::decompose_energy(good, negative);
        FAIL() << "no error";
    } catch (const smartkpi::DataError& e) {
        EXPECT_NE(e.message().find("\"F1\""), std::string::npos) << e.message();
        EXPECT_NE(e.message().find("negative"), std::string::npos) << e.message();
    }
    const auto twice = period("T", {record("F1", "a", 10, 5), record("F1", "a", 1, 1)});
    EXPECT_THROW((void)smartkpi::decompose_energy(good, twice), smartkpi::SchemaError);
    const auto empty = period("T", {record("F9", "a", std::nullopt, 5)});
    EXPECT_THROW((void)smartkpi::decompose_energy(good, empty), smartkpi::DataError);
    const auto nothing = period("T", {});
    EXPECT_THROW((void)smartkpi::decompose_energy(good, nothing), smartkpi::DataError);
    const auto energy_without_value = period("T", {record("F1", "a", 0, 5)});
    EXPECT_THROW((void)smartkpi::decompose_energy(good, energy_without_value), smartkpi::DataError);
    auto usd = period("T", {record("F1", "a", 10, 5)});
    usd.currency = "USD";
    EXPECT_THROW((void)smartkpi::decompose_energy(good, usd), smartkpi::DataError);
    EXPECT_THROW((void)smartkpi::parse_decomposition_grouping("line"), smartkpi::UsageError);
    EXPECT_THROW((void)smartkpi::parse_decomposed_quantity("gj"), smartkpi::UsageError);
}

TEST(LmdiEnergy, PeriodFromTheBundledDatasetUsesTheEngineConversions) {
    // Energy and CO2 come from factory_figures (the impact report's figures): SH-01 is
    // 8016.26 tce and 30610.196 tCO2 there (tests/cli/check/impact-report-hold-labour.json).
    const smartkpi::Dataset ds = smartkpi::bundled_dataset();
    const DecompositionPeriod p = smartkpi::decomposition_period(ds, smartkpi::Currency("CNY"));
    ASSERT_EQ(p.records.size(), ds.factories.size());
    // AH-03 has no period, so the records share none and the source names the period.
    EXPECT_EQ(p.label, ds.source);
    EXPECT_EQ(p.records[0].id, "SH-01");
    ASSERT_TRUE(p.records[0].energy_tce.has_value());
    EXPECT_NEAR(*p.records[0].energy_tce, 8016.26, 1e-9);
    EXPECT_NEAR(*p.records[0].co2_t, 30610.196, 1e-8);
    // Decomposing a period against itself: no change, every effect 0, ratio 1.
    const EnergyDecomposition d = smartkpi::decompose_energy(p, p);
    EXPECT_EQ(d.change(), 0.0);
    for (const double e : d.additive) {
        EXPECT_NEAR(e, 0.0, 1e-9);
    }
    EXPECT_EQ(d.share(DecompositionEffect::activity).status(),
              smartkpi::KpiValue::Status::undefined);
}

// ---- damaged and extreme input --------------------------------------------------------------

TEST(LmdiEdgeCases, ZeroEnergyEverywhereGivesZeroEffectsAndUndefinedRatios) {
    // E = 0 in both periods: every category is case 5-8 of Ang, Zhang & Choi (1998) Table 2
    // (both values 0), so every effect is 0; V⁰ = 0 leaves the ratio and the shares undefined
    // and the multiplicative form absent.
    const auto from = period("0", {record("a1", "A", 60, 0), record("b1", "B", 40, 0)});
    const auto to = period("T", {record("a1", "A", 50, 0), record("b1", "B", 70, 0)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    for (const double e : d.additive) {
        EXPECT_EQ(e, 0.0);
    }
    EXPECT_FALSE(d.multiplicative.has_value());
    EXPECT_EQ(d.ratio().status(), smartkpi::KpiValue::Status::undefined);
    EXPECT_EQ(d.share(DecompositionEffect::intensity).status(),
              smartkpi::KpiValue::Status::undefined);
    // No value added at all: the shares S = Qi/Q are 0/0.
    const auto none = period("T", {record("a1", "A", 0, 0), record("b1", "B", 0, 0)});
    EXPECT_THROW((void)smartkpi::decompose_energy(from, none), smartkpi::DataError);
}

TEST(LmdiEdgeCases, OneGroupOnlyHasNoStructureEffect) {
    // --by region with every factory in Shanghai: S = 1 in both periods, so ln(Sᵀ/S⁰) = 0 and
    // the change splits between activity and intensity only. One group, E = 100 -> 93.096 as
    // in ReferenceClaimOneSectorOutputUp8IntensityDown13_8, spread over two factories.
    const auto from = period("0", {record("a1", "A", 4e5, 40), record("b1", "B", 6e5, 60)});
    const auto to =
        period("T", {record("a1", "A", 4.32e5, 37.2384), record("b1", "B", 6.48e5, 55.8576)});
    DecompositionOptions options;
    options.grouping = DecompositionGrouping::region;
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to, options);
    ASSERT_EQ(d.groups.size(), 1u);
    EXPECT_EQ(effect(d, DecompositionEffect::structure), 0.0);
    EXPECT_NEAR(effect(d, DecompositionEffect::activity), 7.427267249326134, 1e-11);
    EXPECT_NEAR(effect(d, DecompositionEffect::intensity), -14.331267249326134, 1e-11);
}

TEST(LmdiEdgeCases, ExtremeMagnitudesGiveAResultThatClosesOrADataError) {
    // Damaged files: denormal energies, value added near the top of the double range, a
    // quantity far larger than its value added. Each either decomposes with finite effects
    // that add up to the change, or is refused with a DataError; never an InternalError (a
    // failed closure check) and never inf or NaN.
    constexpr double kMaxD = std::numeric_limits<double>::max();
    constexpr double kTiny = std::numeric_limits<double>::denorm_min();
    struct Case {
        const char* what;
        double va0, e0, va1, e1;   // factory a1 (sector A)
        double vb0, eb0, vb1, eb1; // factory b1 (sector B)
    };
    const Case cases[] = {
        {"denormal energy", 1e10, 1e-300, 2e10, 2e-300, 1e10, 3e-300, 1e10, 1e-300},
        {"denormal energy, smallest", 1, kTiny, 1, 2 * kTiny, 1, 3 * kTiny, 2, kTiny},
        {"denormal value added", 1e-310, 1, 2e-310, 1, 1, 1, 1, 2},
        {"huge value added", kMaxD, 1, kMaxD, 2, kMaxD, 1, kMaxD, 1},
        {"huge energy", 1, 1e300, 1, 2e300, 1, 1e300, 1, 1e300},
        {"largest energy", 1, kMaxD, 1, kMaxD / 2, 1, kMaxD, 2, kMaxD},
        {"intensity overflows", 1e-300, 1e300, 1e-300, 1e300, 1, 1, 1, 1},
        {"intensity underflows", 1e300, 1e-300, 1e300, 2e-300, 1, 1, 1, 1},
        // Found by fuzzing `energy decompose --impact`: factor ratios beyond the double range
        // (inf logarithms, then a failed closure check), and Σ Qᵢ⁰·ΔIᵢ overflowing to inf.
        {"value added falls by 1e600", 1e300, 1, 1e-300, 2, 1, 1, 1, 1},
        {"intensity grows by 1e300", 1e10, 1e10, 1, 1e300, 1, 1, 1, 1},
        {"effects add up beyond the range", 1e300, kMaxD / 2, 1e10, kMaxD / 2, 1, 1, 1, 1},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const auto from =
            period("0", {record("a1", "A", c.va0, c.e0), record("b1", "B", c.vb0, c.eb0)});
        const auto to =
            period("T", {record("a1", "A", c.va1, c.e1), record("b1", "B", c.vb1, c.eb1)});
        try {
            const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
            EXPECT_TRUE(std::isfinite(d.from) && std::isfinite(d.to));
            for (const double e : d.additive) {
                EXPECT_TRUE(std::isfinite(e)) << e;
            }
            EXPECT_LE(std::fabs(sum_of_effects(d) - d.change()),
                      1e-12 * std::max(std::fabs(d.from), std::fabs(d.to)) + 64 * kTiny);
            if (d.multiplicative) {
                for (const double m : *d.multiplicative) {
                    EXPECT_TRUE(std::isfinite(m) && m > 0) << m;
                }
            }
            EXPECT_TRUE(std::isfinite(d.readings.laspeyres)) << d.readings.laspeyres;
            EXPECT_TRUE(std::isfinite(d.readings.avoided_energy)) << d.readings.avoided_energy;
        } catch (const smartkpi::InternalError& e) {
            ADD_FAILURE() << "InternalError: " << e.what();
        } catch (const smartkpi::DataError&) {
            // refused: fine
        }
    }
}

TEST(LmdiEdgeCases, IntensityRatioBeyondTheDoubleRangeStillDecomposes) {
    // Factory a1's intensity goes from 1e-300 to 1e300 (a ratio of 1e600) on energy 1e-300 -> 1,
    // b1 stays at 1000 tce on value added 1: the LMDI weights keep every effect in range. a1's
    // intensity contribution is L(1, 1e-300)·ln(1e600) = (1 − 1e-300)·ln(1e600)/ln(1e300) = 2;
    // b1's is 0 (found while fuzzing: it was an InternalError).
    const auto from = period("0", {record("a1", "A", 1, 1e-300), record("b1", "B", 1, 1000)});
    const auto to = period("T", {record("a1", "A", 1e-300, 1), record("b1", "B", 1, 1000)});
    const EnergyDecomposition d = smartkpi::decompose_energy(from, to);
    EXPECT_NEAR(effect(d, DecompositionEffect::intensity), 2.0, 1e-12);
    EXPECT_NEAR(sum_of_effects(d), 1.0, 1e-9);
    ASSERT_TRUE(d.multiplicative.has_value());
    for (const double m : *d.multiplicative) {
        EXPECT_TRUE(std::isnormal(m)) << m;
    }
}

} // namespace
