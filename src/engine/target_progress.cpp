// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/target_progress.hpp>

#include <algorithm>

namespace smartkpi {

namespace {
// Mean Gregorian year, so that a rate per year does not depend on where leap days fall.
constexpr double kDaysPerYear = 365.2425;
} // namespace

TargetProgress evaluate_target(const ProgrammeTarget& programme, std::optional<Date> as_of) {
    TargetProgress p;
    p.programme = &programme;
    if (!programme.target) {
        p.progress = KpiValue::missing({"target"});
        p.remaining = KpiValue::missing({"target"});
        p.years_left = KpiValue::missing({"target"});
        p.required_rate = KpiValue::missing({"target"});
        return p;
    }
    const long target = *programme.target;
    p.progress = ratio(static_cast<double>(programme.built), static_cast<double>(target), "target");
    const long remaining = std::max(target - programme.built, 0L);
    p.remaining = KpiValue::of(static_cast<double>(remaining));
    p.achieved = remaining == 0;

    std::vector<std::string> missing;
    if (!programme.deadline) {
        missing.emplace_back("deadline");
    }
    if (!as_of) {
        missing.emplace_back("as_of");
    }
    if (!missing.empty()) {
        p.years_left = KpiValue::missing(missing);
        p.required_rate = p.achieved ? KpiValue::of(0) : KpiValue::missing(missing);
        return p;
    }
    // The deadline day is inclusive: "by 2025-12-31" leaves that whole day.
    const long days = programme.deadline->days_since_epoch() + 1 - as_of->days_since_epoch();
    if (days <= 0) {
        p.deadline_passed = true;
        p.years_left = KpiValue::of(0);
        p.required_rate = p.achieved ? KpiValue::of(0) : KpiValue::undefined("deadline passed");
        return p;
    }
    const double years = static_cast<double>(days) / kDaysPerYear;
    p.years_left = KpiValue::of(years);
    p.required_rate = KpiValue::of(static_cast<double>(remaining) / years);
    return p;
}

} // namespace smartkpi
