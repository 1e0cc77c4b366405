// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/dataset.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace smartkpi {

/// Reads a factory table: one factory per row, the first row a header whose columns carry
/// their units (data/README.md):
///   id, name, region, level (required); district, sector, period_start, period_end,
///   output + output_unit, employees, labour_hours[_h|_min|_s],
///   revenue_<CUR>, value_added_<CUR>, operating_cost_<CUR> (ISO 4217 suffix),
///   energy_<carrier>_<unit> (e.g. energy_electricity_MWh, energy_natural_gas_m3).
/// Columns may come in any order; an empty cell is missing. Energy: when a row fills at least
/// one energy cell, its empty energy cells mean "not consumed"; a row with none has no energy
/// data. Errors name file, line, column and the column's header. Coefficients and FX are the
/// defaults.
Dataset
read_dataset_csv(std::string_view text, const std::string& source, Problems* problems = nullptr);

/// Reads the factories of a table in input order and hands them to `sink` in chunks of
/// `chunk_size` (a table has no header data beyond its columns: coefficients and FX are the
/// defaults). Throws at the first problem.
void read_dataset_factories_csv(std::string_view text,
                                const std::string& source,
                                std::size_t chunk_size,
                                const FactorySink& sink);

} // namespace smartkpi
