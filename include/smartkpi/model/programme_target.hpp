// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/period.hpp>
#include <smartkpi/model/factory.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smartkpi {

/// A programme counting recognised smart factories of one level in one region, e.g. Shanghai's
/// goal of 200 city-level smart factories by 2025. State-level and city-level counts are
/// separate programmes and never added (conventions §15).
struct ProgrammeTarget {
    std::string id;
    std::string region;
    SmartLevel level = SmartLevel::city;
    long built = 0;
    std::optional<long> target;
    std::optional<Date> deadline; ///< inclusive: "by 2025" = by 2025-12-31
    std::string source;
};

/// A reported figure such as an industry's scale ("above 100 billion yuan").
struct ProgrammeIndicator {
    std::string id;
    std::string description;
    std::string qualifier; ///< "above", "about", or empty
    Money value;
    std::string note;
    std::string source;
};

/// The programme file: targets, indicators, and the date the counts refer to.
struct ProgrammeTargets {
    std::optional<Date> as_of;
    std::string note;
    std::vector<ProgrammeTarget> programmes;
    std::vector<ProgrammeIndicator> indicators;
};

} // namespace smartkpi
