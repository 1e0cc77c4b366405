// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/model/shift_calendar.hpp>

#include <string>
#include <string_view>

namespace smartkpi {

/// Reads a shift calendar (data/schema/calendar.schema.json):
/// `{"time_zone": "Asia/Shanghai", "shifts": [{"name": "A", "start": "06:00", "length_h": 8},
/// ...]}`; a shift gives its length as `length_h` or `length_min`, or its local `end` time
/// ("06:00" after a 22:00 start runs past midnight). Errors name the file, line, column
/// and JSON pointer.
ShiftCalendar read_shift_calendar_json(std::string_view text, const std::string& source);

} // namespace smartkpi
