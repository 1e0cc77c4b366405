// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/baseline_metrics.hpp>

#include <algorithm>
#include <array>

namespace smartkpi {

namespace {

using enum Trend;

// The keys are those of the report's statistics, savings and enpi objects; the uncertainty
// levels are flattened ("fsu": {"0.90": ...} is fsu_90) and the verdict is 1 or 0. NMBE has
// no better direction (its sign says which way the model is biased): a regression rule on it
// states its own.
constexpr std::array kMetrics{
    BaselineMetricInfo{"r2", "coefficient of determination R²", higher_is_better},
    BaselineMetricInfo{"adj_r2", "adjusted R²", higher_is_better},
    BaselineMetricInfo{"cv_rmse", "CV(RMSE)", lower_is_better},
    BaselineMetricInfo{"nmbe", "normalised mean bias error", none},
    BaselineMetricInfo{"acceptance_passed", "acceptance verdict (1 passed, 0 failed)",
                       higher_is_better},
    BaselineMetricInfo{"adjusted_baseline", "adjusted baseline energy", none},
    BaselineMetricInfo{"actual", "reporting-period energy", lower_is_better},
    BaselineMetricInfo{"avoided_energy", "avoided energy use", higher_is_better},
    BaselineMetricInfo{"avoided_percent", "avoided energy use, fraction of the adjusted baseline",
                       higher_is_better},
    BaselineMetricInfo{"normalised_savings", "normalised savings", higher_is_better},
    BaselineMetricInfo{"fsu_68", "fractional savings uncertainty at 68 %", lower_is_better},
    BaselineMetricInfo{"fsu_90", "fractional savings uncertainty at 90 %", lower_is_better},
    BaselineMetricInfo{"fsu_95", "fractional savings uncertainty at 95 %", lower_is_better},
    BaselineMetricInfo{"baseline_ratio", "ratio EnPI of the baseline period", lower_is_better},
    BaselineMetricInfo{"reporting_ratio", "ratio EnPI of the reporting period", lower_is_better},
    BaselineMetricInfo{"ratio_improvement", "ratio EnPI improvement", higher_is_better},
    BaselineMetricInfo{"regression_enpi", "regression EnPI (actual / adjusted baseline)",
                       lower_is_better},
    BaselineMetricInfo{"regression_improvement", "regression EnPI improvement", higher_is_better},
};

} // namespace

std::span<const BaselineMetricInfo> all_baseline_metrics() {
    return kMetrics;
}

const BaselineMetricInfo* find_baseline_metric(std::string_view key) {
    const auto it = std::find_if(kMetrics.begin(), kMetrics.end(),
                                 [&](const BaselineMetricInfo& m) { return m.key == key; });
    return it == kMetrics.end() ? nullptr : &*it;
}

} // namespace smartkpi
