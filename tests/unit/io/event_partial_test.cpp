// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/io/event_partial_input.hpp>
#include <smartkpi/model/shift_calendar.hpp>
#include <smartkpi/report/event_report.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using smartkpi::EventKey;
using smartkpi::EventTable;
using smartkpi::ExactSum;
using smartkpi::GroupSums;
using smartkpi::MachineSeam;
using smartkpi::MachineState;
using smartkpi::ReasonSums;
using smartkpi::RowProblem;

EventKey key(std::uint32_t site,
             std::uint32_t line,
             std::uint32_t machine,
             std::uint32_t shift,
             std::int32_t time = 0) {
    EventKey k;
    k.ids = {site, line, machine, shift};
    k.time = time;
    return k;
}

// A table as a log piece leaves it: two machines, reasons, seams with open runs, skipped rows
// and warnings, sums beyond 2^64 and beyond 2^53.
EventTable piece() {
    EventTable t;
    t.options.by = smartkpi::parse_event_grouping("site,line,machine,shift");
    t.options.min_failure_ms = 60'000;
    t.options.reasons = true;
    t.options.on_error = smartkpi::OnError::skip;
    t.options.max_listed = 5;
    t.columns = {true, true, true, false};
    t.labels[0] = {"S01", "上海"};
    t.labels[1] = {"L1"};
    t.labels[2] = {"M \"1\"", "M,2"};
    t.labels[3] = {"2026-01-05/A", "2026-01-05/B"};
    t.keys = {key(0, 0, 0, 0), key(0, 0, 0, 1), key(1, 0, 1, 1)};
    GroupSums a;
    a.state_ms = {25'200'000, 1'800'000, 1'800'000, 3'600'000, 1};
    a.good = 18'446'744'073'709'551'615ULL; // 2^64 - 1
    a.scrap = 9'007'199'254'740'993ULL;     // 2^53 + 1: not a double
    a.rework = 0;
    a.ideal_us = (ExactSum{1} << 100) + 7; // > 2^64
    a.failures = 3;
    a.segments = 12;
    a.gap_ms = 42;
    a.gaps = 1;
    GroupSums b;
    b.state_ms = {1, 2, 3, 4, 5};
    b.segments = 1;
    GroupSums c;
    c.state_ms = {0, 0, 7'200'000, 0, 0};
    c.failures = 1;
    t.sums = {a, b, c};
    t.reasons = {"", "belt, worn", "jam"};
    t.reason_sums = {ReasonSums{0, MachineState::setup, 0, 1'800'000, 1},
                     ReasonSums{0, MachineState::down, 1, 1'000'000, 2},
                     ReasonSums{0, MachineState::down, 2, 800'000, 1},
                     ReasonSums{2, MachineState::down, 2, 7'200'000, 1}};
    MachineSeam m1;
    m1.ids = {0, 0, 0};
    m1.first_start_ms = 1'767'592'800'000;
    m1.first_end_ms = 1'767'596'400'000;
    m1.first_state = MachineState::down;
    m1.first_line = 2;
    m1.last_start_ms = 1'767'621'600'000;
    m1.last_end_ms = 1'767'625'200'000;
    m1.last_state = MachineState::down;
    m1.head_ms = 3'600'000;
    m1.head_key = key(0, 0, 0, 0);
    m1.head_open = false;
    m1.tail_ms = 3'600'000;
    m1.tail_key = key(0, 0, 0, 1);
    MachineSeam m2;
    m2.ids = {1, 0, 1};
    m2.first_start_ms = -5; // before 1970: signed
    m2.first_end_ms = 10;
    m2.first_state = MachineState::idle;
    m2.first_line = 9;
    m2.last_start_ms = 10;
    m2.last_end_ms = 20;
    m2.last_state = MachineState::planned_stop;
    m2.head_ms = 7'200'000;
    m2.head_key = key(1, 0, 1, 1);
    m2.head_open = true;
    t.machines = {m1, m2};
    t.skipped = {RowProblem{"log-1.csv", 100, 3, 7, "start", "not a time: \"2026-13-01\""},
                 RowProblem{"", 250, 6, 1, "row", "line\nbreak and tab\t and \\ backslash"}};
    t.skipped_count = 12;
    t.rows = 40;
    t.bytes = 1234;
    t.warnings = {"first warning", "二"};
    return t;
}

std::string write(const EventTable& t) {
    std::ostringstream out;
    smartkpi::write_event_partial(out, t);
    return out.str();
}

void expect_same(const EventTable& a, const EventTable& b) {
    EXPECT_EQ(a.options.fingerprint(), b.options.fingerprint());
    EXPECT_EQ(a.options.by, b.options.by);
    EXPECT_EQ(a.options.min_failure_ms, b.options.min_failure_ms);
    EXPECT_EQ(a.options.reasons, b.options.reasons);
    EXPECT_EQ(a.options.on_error, b.options.on_error);
    EXPECT_EQ(a.options.max_listed, b.options.max_listed);
    EXPECT_EQ(a.options.calendar == nullptr, b.options.calendar == nullptr);
    if (a.options.calendar && b.options.calendar) {
        EXPECT_EQ(a.options.calendar->canonical(), b.options.calendar->canonical());
    }
    EXPECT_EQ(a.columns, b.columns);
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.keys, b.keys);
    EXPECT_EQ(a.sums, b.sums);
    EXPECT_EQ(a.reasons, b.reasons);
    ASSERT_EQ(a.reason_sums.size(), b.reason_sums.size());
    for (std::size_t i = 0; i < a.reason_sums.size(); ++i) {
        const ReasonSums& x = a.reason_sums[i];
        const ReasonSums& y = b.reason_sums[i];
        EXPECT_EQ(x.group, y.group);
        EXPECT_EQ(x.state, y.state);
        EXPECT_EQ(x.reason, y.reason);
        EXPECT_EQ(x.time_ms, y.time_ms);
        EXPECT_EQ(x.count, y.count);
    }
    ASSERT_EQ(a.machines.size(), b.machines.size());
    for (std::size_t i = 0; i < a.machines.size(); ++i) {
        const MachineSeam& x = a.machines[i];
        const MachineSeam& y = b.machines[i];
        EXPECT_EQ(x.ids, y.ids);
        EXPECT_EQ(x.first_start_ms, y.first_start_ms);
        EXPECT_EQ(x.first_end_ms, y.first_end_ms);
        EXPECT_EQ(x.first_state, y.first_state);
        EXPECT_EQ(x.first_line, y.first_line);
        EXPECT_EQ(x.last_start_ms, y.last_start_ms);
        EXPECT_EQ(x.last_end_ms, y.last_end_ms);
        EXPECT_EQ(x.last_state, y.last_state);
        EXPECT_EQ(x.head_ms, y.head_ms);
        EXPECT_EQ(x.head_key, y.head_key);
        EXPECT_EQ(x.head_open, y.head_open);
        EXPECT_EQ(x.tail_ms, y.tail_ms);
        EXPECT_EQ(x.tail_key, y.tail_key);
    }
    ASSERT_EQ(a.skipped.size(), b.skipped.size());
    for (std::size_t i = 0; i < a.skipped.size(); ++i) {
        EXPECT_EQ(a.skipped[i].source, b.skipped[i].source);
        EXPECT_EQ(a.skipped[i].offset, b.skipped[i].offset);
        EXPECT_EQ(a.skipped[i].line, b.skipped[i].line);
        EXPECT_EQ(a.skipped[i].column, b.skipped[i].column);
        EXPECT_EQ(a.skipped[i].field, b.skipped[i].field);
        EXPECT_EQ(a.skipped[i].message, b.skipped[i].message);
    }
    EXPECT_EQ(a.skipped_count, b.skipped_count);
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_EQ(a.bytes, b.bytes);
    EXPECT_EQ(a.warnings, b.warnings);
    EXPECT_EQ(a.closed, b.closed);
}

TEST(EventPartialTest, RoundTripIsExact) {
    const EventTable t = piece();
    const std::string text = write(t);
    const EventTable back = smartkpi::read_event_partial(text, "p.jsonl");
    expect_same(t, back);
    EXPECT_EQ(write(back), text);
    // Integers are JSON integers; the 128-bit ideal time a decimal string.
    EXPECT_NE(text.find("\"good\":18446744073709551615,\"scrap\":9007199254740993,"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\"ideal_us\":\"1267650600228229401496703205383\""), std::string::npos);
    EXPECT_EQ(text.rfind("{\"format\":\"smartkpi-event-partial/1\",\"fingerprint\":", 0), 0U);
}

TEST(EventPartialTest, RoundTripKeepsTheCalendarAndTimeDimension) {
    EventTable t = piece();
    t.options.calendar = std::make_shared<const smartkpi::ShiftCalendar>(
        "Asia/Shanghai", std::vector<smartkpi::ShiftDefinition>{
                             {"A", 6 * 60, 480}, {"B", 14 * 60, 480}, {"C", 22 * 60, 480}});
    t.options.by = smartkpi::parse_event_grouping("site,line,machine,shift,week");
    for (auto& k : t.keys) {
        k.time = 202602;
    }
    t.machines[0].head_key.time = 202602;
    t.machines[0].tail_key.time = 202602;
    t.machines[1].head_key.time = 202602;
    t.closed = true;
    const std::string text = write(t);
    const EventTable back = smartkpi::read_event_partial(text, "p.jsonl");
    expect_same(t, back);
    ASSERT_NE(back.options.calendar, nullptr);
    EXPECT_EQ(back.options.calendar->time_zone(), "Asia/Shanghai");
    EXPECT_EQ(back.options.calendar->shifts().size(), 3U);
    EXPECT_EQ(write(back), text);
}

TEST(EventPartialTest, EmptyTableRoundTrips) {
    EventTable t;
    t.options.by = smartkpi::parse_event_grouping("all");
    const std::string text = write(t);
    expect_same(t, smartkpi::read_event_partial(text, "empty.jsonl"));
}

// The partial text with line `n` (1-based) replaced.
std::string with_line(const std::string& text, std::size_t n, const std::string& line) {
    std::istringstream in(text);
    std::string out;
    std::size_t i = 0;
    for (std::string l; std::getline(in, l);) {
        ++i;
        out += i == n ? line : l;
        out += '\n';
    }
    return out;
}

std::size_t line_of(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    std::size_t line = 1;
    for (std::size_t i = 0; i < at; ++i) {
        line += text[i] == '\n' ? 1 : 0;
    }
    return line;
}

template <class E>
void expect_error(const std::string& text,
                  std::size_t line,
                  const std::string& message_part,
                  std::size_t column = 0) {
    try {
        (void)smartkpi::read_event_partial(text, "p.jsonl");
        ADD_FAILURE() << "no error; expected: " << message_part;
    } catch (const E& e) {
        EXPECT_EQ(e.where().source, "p.jsonl") << e.what();
        EXPECT_EQ(e.where().line, line) << e.what();
        if (column != 0) {
            EXPECT_EQ(e.where().column, column) << e.what();
        }
        EXPECT_NE(std::string(e.what()).find(message_part), std::string::npos) << e.what();
    }
}

TEST(EventPartialTest, BrokenPartialsGiveLocatedErrors) {
    const std::string text = write(piece());
    const std::size_t group = line_of(text, "{\"type\":\"group\"");
    const std::size_t machine = line_of(text, "{\"type\":\"machine\"");

    expect_error<smartkpi::SchemaError>("", 1, "empty partial file");
    expect_error<smartkpi::SchemaError>(
        with_line(text, 1, R"({"format":"smartkpi-units/1"})"), 1,
        "format \"smartkpi-units/1\" is not \"smartkpi-event-partial/1\"", 11);
    expect_error<smartkpi::ParseError>(with_line(text, group, "{\"type\":\"group\","), group, "");
    expect_error<smartkpi::DataError>(
        with_line(text, group,
                  R"({"type":"group","key":[0,0,5,0,0],"ms":[0,0,0,0,0],"good":0,"scrap":0,)"
                  R"("rework":0,"ideal_us":"0","failures":0,"segments":0,"gap_ms":0,"gaps":0})"),
        group, "machine rank 5 is beyond the 2 machine labels", 23);
    expect_error<smartkpi::SchemaError>(
        with_line(text, group,
                  R"({"type":"group","key":[0,0,0,0,0],"ms":[0,0,0.5,0,0],"good":0,"scrap":0,)"
                  R"("rework":0,"ideal_us":"0","failures":0,"segments":0,"gap_ms":0,"gaps":0})"),
        group, "expected an integer, found a number with a fraction or exponent", 45);
    expect_error<smartkpi::SchemaError>(
        with_line(text, group,
                  R"({"type":"group","key":[0,0,0,0,0],"ms":[0,0,0,0,0],"good":-1,"scrap":0,)"
                  R"("rework":0,"ideal_us":"0","failures":0,"segments":0,"gap_ms":0,"gaps":0})"),
        group, "found a negative number");
    expect_error<smartkpi::SchemaError>(
        with_line(text, group,
                  R"({"type":"group","key":[0,0,0,0,0],"ms":[0,0,0,0,0],"good":0,"scrap":0,)"
                  R"("rework":0,"ideal_us":"1e3","failures":0,"segments":0,"gap_ms":0,"gaps":0})"),
        group, "a 128-bit integer as a decimal string");
    expect_error<smartkpi::SchemaError>(
        with_line(text, group, R"({"type":"group","key":[0,0,0,0,0]})"), group,
        "missing required field \"ms\"");
    // Keys must be sorted: the second group repeats the first's key.
    expect_error<smartkpi::DataError>(
        with_line(text, group + 1,
                  R"({"type":"group","key":[0,0,0,0,0],"ms":[0,0,0,0,0],"good":0,"scrap":0,)"
                  R"("rework":0,"ideal_us":"0","failures":0,"segments":0,"gap_ms":0,"gaps":0})"),
        group + 1, "groups are sorted by key");
    expect_error<smartkpi::SchemaError>(with_line(text, group, R"({"type":"wat"})"), group,
                                        "invalid value \"wat\"");
    expect_error<smartkpi::SchemaError>(
        with_line(text, machine, R"({"type":"label","dim":"site","text":"zz"})"), machine,
        "a \"label\" line after \"reason_sum\" lines");
    expect_error<smartkpi::DataError>(
        with_line(text, 3, R"({"type":"label","dim":"site","text":"A"})"), 3,
        "site label \"A\" is not after \"S01\"");
    // The header's options must give its fingerprint.
    std::string edited = text;
    edited.replace(edited.find("\"by\":\"site,line,machine,shift\""), 30,
                   "\"by\":\"site,line,machine\"     ");
    expect_error<smartkpi::DataError>(edited, 1, "does not match the options");
    // A truncated file: the header's counts say so.
    const std::string truncated = text.substr(0, text.rfind('\n', text.size() - 2) + 1);
    expect_error<smartkpi::DataError>(truncated, 1, "announces 2 warnings but the file has 1");
}

} // namespace
