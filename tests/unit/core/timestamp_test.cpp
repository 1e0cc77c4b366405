// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/core/trend.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace smartkpi {
namespace {

std::string timestamp_error(std::string_view text) {
    try {
        (void)parse_timestamp(text);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

// 2026-01-05T00:00:00Z, checked with `date -u -d 2026-01-05 +%s`.
constexpr UnixSeconds kJan5 = 1767571200;

TEST(ParseTimestampTest, DateAloneIsMidnightUtc) {
    EXPECT_EQ(parse_timestamp("1970-01-01"), 0);
    EXPECT_EQ(parse_timestamp("2026-01-05"), kJan5);
    EXPECT_EQ(parse_timestamp("2000-03-01"), 11017 * 86400);
    EXPECT_EQ(parse_timestamp("1969-12-31"), -86400);
}

TEST(ParseTimestampTest, DateTimeForms) {
    const UnixSeconds six = kJan5 + 6 * 3600;
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:00Z"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05t06:00:00z"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05 06:00:00Z"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00Z"), six); // seconds optional
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00"), six);  // no offset = UTC
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:00"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T06:07:08Z"), six + 7 * 60 + 8);
}

TEST(ParseTimestampTest, OffsetsAreEastOfUtc) {
    const UnixSeconds six = kJan5 + 6 * 3600;
    // 14:00 in Shanghai (UTC+8) is 06:00 UTC.
    EXPECT_EQ(parse_timestamp("2026-01-05T14:00:00+08:00"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T14:00:00+0800"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T14:00+08"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T01:00:00-05:00"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T11:30:00+05:30"), six);
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:00-00:00"), six);
    // An offset may move the instant to another day.
    EXPECT_EQ(parse_timestamp("2026-01-05T02:00:00+08:00"), kJan5 - 6 * 3600);
}

TEST(ParseTimestampTest, FractionalSecondsAreTruncated) {
    const UnixSeconds t = kJan5 + 6 * 3600 + 1;
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:01.999Z"), t);
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:01,5"), t);
    EXPECT_EQ(parse_timestamp("2026-01-05T06:00:01.123456789+00:00"), t);
}

TEST(ParseTimestampTest, LeapYears) {
    EXPECT_EQ(parse_timestamp("2024-02-29"), parse_timestamp("2024-02-28") + 86400);
    EXPECT_EQ(parse_timestamp("2000-02-29T12:00:00Z"), parse_timestamp("2000-02-29") + 43200);
    EXPECT_EQ(timestamp_error("2026-02-29"),
              "\"2026-02-29\" is not a valid timestamp: 2026-02 has no day 29");
    EXPECT_EQ(timestamp_error("1900-02-29T00:00:00Z"),
              "\"1900-02-29T00:00:00Z\" is not a valid timestamp: 1900-02 has no day 29");
}

TEST(ParseTimestampTest, FieldsOutOfRange) {
    EXPECT_EQ(timestamp_error("2026-13-01"),
              "\"2026-13-01\" is not a valid timestamp: month 13 is not 1-12");
    EXPECT_EQ(timestamp_error("2026-00-01"),
              "\"2026-00-01\" is not a valid timestamp: month 0 is not 1-12");
    EXPECT_EQ(timestamp_error("2026-04-31"),
              "\"2026-04-31\" is not a valid timestamp: 2026-04 has no day 31");
    EXPECT_EQ(timestamp_error("2026-01-00"),
              "\"2026-01-00\" is not a valid timestamp: 2026-01 has no day 0");
    EXPECT_EQ(timestamp_error("2026-01-05T24:00:00Z"),
              "\"2026-01-05T24:00:00Z\" is not a valid timestamp: hour 24 is not 0-23");
    EXPECT_EQ(timestamp_error("2026-01-05T06:60Z"),
              "\"2026-01-05T06:60Z\" is not a valid timestamp: minute 60 is not 0-59");
    EXPECT_EQ(timestamp_error("2026-12-31T23:59:60Z"),
              "\"2026-12-31T23:59:60Z\" is not a valid timestamp: second 60 is not 0-59");
    EXPECT_EQ(timestamp_error("2026-01-05T06:00+24:00"),
              "\"2026-01-05T06:00+24:00\" is not a valid timestamp: the UTC offset is not "
              "-23:59 to +23:59");
}

TEST(ParseTimestampTest, WrongShapeNamesTheText) {
    for (std::string_view text : {"",
                                  "2026",
                                  "2026-1-05",
                                  "2026-01-5",
                                  "26-01-05",
                                  "2026/01/05",
                                  "20260105",
                                  "2026-01-05T",
                                  "2026-01-05T6:00",
                                  "2026-01-05T06",
                                  "2026-01-05T06:00:0",
                                  "2026-01-05T06:00:00.",
                                  "2026-01-05T06:00:00Zx",
                                  "2026-01-05T06:00:00+8",
                                  "2026-01-05T06:00:00+08:0",
                                  "2026-01-05T06:00:00+08:",
                                  "2026-01-05X06:00",
                                  " 2026-01-05",
                                  "2026-01-05 ",
                                  "2026-01-05T06:00:00 +08:00",
                                  "２０２６-01-05",
                                  "-2026-01-05",
                                  "2026-01-05T06:00:00.5.5"}) {
        EXPECT_EQ(timestamp_error(text),
                  "\"" + std::string(text) +
                      "\" is not a timestamp; expected an ISO 8601 date or date-time such as "
                      "2026-01-05 or 2026-01-05T06:00:00Z")
            << text;
    }
}

TEST(ParseTimestampTest, ErrorCarriesTheLocation) {
    try {
        (void)parse_timestamp("2026-02-30", Location{"u.json", 4, 20, "/units/0/period/start"});
        FAIL() << "no error";
    } catch (const ParseError& e) {
        EXPECT_EQ(e.where().line, 4U);
        EXPECT_EQ(e.where().json_pointer, "/units/0/period/start");
        EXPECT_EQ(std::string(e.what()),
                  "u.json:4:20 (/units/0/period/start): \"2026-02-30\" is not a valid "
                  "timestamp: 2026-02 has no day 30");
    }
}

TEST(FormatTimestampTest, FormatsUtc) {
    EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_timestamp(kJan5 + 6 * 3600 + 7 * 60 + 8), "2026-01-05T06:07:08Z");
    EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
    EXPECT_EQ(format_timestamp(951782400), "2000-02-29T00:00:00Z");
}

TEST(FormatTimestampTest, RoundTripsEveryDayOfFourCenturies) {
    // 1900-01-01 to 2300-01-01 covers both century rules of the Gregorian calendar.
    const UnixSeconds from = parse_timestamp("1900-01-01");
    const UnixSeconds to = parse_timestamp("2300-01-01");
    for (UnixSeconds t = from; t < to; t += 86400 + 3661) {
        ASSERT_EQ(parse_timestamp(format_timestamp(t)), t) << format_timestamp(t);
    }
}

TEST(TimeIntervalTest, SecondsIsTheLength) {
    const TimeInterval shift{parse_timestamp("2026-01-05T06:00:00Z"),
                             parse_timestamp("2026-01-05T14:00:00Z"), "", ""};
    EXPECT_EQ(shift.seconds(), 8 * 3600);
}

TEST(TrendTest, NamesMatchTheJsonSpelling) {
    EXPECT_EQ(to_string(Trend::higher_is_better), "higher_is_better");
    EXPECT_EQ(to_string(Trend::lower_is_better), "lower_is_better");
    EXPECT_EQ(to_string(Trend::none), "none");
}

} // namespace
} // namespace smartkpi
