// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/baseline_detail.hpp"

#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace smartkpi {

namespace {

// Thresholds from energy.md §1.2.2 and conventions §32; presets, not constants, because the
// peers disagree and a user must be able to say which rule book a verdict follows.
const std::array<AcceptancePreset, 5>& presets() {
    static const std::array<AcceptancePreset, 5> kPresets{{
        {"g14-monthly", 0.05, 0.15, false, std::nullopt, std::nullopt, std::nullopt,
         "ASHRAE Guideline 14-2014, monthly data: |NMBE| <= 5 %, CV(RMSE) <= 15 %"},
        {"g14-hourly", 0.10, 0.30, false, std::nullopt, std::nullopt, std::nullopt,
         "ASHRAE Guideline 14-2014, hourly data: |NMBE| <= 10 %, CV(RMSE) <= 30 %"},
        {"nmec-ca", 0.005, 0.25, true, std::nullopt, std::nullopt, std::nullopt,
         "California NMEC practice (kW-Labs nmecr vignette): CV(RMSE) < 25 %, |NMBE| < 0.5 %"},
        {"enpi-sep", std::nullopt, std::nullopt, false, 0.5, 0.10, 0.2,
         "US DOE EnPI / Superior Energy Performance valid model requirements: R² >= 0.5, "
         "F-test p < 0.10, every variable p < 0.2"},
        {"caltrack", std::nullopt, 1.0, false, std::nullopt, std::nullopt, std::nullopt,
         "CalTRACK 2.0 methods §4.3.2: building CV(RMSE) <= 100 %"},
    }};
    return kPresets;
}

AcceptanceCheck cap_check(std::string name, double value, double cap, bool exclusive) {
    const bool passed = exclusive ? value < cap : value <= cap;
    return {std::move(name), value, cap, exclusive ? "<" : "<=", passed};
}

} // namespace

std::span<const AcceptancePreset> acceptance_presets() {
    return presets();
}

const AcceptancePreset& find_acceptance_preset(std::string_view name) {
    for (const AcceptancePreset& preset : presets()) {
        if (preset.name == name) {
            return preset;
        }
    }
    std::string names;
    for (const AcceptancePreset& preset : presets()) {
        names += names.empty() ? "" : ", ";
        names += preset.name;
    }
    throw UsageError(
        fmt::format("unknown acceptance preset '{}'; expected one of {}", name, names));
}

namespace detail {

const AcceptancePreset& default_acceptance(Granularity granularity, std::string& note) {
    note.clear();
    switch (granularity) {
    case Granularity::monthly:
        return find_acceptance_preset("g14-monthly");
    case Granularity::daily:
        // energy.md §1.2.2: Guideline 14 has no daily threshold; conventions §32 says to use the
        // hourly one and to say so.
        note = "daily data judged by the hourly thresholds (g14-hourly): ASHRAE Guideline 14 has "
               "no daily threshold";
        return find_acceptance_preset("g14-hourly");
    case Granularity::hourly:
        return find_acceptance_preset("g14-hourly");
    }
    return find_acceptance_preset("g14-monthly");
}

Acceptance judge_acceptance(const AcceptancePreset& preset,
                            const FitStatistics& statistics,
                            std::span<const CoefficientEstimate> coefficients) {
    Acceptance result;
    result.preset = preset.name;
    if (preset.max_cv_rmse) {
        result.checks.push_back(
            cap_check("cv_rmse", statistics.cv_rmse, *preset.max_cv_rmse, preset.exclusive_caps));
    }
    if (preset.max_abs_nmbe) {
        result.checks.push_back(cap_check("nmbe", std::abs(statistics.nmbe), *preset.max_abs_nmbe,
                                          preset.exclusive_caps));
    }
    if (preset.min_r2) {
        result.checks.push_back(
            {"r2", statistics.r2, *preset.min_r2, ">=", statistics.r2 >= *preset.min_r2});
    }
    if (preset.max_f_p) {
        result.checks.push_back(
            cap_check("f_p_value", statistics.f_p_value, *preset.max_f_p, true));
    }
    if (preset.max_slope_p) {
        // The intercept is not a slope; a model without slopes has nothing to test here, and its
        // F-test (p = 1) already fails the preset.
        double worst = 0;
        bool any = false;
        for (const CoefficientEstimate& c : coefficients) {
            if (c.name != "intercept") {
                worst = std::max(worst, c.p_value);
                any = true;
            }
        }
        if (any) {
            result.checks.push_back(cap_check("slope_p_value", worst, *preset.max_slope_p, true));
        }
    }
    result.passed = std::all_of(result.checks.begin(), result.checks.end(),
                                [](const AcceptanceCheck& c) { return c.passed; });
    return result;
}

} // namespace detail

} // namespace smartkpi
