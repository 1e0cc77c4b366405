// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/timestamp.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// One shift of a day: a name, a local start time and a length. A shift may run past local
/// midnight (a night shift 22:00 + 8 h).
struct ShiftDefinition {
    std::string name;       ///< "A", "early", "夜班"
    int start_minute = 0;   ///< local time of day, minutes after midnight, 0..1439
    int length_minutes = 0; ///< 1..1440
};

/// A shift calendar: the shifts of every day in one time zone (issue 4 §1, conventions
/// §24–25). It cuts time into slots: shift instances, labelled `YYYY-MM-DD/<name>` with the
/// local date on which the shift starts (a night shift keeps the date it began), and the
/// off-shift time between them, cut at local midnight. Time zones come from the system's
/// tzdata (IANA names such as "Asia/Shanghai", "UTC", "Europe/Berlin").
class ShiftCalendar {
  public:
    /// One slot of time: [begin_ms, end_ms), the production day it belongs to (days since
    /// 1970-01-01 of the local date on which the shift starts, or the local date of
    /// off-shift time), and the index of its shift in shifts() (-1 off shift).
    struct Slot {
        UnixMillis begin_ms = 0;
        UnixMillis end_ms = 0;
        std::int32_t day = 0;
        std::int32_t shift = -1;
    };

    /// Validates and builds: an unknown time zone, a shift name that is empty or repeated,
    /// a start outside 00:00..23:59, a length outside 1 min..24 h, or two shifts that
    /// overlap in the daily cycle throw DomainError. Shifts are kept sorted by start.
    ShiftCalendar(std::string time_zone, std::vector<ShiftDefinition> shifts);

    /// A calendar without shifts in UTC: slots are UTC days (days/weeks/months without
    /// --calendar, conventions §24).
    static ShiftCalendar utc_days();

    ShiftCalendar(const ShiftCalendar&);
    ShiftCalendar& operator=(const ShiftCalendar&);
    ShiftCalendar(ShiftCalendar&&) noexcept;
    ShiftCalendar& operator=(ShiftCalendar&&) noexcept;
    ~ShiftCalendar();

    [[nodiscard]] const std::string& time_zone() const noexcept;
    [[nodiscard]] std::span<const ShiftDefinition> shifts() const noexcept;

    /// The slot that holds `t`. Thread-safe (const, no shared mutable state).
    [[nodiscard]] Slot slot_at(UnixMillis t) const;

    /// "2026-01-05/A" for a shift slot; "2026-01-05/-" off shift.
    [[nodiscard]] std::string shift_label(const Slot& slot) const;

    /// A canonical one-line text of the calendar (zone and shifts), equal for equal
    /// calendars: partial results record it so that merge refuses mixed calendars
    /// (conventions §29), and it rebuilds the calendar through parse_canonical().
    [[nodiscard]] std::string canonical() const;
    static ShiftCalendar parse_canonical(const std::string& text);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace smartkpi
