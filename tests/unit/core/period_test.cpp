// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/period.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using smartkpi::Date;
using smartkpi::Location;
using smartkpi::parse_date;
using smartkpi::ParseError;
using smartkpi::Period;

std::string date_error(std::string_view text) {
    try {
        (void)parse_date(text);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

TEST(ParseDateTest, ValidDate) {
    const Date d = parse_date("2025-12-31");
    EXPECT_EQ(d.year, 2025);
    EXPECT_EQ(d.month, 12);
    EXPECT_EQ(d.day, 31);
    EXPECT_EQ(d, (Date{2025, 12, 31}));
}

TEST(ParseDateTest, LeapDays) {
    // Gregorian rule: divisible by 4, except centuries not divisible by 400.
    EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
    EXPECT_EQ(parse_date("2000-02-29"), (Date{2000, 2, 29}));
    EXPECT_EQ(date_error("2023-02-29"), "\"2023-02-29\" is not a valid calendar date");
    EXPECT_EQ(date_error("1900-02-29"), "\"1900-02-29\" is not a valid calendar date");
}

TEST(ParseDateTest, DaysThatDoNotExist) {
    EXPECT_EQ(date_error("2024-04-31"), "\"2024-04-31\" is not a valid calendar date");
    EXPECT_EQ(date_error("2024-13-01"), "\"2024-13-01\" is not a valid calendar date");
    EXPECT_EQ(date_error("2024-00-10"), "\"2024-00-10\" is not a valid calendar date");
    EXPECT_EQ(date_error("2024-01-00"), "\"2024-01-00\" is not a valid calendar date");
    EXPECT_EQ(date_error("2024-01-32"), "\"2024-01-32\" is not a valid calendar date");
}

TEST(ParseDateTest, WrongShape) {
    EXPECT_EQ(date_error("2024-1-01"), "\"2024-1-01\" is not a date; expected YYYY-MM-DD");
    for (std::string_view text :
         {"", "2024-01-1", "2024/01/01", "20240101", "2024-01-01 ", " 2024-01-01",
          "2024-01-01T00:00", "+024-01-01", "2024-0a-01", "24-01-01"}) {
        EXPECT_EQ(date_error(text),
                  "\"" + std::string(text) + "\" is not a date; expected YYYY-MM-DD");
    }
}

TEST(ParseDateTest, ErrorCarriesLocation) {
    try {
        (void)parse_date("2023-02-29", Location{"t.json", 2, 12, "/as_of"});
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_STREQ(error.what(), "t.json:2:12 (/as_of): \"2023-02-29\" is not a valid calendar "
                                   "date");
    }
}

TEST(DateTest, DaysSinceEpoch) {
    EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
    EXPECT_EQ((Date{1970, 1, 2}).days_since_epoch(), 1);
    EXPECT_EQ((Date{1969, 12, 31}).days_since_epoch(), -1);
    // 1970..1999: 30 x 365 + 7 leap days (1972, 76, 80, 84, 88, 92, 96) = 10,957.
    EXPECT_EQ((Date{2000, 1, 1}).days_since_epoch(), 10957);
    // 1970..2023: 54 x 365 + 13 leap days (1972..2020) = 19,723 (= 1,704,067,200 s / 86,400).
    EXPECT_EQ((Date{2024, 1, 1}).days_since_epoch(), 19723);
    // + 31 (Jan) + 28 (Feb 1..28) = 19,782 for 2024-02-29.
    EXPECT_EQ((Date{2024, 2, 29}).days_since_epoch(), 19782);
}

TEST(DateTest, ToStringPadsFields) {
    EXPECT_EQ((Date{2024, 3, 5}).to_string(), "2024-03-05");
    EXPECT_EQ((Date{987, 1, 1}).to_string(), "0987-01-01");
    EXPECT_EQ(parse_date("2025-12-31").to_string(), "2025-12-31");
}

TEST(DateTest, Ordering) {
    EXPECT_LT((Date{2024, 12, 31}), (Date{2025, 1, 1}));
    EXPECT_LT((Date{2025, 1, 31}), (Date{2025, 2, 1}));
    EXPECT_GT((Date{2026, 6, 1}), (Date{2025, 12, 31}));
}

TEST(PeriodTest, DaysOfHalfOpenInterval) {
    // [2024-01-01, 2025-01-01): leap year, 366 days; 2023: 365 days.
    EXPECT_EQ((Period{{2024, 1, 1}, {2025, 1, 1}}).days(), 366);
    EXPECT_EQ((Period{{2023, 1, 1}, {2024, 1, 1}}).days(), 365);
    // February 2024: 29 days; an empty period: 0.
    EXPECT_EQ((Period{{2024, 2, 1}, {2024, 3, 1}}).days(), 29);
    EXPECT_EQ((Period{{2024, 2, 1}, {2024, 2, 1}}).days(), 0);
}

TEST(PeriodTest, ToStringIsIsoInterval) {
    EXPECT_EQ((Period{{2024, 1, 1}, {2025, 1, 1}}).to_string(), "2024-01-01/2025-01-01");
}

TEST(PeriodTest, OrdersByStartThenEnd) {
    const Period y2023{{2023, 1, 1}, {2024, 1, 1}};
    const Period y2024{{2024, 1, 1}, {2025, 1, 1}};
    const Period h2024{{2024, 1, 1}, {2024, 7, 1}};
    EXPECT_LT(y2023, y2024);
    EXPECT_LT(h2024, y2024);
    EXPECT_EQ(y2024, (Period{parse_date("2024-01-01"), parse_date("2025-01-01")}));
}

} // namespace
