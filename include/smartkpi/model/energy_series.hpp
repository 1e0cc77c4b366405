// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/timestamp.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// How often a series is metered, judged from its median period length: hourly (< 2 h),
/// daily (< 7 days) or monthly (everything longer, billing periods included). It selects the
/// ASHRAE Guideline 14 acceptance preset and whether the autocorrelation correction applies.
enum class Granularity { hourly, daily, monthly };
std::string_view to_string(Granularity granularity);

/// One factory's metered energy over periods [start, end), and the drivers that explain it
/// (production, hdd, cdd, temperature_c and any other numeric column). Stored by column, so
/// 10,000 factories with 36 periods each are a few flat arrays.
struct EnergySeries {
    std::string factory;           ///< the `factory` column's value; empty when the file has none
    std::string energy_unit;       ///< unit of `energy` ("kWh", "MWh", "tce", ...)
    std::vector<UnixMillis> start; ///< ascending; periods never overlap
    std::vector<UnixMillis> end;   ///< exclusive
    /// Energy of each period in `energy_unit`; NaN where the value is missing (missing is
    /// not zero: such a period is left out of fits and totals, with a warning).
    std::vector<double> energy;
    /// Names of the driver columns, in input order ("production", "hdd", "temperature_c", ...).
    std::vector<std::string> driver_names;
    /// drivers[k][i] = value of driver k in period i; NaN where missing.
    std::vector<std::vector<double>> drivers;
    /// 1-based input line of each period, for messages: the CSV row's line, or the line on
    /// which the JSON period object starts.
    std::vector<std::size_t> lines;
    /// File the series was read from, for messages.
    std::string source;
    /// Unit (a free product label: "t", "pcs", ...) of the `production` driver, from a
    /// `production_<unit>` header or the JSON `production_unit`; empty when not given.
    std::string production_unit;

    [[nodiscard]] std::size_t size() const noexcept { return energy.size(); }
    /// The driver's values, or nullptr when the series has no such column.
    [[nodiscard]] const std::vector<double>* driver(std::string_view name) const;
    /// Median period length, mapped to a granularity (throws DataError on an empty series).
    [[nodiscard]] Granularity granularity() const;
};

} // namespace smartkpi
