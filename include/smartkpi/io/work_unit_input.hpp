// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <string>
#include <string_view>

namespace smartkpi {

/// Reads the work units of the ISO 22400-2 engine (data/schema/units.schema.json, format
/// "smartkpi-units/1"): `{"time_unit": "s", "units": [{"id", "line", "site", "region",
/// "period", "time_unit", "elements", "tbf", "ttf", "ttr", "measurements", "losses",
/// "energy"}]}`. Element keys are the lower-case abbreviations of ISO 22400-2 (older aliases
/// pru, asut, psut accepted), plus "ideal_time" (Σ PRI·PQ). Time elements, reliability lists
/// and loss times are converted from the unit's (or the file's) time unit to seconds.
/// Only the form of each value is checked (numbers finite and non-negative, fe whole, record
/// identity (id, period) unique); relations between elements are complete_and_check()'s job.
/// Throws DataError (file, line, column and JSON pointer) at the first problem, or records
/// every problem in `problems` when given (a unit with a problem is then left out).
WorkUnitSet read_work_units_json(std::string_view text,
                                 const std::string& source,
                                 Problems* problems = nullptr);

/// Reads work units from a table: a header row naming the columns (any order) id (required),
/// line, site, region, period_start/period_end (or start/end), time_unit, ideal_time and one
/// column per scalar element key or alias; then one unit per row. An empty cell is missing.
/// Tables carry scalar elements only: reliability lists, measurements, losses and energy need
/// JSON (conventions §22). Errors name file, line, column and the column's header.
WorkUnitSet
read_work_units_csv(std::string_view text, const std::string& source, Problems* problems = nullptr);

} // namespace smartkpi
