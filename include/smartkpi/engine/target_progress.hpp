// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/period.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/model/programme_target.hpp>

#include <optional>

namespace smartkpi {

/// How far a programme is from its target on a given date (conventions §15).
struct TargetProgress {
    const ProgrammeTarget* programme = nullptr;
    KpiValue progress;      ///< built / target (fraction)
    KpiValue remaining;     ///< max(target − built, 0), factories
    KpiValue years_left;    ///< (deadline + 1 day − as_of) / 365.2425 days
    KpiValue required_rate; ///< remaining / years_left, factories per year
    bool achieved = false;  ///< built >= target
    bool deadline_passed = false;
};

/// Evaluates `programme` as of `as_of` (no clock is read: without a date the time-dependent
/// figures are not available). A deadline before as_of gives deadline_passed with the
/// shortfall in `remaining` and an undefined rate.
TargetProgress evaluate_target(const ProgrammeTarget& programme, std::optional<Date> as_of);

} // namespace smartkpi
