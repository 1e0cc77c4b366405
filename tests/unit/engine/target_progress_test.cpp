// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/period.hpp>
#include <smartkpi/engine/target_progress.hpp>
#include <smartkpi/model/programme_target.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

using smartkpi::Date;
using smartkpi::evaluate_target;
using smartkpi::KpiValue;
using smartkpi::ProgrammeTarget;
using smartkpi::TargetProgress;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;

// Mean Gregorian year used for rates (src/engine/target_progress.cpp).
constexpr double kDaysPerYear = 365.2425;

// data/targets/shanghai-2025.json: 177 city-level smart factories built in Shanghai, goal 200
// by 2025 (deadline read as 2025-12-31, inclusive).
ProgrammeTarget shanghai_city() {
    ProgrammeTarget p;
    p.id = "shanghai-city-level-smart-factories";
    p.region = "Shanghai";
    p.level = smartkpi::SmartLevel::city;
    p.built = 177;
    p.target = 200;
    p.deadline = Date{2025, 12, 31};
    return p;
}

double num(const KpiValue& v) {
    EXPECT_EQ(v.status(), Status::available) << v.reason();
    return v.value();
}

TEST(TargetProgressTest, ProgressAndRemainingWithoutDate) {
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, std::nullopt);
    EXPECT_EQ(r.programme, &p);
    // 177 / 200 = 0.885 (a fraction; conventions §2); 200 - 177 = 23 factories to go.
    EXPECT_DOUBLE_EQ(num(r.progress), 0.885);
    EXPECT_EQ(num(r.remaining), 23.0);
    EXPECT_FALSE(r.achieved);
    EXPECT_FALSE(r.deadline_passed);
}

TEST(TargetProgressTest, AsOfMissingIsNotAvailable) {
    // conventions §7: no clock is read; without as_of the time-dependent figures are missing.
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, std::nullopt);
    EXPECT_EQ(r.years_left.status(), Status::not_available);
    EXPECT_EQ(r.years_left.missing_inputs(), (Names{"as_of"}));
    EXPECT_EQ(r.required_rate.status(), Status::not_available);
    EXPECT_EQ(r.required_rate.missing_inputs(), (Names{"as_of"}));
}

TEST(TargetProgressTest, RequiredRateFromStartOf2024) {
    // 2024-01-01 .. 2025-12-31 inclusive: 366 (2024, leap) + 365 (2025) = 731 days;
    // years_left = 731 / 365.2425 = 2.00141002; rate = 23 / 2.00141002 = 11.4918981 per year.
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    EXPECT_DOUBLE_EQ(num(r.years_left), 731.0 / kDaysPerYear);
    EXPECT_NEAR(num(r.years_left), 2.00141002, 1e-8);
    EXPECT_DOUBLE_EQ(num(r.required_rate), 23.0 / (731.0 / kDaysPerYear));
    EXPECT_NEAR(num(r.required_rate), 11.4918981, 1e-7);
    EXPECT_FALSE(r.deadline_passed);
    EXPECT_EQ(num(r.remaining), 23.0);
}

TEST(TargetProgressTest, DeadlineDayItselfLeavesOneDay) {
    // as_of 2025-12-31: the deadline day is inclusive, 1 day left = 1 / 365.2425 years;
    // rate = 23 x 365.2425 = 8,400.5775 per year.
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, Date{2025, 12, 31});
    EXPECT_FALSE(r.deadline_passed);
    EXPECT_DOUBLE_EQ(num(r.years_left), 1.0 / kDaysPerYear);
    EXPECT_DOUBLE_EQ(num(r.required_rate), 23.0 * kDaysPerYear);
}

TEST(TargetProgressTest, DayAfterDeadlineHasPassed) {
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, Date{2026, 1, 1});
    EXPECT_TRUE(r.deadline_passed);
    EXPECT_EQ(num(r.years_left), 0.0);
    EXPECT_EQ(r.required_rate.status(), Status::undefined);
    EXPECT_EQ(r.required_rate.reason(), "deadline passed");
}

TEST(TargetProgressTest, DeadlinePassedKeepsShortfall) {
    // conventions §15: a deadline before as_of gives "deadline passed" with the shortfall (23)
    // and an undefined rate.
    const ProgrammeTarget p = shanghai_city();
    const TargetProgress r = evaluate_target(p, Date{2026, 6, 1});
    EXPECT_TRUE(r.deadline_passed);
    EXPECT_FALSE(r.achieved);
    EXPECT_EQ(num(r.remaining), 23.0);
    EXPECT_DOUBLE_EQ(num(r.progress), 0.885);
    EXPECT_EQ(num(r.years_left), 0.0);
    EXPECT_EQ(r.required_rate.status(), Status::undefined);
    EXPECT_EQ(r.required_rate.reason(), "deadline passed");
}

TEST(TargetProgressTest, TargetMetNeedsNoRate) {
    ProgrammeTarget p = shanghai_city();
    p.built = 200;
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    EXPECT_TRUE(r.achieved);
    EXPECT_EQ(num(r.progress), 1.0);
    EXPECT_EQ(num(r.remaining), 0.0);
    EXPECT_EQ(num(r.required_rate), 0.0);
    // Also without a date, and after the deadline.
    EXPECT_EQ(num(evaluate_target(p, std::nullopt).required_rate), 0.0);
    const TargetProgress late = evaluate_target(p, Date{2026, 6, 1});
    EXPECT_TRUE(late.deadline_passed);
    EXPECT_EQ(num(late.required_rate), 0.0);
}

TEST(TargetProgressTest, TargetExceeded) {
    // 210 / 200 = 1.05; remaining is max(200 - 210, 0) = 0.
    ProgrammeTarget p = shanghai_city();
    p.built = 210;
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    EXPECT_DOUBLE_EQ(num(r.progress), 1.05);
    EXPECT_EQ(num(r.remaining), 0.0);
    EXPECT_TRUE(r.achieved);
    EXPECT_EQ(num(r.required_rate), 0.0);
}

TEST(TargetProgressTest, NoTargetIsNotAvailable) {
    // data/targets/shanghai-2025.json: 19 state-level factories, no target quoted.
    ProgrammeTarget p;
    p.id = "shanghai-state-level-smart-factories";
    p.region = "Shanghai";
    p.level = smartkpi::SmartLevel::state;
    p.built = 19;
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    for (const KpiValue* v : {&r.progress, &r.remaining, &r.years_left, &r.required_rate}) {
        EXPECT_EQ(v->status(), Status::not_available);
        EXPECT_EQ(v->missing_inputs(), (Names{"target"}));
    }
    EXPECT_FALSE(r.achieved);
    EXPECT_FALSE(r.deadline_passed);
}

TEST(TargetProgressTest, NoDeadlineIsNotAvailable) {
    ProgrammeTarget p = shanghai_city();
    p.deadline.reset();
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    EXPECT_DOUBLE_EQ(num(r.progress), 0.885);
    EXPECT_EQ(r.years_left.missing_inputs(), (Names{"deadline"}));
    EXPECT_EQ(r.required_rate.missing_inputs(), (Names{"deadline"}));
    const TargetProgress neither = evaluate_target(p, std::nullopt);
    EXPECT_EQ(neither.required_rate.missing_inputs(), (Names{"as_of", "deadline"}));
}

TEST(TargetProgressTest, ZeroTarget) {
    ProgrammeTarget p = shanghai_city();
    p.target = 0;
    const TargetProgress r = evaluate_target(p, Date{2024, 1, 1});
    EXPECT_EQ(r.progress.status(), Status::undefined);
    EXPECT_EQ(r.progress.reason(), "zero denominator: target = 0");
    EXPECT_EQ(num(r.remaining), 0.0);
    EXPECT_TRUE(r.achieved);
}

} // namespace
