// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/energy_series.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace smartkpi {

namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

} // namespace

std::string_view to_string(Granularity granularity) {
    switch (granularity) {
    case Granularity::hourly:
        return "hourly";
    case Granularity::daily:
        return "daily";
    case Granularity::monthly:
        return "monthly";
    }
    return "monthly";
}

const std::vector<double>* EnergySeries::driver(std::string_view name) const {
    for (std::size_t k = 0; k < driver_names.size() && k < drivers.size(); ++k) {
        if (driver_names[k] == name) {
            return &drivers[k];
        }
    }
    return nullptr;
}

Granularity EnergySeries::granularity() const {
    const std::size_t n = std::min(start.size(), end.size());
    if (n == 0) {
        throw DataError(fmt::format("{}: the series has no periods, so no granularity",
                                    factory.empty() ? std::string("energy series") : factory),
                        Location{source, 0, 0, {}});
    }
    // The median, not the mean: a few long billing periods or a gap-filling period must not
    // turn hourly data into daily. Lengths are whole milliseconds, so the comparison of the
    // two middle values' sum with twice the limit stays exact.
    std::vector<std::int64_t> lengths(n);
    for (std::size_t i = 0; i < n; ++i) {
        lengths[i] = end[i] - start[i];
    }
    const std::size_t mid = n / 2;
    std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid),
                     lengths.end());
    std::int64_t twice_median = 2 * lengths[mid];
    if (n % 2 == 0) {
        const std::int64_t lower =
            *std::max_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(mid));
        twice_median = lower + lengths[mid];
    }
    if (twice_median < 2 * 2 * kHourMs) {
        return Granularity::hourly;
    }
    if (twice_median < 2 * 7 * kDayMs) {
        return Granularity::daily;
    }
    return Granularity::monthly;
}

} // namespace smartkpi
