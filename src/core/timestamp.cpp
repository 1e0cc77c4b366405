// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "core/civil_date.hpp"

#include <smartkpi/core/timestamp.hpp>

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace smartkpi {

namespace {

using detail::Civil;
using detail::civil_from_days;
using detail::days_from_civil;

constexpr bool is_leap(std::int64_t y) noexcept {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
    constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

constexpr std::string_view kExpected =
    "expected an ISO 8601 date or date-time such as 2026-01-05 or 2026-01-05T06:00:00Z";

// A cursor over the text that reads fixed-width digit fields; no allocation, no locale
// (std::isdigit would consult the C locale).
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    [[nodiscard]] bool done() const noexcept { return pos_ == text_.size(); }
    [[nodiscard]] char peek() const noexcept { return done() ? '\0' : text_[pos_]; }
    void advance() noexcept { ++pos_; }

    bool literal(char c) noexcept {
        if (peek() == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    bool digits(std::size_t count, unsigned& out) noexcept {
        if (text_.size() - pos_ < count) {
            return false;
        }
        unsigned v = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text_[pos_ + i];
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        pos_ += count;
        out = v;
        return true;
    }

    [[nodiscard]] static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

[[noreturn]] void fail_shape(std::string_view text, const Location& where) {
    throw ParseError(fmt::format("\"{}\" is not a timestamp; {}", text, kExpected), where);
}

[[noreturn]] void fail_range(std::string_view text, std::string_view why, const Location& where) {
    throw ParseError(fmt::format("\"{}\" is not a valid timestamp: {}", text, why), where);
}

} // namespace

UnixMillis parse_timestamp_ms(std::string_view text, const Location& where) {
    Scanner s(text);
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (!s.digits(4, year) || !s.literal('-') || !s.digits(2, month) || !s.literal('-') ||
        !s.digits(2, day)) {
        fail_shape(text, where);
    }
    if (month < 1 || month > 12) {
        fail_range(text, fmt::format("month {} is not 1-12", month), where);
    }
    if (day < 1 || day > days_in_month(year, month)) {
        fail_range(text, fmt::format("{:04}-{:02} has no day {}", year, month, day), where);
    }
    const std::int64_t days = days_from_civil(year, month, day);
    if (s.done()) {
        return days * 86400000; // a date alone is midnight UTC
    }

    if (!(s.literal('T') || s.literal('t') || s.literal(' '))) {
        fail_shape(text, where);
    }
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    unsigned millis = 0;
    if (!s.digits(2, hour) || !s.literal(':') || !s.digits(2, minute)) {
        fail_shape(text, where);
    }
    if (s.literal(':')) {
        if (!s.digits(2, second)) {
            fail_shape(text, where);
        }
        // Fractional seconds (ISO 8601 allows ',' too): milliseconds kept, finer digits
        // checked and truncated (event logs count in integer milliseconds, conventions §27).
        if (s.literal('.') || s.literal(',')) {
            if (!Scanner::is_digit(s.peek())) {
                fail_shape(text, where);
            }
            unsigned scale = 100;
            while (Scanner::is_digit(s.peek())) {
                millis += scale * static_cast<unsigned>(s.peek() - '0');
                scale /= 10;
                s.advance();
            }
        }
    }
    // No 24:00 (end of day) and no leap second 60: POSIX time has neither, and a shift log
    // that needs them is better written as the next day's 00:00.
    if (hour > 23) {
        fail_range(text, fmt::format("hour {} is not 0-23", hour), where);
    }
    if (minute > 59) {
        fail_range(text, fmt::format("minute {} is not 0-59", minute), where);
    }
    if (second > 59) {
        fail_range(text, fmt::format("second {} is not 0-59", second), where);
    }

    std::int64_t offset = 0; // seconds east of UTC; none given = UTC
    if (s.literal('Z') || s.literal('z')) {
        // UTC
    } else if (s.peek() == '+' || s.peek() == '-') {
        const bool east = s.peek() == '+';
        s.advance();
        unsigned oh = 0;
        unsigned om = 0;
        if (!s.digits(2, oh)) {
            fail_shape(text, where);
        }
        if (s.literal(':')) {
            if (!s.digits(2, om)) {
                fail_shape(text, where);
            }
        } else if (!s.done() && !s.digits(2, om)) {
            fail_shape(text, where);
        }
        if (oh > 23 || om > 59) {
            fail_range(text, "the UTC offset is not -23:59 to +23:59", where);
        }
        offset = (east ? 1 : -1) * (std::int64_t{oh} * 3600 + std::int64_t{om} * 60);
    }
    if (!s.done()) {
        fail_shape(text, where);
    }
    const std::int64_t clock = std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
    return (days * 86400 + clock - offset) * 1000 + millis;
}

UnixSeconds parse_timestamp(std::string_view text, const Location& where) {
    const UnixMillis ms = parse_timestamp_ms(text, where);
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

std::string format_timestamp(UnixSeconds t) {
    // Floor division, so that instants before 1970 land on the right day.
    std::int64_t days = t / 86400;
    std::int64_t rest = t % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const Civil c = civil_from_days(days);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, rest / 3600,
                       rest / 60 % 60, rest % 60);
}

std::string format_timestamp_ms(UnixMillis ms) {
    const UnixSeconds s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    const UnixMillis rest = ms - s * 1000;
    std::string text = format_timestamp(s);
    if (rest != 0) {
        text.insert(text.size() - 1, fmt::format(".{:03}", rest));
    }
    return text;
}

} // namespace smartkpi
