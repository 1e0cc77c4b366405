// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/capability.hpp"

#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace {

using smartkpi::KpiValue;
using smartkpi::Measurements;
using smartkpi::detail::c4;
using smartkpi::detail::capability_indices;
using smartkpi::detail::CapabilityIndices;
using smartkpi::detail::kD2Of2;
using Divisor = smartkpi::KpiOptions::VarianceDivisor;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;

constexpr double kTol = 1e-12;

CapabilityIndices indices(const std::vector<const Measurements*>& sets,
                          Divisor divisor = Divisor::n_minus_1) {
    return capability_indices(sets, divisor);
}

CapabilityIndices indices(const Measurements& m, Divisor divisor = Divisor::n_minus_1) {
    return indices(std::vector<const Measurements*>{&m}, divisor);
}

double value(const KpiValue& v) {
    EXPECT_TRUE(v.available()) << v.reason();
    return v.value();
}

void expect_undefined(const KpiValue& v, const std::string& reason) {
    EXPECT_EQ(v.status(), Status::undefined);
    EXPECT_EQ(v.reason(), reason);
}

void expect_missing(const KpiValue& v, const Names& names) {
    EXPECT_EQ(v.status(), Status::not_available);
    EXPECT_EQ(v.missing_inputs(), names);
}

// Four subgroups of five, LSL 9.5, USL 10.5. Expected values from python3:
//   import statistics as st, math
//   c4 = lambda m: math.sqrt(2/(m-1))*math.gamma(m/2)/math.gamma((m-1)/2)
//   x̄ = st.mean(all) = 10.004;  s = st.stdev(all) = 0.030331501776206037 (n − 1)
//   st.pstdev(all) = 0.029563490998188804 (n)
//   s̄ = st.mean([st.stdev(g) for g in groups]) = 0.032413791900580344
//   σ̂ = s̄ / c4(5) = 0.03448328548606669;  x̿ = 10.004
const std::vector<double> kGroupedValues{10.02, 9.98,  10.05, 9.97,  10.01, //
                                         10.03, 10.00, 9.96,  10.04, 9.99,  //
                                         9.95,  10.06, 10.02, 9.98,  10.01, //
                                         10.00, 10.03, 9.97,  10.02, 9.99};

Measurements grouped(std::optional<double> lsl = 9.5, std::optional<double> usl = 10.5) {
    Measurements m;
    m.lsl = lsl;
    m.usl = usl;
    m.subgroup_size = 5;
    m.values = kGroupedValues;
    return m;
}

TEST(Capability, C4MatchesThePublishedTable) {
    // Reference iso22400-oee.md §5.1 (4 decimals).
    EXPECT_NEAR(c4(2), 0.7979, 5e-5);
    EXPECT_NEAR(c4(3), 0.8862, 5e-5);
    EXPECT_NEAR(c4(5), 0.9400, 5e-5);
    EXPECT_NEAR(c4(10), 0.9727, 5e-5);
    EXPECT_NEAR(c4(25), 0.9896, 5e-5);
    // Exact closed forms: c4(2) = √(2/π), c4(3) = √π/2.
    EXPECT_NEAR(c4(2), std::sqrt(2 / std::numbers::pi), kTol);
    EXPECT_NEAR(c4(3), std::sqrt(std::numbers::pi) / 2, kTol);
    // lgamma keeps large subgroups finite and c4 → 1.
    EXPECT_GT(c4(1000), 0.9997);
    EXPECT_LT(c4(1000), 1.0);
    EXPECT_NEAR(kD2Of2, 2 / std::sqrt(std::numbers::pi), 1e-15);
}

TEST(Capability, SubgroupsOfFiveByHand) {
    const CapabilityIndices r = indices(grouped());
    // Cm = 1 / (6 × 0.030331501776206037); Cmk = (10.5 − 10.004) / (3 s)
    EXPECT_NEAR(value(r.cm), 5.494837278298255, kTol);
    EXPECT_NEAR(value(r.cmk), 5.4508785800718735, kTol);
    // Cp = 1 / (6 σ̂); Cpk = (10.5 − 10.004) / (3 σ̂)
    EXPECT_NEAR(value(r.cp), 4.8332594854979805, kTol);
    EXPECT_NEAR(value(r.cpk), 4.794593409614001, kTol);
    // Pp/Ppk use the same overall s as Cm/Cmk.
    EXPECT_NEAR(value(r.pp), 5.494837278298255, kTol);
    EXPECT_NEAR(value(r.ppk), 5.4508785800718735, kTol);
}

TEST(Capability, DivisorNChangesOnlyTheOverallS) {
    const CapabilityIndices r = indices(grouped(), Divisor::n);
    // With st.pstdev = 0.029563490998188804: Cm = 1/(6 × that), Cmk = 0.496/(3 × that).
    EXPECT_NEAR(value(r.cm), 5.637584095764518, kTol);
    EXPECT_NEAR(value(r.cmk), 5.592483422998406, kTol);
    EXPECT_NEAR(value(r.pp), 5.637584095764518, kTol);
    EXPECT_NEAR(value(r.ppk), 5.592483422998406, kTol);
    // σ̂ stays unbiased: s̄ with divisor m over c4(m)·√((m−1)/m) is s̄ with m − 1 over c4(m).
    EXPECT_NEAR(value(r.cp), 4.8332594854979805, kTol);
    EXPECT_NEAR(value(r.cpk), 4.794593409614001, kTol);
    // s_n / s_{n−1} = √((n−1)/n) with n = 20.
    const CapabilityIndices r1 = indices(grouped());
    EXPECT_NEAR(value(r1.cm) / value(r.cm), std::sqrt(19.0 / 20.0), kTol);
}

TEST(Capability, AsymmetricLimitsUseTheNearerSide) {
    // LSL 9.7, USL 10.2: USL − x̄ = 0.196 < x̄ − LSL = 0.304.
    //   Cmk = 0.196 / (3 × 0.030331501776206037) = 2.153976213092913
    //   Cpk = 0.196 / (3 × 0.03448328548606669)  = 1.8946377183152057
    const CapabilityIndices r = indices(grouped(9.7, 10.2));
    EXPECT_NEAR(value(r.cmk), 2.153976213092913, kTol);
    EXPECT_NEAR(value(r.cpk), 1.8946377183152057, kTol);
    // Cm = 0.5 / (6 s)
    EXPECT_NEAR(value(r.cm), 0.5 / (6 * 0.030331501776206037), kTol);
}

TEST(Capability, UpperLimitOnly) {
    const CapabilityIndices r = indices(grouped(std::nullopt, 10.2));
    expect_missing(r.cm, {"lsl"});
    expect_missing(r.cp, {"lsl"});
    expect_missing(r.pp, {"lsl"});
    // Cmk = Cpu-style (USL − x̄)/(3s) — same numbers as the asymmetric case above.
    EXPECT_NEAR(value(r.cmk), 2.153976213092913, kTol);
    EXPECT_NEAR(value(r.cpk), 1.8946377183152057, kTol);
    EXPECT_NEAR(value(r.ppk), 2.153976213092913, kTol);
}

TEST(Capability, LowerLimitOnly) {
    const CapabilityIndices r = indices(grouped(9.7, std::nullopt));
    expect_missing(r.cm, {"usl"});
    expect_missing(r.cp, {"usl"});
    expect_missing(r.pp, {"usl"});
    // (x̄ − LSL)/(3s) = 0.304 / (3 × 0.030331501776206037) = 3.340861065205342
    // (x̿ − LSL)/(3σ̂) = 0.304 / (3 × 0.03448328548606669)  = 2.9386217671827746
    EXPECT_NEAR(value(r.cmk), 3.340861065205342, kTol);
    EXPECT_NEAR(value(r.cpk), 2.9386217671827746, kTol);
    EXPECT_NEAR(value(r.ppk), 3.340861065205342, kTol);
}

TEST(Capability, NoLimitsAtAll) {
    const CapabilityIndices r = indices(grouped(std::nullopt, std::nullopt));
    expect_missing(r.cm, {"lsl", "usl"});
    expect_missing(r.cmk, {"lsl", "usl"});
    expect_missing(r.cpk, {"lsl", "usl"});
}

TEST(Capability, MeanOutsideTheLimitsGivesNegativeCmk) {
    // LSL 10.1, USL 10.5: x̄ − LSL = 10.004 − 10.1 = −0.096 → Cmk = −0.096 / (3 s) < 0.
    const CapabilityIndices r = indices(grouped(10.1, 10.5));
    EXPECT_NEAR(value(r.cmk), (10.004 - 10.1) / (3 * 0.030331501776206037), 1e-9);
    EXPECT_LT(value(r.cmk), 0);
}

TEST(Capability, IndividualValuesUseTheMovingRange) {
    // Six individual values, LSL 9, USL 11. python3:
    //   MR = |Δ| = 0.2, 0.4, 0.3, 0.2, 0.4 → MR̄ = 0.3; σ̂ = 0.3 / (2/√π) = 0.2658680776358271
    //   x̄ = 10.05, s = st.stdev(v) = 0.18708286933869706
    //   Cp  = 2 / (6 σ̂) = 1.2537546301061266;  Cpk = 0.95 / (3 σ̂) = 1.1910668986008193
    //   Cm  = 2 / (6 s) = 1.7817416127494976;  Cmk = 0.95 / (3 s) = 1.6926545321120214
    Measurements m;
    m.lsl = 9;
    m.usl = 11;
    m.values = {10.1, 9.9, 10.3, 10.0, 9.8, 10.2};
    const CapabilityIndices r = indices(m);
    EXPECT_NEAR(value(r.cp), 1.2537546301061266, 1e-12);
    EXPECT_NEAR(value(r.cpk), 1.1910668986008193, 1e-12);
    EXPECT_NEAR(value(r.cm), 1.7817416127494976, 1e-12);
    EXPECT_NEAR(value(r.cmk), 1.6926545321120214, 1e-12);
}

TEST(Capability, ZeroSpreadIsUndefined) {
    Measurements m;
    m.lsl = 0.0;
    m.usl = 1.0;
    m.subgroup_size = 2;
    // 0.1 is not exact in binary: the sum of its copies is not 6 × 0.1, yet s must be 0.
    m.values = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    CapabilityIndices r = indices(m);
    expect_undefined(r.cm, "zero denominator: s = 0");
    expect_undefined(r.cmk, "zero denominator: s = 0");
    expect_undefined(r.pp, "zero denominator: s = 0");
    expect_undefined(r.ppk, "zero denominator: s = 0");
    expect_undefined(r.cp, "zero denominator: sigma_hat = 0");
    expect_undefined(r.cpk, "zero denominator: sigma_hat = 0");

    m.subgroup_size = 1;
    r = indices(m);
    expect_undefined(r.cp, "zero denominator: sigma_hat = 0");
}

TEST(Capability, ConstantSubgroupsWithDifferentMeansHaveZeroWithinSpread) {
    // Each subgroup is constant (s̄ = 0) while the overall s is not.
    Measurements m;
    m.lsl = 0.0;
    m.usl = 10.0;
    m.subgroup_size = 2;
    m.values = {4, 4, 6, 6};
    const CapabilityIndices r = indices(m);
    expect_undefined(r.cp, "zero denominator: sigma_hat = 0");
    // s = st.stdev([4, 4, 6, 6]) = 2/√3 → Cm = 10 / (6 × 2/√3) = 5√3/6
    EXPECT_NEAR(value(r.cm), 5 * std::sqrt(3.0) / 6, kTol);
}

TEST(Capability, FewerThanTwoValues) {
    Measurements m;
    m.lsl = 0.0;
    m.usl = 1.0;
    m.values = {0.5};
    CapabilityIndices r = indices(m);
    expect_undefined(r.cm, "at least 2 values needed");
    expect_undefined(r.cmk, "at least 2 values needed");
    expect_undefined(r.cp, "at least 2 values needed");
    expect_undefined(r.pp, "at least 2 values needed");

    m.values.clear();
    r = indices(m);
    expect_undefined(r.cpk, "at least 2 values needed");
    expect_undefined(r.ppk, "at least 2 values needed");
}

TEST(Capability, MissingLimitsComeBeforeTooFewValues) {
    Measurements m;
    m.usl = 1.0;
    m.values = {0.5};
    const CapabilityIndices r = indices(m);
    expect_missing(r.cm, {"lsl"});
    expect_undefined(r.cmk, "at least 2 values needed");
}

TEST(Capability, IncompleteSubgroupLeavesCpUndefined) {
    Measurements m = grouped();
    m.values.pop_back(); // 19 values, subgroups of 5
    const CapabilityIndices r = indices(m);
    EXPECT_EQ(r.cp.status(), Status::undefined);
    EXPECT_EQ(r.cp.reason(), "19 values of a unit are not a whole number of subgroups of 5");
    EXPECT_EQ(r.cpk.status(), Status::undefined);
    EXPECT_TRUE(r.cm.available());
}

TEST(Capability, PoolingTwoUnitsEqualsOneUnitWithTheConcatenatedValues) {
    Measurements first = grouped();
    Measurements second = grouped();
    first.values.assign(kGroupedValues.begin(), kGroupedValues.begin() + 10);
    second.values.assign(kGroupedValues.begin() + 10, kGroupedValues.end());
    const CapabilityIndices pooled = indices({&first, &second});
    const CapabilityIndices whole = indices(grouped());
    EXPECT_NEAR(value(pooled.cm), value(whole.cm), kTol);
    EXPECT_NEAR(value(pooled.cmk), value(whole.cmk), kTol);
    EXPECT_NEAR(value(pooled.cp), value(whole.cp), kTol);
    EXPECT_NEAR(value(pooled.cpk), value(whole.cpk), kTol);
    EXPECT_NEAR(value(pooled.pp), value(whole.pp), kTol);
    EXPECT_NEAR(value(pooled.ppk), value(whole.ppk), kTol);
    // Hand values again, so both sides cannot be wrong together.
    EXPECT_NEAR(value(pooled.cp), 4.8332594854979805, kTol);
}

TEST(Capability, MovingRangesDoNotCrossUnits) {
    // Units {10, 11} and {20, 21}: within-unit ranges 1 and 1 → MR̄ = 1, σ̂ = 1/d2(2).
    // Crossing the seam would add |20 − 11| = 9 and give MR̄ = 11/3.
    Measurements a;
    a.lsl = 0.0;
    a.usl = 30.0;
    a.values = {10, 11};
    Measurements b = a;
    b.values = {20, 21};
    const CapabilityIndices r = indices({&a, &b});
    // Cp = 30 / (6 / d2) = 5 × 2/√π
    EXPECT_NEAR(value(r.cp), 5 * 2 / std::sqrt(std::numbers::pi), kTol);
    // x̿ = 15.5: Cpk = min(14.5, 15.5) / (3 / d2) = 14.5 × 2/√π / 3
    EXPECT_NEAR(value(r.cpk), 14.5 * 2 / std::sqrt(std::numbers::pi) / 3, kTol);
}

TEST(Capability, UnitsWithDifferentLimitsOrSubgroupsAreUndefined) {
    Measurements a = grouped();
    Measurements b = grouped(9.5, 10.6);
    CapabilityIndices r = indices({&a, &b});
    for (const KpiValue* v : {&r.cm, &r.cmk, &r.cp, &r.cpk, &r.pp, &r.ppk}) {
        expect_undefined(*v, "units differ in specification limits");
    }
    // A limit given by one unit and not the other differs too.
    Measurements c = grouped(std::nullopt, 10.5);
    r = indices({&a, &c});
    expect_undefined(r.cmk, "units differ in specification limits");

    Measurements d = grouped();
    d.subgroup_size = 4;
    r = indices({&a, &d});
    for (const KpiValue* v : {&r.cm, &r.cmk, &r.cp, &r.cpk, &r.pp, &r.ppk}) {
        expect_undefined(*v, "units differ in subgroup sizes");
    }
}

TEST(Capability, NoSetsIsNotAvailable) {
    const CapabilityIndices r = indices(std::vector<const Measurements*>{});
    expect_missing(r.cp, {"measurements"});
}

TEST(Capability, LargeOffsetKeepsPrecision) {
    // The same spread around 1e9 as around 10: a one-pass Σx² − (Σx)²/n would lose every
    // digit here; the two-pass estimate keeps Cm to the ~1e-5 the values themselves carry.
    Measurements near = grouped();
    Measurements far = grouped(1e9 - 0.5, 1e9 + 0.5);
    for (double& x : far.values) {
        x = x - 10.0 + 1e9;
    }
    const double cm_near = value(indices(near).cm);
    const double cm_far = value(indices(far).cm);
    EXPECT_NEAR(cm_far / cm_near, 1.0, 1e-4);
}

} // namespace
