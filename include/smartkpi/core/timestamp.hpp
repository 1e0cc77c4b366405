// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace smartkpi {

/// Seconds since 1970-01-01T00:00:00Z (leap seconds ignored, as in POSIX time).
using UnixSeconds = std::int64_t;

/// Milliseconds since 1970-01-01T00:00:00Z: the exact time base of event logs
/// (conventions §27).
using UnixMillis = std::int64_t;

/// Parses an ISO 8601 date ("2026-01-05", midnight UTC) or date-time
/// ("2026-01-05T06:00:00Z", "2026-01-05T14:00:00+08:00", "2026-01-05 06:00", fractional
/// seconds truncated). A date-time without an offset is read as UTC. Throws ParseError
/// naming the text otherwise. Allocation-free and locale-free.
UnixSeconds parse_timestamp(std::string_view text, const Location& where = {});

/// The same in milliseconds: fractional seconds keep their milliseconds, finer digits are
/// truncated.
UnixMillis parse_timestamp_ms(std::string_view text, const Location& where = {});

/// "2026-01-05T06:00:00Z".
std::string format_timestamp(UnixSeconds t);

/// "2026-01-05T06:00:00Z", or "2026-01-05T06:00:00.250Z" when there are milliseconds.
std::string format_timestamp_ms(UnixMillis t);

/// A time interval [start, end) in UTC seconds, with the texts it was read from (reports
/// echo what the user wrote).
struct TimeInterval {
    UnixSeconds start = 0;
    UnixSeconds end = 0;
    std::string start_text;
    std::string end_text;

    [[nodiscard]] std::int64_t seconds() const noexcept { return end - start; }
};

} // namespace smartkpi
