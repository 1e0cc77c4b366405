// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>
#include <smartkpi/model/factory.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Relative effects of an upgrade on intensities (conventions §8), as fractions: +0.5 = +50 %.
/// `operating_cost` acts on the cost per output unit. Each must be > -1.
struct Effects {
    std::optional<double> labour_productivity; ///< value added per labour hour
    std::optional<double> operating_cost;      ///< operating cost per output unit
    std::optional<double> energy_intensity;    ///< tce per 10^4 of value added

    /// `overrides` where it sets an effect, this otherwise.
    [[nodiscard]] Effects merged_with(const Effects& overrides) const;
};

/// Keys accepted in an `effects` object.
std::vector<std::string_view> effect_keys();

/// Parses "+50%", "-13.8 %", "0.5" or "-0.138" into a fraction. Throws ParseError when the
/// text is not one, DomainError when the effect is <= -100 %.
double parse_effect(std::string_view text, const Location& where = {});
/// Checks a numeric effect (finite, > -1); returns it.
double check_effect(double value, const Location& where = {});

/// What stays fixed when the intensities change.
/// - output (default): value added and output unchanged; labour hours / (1 + e_lp).
/// - labour: labour hours unchanged; value added and output x (1 + e_lp).
enum class HoldRule { output, labour };
std::string_view to_string(HoldRule hold);
HoldRule parse_hold_rule(std::string_view name, const Location& where = {});

/// Which factories a scenario applies to.
struct Selection {
    enum class Kind { all, levels, ids, regions };
    Kind kind = Kind::all;
    std::vector<SmartLevel> levels;
    std::vector<std::string> ids;
    std::vector<std::string> regions;

    [[nodiscard]] bool matches(const Factory& factory) const;
    /// "all", "levels: none, city", "ids: SH-01, JS-02", "regions: Jiangsu".
    [[nodiscard]] std::string describe() const;
};

/// Per-factory replacement of some effects and/or the hold rule.
struct FactoryOverride {
    std::string id;
    Effects effects;
    std::optional<HoldRule> hold;
};

/// An upgrade scenario: effects, hold rule, selection and overrides, with its provenance.
struct Scenario {
    std::string name;
    std::string title;
    std::string source;
    Effects effects;
    HoldRule hold = HoldRule::output;
    Selection applies_to;
    std::vector<FactoryOverride> overrides;

    /// The override for `id`, or nullptr.
    [[nodiscard]] const FactoryOverride* override_for(std::string_view id) const;
};

/// Multipliers one factory's quantities get under a scenario (1 when it is not covered).
struct ScalingFactors {
    double activity = 1;       ///< value added, output, revenue
    double labour = 1;         ///< labour hours, employees
    double operating_cost = 1; ///< total operating cost = activity x (1 + e_oc)
    double energy = 1;         ///< every carrier, tce, CO2 = activity x (1 + e_ei)
};

/// The multipliers of `effects` under `hold` (absent effects count as 0).
ScalingFactors scaling_factors(const Effects& effects, HoldRule hold);

} // namespace smartkpi
