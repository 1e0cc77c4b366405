// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/model/energy_series.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace smartkpi {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

// A series of back-to-back periods of the given lengths (ms), from 2025-01-01T00:00Z.
EnergySeries with_lengths(const std::vector<std::int64_t>& lengths) {
    EnergySeries s;
    UnixMillis t = 1'735'689'600'000;
    for (const std::int64_t length : lengths) {
        s.start.push_back(t);
        s.end.push_back(t + length);
        s.energy.push_back(1.0);
        t += length;
    }
    return s;
}

TEST(EnergySeriesTest, GranularityNames) {
    EXPECT_EQ(to_string(Granularity::hourly), "hourly");
    EXPECT_EQ(to_string(Granularity::daily), "daily");
    EXPECT_EQ(to_string(Granularity::monthly), "monthly");
}

TEST(EnergySeriesTest, GranularityFromTheMedianPeriodLength) {
    EXPECT_EQ(with_lengths({kHour, kHour, kHour}).granularity(), Granularity::hourly);
    // 15-minute interval data is finer than hourly: still judged by the hourly thresholds.
    EXPECT_EQ(with_lengths({kHour / 4}).granularity(), Granularity::hourly);
    EXPECT_EQ(with_lengths({kDay, kDay}).granularity(), Granularity::daily);
    EXPECT_EQ(with_lengths({28 * kDay, 31 * kDay, 30 * kDay}).granularity(), Granularity::monthly);
    // Weekly data is longer than daily: the monthly (billing) thresholds apply.
    EXPECT_EQ(with_lengths({7 * kDay, 7 * kDay}).granularity(), Granularity::monthly);
}

TEST(EnergySeriesTest, GranularityLimitsAreExclusive) {
    // < 2 h hourly, < 7 days daily (issue 5 brief); exactly 2 h is daily.
    EXPECT_EQ(with_lengths({2 * kHour - 1}).granularity(), Granularity::hourly);
    EXPECT_EQ(with_lengths({2 * kHour}).granularity(), Granularity::daily);
    EXPECT_EQ(with_lengths({7 * kDay - 1}).granularity(), Granularity::daily);
    EXPECT_EQ(with_lengths({7 * kDay}).granularity(), Granularity::monthly);
}

TEST(EnergySeriesTest, MedianIgnoresAFewLongPeriods) {
    // Hourly data with two day-long gaps filled by long periods: the median is still 1 h,
    // where the mean (≈ 5.8 h) would call it daily.
    EXPECT_EQ(
        with_lengths({kHour, kHour, kHour, kHour, kHour, 24 * kHour, 24 * kHour}).granularity(),
        Granularity::hourly);
}

TEST(EnergySeriesTest, EvenCountTakesTheMeanOfTheTwoMiddleLengths) {
    // Sorted lengths 1 h, 1 h | 3 h, 3 h: median 2 h, which is daily; the lower middle value
    // alone would say hourly.
    EXPECT_EQ(with_lengths({3 * kHour, kHour, 3 * kHour, kHour}).granularity(), Granularity::daily);
    // 1 h | 2.5 h: median 1.75 h < 2 h.
    EXPECT_EQ(with_lengths({kHour, 5 * kHour / 2}).granularity(), Granularity::hourly);
}

TEST(EnergySeriesTest, EmptySeriesHasNoGranularity) {
    EnergySeries s;
    s.factory = "SH-01";
    EXPECT_THROW((void)s.granularity(), DataError);
}

TEST(EnergySeriesTest, DriverByName) {
    EnergySeries s = with_lengths({kDay, kDay});
    s.driver_names = {"production", "temperature_c"};
    s.drivers = {{1.0, 2.0}, {-3.0, 4.0}};
    ASSERT_NE(s.driver("temperature_c"), nullptr);
    EXPECT_EQ((*s.driver("temperature_c"))[0], -3.0);
    EXPECT_EQ(s.driver("production"), &s.drivers[0]);
    EXPECT_EQ(s.driver("hdd"), nullptr);
    EXPECT_EQ(s.driver("Production"), nullptr); // names are case-sensitive
    EXPECT_EQ(s.size(), 2U);
}

} // namespace
} // namespace smartkpi
