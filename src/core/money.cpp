// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/money.hpp>
#include <smartkpi/core/quantity.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace smartkpi {

namespace {

// ISO 4217 active codes most likely in the consortium's data; extend as users need.
constexpr std::array<std::string_view, 40> kIsoCodes{
    "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD",
    "HUF", "IDR", "ILS", "INR", "JPY", "KRW", "MOP", "MXN", "MYR", "NOK",
    "NZD", "PHP", "PLN", "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD",
    "USD", "VND", "ZAR", "AED", "EGP", "KZT", "PKR", "QAR", "CLP", "ARS"};

} // namespace

bool is_known_currency(std::string_view code) {
    return std::find(kIsoCodes.begin(), kIsoCodes.end(), code) != kIsoCodes.end();
}

Currency::Currency(std::string_view code, const Location& where) {
    if (code.size() != 3 || !is_known_currency(code)) {
        throw UnitError::unknown_currency(code, where);
    }
    std::copy(code.begin(), code.end(), code_.begin());
}

Money parse_money(std::string_view text, const Location& where) {
    std::string_view rest = text;
    while (!rest.empty() && rest.back() == ' ') {
        rest.remove_suffix(1);
    }
    const auto space = rest.find_last_of(' ');
    if (space == std::string_view::npos) {
        throw ParseError(fmt::format("\"{}\" is not an amount of money; expected a number and "
                                     "an ISO 4217 code, e.g. \"850000000 CNY\"",
                                     text),
                         where);
    }
    std::string_view number = rest.substr(0, space);
    while (!number.empty() && number.back() == ' ') {
        number.remove_suffix(1);
    }
    while (!number.empty() && number.front() == ' ') {
        number.remove_prefix(1);
    }
    double amount = 0;
    if (!parse_number(number, amount)) {
        throw ParseError(fmt::format("\"{}\" is not an amount of money; expected a number and "
                                     "an ISO 4217 code, e.g. \"850000000 CNY\"",
                                     text),
                         where);
    }
    if (!std::isfinite(amount)) {
        throw DomainError::not_finite("amount", where);
    }
    return {amount, Currency(rest.substr(space + 1), where)};
}

FxTable FxTable::defaults() {
    FxTable table;
    table.set({Currency("CNY"), Currency("USD"), 0.138,
               "consortium figure: 100 billion yuan (about 13.8 billion USD)"});
    return table;
}

void FxTable::set(FxRate rate) {
    for (auto& existing : rates_) {
        if ((existing.from == rate.from && existing.to == rate.to) ||
            (existing.from == rate.to && existing.to == rate.from)) {
            existing = std::move(rate);
            return;
        }
    }
    rates_.push_back(std::move(rate));
}

double FxTable::rate(Currency from, Currency to, const Location& where) const {
    if (from == to) {
        return 1.0;
    }
    for (const auto& r : rates_) {
        if (r.from == from && r.to == to) {
            return r.rate;
        }
        if (r.from == to && r.to == from) {
            return 1.0 / r.rate;
        }
    }
    throw UnitError::no_fx_rate(from.code(), to.code(), where);
}

double FxTable::convert(const Money& money, Currency target, const Location& where) const {
    return money.amount * rate(money.currency, target, where);
}

} // namespace smartkpi
