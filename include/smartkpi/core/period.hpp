// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <compare>
#include <string>
#include <string_view>

namespace smartkpi {

/// A calendar date (proleptic Gregorian), ISO 8601 "YYYY-MM-DD".
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(const Date&, const Date&) = default;

    /// Days since 1970-01-01 (negative before).
    [[nodiscard]] long days_since_epoch() const;
    [[nodiscard]] std::string to_string() const;
};

/// The date `days` after 1970-01-01 (negative: before).
Date date_from_days(long days) noexcept;

/// Parses "YYYY-MM-DD" and checks that the day exists. Throws ParseError otherwise.
Date parse_date(std::string_view text, const Location& where = {});

/// A reporting period [start, end): the end is exclusive, so calendar year 2024 is
/// 2024-01-01 .. 2025-01-01.
struct Period {
    Date start;
    Date end;

    friend auto operator<=>(const Period&, const Period&) = default;

    [[nodiscard]] long days() const { return end.days_since_epoch() - start.days_since_epoch(); }
    /// "2024-01-01/2025-01-01" (ISO 8601 interval).
    [[nodiscard]] std::string to_string() const;
};

} // namespace smartkpi
