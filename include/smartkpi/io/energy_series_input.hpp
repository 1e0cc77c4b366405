// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/model/energy_series.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

struct EnergySeriesReadOptions {
    /// Unit of the `energy` column when the header does not name one (`energy_MWh`); any
    /// energy unit of the unit table (kWh, MWh, GJ, tce, ...).
    std::string energy_unit = "kWh";
    /// True when the user gave the unit explicitly (--energy-unit): a header naming another
    /// unit is then a unit mismatch (UnitError), not a silent override.
    bool energy_unit_given = false;
};

/// The series of a file: one per factory, in order of first appearance, and the warnings
/// (gaps between periods) that belong in the report.
struct EnergySeriesSet {
    std::vector<EnergySeries> series;
    std::vector<std::string> warnings;
};

/// Reads `start,end,energy[,production,hdd,cdd,temperature_c,<other numeric>...][,factory]`
/// CSV (conventions §31). Throws DataError subclasses with file:line:column on bad input.
EnergySeriesSet read_energy_series_csv(std::string_view text,
                                       const std::string& source,
                                       const EnergySeriesReadOptions& options = {});
/// The same content as JSON.
EnergySeriesSet read_energy_series_json(std::string_view text,
                                        const std::string& source,
                                        const EnergySeriesReadOptions& options = {});

} // namespace smartkpi
