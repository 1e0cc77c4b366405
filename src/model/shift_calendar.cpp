// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Shift calendars (issue 4 §1, conventions §24–25). The slots of every local day follow one
// pattern: a sorted list of local minutes of the day at which a slot begins (a shift start, the
// end of a shift followed by off-shift time, local midnight inside off-shift time). Slot k of
// local day D begins at the local time D*1440 + minute_k, converted to UTC through the zone.
// slot_at() finds the last such boundary at or before t: one offset look-up and two or three
// local-to-UTC conversions, no allocation and no shared mutable state.
#include "core/civil_date.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/model/shift_calendar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <date/tz.h>
#include <exception>
#include <utility>

namespace smartkpi {

namespace {

constexpr int kDayMinutes = 1440;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::string_view kUtc = "UTC";

using detail::Civil;
using detail::civil_from_days;
using detail::days_from_civil;
using detail::floor_div;

// slot_at() accepts UTC instants of the years -9999 to 9999: every neighbouring local day
// and its boundaries then stay far inside the ranges of int32 days and of the zone library.
constexpr std::int64_t kMinMillis = days_from_civil(-9999, 1, 1) * kDayMs;
constexpr std::int64_t kMaxMillis = days_from_civil(10000, 1, 1) * kDayMs;

std::string hh_mm(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string duration_text(int minutes) {
    if (minutes % 60 == 0) {
        return fmt::format("{} h", minutes / 60);
    }
    if (minutes < 60) {
        return fmt::format("{} min", minutes);
    }
    return fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

std::string describe(const ShiftDefinition& s) {
    return fmt::format("\"{}\" ({} + {})", s.name, hh_mm(s.start_minute),
                       duration_text(s.length_minutes));
}

bool is_special(char c) {
    return c == ';' || c == '@' || c == '+' || c == '\\';
}

void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        if (is_special(c)) {
            out += '\\';
        }
        out += c;
    }
}

[[noreturn]] void bad_canonical(const std::string& text, std::string_view why) {
    throw ParseError(fmt::format("invalid shift calendar text \"{}\": {}", text, why), Location{});
}

// A cursor over a canonical text.
class CanonicalScanner {
  public:
    explicit CanonicalScanner(const std::string& text) : text_(text) {}

    [[nodiscard]] bool done() const { return pos_ == text_.size(); }

    bool literal(char c) {
        if (!done() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    /// An escaped field up to (not including) an unescaped `stop` or ';' or the end.
    std::string field(char stop) {
        std::string out;
        while (!done() && text_[pos_] != stop && text_[pos_] != ';') {
            char c = text_[pos_++];
            if (c == '\\') {
                if (done() || !is_special(text_[pos_])) {
                    bad_canonical(text_, "a backslash must escape one of ; @ + \\");
                }
                c = text_[pos_++];
            } else if (is_special(c)) {
                bad_canonical(text_, fmt::format("unescaped '{}'", c));
            }
            out += c;
        }
        return out;
    }

    /// Exactly `count` decimal digits.
    int digits(int count) {
        int value = 0;
        for (int i = 0; i < count; ++i) {
            if (done() || text_[pos_] < '0' || text_[pos_] > '9') {
                bad_canonical(text_, "expected HH:MM");
            }
            value = value * 10 + (text_[pos_++] - '0');
        }
        return value;
    }

    /// A decimal number without sign or leading zero, at most 4 digits.
    int length() {
        const std::size_t begin = pos_;
        int value = 0;
        while (!done() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - begin < 5) {
            value = value * 10 + (text_[pos_++] - '0');
        }
        const std::size_t n = pos_ - begin;
        if (n == 0 || n > 4 || text_[begin] == '0') {
            bad_canonical(text_, "expected a length in minutes (1 to 1440)");
        }
        return value;
    }

  private:
    const std::string& text_;
    std::size_t pos_ = 0;
};

} // namespace

struct ShiftCalendar::Impl {
    /// A slot that begins every local day at `minute` (0..1439): shift `shift`, or off shift.
    struct Boundary {
        int minute = 0;
        std::int32_t shift = -1;
    };

    std::string zone_name;
    const date::time_zone* zone = nullptr; // null: UTC, without the time zone database
    std::vector<ShiftDefinition> shifts;   // sorted by start
    std::vector<Boundary> pattern;         // sorted by minute, never empty

    /// Offset of local time from UTC at `t`, in milliseconds.
    [[nodiscard]] std::int64_t offset_ms(UnixMillis t) const {
        if (zone == nullptr) {
            return 0;
        }
        const date::sys_seconds s{std::chrono::seconds{floor_div(t, 1000)}};
        return std::chrono::duration_cast<std::chrono::milliseconds>(zone->get_info(s).offset)
            .count();
    }

    /// The UTC instant of a local time given in minutes since 1970-01-01T00:00 local time.
    /// choose::earliest maps a local time that occurs twice (the hour after a DST change back)
    /// to its first occurrence, and a local time that does not occur (the hour skipped when
    /// DST begins) to the instant of the change. The mapping is non-decreasing, so the slots
    /// stay contiguous and never overlap; the price is that a shift over a DST change is an
    /// hour shorter (spring) or longer (autumn), as its workers experience it, and a boundary
    /// inside the skipped hour can make a slot empty (slot_at never returns an empty slot).
    [[nodiscard]] UnixMillis to_utc(std::int64_t local_minute) const {
        if (zone == nullptr) {
            return local_minute * kMinuteMs;
        }
        const date::local_time<std::chrono::minutes> local{std::chrono::minutes{local_minute}};
        const auto sys = zone->to_sys(local, date::choose::earliest);
        return std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch())
            .count();
    }

    /// Boundary number `g` counts the boundaries of every day: day floor(g / n), entry g mod n.
    [[nodiscard]] std::int64_t local_minute(std::int64_t g) const {
        const auto n = static_cast<std::int64_t>(pattern.size());
        const std::int64_t day = floor_div(g, n);
        return day * kDayMinutes + pattern[static_cast<std::size_t>(g - day * n)].minute;
    }

    void build_pattern();
};

// Candidates: every shift start; every shift end (modulo a day) that no shift starts at; local
// midnight unless a shift starts there or runs over it. Shifts do not overlap, so after an end
// comes off-shift time up to the next start, cut once more at midnight.
void ShiftCalendar::Impl::build_pattern() {
    pattern.clear();
    bool midnight_in_shift = false;
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        pattern.push_back({shifts[i].start_minute, static_cast<std::int32_t>(i)});
        if (shifts[i].start_minute + shifts[i].length_minutes > kDayMinutes) {
            midnight_in_shift = true;
        }
    }
    const auto add_off = [&](int minute) {
        if (std::none_of(pattern.begin(), pattern.end(),
                         [&](const Boundary& b) { return b.minute == minute; })) {
            pattern.push_back({minute, -1});
        }
    };
    for (const auto& s : shifts) {
        add_off((s.start_minute + s.length_minutes) % kDayMinutes);
    }
    if (!midnight_in_shift) {
        add_off(0);
    }
    std::sort(pattern.begin(), pattern.end(),
              [](const Boundary& a, const Boundary& b) { return a.minute < b.minute; });
}

ShiftCalendar::ShiftCalendar(std::string time_zone, std::vector<ShiftDefinition> shifts)
    : impl_(std::make_unique<Impl>()) {
    if (time_zone.empty()) {
        throw DomainError("the time zone is empty; give an IANA name such as \"Asia/Shanghai\"");
    }
    if (time_zone != kUtc) {
        try {
            impl_->zone = date::locate_zone(time_zone);
        } catch (const std::exception& e) {
            // date says "<name> not found in timezone database"; other failures (no tzdata
            // installed) are worth quoting.
            const std::string_view why = e.what();
            throw DomainError(fmt::format(
                "unknown time zone \"{}\"{}; give an IANA name such as \"Asia/Shanghai\", "
                "\"Europe/Berlin\" or \"UTC\" (from the system's tzdata)",
                time_zone,
                why.ends_with("not found in timezone database") ? "" : fmt::format(" ({})", why)));
        }
    }
    impl_->zone_name = std::move(time_zone);

    int total = 0;
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        const ShiftDefinition& s = shifts[i];
        if (s.name.empty()) {
            throw DomainError(fmt::format("shift {}: the name is empty", i + 1));
        }
        if (std::any_of(s.name.begin(), s.name.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x20 || c == '\x7f';
            })) {
            // Labels go into reports and CSV cells, and canonical() is one line.
            throw DomainError(
                fmt::format("shift {}: the name must not contain control characters", i + 1));
        }
        if (s.start_minute < 0 || s.start_minute >= kDayMinutes) {
            throw DomainError(fmt::format("shift \"{}\": start {} min after midnight is outside "
                                          "00:00 to 23:59 (0 to 1439 min)",
                                          s.name, s.start_minute));
        }
        if (s.length_minutes < 1 || s.length_minutes > kDayMinutes) {
            throw DomainError(
                fmt::format("shift \"{}\": length {} min is outside 1 min to 24 h (1 to 1440 min)",
                            s.name, s.length_minutes));
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (shifts[j].name == s.name) {
                throw DomainError(fmt::format("duplicate shift name \"{}\"", s.name));
            }
        }
        total += s.length_minutes;
    }
    if (total > kDayMinutes) {
        throw DomainError(
            fmt::format("the shifts last {} in all, more than a day (24 h)", duration_text(total)));
    }
    std::stable_sort(shifts.begin(), shifts.end(),
                     [](const ShiftDefinition& a, const ShiftDefinition& b) {
                         return a.start_minute < b.start_minute;
                     });
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        const ShiftDefinition& a = shifts[i];
        const bool last = i + 1 == shifts.size();
        const ShiftDefinition& b = last ? shifts.front() : shifts[i + 1];
        const int b_start = b.start_minute + (last ? kDayMinutes : 0);
        if (shifts.size() > 1 && a.start_minute + a.length_minutes > b_start) {
            throw DomainError(fmt::format("shifts {} and {} overlap{}", describe(a), describe(b),
                                          last ? " across midnight" : ""));
        }
    }
    impl_->shifts = std::move(shifts);
    impl_->build_pattern();
}

ShiftCalendar ShiftCalendar::utc_days() {
    return {std::string(kUtc), {}};
}

ShiftCalendar::ShiftCalendar(const ShiftCalendar& other)
    : impl_(other.impl_ ? std::make_unique<Impl>(*other.impl_) : nullptr) {}

ShiftCalendar& ShiftCalendar::operator=(const ShiftCalendar& other) {
    if (this != &other) {
        impl_ = other.impl_ ? std::make_unique<Impl>(*other.impl_) : nullptr;
    }
    return *this;
}

ShiftCalendar::ShiftCalendar(ShiftCalendar&&) noexcept = default;
ShiftCalendar& ShiftCalendar::operator=(ShiftCalendar&&) noexcept = default;
ShiftCalendar::~ShiftCalendar() = default;

const std::string& ShiftCalendar::time_zone() const noexcept {
    return impl_->zone_name;
}

std::span<const ShiftDefinition> ShiftCalendar::shifts() const noexcept {
    return impl_->shifts;
}

ShiftCalendar::Slot ShiftCalendar::slot_at(UnixMillis t) const {
    if (t < kMinMillis || t >= kMaxMillis) {
        throw DomainError(fmt::format("instant {} ms since 1970 is outside the years -9999 to "
                                      "9999 that shift calendars cover",
                                      t));
    }
    const Impl& im = *impl_;
    const auto n = static_cast<std::int64_t>(im.pattern.size());
    // The last boundary at or before t's local time. Its UTC instant is at or before t: the
    // local-to-UTC mapping is non-decreasing and maps t's local time to t, or, in the repeated
    // hour, to the hour before.
    const std::int64_t local = floor_div(t + im.offset_ms(t), kMinuteMs);
    const std::int64_t day = floor_div(local, kDayMinutes);
    const auto minute = static_cast<int>(local - day * kDayMinutes);
    const auto after =
        std::upper_bound(im.pattern.begin(), im.pattern.end(), minute,
                         [](int m, const Impl::Boundary& b) { return m < b.minute; });
    std::int64_t g = day * n + (after - im.pattern.begin()) - 1;
    UnixMillis begin = im.to_utc(im.local_minute(g));
    while (begin > t) { // not expected (see above); kept so that a slot always holds t
        --g;
        begin = im.to_utc(im.local_minute(g));
    }
    // In the repeated hour, later boundaries can still be at or before t.
    UnixMillis end = im.to_utc(im.local_minute(g + 1));
    while (end <= t) {
        ++g;
        begin = end;
        end = im.to_utc(im.local_minute(g + 1));
    }
    const std::int64_t slot_day = floor_div(g, n);
    Slot slot;
    slot.begin_ms = begin;
    slot.end_ms = end;
    slot.day = static_cast<std::int32_t>(slot_day);
    slot.shift = im.pattern[static_cast<std::size_t>(g - slot_day * n)].shift;
    return slot;
}

std::string ShiftCalendar::shift_label(const Slot& slot) const {
    if (slot.shift < -1 || slot.shift >= static_cast<std::int32_t>(impl_->shifts.size())) {
        throw DomainError(fmt::format("slot shift {} is not a shift of this calendar (it has {})",
                                      slot.shift, impl_->shifts.size()));
    }
    const Civil c = civil_from_days(slot.day);
    const std::string_view name =
        slot.shift < 0 ? std::string_view("-")
                       : std::string_view(impl_->shifts[static_cast<std::size_t>(slot.shift)].name);
    // ISO 8601 years: four digits, a sign before years BCE (-0001 is 2 BCE).
    const std::string year =
        c.year < 0 ? fmt::format("-{:04}", -c.year) : fmt::format("{:04}", c.year);
    return fmt::format("{}-{:02}-{:02}/{}", year, c.month, c.day, name);
}

std::string ShiftCalendar::canonical() const {
    std::string out;
    append_escaped(out, impl_->zone_name);
    for (const auto& s : impl_->shifts) {
        out += ';';
        append_escaped(out, s.name);
        out += fmt::format("@{}+{}", hh_mm(s.start_minute), s.length_minutes);
    }
    return out;
}

ShiftCalendar ShiftCalendar::parse_canonical(const std::string& text) {
    CanonicalScanner scan(text);
    std::string zone = scan.field(';');
    std::vector<ShiftDefinition> shifts;
    while (scan.literal(';')) {
        ShiftDefinition s;
        s.name = scan.field('@');
        if (!scan.literal('@')) {
            bad_canonical(text, "expected '@' after a shift name");
        }
        const int hours = scan.digits(2);
        if (!scan.literal(':')) {
            bad_canonical(text, "expected HH:MM");
        }
        const int minutes = scan.digits(2);
        if (hours > 23 || minutes > 59) {
            bad_canonical(text, "expected HH:MM from 00:00 to 23:59");
        }
        s.start_minute = hours * 60 + minutes;
        if (!scan.literal('+')) {
            bad_canonical(text, "expected '+' and a length in minutes after the start");
        }
        s.length_minutes = scan.length();
        shifts.push_back(std::move(s));
    }
    if (!scan.done()) {
        bad_canonical(text, "expected ';' between shifts");
    }
    return {std::move(zone), std::move(shifts)};
}

} // namespace smartkpi
