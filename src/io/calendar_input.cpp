// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Shift calendar files (data/schema/calendar.schema.json). The JSON is checked here, field by
// field; what makes a calendar valid (a known zone, distinct names, no overlap) is checked once,
// by the ShiftCalendar constructor, and its errors are given the place of the offending value.
#include "io/json_fields.hpp"

#include <smartkpi/io/calendar_input.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace smartkpi {

using detail::Document;
using detail::Interpreter;
using detail::JsonNode;
using detail::JsonType;

namespace {

constexpr std::string_view kFormat = "smartkpi-shift-calendar/1";
constexpr int kDayMinutes = 1440;

int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
}

/// "HH:MM", 00:00 to 23:59, as minutes after midnight.
int local_time(const JsonNode& n) {
    static constexpr std::string_view kExpected = "a local time \"HH:MM\" (00:00 to 23:59)";
    n.expect(JsonType::string, kExpected);
    const std::string_view s = n.string();
    if (s.size() == 5 && s[2] == ':') {
        const int h1 = digit(s[0]);
        const int h2 = digit(s[1]);
        const int m1 = digit(s[3]);
        const int m2 = digit(s[4]);
        if (h1 >= 0 && h2 >= 0 && m1 >= 0 && m2 >= 0) {
            const int hours = h1 * 10 + h2;
            const int minutes = m1 * 10 + m2;
            if (hours < 24 && minutes < 60) {
                return hours * 60 + minutes;
            }
        }
    }
    throw SchemaError::wrong_type(kExpected, fmt::format("\"{}\"", s), n.location());
}

/// "length_h": hours, possibly fractional, but a whole number of minutes (7.5 is 450 min).
int length_hours(const JsonNode& n) {
    n.expect(JsonType::number, "a number of hours");
    const double hours = n.number();
    if (!(hours > 0 && hours <= 24)) {
        throw DomainError(
            fmt::format("a shift length must be more than 0 h and at most 24 h (got {})", hours),
            n.location());
    }
    const double minutes = hours * 60;
    const double whole = std::round(minutes);
    if (std::abs(minutes - whole) > 1e-6) {
        throw DomainError(fmt::format("a shift length of {} h is not a whole number of minutes; "
                                      "give \"length_min\" instead",
                                      hours),
                          n.location());
    }
    return static_cast<int>(whole);
}

/// "length_min": whole minutes, 1 to 1440.
int length_minutes(const JsonNode& n) {
    n.expect(JsonType::number, "a whole number of minutes");
    const double minutes = n.number();
    if (minutes != std::floor(minutes)) {
        throw SchemaError::wrong_type("a whole number of minutes", fmt::format("{}", minutes),
                                      n.location());
    }
    if (!(minutes >= 1 && minutes <= kDayMinutes)) {
        throw DomainError(
            fmt::format("a shift length must be 1 to 1440 min (24 h) (got {})", minutes),
            n.location());
    }
    return static_cast<int>(minutes);
}

struct ShiftEntry {
    ShiftDefinition definition;
    Location where;
};

ShiftEntry read_shift(const Interpreter& in, const JsonNode& n) {
    n.expect(JsonType::object, R"(a shift {"name", "start", "length_h"})");
    in.check_keys(n, {"name", "start", "length_h", "length_min", "end"});
    ShiftEntry e;
    e.where = n.location();
    in.required(n, "name",
                [&](const JsonNode& v) { e.definition.name = Interpreter::non_empty_string(v); });
    in.required(n, "start", [&](const JsonNode& v) { e.definition.start_minute = local_time(v); });
    // Exactly one of the three length forms; "end" is resolved after "start" is known.
    std::optional<int> length;
    std::optional<int> end;
    const auto once = [&](const JsonNode& v) {
        if (length || end) {
            throw SchemaError("give the length of a shift once: \"length_h\", \"length_min\" or "
                              "\"end\"",
                              v.location());
        }
    };
    n.for_each_member([&](std::string_view key, const JsonNode& v) {
        if (key == "length_h") {
            once(v);
            length = length_hours(v);
        } else if (key == "length_min") {
            once(v);
            length = length_minutes(v);
        } else if (key == "end") {
            once(v);
            end = local_time(v);
        }
    });
    if (end) {
        // An end at or before the start is on the next day; an end equal to the start, 24 h.
        const int minutes = (*end - e.definition.start_minute + kDayMinutes) % kDayMinutes;
        length = minutes == 0 ? kDayMinutes : minutes;
    }
    if (!length) {
        throw SchemaError("missing the length of the shift: give \"length_h\", \"length_min\" "
                          "or \"end\"",
                          n.location());
    }
    e.definition.length_minutes = *length;
    return e;
}

std::vector<ShiftDefinition> definitions(const std::vector<ShiftEntry>& entries, std::size_t n) {
    std::vector<ShiftDefinition> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(entries[i].definition);
    }
    return out;
}

} // namespace

ShiftCalendar read_shift_calendar_json(std::string_view text, const std::string& source) {
    const Interpreter in(nullptr);
    Document doc(text, source);
    const JsonNode root = doc.root();
    root.expect(JsonType::object,
                R"(a shift calendar {"time_zone": "Asia/Shanghai", "shifts": [...]})");
    in.check_keys(root, {"format", "time_zone", "shifts"});
    in.member(root, "format", [&](const JsonNode& v) { detail::check_format(v, kFormat); });

    std::string zone;
    in.required(root, "time_zone", [&](const JsonNode& v) {
        zone = Interpreter::non_empty_string(v);
        detail::at(v, [&] { (void)ShiftCalendar(zone, {}); }); // an unknown zone
    });
    std::vector<ShiftEntry> entries;
    Location shifts_at;
    in.required(root, "shifts", [&](const JsonNode& v) {
        v.expect(JsonType::array, "an array of shifts");
        shifts_at = v.location();
        v.for_each_element([&](const JsonNode& e) { entries.push_back(read_shift(in, e)); });
    });

    try {
        return {zone, definitions(entries, entries.size())};
    } catch (const DataError& whole) {
        // The first shift whose addition makes the calendar invalid is the one to name: the
        // constructor's own checks, replayed on ever longer prefixes (only on this error path).
        for (std::size_t n = 1; n <= entries.size(); ++n) {
            try {
                (void)ShiftCalendar(zone, definitions(entries, n));
            } catch (const DataError& e) {
                detail::rethrow_at(e, entries[n - 1].where);
            }
        }
        detail::rethrow_at(whole, shifts_at);
    }
}

} // namespace smartkpi
