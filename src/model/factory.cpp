// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/factory.hpp>

#include <array>

namespace smartkpi {

namespace {
constexpr std::array kLevels{SmartLevel::none, SmartLevel::city, SmartLevel::state};
constexpr std::array<std::string_view, 3> kLevelNames{"none", "city", "state"};
} // namespace

std::span<const SmartLevel> all_levels() {
    return kLevels;
}

std::string_view to_string(SmartLevel level) {
    return kLevelNames[static_cast<std::size_t>(level)];
}

SmartLevel parse_smart_level(std::string_view name, const Location& where) {
    for (std::size_t i = 0; i < kLevels.size(); ++i) {
        if (kLevelNames[i] == name) {
            return kLevels[i];
        }
    }
    throw SchemaError::bad_enum(name, {kLevelNames.begin(), kLevelNames.end()}, where);
}

} // namespace smartkpi
