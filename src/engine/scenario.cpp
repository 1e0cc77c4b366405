// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/quantity.hpp>
#include <smartkpi/engine/scenario.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace smartkpi {

Effects Effects::merged_with(const Effects& overrides) const {
    Effects out = *this;
    if (overrides.labour_productivity) {
        out.labour_productivity = overrides.labour_productivity;
    }
    if (overrides.operating_cost) {
        out.operating_cost = overrides.operating_cost;
    }
    if (overrides.energy_intensity) {
        out.energy_intensity = overrides.energy_intensity;
    }
    return out;
}

std::vector<std::string_view> effect_keys() {
    return {"labour_productivity", "operating_cost", "energy_intensity"};
}

double check_effect(double value, const Location& where) {
    if (!std::isfinite(value)) {
        throw DomainError::not_finite("effect", where);
    }
    if (value <= -1.0) {
        throw DomainError(
            fmt::format("effect {:g} % would remove the whole quantity; effects must be above "
                        "-100 %",
                        value * 100),
            where);
    }
    return value;
}

double parse_effect(std::string_view text, const Location& where) {
    std::string_view t = text;
    auto trim = [](std::string_view& s) {
        while (!s.empty() && s.front() == ' ') {
            s.remove_prefix(1);
        }
        while (!s.empty() && s.back() == ' ') {
            s.remove_suffix(1);
        }
    };
    trim(t);
    bool percent = false;
    if (!t.empty() && t.back() == '%') {
        percent = true;
        t.remove_suffix(1);
        trim(t);
    }
    double value = 0;
    if (!parse_number(t, value)) {
        throw ParseError(fmt::format("\"{}\" is not an effect; expected e.g. \"+50%\", "
                                     "\"-13.8%\" or a fraction such as -0.138",
                                     text),
                         where);
    }
    return check_effect(percent ? value / 100.0 : value, where);
}

std::string_view to_string(HoldRule hold) {
    return hold == HoldRule::output ? "output" : "labour";
}

HoldRule parse_hold_rule(std::string_view name, const Location& where) {
    if (name == "output") {
        return HoldRule::output;
    }
    if (name == "labour" || name == "labor") {
        return HoldRule::labour;
    }
    throw SchemaError::bad_enum(name, {"output", "labour"}, where);
}

bool Selection::matches(const Factory& factory) const {
    switch (kind) {
    case Kind::all:
        return true;
    case Kind::levels:
        return std::find(levels.begin(), levels.end(), factory.level) != levels.end();
    case Kind::ids:
        return std::find(ids.begin(), ids.end(), factory.id) != ids.end();
    case Kind::regions:
        return std::find(regions.begin(), regions.end(), factory.region) != regions.end();
    }
    return false;
}

std::string Selection::describe() const {
    switch (kind) {
    case Kind::all:
        return "all";
    case Kind::levels: {
        std::vector<std::string_view> names;
        for (auto l : levels) {
            names.push_back(to_string(l));
        }
        return fmt::format("levels: {}", fmt::join(names, ", "));
    }
    case Kind::ids:
        return fmt::format("ids: {}", fmt::join(ids, ", "));
    case Kind::regions:
        return fmt::format("regions: {}", fmt::join(regions, ", "));
    }
    return "?";
}

const FactoryOverride* Scenario::override_for(std::string_view id) const {
    for (const auto& o : overrides) {
        if (o.id == id) {
            return &o;
        }
    }
    return nullptr;
}

ScalingFactors scaling_factors(const Effects& effects, HoldRule hold) {
    const double lp = 1.0 + effects.labour_productivity.value_or(0.0);
    ScalingFactors f;
    if (hold == HoldRule::output) {
        f.activity = 1.0;
        f.labour = 1.0 / lp;
    } else {
        f.activity = lp;
        f.labour = 1.0;
    }
    f.operating_cost = f.activity * (1.0 + effects.operating_cost.value_or(0.0));
    f.energy = f.activity * (1.0 + effects.energy_intensity.value_or(0.0));
    return f;
}

} // namespace smartkpi
