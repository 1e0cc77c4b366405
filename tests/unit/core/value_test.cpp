// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/value.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using smartkpi::KpiValue;
using smartkpi::ratio;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;

TEST(KpiValueTest, DefaultIsNotAvailableWithNothingNamed) {
    const KpiValue v;
    EXPECT_EQ(v.status(), Status::not_available);
    EXPECT_FALSE(v.available());
    EXPECT_TRUE(v.missing_inputs().empty());
    EXPECT_TRUE(v.reason().empty());
}

TEST(KpiValueTest, Available) {
    // conventions §1: {"value": 0.7479, "unit": "%"}.
    const KpiValue v = KpiValue::of(0.7479);
    EXPECT_EQ(v.status(), Status::available);
    EXPECT_TRUE(v.available());
    EXPECT_EQ(v.value(), 0.7479);
    EXPECT_TRUE(v.missing_inputs().empty());
    EXPECT_TRUE(v.reason().empty());
    EXPECT_TRUE(KpiValue::of(0).available());
}

TEST(KpiValueTest, MissingSortsAndDeduplicates) {
    const KpiValue v = KpiValue::missing({"value_added", "energy", "value_added", "as_of"});
    EXPECT_EQ(v.status(), Status::not_available);
    EXPECT_FALSE(v.available());
    EXPECT_EQ(v.missing_inputs(), (Names{"as_of", "energy", "value_added"}));
    EXPECT_TRUE(v.reason().empty());
}

TEST(KpiValueTest, MissingSortsByteWise) {
    // Upper case sorts before lower case, '.' before letters: plain byte order (conventions §5).
    const KpiValue v = KpiValue::missing({"energy.natural_gas", "energy", "Zeta", "energy.coal"});
    EXPECT_EQ(v.missing_inputs(), (Names{"Zeta", "energy", "energy.coal", "energy.natural_gas"}));
}

TEST(KpiValueTest, Undefined) {
    const KpiValue v = KpiValue::undefined("deadline passed");
    EXPECT_EQ(v.status(), Status::undefined);
    EXPECT_FALSE(v.available());
    EXPECT_EQ(v.reason(), "deadline passed");
    EXPECT_TRUE(v.missing_inputs().empty());
}

TEST(RatioTest, Divides) {
    // 3 / 4 = 0.75.
    const KpiValue v = ratio(3, 4, "x");
    ASSERT_TRUE(v.available());
    EXPECT_EQ(v.value(), 0.75);
    // 0 / 5 = 0 is a value, not undefined.
    EXPECT_EQ(ratio(0, 5, "x").status(), Status::available);
    EXPECT_EQ(ratio(0, 5, "x").value(), 0.0);
    // -1 / 8 = -0.125.
    EXPECT_EQ(ratio(-1, 8, "x").value(), -0.125);
}

TEST(RatioTest, ZeroDenominatorIsUndefinedWithReason) {
    // conventions §1: {"status": "undefined", "reason": "zero denominator: pq = 0"}.
    const KpiValue v = ratio(1, 0, "x");
    EXPECT_EQ(v.status(), Status::undefined);
    EXPECT_EQ(v.reason(), "zero denominator: x = 0");
    EXPECT_EQ(ratio(0, 0, "pq").reason(), "zero denominator: pq = 0");
    EXPECT_EQ(ratio(5, -0.0, "labour_hours").reason(), "zero denominator: labour_hours = 0");
}

} // namespace
