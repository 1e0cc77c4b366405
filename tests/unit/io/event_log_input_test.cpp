// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The event-log reader (issue 4 §1, §3): every field kind, quoting, line ends, bad rows,
// gzip and JSON Lines, and the two properties the issue asks to prove — the result does not
// depend on the thread count, and pieces of a log merged give the whole log's result.
// Expected sums are worked by hand from the rows (times in ms, conventions §27).
#include <smartkpi/error.hpp>
#include <smartkpi/io/event_log_input.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <zlib.h>

namespace smartkpi {
namespace {

constexpr std::string_view kHeader =
    "site,line,machine,shift,start,end,state,reason,good,scrap,rework,ideal_cycle_s\n";

EventOptions by(std::string_view dims) {
    EventOptions o;
    o.by = parse_event_grouping(dims);
    return o;
}

EventTable read(std::string_view text, const EventOptions& o, unsigned threads = 1) {
    EventLogReadOptions r;
    r.threads = threads;
    EventTable t = read_event_log_text(text, "log.csv", o, r);
    close_table(t);
    return t;
}

std::string key_text(const EventTable& t, std::size_t i) {
    std::string s;
    bool first = true;
    for (EventDimension d : t.options.by.dims) {
        s += first ? "" : "|";
        s += t.label(d, t.keys[i]);
        first = false;
    }
    return s;
}

const GroupSums& group(const EventTable& t, std::string_view key) {
    for (std::size_t i = 0; i < t.keys.size(); ++i) {
        if (key_text(t, i) == key) {
            return t.sums[i];
        }
    }
    ADD_FAILURE() << "no group " << key;
    static const GroupSums kEmpty;
    return kEmpty;
}

// Every number of two tables, for the equality properties.
void expect_same(const EventTable& a, const EventTable& b) {
    ASSERT_EQ(a.keys.size(), b.keys.size());
    for (std::size_t i = 0; i < a.keys.size(); ++i) {
        ASSERT_EQ(key_text(a, i), key_text(b, i));
        EXPECT_TRUE(a.sums[i] == b.sums[i]) << key_text(a, i);
    }
    ASSERT_EQ(a.reason_sums.size(), b.reason_sums.size());
    for (std::size_t i = 0; i < a.reason_sums.size(); ++i) {
        EXPECT_EQ(a.reason_sums[i].group, b.reason_sums[i].group);
        EXPECT_EQ(a.reasons[a.reason_sums[i].reason], b.reasons[b.reason_sums[i].reason]);
        EXPECT_EQ(a.reason_sums[i].time_ms, b.reason_sums[i].time_ms);
        EXPECT_EQ(a.reason_sums[i].count, b.reason_sums[i].count);
    }
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_EQ(a.skipped_count, b.skipped_count);
}

TEST(EventLogInput, SumsEveryStateIntoTheElements) {
    // One machine, one shift: 06:00-07:00 PRODUCING (100 good, 2 scrap, 1 rework at 30 s),
    // 07:00-07:10 SETUP, 07:10-07:30 DOWN, 07:30-07:40 IDLE, 07:40-08:00 PLANNED_STOP.
    const std::string log = std::string(kHeader) +
                            "S1,L1,M1,A,2026-01-05T06:00:00Z,2026-01-05T07:00:00Z,PRODUCING,,100,2,"
                            "1,30\n"
                            "S1,L1,M1,A,2026-01-05T07:00:00Z,2026-01-05T07:10:00Z,SETUP,changeover,"
                            "0,0,0,\n"
                            "S1,L1,M1,A,2026-01-05T07:10:00Z,2026-01-05T07:30:00Z,DOWN,E1 jam,,,,\n"
                            "S1,L1,M1,A,2026-01-05T07:30:00Z,2026-01-05T07:40:00Z,IDLE,,,,,\n"
                            "S1,L1,M1,A,2026-01-05T07:40:00Z,2026-01-05T08:00:00Z,PLANNED_STOP,"
                            "break,,,,\n";
    const EventTable t = read(log, by("site,line,machine,shift"));
    ASSERT_EQ(t.keys.size(), 1U);
    const GroupSums& s = t.sums[0];
    EXPECT_EQ(s.ms(MachineState::producing), 3600000);
    EXPECT_EQ(s.ms(MachineState::setup), 600000);
    EXPECT_EQ(s.ms(MachineState::down), 1200000);
    EXPECT_EQ(s.ms(MachineState::idle), 600000);
    EXPECT_EQ(s.ms(MachineState::planned_stop), 1200000);
    EXPECT_EQ(s.pbt_ms(), 6000000);
    EXPECT_EQ(s.good, 100U);
    EXPECT_EQ(s.scrap, 2U);
    EXPECT_EQ(s.rework, 1U);
    EXPECT_TRUE(s.ideal_us == static_cast<ExactSum>(103) * 30000000);
    EXPECT_EQ(s.failures, 1U);
    EXPECT_EQ(t.rows, 5U);
    EXPECT_EQ(key_text(t, 0), "S1|L1|M1|A");

    // A = 3600/6000 = 0.6; E = 103·30/3600 = 0.858333…; QR = 100/103; OEE = 3000/6000 = 0.5.
    const EventKpis k = event_kpis(s, t.columns);
    EXPECT_DOUBLE_EQ(k.availability.value(), 0.6);
    EXPECT_DOUBLE_EQ(k.effectiveness.value(), 3090.0 / 3600.0);
    EXPECT_DOUBLE_EQ(k.quality_ratio.value(), 100.0 / 103.0);
    EXPECT_NEAR(k.oee.value(), 0.5, 1e-15);
    EXPECT_DOUBLE_EQ(k.mtbf.value(), 3600.0);
    EXPECT_DOUBLE_EQ(k.mttr.value(), 1200.0);
}

TEST(EventLogInput, ColumnsInAnyOrderAndExtraColumnsIgnored) {
    const std::string log = "state,comment,end,machine,start,good,ideal_cycle_s\n"
                            "PRODUCING,hello,2026-01-05T01:00:00Z,M1,2026-01-05T00:00:00Z,10,1.5\n";
    const EventTable t = read(log, by("machine"));
    ASSERT_EQ(t.keys.size(), 1U);
    EXPECT_EQ(t.sums[0].ms(MachineState::producing), 3600000);
    EXPECT_EQ(t.sums[0].good, 10U);
    EXPECT_TRUE(t.sums[0].ideal_us == 15000000);
    EXPECT_FALSE(t.columns.shift);
    EXPECT_TRUE(t.columns.counts);
    // The missing site and line are empty labels.
    EXPECT_EQ(key_text(t, 0), "||M1");
}

TEST(EventLogInput, QuotingCrlfBomAndEmptyLines) {
    const std::string log =
        "\xEF\xBB\xBF" + std::string("machine,start,end,state,reason\r\n") +
        "\r\n"
        "\"M,1\",2026-01-05T00:00:00Z,2026-01-05T00:30:00Z,DOWN,\"say \"\"hi\"\"\"\r\n"
        "\n"
        "\"M,1\",2026-01-05T00:30:00Z,2026-01-05T01:00:00Z,DOWN,\"two\nlines\"\r\n"
        "M2,2026-01-05T00:00:00Z,2026-01-05T00:10:00Z,IDLE,\r\n";
    EventOptions o = by("machine");
    o.reasons = true;
    const EventTable t = read(log, o);
    ASSERT_EQ(t.keys.size(), 2U);
    EXPECT_EQ(key_text(t, 0), "||M,1");
    EXPECT_EQ(t.sums[0].ms(MachineState::down), 3600000);
    // Two contiguous DOWN rows are one failure episode (conventions §26).
    EXPECT_EQ(t.sums[0].failures, 1U);
    EXPECT_EQ(t.rows, 3U);
    ASSERT_EQ(t.reasons.size(), 3U);
    EXPECT_EQ(t.reasons[0], "");
    EXPECT_EQ(t.reasons[1], "say \"hi\"");
    EXPECT_EQ(t.reasons[2], "two\nlines");
}

TEST(EventLogInput, LineNumbersCountLinesInsideQuotes) {
    const std::string log = "machine,start,end,state,reason\n"
                            "M1,2026-01-05T00:00:00Z,2026-01-05T00:30:00Z,DOWN,\"a\nb\"\n"
                            "M1,2026-01-05T00:30:00Z,2026-01-05T00:20:00Z,DOWN,\n";
    try {
        read(log, by("machine"));
        FAIL() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().line, 4U);
        EXPECT_EQ(e.where().column, 25U);
        EXPECT_EQ(e.where().json_pointer, "end");
        EXPECT_NE(e.message().find("before start"), std::string::npos) << e.what();
    }
}

TEST(EventLogInput, TimestampsWithOffsetsAndMilliseconds) {
    const std::string log = "machine,start,end,state\n"
                            "M1,2026-01-05T14:00:00+08:00,2026-01-05T06:00:01.250Z,PRODUCING\n"
                            "M1,2026-01-05 06:00:01.250Z,2026-01-05T06:00:02,IDLE\n";
    const EventTable t = read(log, by("all"));
    EXPECT_EQ(t.sums[0].ms(MachineState::producing), 1250);
    EXPECT_EQ(t.sums[0].ms(MachineState::idle), 750);
}

TEST(EventLogInput, HugeValues) {
    const std::string log =
        "machine,start,end,state,good,ideal_cycle_s\n"
        "M1,2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,PRODUCING,4000000000000000000,"
        "0.0000015\n"
        "M1,2026-01-06T00:00:00Z,2026-01-07T00:00:00Z,PRODUCING,4000000000000000000,"
        "123456.123456\n";
    const EventTable t = read(log, by("all"));
    EXPECT_EQ(t.sums[0].good, 8000000000000000000U);
    // 1.5 µs rounds half up to 2 µs; the sum needs more than 64 bits.
    const ExactSum expected = static_cast<ExactSum>(4000000000000000000ULL) * 2 +
                              static_cast<ExactSum>(4000000000000000000ULL) * 123456123456LL;
    EXPECT_TRUE(t.sums[0].ideal_us == expected);

    const std::string too_large = "machine,start,end,state,good\n"
                                  "M1,2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,PRODUCING,"
                                  "18446744073709551616\n";
    EXPECT_THROW(read(too_large, by("all")), DataError);
}

struct BadRow {
    const char* row;
    const char* field;
    std::size_t column;
    const char* message;
};

class EventLogBadRows : public ::testing::TestWithParam<BadRow> {};

TEST_P(EventLogBadRows, FailNamesTheFieldAndSkipListsIt) {
    const BadRow& c = GetParam();
    const std::string log =
        std::string("machine,start,end,state,good,scrap,rework,ideal_cycle_s\n") +
        "M0,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,1,0,0,1\n" + c.row + "\n" +
        "M9,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,IDLE,,,,\n";
    try {
        read(log, by("machine"));
        FAIL() << "no error for " << c.row;
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().source, "log.csv");
        EXPECT_EQ(e.where().line, 3U);
        EXPECT_EQ(e.where().column, c.column) << e.what();
        EXPECT_EQ(e.where().json_pointer, c.field) << e.what();
        EXPECT_NE(e.message().find(c.message), std::string::npos) << e.what();
    }
    EventOptions o = by("machine");
    o.on_error = OnError::skip;
    const EventTable t = read(log, o);
    EXPECT_EQ(t.skipped_count, 1U);
    ASSERT_EQ(t.skipped.size(), 1U);
    EXPECT_EQ(t.skipped[0].line, 3U);
    EXPECT_EQ(t.rows, 3U);
    EXPECT_EQ(t.keys.size(), 2U); // M0 and M9; the bad row added nothing
    ASSERT_EQ(t.warnings.size(), 1U);
    EXPECT_NE(t.warnings[0].find("1 of 3 rows skipped"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds,
    EventLogBadRows,
    ::testing::Values(
        BadRow{"M1,2026-13-05T00:00:00Z,2026-01-05T01:00:00Z,IDLE,,,,", "start", 4, "month 13"},
        BadRow{"M1,yesterday,2026-01-05T01:00:00Z,IDLE,,,,", "start", 4, "not a timestamp"},
        BadRow{"M1,2026-01-05T02:00:00Z,2026-01-05T01:00:00Z,IDLE,,,,", "end", 25, "before start"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,RUNNING,,,,", "state", 46,
               "unknown state 'RUNNING'"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,-3,0,0,1", "good", 56,
               "negative"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,3,x,0,1", "scrap", 58,
               "not a non-negative integer"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,3,0,1.5,1", "rework", 60,
               "not a non-negative integer"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,3,0,0,", "ideal_cycle_s", 62,
               "empty"},
        BadRow{"M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,PRODUCING,3,0,0,fast", "ideal_cycle_s",
               62, "not a number"},
        BadRow{",2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,IDLE,,,,", "machine", 1, "empty"},
        BadRow{"M1,2026-01-05T00:00:00Z", "", 24, "fields"},
        BadRow{"M\xC3"
               "1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,IDLE,,,,",
               "", 2, "not valid UTF-8"},
        BadRow{"M0,2026-01-05T00:30:00Z,2026-01-05T02:00:00Z,IDLE,,,,", "start", 4,
               "must not overlap"}));

TEST(EventLogInput, SkipListsTheFirstRowsByPosition) {
    std::string log = "machine,start,end,state\n";
    for (int i = 0; i < 30; ++i) {
        log += fmt::format("M{},2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,{}\n", i % 3,
                           i % 2 == 0 ? "BAD" : "IDLE");
    }
    EventOptions o = by("machine");
    o.on_error = OnError::skip;
    o.max_listed = 4;
    for (unsigned threads : {1U, 2U, 3U}) {
        const EventTable t = read(log, o, threads);
        // 15 unknown states; of the 15 IDLE rows, the ones after a machine's first overlap.
        EXPECT_EQ(t.skipped_count, 27U);
        ASSERT_EQ(t.skipped.size(), 4U);
        EXPECT_EQ(t.skipped[0].line, 2U);
        EXPECT_EQ(t.skipped[1].line, 4U);
        EXPECT_EQ(t.skipped[2].line, 6U);
        EXPECT_EQ(t.skipped[3].line, 8U);
    }
}

TEST(EventLogInput, EmptyAndHeaderless) {
    EXPECT_THROW(read("", by("all")), DataError);
    EXPECT_THROW(read("\n\n", by("all")), DataError);
    const EventTable t = read("machine,start,end,state\n", by("all"));
    EXPECT_TRUE(t.keys.empty());
    EXPECT_THROW(read("machine,start,state\nM1,2026-01-05T00:00:00Z,IDLE\n", by("all")),
                 SchemaError);
    EXPECT_THROW(read("machine,start,end,state\n", by("shift")), UsageError);
}

TEST(EventLogInput, JsonLinesGiveTheSameSums) {
    const std::string csv = std::string(kHeader) +
                            "S1,L1,M1,A,2026-01-05T06:00:00Z,2026-01-05T07:00:00Z,PRODUCING,,100,2,"
                            "1,0.5\n"
                            "S1,L1,M1,A,2026-01-05T07:00:00Z,2026-01-05T07:10:00Z,DOWN,\"E\\u1\","
                            ",,,\n";
    const std::string jsonl =
        "{\"site\":\"S1\",\"line\":\"L1\",\"machine\":\"M1\",\"shift\":\"A\",\"start\":"
        "\"2026-01-05T06:00:00Z\",\"end\":\"2026-01-05T07:00:00Z\",\"state\":\"PRODUCING\","
        "\"reason\":null,\"good\":100,\"scrap\":2,\"rework\":1,\"ideal_cycle_s\":0.5}\n"
        "  {\"site\":\"S1\", \"line\":\"L1\", \"machine\":\"M\\u0031\", \"shift\":\"A\", "
        "\"start\":\"2026-01-05T07:00:00Z\", \"end\":\"2026-01-05T07:10:00Z\", "
        "\"state\":\"DOWN\", \"reason\":\"E\\\\u1\", \"extra\": 5}\n";
    EventOptions o = by("site,line,machine,shift");
    o.reasons = true;
    const EventTable a = read(csv, o);
    const EventTable b = read(jsonl, o);
    expect_same(a, b);
    EXPECT_TRUE(b.columns.counts);
    EXPECT_TRUE(b.columns.shift);

    EXPECT_THROW(read("{\"machine\": \"M1\", \"start\": [1]}\n", o), DataError);
    // Other keys may hold any JSON value: ignored like extra CSV columns.
    const EventTable extra =
        read("{\"machine\": \"M1\", \"meta\": {\"a\": [1, \"}\"]}, \"ok\": true, \"start\": "
             "\"2026-01-05T00:00:00Z\", \"end\": \"2026-01-05T01:00:00Z\", \"state\": \"IDLE\"}\n",
             by("all"));
    EXPECT_EQ(extra.sums[0].ms(MachineState::idle), 3600000);
    EXPECT_THROW(read("{\"machine\": \"M1\", \"machine\": \"M2\"}\n", o), DataError);
}

TEST(EventLogInput, GzipIsReadDirectly) {
    const std::string log = std::string(kHeader) +
                            "S1,L1,M1,A,2026-01-05T06:00:00Z,2026-01-05T07:00:00Z,PRODUCING,,100,2,"
                            "1,0.5\n";
    const auto dir = std::filesystem::temp_directory_path() / "smartkpi_event_gz_test";
    std::filesystem::create_directories(dir);
    const std::string plain = (dir / "log.csv").string();
    const std::string gz = (dir / "log.csv.gz").string();
    std::ofstream(plain) << log;
    // Two gzip members (concatenated files) of the two halves.
    gzFile f = gzopen(gz.c_str(), "wb");
    gzwrite(f, log.data(), 40);
    gzclose(f);
    f = gzopen(gz.c_str(), "ab");
    gzwrite(f, log.data() + 40, static_cast<unsigned>(log.size() - 40));
    gzclose(f);
    const EventOptions o = by("machine");
    EventTable a = read_event_log(plain, o);
    EventTable b = read_event_log(gz, o);
    close_table(a);
    close_table(b);
    expect_same(a, b);

    // A truncated gzip file is a data error, not a short result.
    std::string bytes;
    {
        std::ifstream in(gz, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(gz, std::ios::binary) << bytes.substr(0, bytes.size() - 12);
    EXPECT_THROW(read_event_log(gz, o), DataError);
    EXPECT_THROW(read_event_log((dir / "missing.csv").string(), o), InputError);
    std::filesystem::remove_all(dir);
}

TEST(EventLogInput, CalendarSplitsAtShiftBoundaries) {
    // Asia/Shanghai shifts A 06:00, B 14:00, C 22:00 (UTC 22:00, 06:00, 14:00).
    auto cal = std::make_shared<ShiftCalendar>(
        "Asia/Shanghai",
        std::vector<ShiftDefinition>{{"A", 360, 480}, {"B", 840, 480}, {"C", 1320, 480}});
    EventOptions o = by("machine,shift");
    o.calendar = cal;
    // 05:00Z-15:00Z local 13:00-23:00: 1 h in A of 01-05, 8 h in B, 1 h in C; counts to C;
    // the DOWN row 15:00Z-23:00Z (local 23:00-07:00) spans C and A of 01-06; its failure
    // goes to the segment of its start (C of 01-05).
    const std::string log = "machine,start,end,state,good,ideal_cycle_s\n"
                            "M1,2026-01-05T05:00:00Z,2026-01-05T15:00:00Z,PRODUCING,50,60\n"
                            "M1,2026-01-05T15:00:00Z,2026-01-05T23:00:00Z,DOWN,,\n"
                            "M1,2026-01-05T23:30:00Z,2026-01-06T00:00:00Z,IDLE,,\n";
    const EventTable t = read(log, o);
    ASSERT_EQ(t.keys.size(), 4U);
    EXPECT_EQ(group(t, "||M1|2026-01-05/A").ms(MachineState::producing), 3600000);
    EXPECT_EQ(group(t, "||M1|2026-01-05/B").ms(MachineState::producing), 8 * 3600000);
    const GroupSums& c = group(t, "||M1|2026-01-05/C");
    EXPECT_EQ(c.ms(MachineState::producing), 3600000);
    EXPECT_EQ(c.good, 50U);
    EXPECT_EQ(c.ms(MachineState::down), 7 * 3600000);
    EXPECT_EQ(c.failures, 1U);
    const GroupSums& a6 = group(t, "||M1|2026-01-06/A");
    EXPECT_EQ(a6.ms(MachineState::down), 3600000);
    EXPECT_EQ(a6.failures, 0U);
    // 23:00Z-23:30Z is uncovered shift time: a gap, not a state.
    EXPECT_EQ(a6.gap_ms, 1800000);
    EXPECT_EQ(a6.gaps, 1U);
    EXPECT_EQ(a6.ms(MachineState::idle), 1800000);

    // By day: the production day of the night shift is the day it started.
    EventOptions d = by("day");
    d.calendar = cal;
    const EventTable days = read(log, d);
    ASSERT_EQ(days.keys.size(), 2U);
    EXPECT_EQ(group(days, "2026-01-05").pbt_ms(), 17 * 3600000);
    EXPECT_EQ(group(days, "2026-01-06").pbt_ms(), 3600000 + 1800000);
}

TEST(EventLogInput, DaysWeeksMonthsWithoutCalendarAreUtc) {
    const std::string log = "machine,start,end,state\n"
                            "M1,2026-01-31T23:00:00Z,2026-02-01T01:00:00Z,PRODUCING\n"
                            "M1,2026-02-01T01:00:00Z,2026-02-02T00:30:00Z,IDLE\n";
    const EventTable days = read(log, by("day"));
    ASSERT_EQ(days.keys.size(), 3U);
    EXPECT_EQ(group(days, "2026-01-31").pbt_ms(), 3600000);
    EXPECT_EQ(group(days, "2026-02-01").pbt_ms(), 24 * 3600000);
    EXPECT_EQ(group(days, "2026-02-02").pbt_ms(), 1800000);
    const EventTable months = read(log, by("month"));
    ASSERT_EQ(months.keys.size(), 2U);
    EXPECT_EQ(group(months, "2026-01").pbt_ms(), 3600000);
    // 2026-02-01 is a Sunday (ISO week 5), 2026-02-02 a Monday (week 6).
    const EventTable weeks = read(log, by("week"));
    ASSERT_EQ(weeks.keys.size(), 2U);
    EXPECT_EQ(group(weeks, "2026-W05").pbt_ms(), 25 * 3600000);
    EXPECT_EQ(group(weeks, "2026-W06").pbt_ms(), 1800000);
}

TEST(EventLogInput, MinimumFailureLength) {
    const std::string log = "machine,start,end,state\n"
                            "M1,2026-01-05T00:00:00Z,2026-01-05T00:00:30Z,DOWN\n"
                            "M1,2026-01-05T00:00:30Z,2026-01-05T01:00:00Z,PRODUCING\n"
                            "M1,2026-01-05T01:00:00Z,2026-01-05T01:00:40Z,DOWN\n"
                            "M1,2026-01-05T01:00:40Z,2026-01-05T01:01:00Z,DOWN\n"
                            "M1,2026-01-05T01:01:00Z,2026-01-05T02:00:00Z,PRODUCING\n"
                            "M1,2026-01-05T02:00:00Z,2026-01-05T02:00:10Z,DOWN\n";
    EXPECT_EQ(read(log, by("all")).sums[0].failures, 3U);
    EventOptions o = by("all");
    o.min_failure_ms = 60000;
    // Only the joined 40 s + 20 s episode lasts a minute.
    EXPECT_EQ(read(log, o).sums[0].failures, 1U);
}

// A deterministic synthetic log: machines in time order, every state, DOWN runs, gaps,
// intervals across shift boundaries.
std::string synthetic_log(int rows, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::string log(kHeader);
    constexpr int kMachines = 17;
    std::vector<std::int64_t> t(kMachines, 1767585600); // 2026-01-05T04:00:00Z
    static constexpr std::array<const char*, 5> kStates = {"PRODUCING", "SETUP", "DOWN",
                                                           "PLANNED_STOP", "IDLE"};
    static constexpr std::array<const char*, 4> kReasons = {"E1 jam", "E2 tool", "", "M3"};
    for (int i = 0; i < rows; ++i) {
        const auto m = static_cast<int>(rng() % kMachines);
        if (rng() % 10 == 0) {
            t[static_cast<std::size_t>(m)] += static_cast<std::int64_t>(rng() % 900); // a gap
        }
        const std::int64_t start = t[static_cast<std::size_t>(m)];
        const std::int64_t len = static_cast<std::int64_t>(rng() % 7200);
        const std::size_t s = rng() % 3 == 0 ? 2 : rng() % 5;
        const bool producing = s == 0;
        log += fmt::format("S{},L{},M{},X{},{},{},{},{},{},{},{},{}\n", m % 3, m % 2, m, i % 4,
                           format_timestamp(start), format_timestamp(start + len), kStates[s],
                           producing ? "" : kReasons[rng() % 4], producing ? rng() % 500 : 0,
                           producing ? rng() % 5 : 0, producing ? rng() % 3 : 0,
                           producing ? fmt::format("{}.{}", 1 + rng() % 9, rng() % 1000) : "");
        t[static_cast<std::size_t>(m)] = start + len;
    }
    return log;
}

TEST(EventLogInput, ResultDoesNotDependOnTheThreadCount) {
    const std::string log = synthetic_log(20000, 42);
    auto cal = std::make_shared<ShiftCalendar>(
        "Asia/Shanghai",
        std::vector<ShiftDefinition>{{"A", 360, 480}, {"B", 840, 480}, {"C", 1320, 480}});
    for (const char* dims : {"site,line,machine,shift", "site", "line,week", "all"}) {
        for (bool with_calendar : {false, true}) {
            EventOptions o = by(dims);
            o.reasons = true;
            o.min_failure_ms = with_calendar ? 600000 : 0;
            if (with_calendar) {
                o.calendar = cal;
            }
            const EventTable one = read(log, o, 1);
            ASSERT_FALSE(one.keys.empty());
            for (unsigned threads : {2U, 3U, 8U}) {
                SCOPED_TRACE(
                    fmt::format("{} calendar={} threads={}", dims, with_calendar, threads));
                expect_same(one, read(log, o, threads));
            }
        }
    }
}

TEST(EventLogInput, FilesAreReadThroughMappedWindows) {
    // More than two 4 MiB windows, so that windows are mapped and unmapped behind.
    const std::string log = synthetic_log(130000, 11);
    ASSERT_GT(log.size(), 9U << 20); // about 9.5 MB
    const auto path = std::filesystem::temp_directory_path() / "smartkpi_event_map_test.csv";
    std::ofstream(path, std::ios::binary) << log;
    EventOptions o = by("site,line,machine,shift");
    o.reasons = true;
    const EventTable text = read(log, o);
    for (unsigned threads : {1U, 2U}) {
        EventLogReadOptions r;
        r.threads = threads;
        EventTable file = read_event_log(path.string(), o, r);
        close_table(file);
        EXPECT_EQ(file.bytes, log.size());
        expect_same(text, file);
    }
    std::filesystem::remove(path);
}

// Workers on consecutive regions of a file (the fast path for plain files and
// --on-error fail): the seams are joined, so every number equals one pass, and a bad row at a
// region's start is found as it is by one pass.
TEST(EventLogInput, RegionsOfAFileGiveOnePassResult) {
    const std::string log = synthetic_log(8000, 5);
    const auto path = std::filesystem::temp_directory_path() / "smartkpi_event_regions_test.csv";
    std::ofstream(path, std::ios::binary) << log;
    auto cal = std::make_shared<ShiftCalendar>(
        "Asia/Shanghai", std::vector<ShiftDefinition>{{"A", 360, 480}, {"B", 840, 420}});
    for (const char* dims : {"site,line,machine,shift", "machine,day", "site"}) {
        EventOptions o = by(dims);
        o.calendar = std::string_view(dims) == "site" ? nullptr : cal;
        o.min_failure_ms = 600000;
        const EventTable one = read(log, o);
        for (unsigned threads : {2U, 3U, 7U}) {
            EventLogReadOptions r;
            r.threads = threads;
            r.min_region_bytes = 1000;
            EventTable t = read_event_log(path.string(), o, r);
            close_table(t);
            SCOPED_TRACE(fmt::format("{} threads={}", dims, threads));
            expect_same(one, t);
        }
    }
    // A bad row: the same first error, whatever the regions.
    std::string bad = log;
    const std::size_t at = bad.find("\n", bad.size() / 2) + 1; // a row start near a region's
    bad.insert(at, "M99,2026-01-05T00:00:00Z\n");
    std::ofstream(path, std::ios::binary) << bad;
    std::string expected;
    try {
        read(bad, by("machine"));
    } catch (const DataError& e) {
        expected = e.what();
    }
    ASSERT_FALSE(expected.empty());
    for (unsigned threads : {2U, 5U}) {
        EventLogReadOptions r;
        r.threads = threads;
        r.min_region_bytes = 1000;
        try {
            read_event_log(path.string(), by("machine"), r);
            ADD_FAILURE() << "no error";
        } catch (const DataError& e) {
            EXPECT_EQ(std::string(e.what()).substr(std::string(e.what()).find(':')),
                      expected.substr(expected.find(':')));
        }
    }
    // An interval at the start of the second region that overlaps its machine's last one
    // in the first: found at the seam, reported as one pass reports it.
    {
        // Find a row start B such that, with a copy of the row before it inserted at B, the
        // second region starts exactly at the copy: then the copy is its machine's first
        // interval in region 2 and overlaps the machine's last one in region 1.
        const std::size_t h = log.find('\n') + 1;
        std::string overlapping;
        for (std::size_t b = log.find('\n', h + (log.size() - h) / 2) + 1; b > h;
             b = log.rfind('\n', b - 2) + 1) {
            const std::size_t prev = log.rfind('\n', b - 2) + 1;
            const std::string copy = log.substr(prev, b - prev);
            const std::size_t size = log.size() + copy.size();
            std::string candidate = log;
            candidate.insert(b, copy);
            if (candidate.find('\n', h + (size - h) / 2) + 1 == b) {
                overlapping = std::move(candidate);
                break;
            }
        }
        ASSERT_FALSE(overlapping.empty());
        std::ofstream(path, std::ios::binary) << overlapping;
        std::string one;
        try {
            read(overlapping, by("machine"));
        } catch (const DataError& e) {
            one = e.what();
        }
        ASSERT_NE(one.find("must not overlap"), std::string::npos) << one;
        EventLogReadOptions r2;
        r2.threads = 2;
        r2.min_region_bytes = 1000;
        try {
            read_event_log(path.string(), by("machine"), r2);
            ADD_FAILURE() << "no error";
        } catch (const DataError& e) {
            EXPECT_EQ(std::string(e.what()).substr(std::string(e.what()).find(':')),
                      one.substr(one.find(':')));
        }
    }
    // A log with a double quote is read the general way (a region might start inside one).
    const std::string quoted = std::string("machine,start,end,state,reason\n") +
                               "M1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,DOWN,\"a\nb\"\n" +
                               "M1,2026-01-05T01:00:00Z,2026-01-05T02:00:00Z,DOWN,x\n";
    std::ofstream(path, std::ios::binary) << quoted;
    EventLogReadOptions r;
    r.threads = 2;
    r.min_region_bytes = 10;
    EventTable q = read_event_log(path.string(), by("machine"), r);
    close_table(q);
    ASSERT_EQ(q.keys.size(), 1U);
    EXPECT_EQ(q.sums[0].failures, 1U);
    EXPECT_EQ(q.sums[0].ms(MachineState::down), 7200000);
    std::filesystem::remove(path);
}

TEST(EventLogInput, PiecesMergedGiveTheWholeLog) {
    const std::string log = synthetic_log(6000, 7);
    std::vector<std::size_t> starts; // offsets of the rows
    for (std::size_t p = log.find('\n') + 1; p < log.size(); p = log.find('\n', p) + 1) {
        starts.push_back(p);
    }
    auto cal = std::make_shared<ShiftCalendar>(
        "Asia/Shanghai", std::vector<ShiftDefinition>{{"A", 360, 480}, {"B", 840, 420}});
    std::mt19937 rng(3);
    for (const char* dims : {"site,line,machine,shift", "machine,day", "site"}) {
        for (int pieces : {2, 3, 7}) {
            EventOptions o = by(dims);
            o.reasons = true;
            o.calendar = pieces == 3 ? nullptr : cal;
            o.min_failure_ms = pieces == 7 ? 900000 : 0;
            const EventTable whole = read(log, o);
            // Cut at random row boundaries; each piece gets the header.
            std::vector<std::size_t> cuts;
            for (int i = 1; i < pieces; ++i) {
                cuts.push_back(starts[rng() % starts.size()]);
            }
            cuts.push_back(starts.front());
            cuts.push_back(log.size());
            std::sort(cuts.begin(), cuts.end());
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
            std::vector<EventTable> parts;
            for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
                const std::string piece =
                    std::string(kHeader) + log.substr(cuts[i], cuts[i + 1] - cuts[i]);
                EventLogReadOptions r;
                r.threads = 1 + static_cast<unsigned>(i % 2);
                parts.push_back(read_event_log_text(piece, "piece", o, r));
            }
            EventTable merged = merge_tables(std::move(parts));
            close_table(merged);
            SCOPED_TRACE(fmt::format("{} pieces={}", dims, pieces));
            expect_same(whole, merged);
        }
    }
}

TEST(EventLogInput, MergeRefusesMixedOptionsAndOverlappingPieces) {
    const std::string a =
        "machine,start,end,state\nM1,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,IDLE\n";
    const std::string b =
        "machine,start,end,state\nM1,2026-01-05T00:30:00Z,2026-01-05T02:00:00Z,IDLE\n";
    const EventOptions o = by("machine");
    std::vector<EventTable> parts;
    parts.push_back(read_event_log_text(a, "a", o));
    parts.push_back(read_event_log_text(b, "b", o));
    EXPECT_THROW(merge_tables(std::move(parts)), DataError);
    std::vector<EventTable> mixed;
    mixed.push_back(read_event_log_text(a, "a", o));
    mixed.push_back(read_event_log_text(a, "a", by("site")));
    EXPECT_THROW(merge_tables(std::move(mixed)), DataError);
}

TEST(EventGrouping, ParsesPrefixesAndTimeDimensions) {
    EXPECT_EQ(parse_event_grouping("site,line,machine,shift").text(), "site,line,machine,shift");
    EXPECT_EQ(parse_event_grouping("machine").text(), "site,line,machine");
    EXPECT_EQ(parse_event_grouping("line,week").text(), "site,line,week");
    EXPECT_EQ(parse_event_grouping("day").text(), "day");
    EXPECT_EQ(parse_event_grouping("all").text(), "all");
    EXPECT_EQ(parse_event_grouping("machine,shift").text(), "site,line,machine,shift");
    EXPECT_THROW(parse_event_grouping("machine,site"), UsageError);
    EXPECT_THROW(parse_event_grouping("day,site"), UsageError);
    EXPECT_THROW(parse_event_grouping("day,week"), UsageError);
    EXPECT_THROW(parse_event_grouping("site,site"), UsageError);
    EXPECT_THROW(parse_event_grouping("plant"), UsageError);
    EXPECT_THROW(parse_event_grouping(""), UsageError);
}

} // namespace
} // namespace smartkpi
