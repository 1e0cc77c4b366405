// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/io/calendar_input.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace smartkpi {
namespace {

ShiftCalendar read(std::string_view text) {
    return read_shift_calendar_json(text, "cal.json");
}

// Runs the reader on `text`, which must fail with exception type E; returns its what().
template <class E> std::string error_of(std::string_view text) {
    try {
        (void)read(text);
    } catch (const E& e) {
        return e.what();
    } catch (const Error& e) {
        ADD_FAILURE() << "wrong exception type: " << e.what();
        return {};
    }
    ADD_FAILURE() << "expected an error for " << text;
    return {};
}

// A calendar of one shift given by `shift` (the members after "name").
std::string one_shift(std::string_view shift) {
    return std::string(R"({"time_zone": "UTC", "shifts": [{"name": "A", )") + std::string(shift) +
           "}]}";
}

TEST(CalendarInputTest, ReadsEveryLengthForm) {
    const ShiftCalendar c = read(R"({
  "$schema": "../schema/calendar.schema.json",
  "format": "smartkpi-shift-calendar/1",
  "time_zone": "Asia/Shanghai",
  "shifts": [
    {"name": "早班", "start": "06:00", "length_h": 7.5},
    {"name": "中班", "start": "13:30", "length_min": 450},
    {"name": "夜班", "start": "21:00", "end": "06:00", "_comment": "past midnight"}
  ]
})");
    EXPECT_EQ(c.time_zone(), "Asia/Shanghai");
    ASSERT_EQ(c.shifts().size(), 3U);
    EXPECT_EQ(c.shifts()[0].name, "早班");
    EXPECT_EQ(c.shifts()[0].start_minute, 360);
    EXPECT_EQ(c.shifts()[0].length_minutes, 450);
    EXPECT_EQ(c.shifts()[1].start_minute, 810);
    EXPECT_EQ(c.shifts()[1].length_minutes, 450);
    EXPECT_EQ(c.shifts()[2].start_minute, 1260);
    EXPECT_EQ(c.shifts()[2].length_minutes, 540); // 21:00 to 06:00
}

TEST(CalendarInputTest, EndTimes) {
    EXPECT_EQ(read(one_shift(R"("start": "06:00", "end": "14:00")")).shifts()[0].length_minutes,
              480);
    EXPECT_EQ(read(one_shift(R"("start": "22:00", "end": "00:00")")).shifts()[0].length_minutes,
              120);
    // An end equal to the start is a whole day.
    EXPECT_EQ(read(one_shift(R"("start": "06:00", "end": "06:00")")).shifts()[0].length_minutes,
              1440);
    EXPECT_EQ(read(one_shift(R"("start": "00:00", "length_h": 24)")).shifts()[0].length_minutes,
              1440);
    EXPECT_EQ(read(one_shift(R"("start": "23:59", "length_min": 1)")).shifts()[0].start_minute,
              1439);
    EXPECT_EQ(read(one_shift(R"("start": "00:00", "length_h": 0.25)")).shifts()[0].length_minutes,
              15);
}

TEST(CalendarInputTest, ShiftsMayBeEmpty) {
    const ShiftCalendar c = read(R"({"time_zone": "Europe/Berlin", "shifts": []})");
    EXPECT_TRUE(c.shifts().empty());
    EXPECT_EQ(c.canonical(), "Europe/Berlin");
}

TEST(CalendarInputTest, ShippedCalendars) {
    const std::string dir = std::string(SMARTKPI_SOURCE_DIR) + "/data/calendars/";
    const ShiftCalendar shanghai = read_shift_calendar_json(
        read_text_file(dir + "three-shifts-shanghai.json"), "three-shifts-shanghai.json");
    EXPECT_EQ(shanghai.canonical(), "Asia/Shanghai;A@06:00+480;B@14:00+480;C@22:00+480");
    const ShiftCalendar berlin = read_shift_calendar_json(
        read_text_file(dir + "two-shifts-berlin.json"), "two-shifts-berlin.json");
    EXPECT_EQ(berlin.canonical(), "Europe/Berlin;early@06:00+480;late@14:00+480");
}

TEST(CalendarInputTest, SyntaxErrors) {
    EXPECT_EQ(error_of<ParseError>(R"({"time_zone": "UTC", "shifts": [],})"),
              "cal.json:1:35: unexpected character '}'; expected '\"' to start a member name");
    EXPECT_NE(error_of<ParseError>("").find("cal.json:1:1"), std::string::npos);
    EXPECT_NE(error_of<ParseError>(R"({"time_zone": "UTC", "shifts": []} x)").find("cal.json:1:"),
              std::string::npos);
}

TEST(CalendarInputTest, StructureErrors) {
    EXPECT_EQ(error_of<SchemaError>("[]"),
              "cal.json:1:1: expected a shift calendar {\"time_zone\": \"Asia/Shanghai\", "
              "\"shifts\": [...]}, found an array");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": [], "zone": 1})"),
              "cal.json:1:44 (/zone): unknown field \"zone\"; accepted: format, time_zone, shifts");
    EXPECT_EQ(error_of<SchemaError>(R"({"shifts": []})"),
              "cal.json:1:1: missing required field \"time_zone\"");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC"})"),
              "cal.json:1:1: missing required field \"shifts\"");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": 8, "shifts": []})"),
              "cal.json:1:15 (/time_zone): expected a string, found a number");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "", "shifts": []})"),
              "cal.json:1:15 (/time_zone): expected a non-empty string, found an empty string");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": {}})"),
              "cal.json:1:32 (/shifts): expected an array of shifts, found an object");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": ["A"]})"),
              "cal.json:1:33 (/shifts/0): expected a shift {\"name\", \"start\", \"length_h\"}, "
              "found a string");
    EXPECT_EQ(error_of<SchemaError>(
                  R"({"format": "smartkpi-shift-calendar/2", "time_zone": "UTC", "shifts": []})"),
              "cal.json:1:12 (/format): format \"smartkpi-shift-calendar/2\" is not "
              "\"smartkpi-shift-calendar/1\"");
}

TEST(CalendarInputTest, ShiftFieldErrors) {
    // one_shift() puts the shift object at column 33 and the value of "start" at 56.
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "06:00", "lenght_h": 8)")),
              "cal.json:1:77 (/shifts/0/lenght_h): unknown field \"lenght_h\"; accepted: name, "
              "start, length_h, length_min, end");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": [{"start": "06:00", )"
                                    R"("length_h": 8}]})"),
              "cal.json:1:33 (/shifts/0): missing required field \"name\"");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": [{"name": "", )"
                                    R"("start": "06:00", "length_h": 8}]})"),
              "cal.json:1:42 (/shifts/0/name): expected a non-empty string, found an empty "
              "string");
    EXPECT_EQ(error_of<SchemaError>(R"({"time_zone": "UTC", "shifts": [{"name": 1, )"
                                    R"("start": "06:00", "length_h": 8}]})"),
              "cal.json:1:42 (/shifts/0/name): expected a string, found a number");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("length_h": 8)")),
              "cal.json:1:33 (/shifts/0): missing required field \"start\"");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "06:00")")),
              "cal.json:1:33 (/shifts/0): missing the length of the shift: give \"length_h\", "
              "\"length_min\" or \"end\"");
    EXPECT_EQ(
        error_of<SchemaError>(one_shift(R"("start": "06:00", "length_h": 8, "end": "14:00")")),
        "cal.json:1:87 (/shifts/0/end): give the length of a shift once: \"length_h\", "
        "\"length_min\" or \"end\"");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "6:00", "length_h": 8)")),
              "cal.json:1:56 (/shifts/0/start): expected a local time \"HH:MM\" (00:00 to "
              "23:59), found \"6:00\"");
    for (const std::string_view bad : {"24:00", "06:60", "06.00", "06:00:00", "0a:00", ""}) {
        EXPECT_NE(error_of<SchemaError>(
                      one_shift(R"("start": ")" + std::string(bad) + R"(", "length_h": 8)"))
                      .find("(/shifts/0/start): expected a local time \"HH:MM\""),
                  std::string::npos)
            << bad;
    }
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": 600, "length_h": 8)")),
              "cal.json:1:56 (/shifts/0/start): expected a local time \"HH:MM\" (00:00 to "
              "23:59), found a number");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "22:00", "end": "6:00")")),
              "cal.json:1:72 (/shifts/0/end): expected a local time \"HH:MM\" (00:00 to 23:59), "
              "found \"6:00\"");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "06:00", "length_h": "8")")),
              "cal.json:1:77 (/shifts/0/length_h): expected a number of hours, found a string");
    EXPECT_EQ(error_of<SchemaError>(one_shift(R"("start": "06:00", "length_min": 7.5)")),
              "cal.json:1:79 (/shifts/0/length_min): expected a whole number of minutes, found "
              "7.5");
}

TEST(CalendarInputTest, LengthOutOfRange) {
    EXPECT_EQ(error_of<DomainError>(one_shift(R"("start": "06:00", "length_h": 0)")),
              "cal.json:1:77 (/shifts/0/length_h): a shift length must be more than 0 h and at "
              "most 24 h (got 0)");
    EXPECT_NE(error_of<DomainError>(one_shift(R"("start": "06:00", "length_h": 24.5)"))
                  .find("(/shifts/0/length_h): a shift length must be more than 0 h"),
              std::string::npos);
    EXPECT_NE(error_of<DomainError>(one_shift(R"("start": "06:00", "length_h": -8)"))
                  .find("(/shifts/0/length_h)"),
              std::string::npos);
    EXPECT_EQ(error_of<DomainError>(one_shift(R"("start": "06:00", "length_h": 0.3333)")),
              "cal.json:1:77 (/shifts/0/length_h): a shift length of 0.3333 h is not a whole "
              "number of minutes; give \"length_min\" instead");
    EXPECT_EQ(error_of<DomainError>(one_shift(R"("start": "06:00", "length_min": 0)")),
              "cal.json:1:79 (/shifts/0/length_min): a shift length must be 1 to 1440 min (24 h) "
              "(got 0)");
    EXPECT_NE(error_of<DomainError>(one_shift(R"("start": "06:00", "length_min": 1441)"))
                  .find("(/shifts/0/length_min): a shift length must be 1 to 1440 min"),
              std::string::npos);
}

TEST(CalendarInputTest, CalendarErrorsNameTheOffendingValue) {
    EXPECT_EQ(error_of<DomainError>(R"({"time_zone": "Asia/Shangai", "shifts": []})")
                  .rfind("cal.json:1:15 (/time_zone): unknown time zone \"Asia/Shangai\"", 0),
              0U);
    const std::string three = R"({"time_zone": "UTC", "shifts": [
  {"name": "A", "start": "06:00", "length_h": 8},
  {"name": "B", "start": "14:00", "length_h": 8},
  {"name": "A", "start": "22:00", "length_h": 8}
]})";
    EXPECT_EQ(error_of<DomainError>(three), "cal.json:4:3 (/shifts/2): duplicate shift name \"A\"");
    const std::string overlap = R"({"time_zone": "UTC", "shifts": [
  {"name": "N", "start": "22:00", "end": "07:00"},
  {"name": "A", "start": "14:00", "length_h": 6},
  {"name": "B", "start": "06:00", "length_h": 8}
]})";
    EXPECT_EQ(error_of<DomainError>(overlap),
              "cal.json:4:3 (/shifts/2): shifts \"N\" (22:00 + 9 h) and \"B\" (06:00 + 8 h) "
              "overlap across midnight");
    const std::string too_long = R"({"time_zone": "UTC", "shifts": [
  {"name": "A", "start": "00:00", "length_h": 12},
  {"name": "B", "start": "12:00", "length_min": 721}
]})";
    EXPECT_EQ(error_of<DomainError>(too_long),
              "cal.json:3:3 (/shifts/1): the shifts last 24 h 1 min in all, more than a day (24 "
              "h)");
}

} // namespace
} // namespace smartkpi
