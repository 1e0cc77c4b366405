// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <string_view>

namespace smartkpi {

/// Whether a higher or a lower value of a KPI is an improvement (ISO 22400-1 §4.3 "trend");
/// the KPI gate uses it to tell a regression from an improvement.
enum class Trend { higher_is_better, lower_is_better, none };

/// "higher_is_better", "lower_is_better", "none".
std::string_view to_string(Trend trend);

} // namespace smartkpi
