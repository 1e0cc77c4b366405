// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/quantity.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

namespace smartkpi {

namespace {

// 1 kgce = 29.3076 MJ (GB/T 2589-2020 §3.2: 7,000 kcal at 4.1868 kJ/kcal).
constexpr double kMjPerKgce = 29.3076;

constexpr std::array kUnits{
    Unit{"kWh", Dimension::energy, 3.6},
    Unit{"MWh", Dimension::energy, 3.6e3},
    Unit{"GWh", Dimension::energy, 3.6e6},
    Unit{"MJ", Dimension::energy, 1.0},
    Unit{"GJ", Dimension::energy, 1.0e3},
    Unit{"TJ", Dimension::energy, 1.0e6},
    Unit{"kgce", Dimension::energy, kMjPerKgce},
    Unit{"tce", Dimension::energy, kMjPerKgce * 1.0e3},
    Unit{"kg", Dimension::mass, 1.0},
    Unit{"t", Dimension::mass, 1.0e3},
    Unit{"m3", Dimension::volume, 1.0},
    Unit{"s", Dimension::time, 1.0},
    Unit{"min", Dimension::time, 60.0},
    Unit{"h", Dimension::time, 3600.0},
};

std::vector<std::string_view> all_symbols() {
    std::vector<std::string_view> out;
    out.reserve(kUnits.size());
    for (const auto& unit : kUnits) {
        out.push_back(unit.symbol);
    }
    return out;
}

} // namespace

std::string_view to_string(Dimension dimension) {
    switch (dimension) {
    case Dimension::energy:
        return "energy";
    case Dimension::mass:
        return "mass";
    case Dimension::volume:
        return "volume";
    case Dimension::time:
        return "time";
    }
    return "?";
}

std::span<const Unit> all_units() {
    return kUnits;
}

const Unit& find_unit(std::string_view symbol, const Location& where) {
    for (const auto& unit : kUnits) {
        if (unit.symbol == symbol) {
            return unit;
        }
    }
    throw UnitError::unknown_unit(symbol, all_symbols(), where);
}

const Unit& find_unit(std::string_view symbol, Dimension dimension, const Location& where) {
    for (const auto& unit : kUnits) {
        if (unit.symbol == symbol && unit.dimension == dimension) {
            return unit;
        }
    }
    throw UnitError::unknown_unit(symbol, unit_symbols(dimension), where);
}

std::vector<std::string_view> unit_symbols(Dimension dimension) {
    std::vector<std::string_view> out;
    for (const auto& unit : kUnits) {
        if (unit.dimension == dimension) {
            out.push_back(unit.symbol);
        }
    }
    return out;
}

double Quantity::in(const Unit& target) const {
    if (target.dimension != unit_->dimension) {
        throw UnitError(fmt::format("cannot convert {} ({}) to {} ({})", unit_->symbol,
                                    to_string(unit_->dimension), target.symbol,
                                    to_string(target.dimension)));
    }
    if (&target == unit_) {
        return value_;
    }
    return value_ * unit_->to_base / target.to_base;
}

double Quantity::in(std::string_view symbol) const {
    return in(find_unit(symbol));
}

bool parse_number(std::string_view text, double& out) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') {
            return false; // "+-5" is no number
        }
    }
    if (text.empty()) {
        return false;
    }
    // from_chars accepts "inf", "nan" and hex-free forms JSON does not; check the grammar first.
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (text[i] == '-') {
        ++i;
    }
    const std::size_t int_start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
        ++i;
    }
    bool digits = i > int_start;
    if (i < n && text[i] == '.') {
        ++i;
        const std::size_t frac_start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        digits = digits || i > frac_start;
    }
    if (!digits) {
        return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        const std::size_t exp_start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        if (i == exp_start) {
            return false;
        }
    }
    if (i != n) {
        return false;
    }
    const auto result = std::from_chars(text.data(), text.data() + n, out);
    return result.ec == std::errc{} && result.ptr == text.data() + n;
}

Quantity parse_quantity(std::string_view text, const Location& where) {
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') {
        ++i;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' &&
           (text[end] == '.' || text[end] == '-' || text[end] == '+' || text[end] == 'e' ||
            text[end] == 'E' || (text[end] >= '0' && text[end] <= '9'))) {
        ++end;
    }
    // "1e3" vs "1 e" ambiguity does not arise: units never start with a digit, and a unit such
    // as "ekWh" does not exist; trim a trailing exponent letter that belongs to no number.
    double value = 0;
    std::string_view number = text.substr(i, end - i);
    while (!number.empty() && !parse_number(number, value) &&
           (number.back() == 'e' || number.back() == 'E')) {
        number.remove_suffix(1);
        --end;
    }
    if (number.empty() || !parse_number(number, value)) {
        throw ParseError(fmt::format("\"{}\" is not a quantity; expected a number and a unit, "
                                     "e.g. \"42000 MWh\"",
                                     text),
                         where);
    }
    std::string_view symbol = text.substr(end);
    while (!symbol.empty() && symbol.front() == ' ') {
        symbol.remove_prefix(1);
    }
    while (!symbol.empty() && symbol.back() == ' ') {
        symbol.remove_suffix(1);
    }
    if (symbol.empty()) {
        throw ParseError(fmt::format("\"{}\" has no unit; expected e.g. \"42000 MWh\"", text),
                         where);
    }
    if (symbol.front() == ',' || symbol.front() == '.' ||
        (symbol.front() >= '0' && symbol.front() <= '9')) {
        throw ParseError(fmt::format("\"{}\" is not a quantity; write the number without "
                                     "thousands separators, e.g. \"42000 MWh\"",
                                     text),
                         where);
    }
    if (!std::isfinite(value)) {
        throw DomainError::not_finite("quantity", where);
    }
    return {value, find_unit(symbol, where)};
}

} // namespace smartkpi
