// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// An ISO 4217 alphabetic currency code ("CNY"), stored inline.
class Currency {
  public:
    /// Throws UnitError::unknown_currency unless `code` is a known ISO 4217 code.
    explicit Currency(std::string_view code, const Location& where = {});
    Currency() : Currency("CNY") {}

    [[nodiscard]] std::string_view code() const noexcept { return {code_.data(), 3}; }
    friend bool operator==(const Currency&, const Currency&) = default;

  private:
    std::array<char, 3> code_{};
};

/// True when `code` is an ISO 4217 code known to smartkpi.
bool is_known_currency(std::string_view code);

/// An amount of money in one currency. Amounts in different currencies never mix silently.
struct Money {
    double amount = 0;
    Currency currency;
};

/// Parses "850000000 CNY" (number, spaces, ISO 4217 code).
Money parse_money(std::string_view text, const Location& where = {});

/// One exchange rate: 1 `from` = `rate` `to`.
struct FxRate {
    Currency from;
    Currency to;
    double rate = 0;
    std::string source;
};

/// An explicit table of exchange rates; no global state, passed where it is needed.
class FxTable {
  public:
    /// The consortium's own figure, "100 billion yuan (about $13.8 billion)": 1 CNY = 0.138 USD.
    static FxTable defaults();

    /// Adds or replaces the rate from → to (its inverse is derived, not stored).
    void set(FxRate rate);

    /// Rate to multiply an amount in `from` by to get `to`. Same currency: 1. A direct rate
    /// or the inverse of one is used; otherwise throws UnitError::no_fx_rate.
    [[nodiscard]] double rate(Currency from, Currency to, const Location& where = {}) const;

    /// `money` in `target`.
    [[nodiscard]] double
    convert(const Money& money, Currency target, const Location& where = {}) const;

    [[nodiscard]] const std::vector<FxRate>& rates() const noexcept { return rates_; }

  private:
    std::vector<FxRate> rates_;
};

} // namespace smartkpi
