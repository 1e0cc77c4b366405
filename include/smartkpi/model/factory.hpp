// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/period.hpp>
#include <smartkpi/model/energy_carrier.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace smartkpi {

/// Smart-factory recognition level: none, city-level or state-level (national).
enum class SmartLevel { none, city, state };

std::span<const SmartLevel> all_levels();
std::string_view to_string(SmartLevel level);
/// Throws SchemaError::bad_enum listing none, city, state.
SmartLevel parse_smart_level(std::string_view name, const Location& where = {});

/// Physical output in a product unit that is a free label ("pcs", "t", "vehicles").
struct Output {
    double amount = 0;
    std::string unit;
};

/// Where a record came from, so that problems found after reading can still name the place.
struct RecordOrigin {
    std::size_t index = 0;  ///< position in the input (JSON array index, CSV data row from 0)
    std::size_t line = 0;   ///< 1-based line where the record starts; 0 when unknown
    std::size_t column = 0; ///< 1-based column; 0 when unknown
};

/// One factory's record for one reporting period (record identity is (id, period);
/// conventions §14). Every metric may be missing; missing is never zero.
struct Factory {
    std::string id;
    std::string name;
    std::string region;   ///< province: Shanghai, Jiangsu, Zhejiang, Anhui, ...
    std::string district; ///< may be empty
    std::string sector;   ///< may be empty
    SmartLevel level = SmartLevel::none;
    std::optional<Period> period;

    std::optional<Output> output;
    std::optional<Money> revenue;
    std::optional<Money> value_added;
    std::optional<double> employees;    ///< persons
    std::optional<double> labour_hours; ///< hours
    std::optional<Money> operating_cost;
    std::optional<EnergyUse> energy; ///< absent: no energy data at all

    RecordOrigin origin;
};

} // namespace smartkpi
