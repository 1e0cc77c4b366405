// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Physical dimension of a unit. Standard coal (kgce, tce) is energy: 1 kgce = 29.3076 MJ
/// (GB/T 2589-2020 §3.2; conventions §12).
enum class Dimension { energy, mass, volume, time };

/// One entry of the unit table: `value_in_base = value * to_base`.
/// Base units: MJ (energy), kg (mass), m3 (volume), s (time).
struct Unit {
    std::string_view symbol;
    Dimension dimension;
    double to_base;
};

/// Name of a dimension ("energy", "mass", ...).
std::string_view to_string(Dimension dimension);

/// Every unit smartkpi knows, in a fixed order.
std::span<const Unit> all_units();

/// Looks a unit up by its symbol (case-sensitive: "MWh", "m3", "t"). Throws UnitError naming
/// the unit and listing the accepted symbols when it is unknown.
const Unit& find_unit(std::string_view symbol, const Location& where = {});

/// Looks a unit up among those of one dimension; throws UnitError listing that dimension's units.
const Unit& find_unit(std::string_view symbol, Dimension dimension, const Location& where = {});

/// Symbols of the units of one dimension, in table order.
std::vector<std::string_view> unit_symbols(Dimension dimension);

/// A number with its unit. Units are entries of the static table, so copying is cheap.
class Quantity {
  public:
    Quantity(double value, const Unit& unit) : value_(value), unit_(&unit) {}

    [[nodiscard]] double value() const noexcept { return value_; }
    [[nodiscard]] const Unit& unit() const noexcept { return *unit_; }

    /// The value expressed in `target` (same dimension, else UnitError).
    [[nodiscard]] double in(const Unit& target) const;
    /// The value expressed in the unit named `symbol`.
    [[nodiscard]] double in(std::string_view symbol) const;

  private:
    double value_;
    const Unit* unit_;
};

/// Parses "42000 MWh" (number, optional spaces, unit symbol). Throws ParseError on a malformed
/// or out-of-range number, UnitError on an unknown unit.
Quantity parse_quantity(std::string_view text, const Location& where = {});

/// Parses a plain decimal number: optional sign, digits with an optional fraction (".5" and "5."
/// are accepted, as spreadsheets write them), optional exponent; no thousands separators, no
/// "inf"/"nan". False when it is not one or it overflows.
bool parse_number(std::string_view text, double& out);

} // namespace smartkpi
