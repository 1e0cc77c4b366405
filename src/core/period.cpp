// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/period.hpp>

#include <fmt/format.h>

#include <chrono>

namespace smartkpi {

long Date::days_since_epoch() const {
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

Date date_from_days(long days) noexcept {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string Date::to_string() const {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Date parse_date(std::string_view text, const Location& where) {
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    Date d;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(0, 4, d.year) ||
        !digits(5, 2, d.month) || !digits(8, 2, d.day)) {
        throw ParseError(fmt::format("\"{}\" is not a date; expected YYYY-MM-DD", text), where);
    }
    const std::chrono::year_month_day ymd{std::chrono::year{d.year},
                                          std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    if (!ymd.ok()) {
        throw ParseError(fmt::format("\"{}\" is not a valid calendar date", text), where);
    }
    return d;
}

std::string Period::to_string() const {
    return start.to_string() + "/" + end.to_string();
}

} // namespace smartkpi
