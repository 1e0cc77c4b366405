// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/trend.hpp>

#include <span>
#include <string_view>

namespace smartkpi {

/// A figure of an `energy baseline` report that `smartkpi check` can gate (conventions §23):
/// fit statistics, savings, their uncertainty and the EnPIs, each with the direction that is
/// better for a regression rule.
struct BaselineMetricInfo {
    std::string_view key;  ///< "cv_rmse", "avoided_percent", "fsu_90", ...
    std::string_view name; ///< readable name
    Trend trend;
};

/// Every gateable baseline figure, in report order.
std::span<const BaselineMetricInfo> all_baseline_metrics();
/// Looks a figure up by key; nullptr when unknown.
const BaselineMetricInfo* find_baseline_metric(std::string_view key);

} // namespace smartkpi
