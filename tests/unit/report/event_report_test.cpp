// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/event_text.hpp"

#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/report/event_report.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <sstream>
#include <string>
#include <vector>

namespace {

using smartkpi::EventKey;
using smartkpi::EventReportContext;
using smartkpi::EventTable;
using smartkpi::ExactSum;
using smartkpi::Format;
using smartkpi::GroupSums;
using smartkpi::MachineState;
using smartkpi::ReasonSums;
using smartkpi::RowProblem;

constexpr std::int64_t kHourMs = 3'600'000;

void set(GroupSums& s, MachineState state, std::int64_t ms) {
    s.state_ms[static_cast<std::size_t>(state)] = ms;
}

EventKey key(std::uint32_t site, std::uint32_t line, std::uint32_t machine, std::uint32_t shift) {
    EventKey k;
    k.ids = {site, line, machine, shift};
    return k;
}

// Three machine-shifts:
//  S01/L1/M01/2026-01-05/A: PBT 8 h = 7 h producing + 0.5 h setup + 0.5 h down, 1 h planned
//    stop; 90 good, 5 scrap, 5 rework; ideal 210 s per item (21000 s); 2 failures.
//  S01/L1/M02/2026-01-05/A: 1.5 s producing, 1 ms down, nothing produced.
//  S02/L1/M01/2026-01-05/A: 1 h planned stop only: PBT 0, every ratio undefined.
EventTable sample_table() {
    EventTable t;
    t.options.by = smartkpi::parse_event_grouping("site,line,machine,shift");
    t.columns = {true, true, true, true};
    t.labels[0] = {"S01", "S02"};
    t.labels[1] = {"L1"};
    t.labels[2] = {"M01", "M02"};
    t.labels[3] = {"2026-01-05/A"};
    t.keys = {key(0, 0, 0, 0), key(0, 0, 1, 0), key(1, 0, 0, 0)};
    GroupSums a;
    set(a, MachineState::producing, 7 * kHourMs);
    set(a, MachineState::setup, kHourMs / 2);
    set(a, MachineState::down, kHourMs / 2);
    set(a, MachineState::planned_stop, kHourMs);
    a.good = 90;
    a.scrap = 5;
    a.rework = 5;
    a.ideal_us = ExactSum{100} * 210'000'000;
    a.failures = 2;
    a.segments = 6;
    GroupSums b;
    set(b, MachineState::producing, 1500);
    set(b, MachineState::down, 1);
    b.segments = 2;
    GroupSums c;
    set(c, MachineState::planned_stop, kHourMs);
    c.segments = 1;
    t.sums = {a, b, c};
    t.rows = 9;
    t.bytes = 600;
    t.closed = true;
    return t;
}

std::string report(const EventTable& t, Format f, std::vector<std::string> inputs = {"log.csv"}) {
    std::ostringstream out;
    EventReportContext c;
    c.inputs = std::move(inputs);
    smartkpi::write_event_kpi_report(out, t, f, c);
    return out.str();
}

std::string pareto(const EventTable& t,
                   Format f,
                   std::span<const MachineState> states = smartkpi::kDefaultParetoStates) {
    std::ostringstream out;
    EventReportContext c;
    c.inputs = {"log.csv"};
    smartkpi::write_event_pareto_report(out, t, f, c, states);
    return out.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

TEST(EventTextTest, SecondsAreExactDecimalsOfMilliseconds) {
    using smartkpi::detail::seconds_ms_text;
    EXPECT_EQ(seconds_ms_text(28'800'000), "28800");
    EXPECT_EQ(seconds_ms_text(1500), "1.5");
    EXPECT_EQ(seconds_ms_text(1), "0.001");
    EXPECT_EQ(seconds_ms_text(0), "0");
    EXPECT_EQ(seconds_ms_text(28'800'001), "28800.001");
    EXPECT_EQ(seconds_ms_text(-1500), "-1.5");
    // Beyond 2^53 ms a double would round: the text stays exact.
    EXPECT_EQ(seconds_ms_text(9'007'199'254'740'993), "9007199254740.993");
}

TEST(EventTextTest, MicrosecondsAndWideIntegersAreExact) {
    fmt::memory_buffer buf;
    const ExactSum big = (ExactSum{1} << 100) + 123'456; // > 2^64
    smartkpi::detail::append_seconds_us(buf, big);
    EXPECT_EQ(fmt::to_string(buf), "1267650600228229401496703.328832");
    EXPECT_EQ(smartkpi::detail::exact_text(big), "1267650600228229401496703328832");
    EXPECT_EQ(smartkpi::detail::exact_text(-big), "-1267650600228229401496703328832");
    buf.clear();
    smartkpi::detail::append_seconds_us(buf, 2'500'000);
    EXPECT_EQ(fmt::to_string(buf), "2.5");
}

TEST(EventReportTest, CsvHasTheFixedHeaderAndExactRows) {
    const auto l = lines(report(sample_table(), Format::csv));
    ASSERT_EQ(l.size(), 4U);
    EXPECT_EQ(l[0], "site,line,machine,shift,pbt_s,apt_s,adet_s,aust_s,adot_s,pq,gq,sq,rq,"
                    "availability,effectiveness,quality_ratio,oee");
    const double e = 21000.0 / 25200.0;
    EXPECT_EQ(l[1], fmt::format("S01,L1,M01,2026-01-05/A,28800,25200,1800,1800,0,100,90,5,5,"
                                "0.875,{},0.9,{}",
                                e, 0.875 * e * 0.9));
    // Nothing produced: E and QR undefined (empty), OEE 0 (conventions §20 via the engine).
    EXPECT_EQ(l[2], fmt::format("S01,L1,M02,2026-01-05/A,1.501,1.5,0.001,0,0,0,0,0,0,{},0,,0",
                                1.5 / 1.501));
    // PBT 0: every ratio undefined, an empty field.
    EXPECT_EQ(l[3], "S02,L1,M01,2026-01-05/A,0,0,0,0,0,0,0,0,0,,,,");
}

TEST(EventReportTest, CsvWithoutCountsLeavesQuantitiesEmpty) {
    EventTable t = sample_table();
    t.columns.counts = false;
    t.columns.ideal_cycle = false;
    const auto l = lines(report(t, Format::csv));
    ASSERT_EQ(l.size(), 4U);
    EXPECT_EQ(l[1], "S01,L1,M01,2026-01-05/A,28800,25200,1800,1800,0,,,,,0.875,,,");
}

TEST(EventReportTest, CsvKeyColumnsFollowTheGrouping) {
    EventTable t = sample_table();
    t.options.by = smartkpi::parse_event_grouping("site,day");
    t.labels[0] = {"S,01", "S02"}; // a label that needs quoting
    t.keys = {EventKey{{0, 0, 0, 0}, 20458}, EventKey{{1, 0, 0, 0}, 20459}};
    t.sums.resize(2);
    const auto l = lines(report(t, Format::csv));
    ASSERT_EQ(l.size(), 3U);
    EXPECT_EQ(l[0], "site,day,pbt_s,apt_s,adet_s,aust_s,adot_s,pq,gq,sq,rq,availability,"
                    "effectiveness,quality_ratio,oee");
    EXPECT_EQ(l[1].substr(0, 24), "\"S,01\",2026-01-05,28800,");
    EXPECT_EQ(l[2].substr(0, 15), "S02,2026-01-06,");

    t.options.by = smartkpi::parse_event_grouping("all");
    t.keys = {EventKey{}};
    t.sums.resize(1);
    const auto all = lines(report(t, Format::csv));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].substr(0, 13), "group,pbt_s,a");
    EXPECT_EQ(all[1].substr(0, 10), "all,28800,");
}

TEST(EventReportTest, CsvOfManyGroupsIsStreamed) {
    EventTable t = sample_table();
    const GroupSums s = t.sums[0];
    t.keys.clear();
    t.sums.clear();
    t.labels[2].clear();
    for (std::uint32_t m = 0; m < 20000; ++m) {
        t.labels[2].push_back(fmt::format("M{:05}", m));
        t.keys.push_back(key(0, 0, m, 0));
        t.sums.push_back(s);
    }
    const auto l = lines(report(t, Format::csv));
    ASSERT_EQ(l.size(), 20001U);
    EXPECT_EQ(l[20000].substr(0, 36), "S01,L1,M19999,2026-01-05/A,28800,252");
    // Formatted in chunks by several threads: the same bytes as by one.
    for (unsigned threads : {2U, 3U, 0U}) {
        std::ostringstream out;
        EventReportContext c;
        c.inputs = {"log.csv"};
        c.threads = threads;
        smartkpi::write_event_kpi_report(out, t, Format::csv, c);
        EXPECT_EQ(out.str(), report(t, Format::csv)) << threads;
    }
}

TEST(EventReportTest, JsonUsesTheKpiValueEncoding) {
    EventTable t = sample_table();
    t.skipped_count = 3;
    t.skipped.push_back(RowProblem{"log.csv", 120, 4, 2, "start", "not a time: \"x\""});
    t.warnings.push_back("a warning");
    const nlohmann::json j = nlohmann::json::parse(report(t, Format::json));
    EXPECT_EQ(j["format"], "smartkpi-events-report/1");
    EXPECT_EQ(j["inputs"], nlohmann::json::array({"log.csv"}));
    EXPECT_EQ(j["by"], "site,line,machine,shift");
    EXPECT_EQ(j["options"]["on_error"], "fail");
    EXPECT_EQ(j["options"]["min_failure_s"], 0);
    EXPECT_TRUE(j["options"]["calendar"].is_null());
    EXPECT_EQ(j["columns"]["counts"], true);
    EXPECT_EQ(j["rows"], 9);
    EXPECT_EQ(j["skipped"]["count"], 3);
    EXPECT_EQ(j["skipped"]["listed"][0], (nlohmann::json{{"source", "log.csv"},
                                                         {"line", 4},
                                                         {"column", 2},
                                                         {"field", "start"},
                                                         {"message", "not a time: \"x\""}}));
    ASSERT_EQ(j["groups"].size(), 3U);
    const auto& g = j["groups"][0];
    EXPECT_EQ(g["id"], "S01/L1/M01/2026-01-05/A");
    EXPECT_EQ(g["key"],
              (nlohmann::json{
                  {"site", "S01"}, {"line", "L1"}, {"machine", "M01"}, {"shift", "2026-01-05/A"}}));
    const auto& e = g["elements"];
    EXPECT_EQ(e["pbt"], (nlohmann::json{{"value", 28800}, {"unit", "s"}}));
    EXPECT_EQ(e["apt"]["value"], 25200);
    EXPECT_EQ(e["adet"]["value"], 1800);
    EXPECT_EQ(e["aust"]["value"], 1800);
    EXPECT_EQ(e["adot"]["value"], 0);
    EXPECT_EQ(e["planned_stop"]["value"], 3600);
    EXPECT_EQ(e["pq"], (nlohmann::json{{"value", 100}, {"unit", "1"}}));
    EXPECT_EQ(e["gq"]["value"], 90);
    EXPECT_EQ(e["sq"]["value"], 5);
    EXPECT_EQ(e["rq"]["value"], 5);
    EXPECT_EQ(e["ideal_time"]["value"], 21000);
    EXPECT_EQ(e["failures"], (nlohmann::json{{"value", 2}, {"unit", "1"}}));
    EXPECT_EQ(e["gap"]["value"], 0);
    EXPECT_EQ(e["gaps"]["value"], 0);
    const auto& k = g["kpis"];
    EXPECT_EQ(k["availability"], (nlohmann::json{{"value", 0.875}, {"unit", "%"}}));
    EXPECT_EQ(k["quality_ratio"]["value"], 0.9);
    EXPECT_EQ(k["mtbf"], (nlohmann::json{{"value", 12600}, {"unit", "s"}}));
    EXPECT_EQ(k["mttr"], (nlohmann::json{{"value", 900}, {"unit", "s"}}));
    // Exact seconds in JSON too.
    EXPECT_EQ(j["groups"][1]["elements"]["pbt"]["value"], 1.501);
    EXPECT_EQ(j["groups"][1]["kpis"]["mtbf"]["status"], "undefined");
    EXPECT_EQ(j["groups"][2]["kpis"]["availability"],
              (nlohmann::json{{"status", "undefined"}, {"reason", "zero denominator: pbt = 0"}}));
    EXPECT_EQ(j["total"]["id"], "all");
    EXPECT_EQ(j["total"]["elements"]["pbt"]["value"], 28801.501);
    EXPECT_EQ(j["total"]["elements"]["planned_stop"]["value"], 7200);
    EXPECT_EQ(j["warnings"],
              (nlohmann::json::array(
                  {"a warning", "--on-error skip: 3 of 9 rows skipped (the first 1 are listed)"})));

    t.columns.counts = false;
    const nlohmann::json n = nlohmann::json::parse(report(t, Format::json));
    EXPECT_EQ(n["groups"][0]["elements"]["gq"],
              (nlohmann::json{{"status", "not_available"}, {"missing", {"good"}}}));
    EXPECT_EQ(n["groups"][0]["kpis"]["quality_ratio"]["status"], "not_available");
}

TEST(EventReportTest, CheckReadsTheGroupsAndTheTotal) {
    const std::string json = report(sample_table(), Format::json);
    const smartkpi::GateReport g = smartkpi::read_gate_report_json(json, "events.json");
    EXPECT_EQ(g.format, "smartkpi-events-report/1");
    ASSERT_EQ(g.records.size(), 4U);
    EXPECT_EQ(g.records[0].id, "S01/L1/M01/2026-01-05/A");
    EXPECT_EQ(g.records[3].id, "all");
    const smartkpi::ReportEntry* a = g.records[0].find(smartkpi::ReportSection::none,
                                                       smartkpi::Measure::absolute, "availability");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->value.value(), 0.875);
    EXPECT_EQ(a->unit, "%");

    // By "all", the one group is the total: listed once.
    EventTable t = sample_table();
    t.options.by = smartkpi::parse_event_grouping("all");
    t.keys = {EventKey{}};
    t.sums.resize(1);
    const smartkpi::GateReport all =
        smartkpi::read_gate_report_json(report(t, Format::json), "all.json");
    ASSERT_EQ(all.records.size(), 1U);
    EXPECT_EQ(all.records[0].id, "all");
}

TEST(EventReportTest, TableHasRoundedHoursATotalAndSections) {
    EventTable t = sample_table();
    t.skipped_count = 2;
    t.skipped.push_back(RowProblem{"", 120, 4, 2, "start", "not a time"});
    const std::string text = report(t, Format::table);
    EXPECT_NE(text.find("Event-log KPIs by site,line,machine,shift — log.csv\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("Times in h, rounded"), std::string::npos);
    EXPECT_NE(text.find("--on-error skip: 2 rows skipped\n"), std::string::npos);
    EXPECT_NE(text.find("PBT h"), std::string::npos);
    EXPECT_NE(text.find("A %"), std::string::npos);
    // 8 h PBT, 87.5 % availability, MTBF 3.5 h, MTTR 0.25 h.
    const auto l = lines(text);
    bool found = false;
    bool total = false;
    for (const auto& line : l) {
        if (line.rfind("S01", 0) == 0 && line.find("M01") != std::string::npos) {
            found = true;
            EXPECT_NE(line.find("8.00"), std::string::npos) << line;
            EXPECT_NE(line.find("87.5"), std::string::npos) << line;
            EXPECT_NE(line.find("3.50"), std::string::npos) << line;
            EXPECT_NE(line.find("0.25"), std::string::npos) << line;
        }
        total = total || line.rfind("total", 0) == 0;
    }
    EXPECT_TRUE(found) << text;
    EXPECT_TRUE(total) << text;
    EXPECT_NE(text.find("Skipped rows\n------------\n\n- line 4, column 2 (start): not a time\n"
                        "- ... and 1 more"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Warnings\n--------\n\n- --on-error skip: 2 of 9 rows skipped (the first 1 "
                        "are listed)\n"),
              std::string::npos)
        << text;

    const std::string md = report(t, Format::markdown);
    EXPECT_NE(md.find("# Event-log KPIs by site,line,machine,shift — log.csv\n"),
              std::string::npos);
    EXPECT_NE(md.find("| site | line | machine | shift | PBT h |"), std::string::npos) << md;
    EXPECT_NE(md.find("| --- | --- | --- | --- | ---: |"), std::string::npos) << md;
    EXPECT_NE(md.find("## Skipped rows"), std::string::npos);
}

TEST(EventReportTest, ReportsNeedAClosedTable) {
    EventTable t = sample_table();
    t.closed = false;
    EXPECT_THROW((void)report(t, Format::csv), smartkpi::UsageError);
    t.closed = true;
    t.options.reasons = false;
    EXPECT_THROW((void)pareto(t, Format::csv), smartkpi::UsageError);
}

// Reasons of M01: DOWN "jam" 1200 s in 2 intervals, "belt" 600 s in 1, "" 600 s in 3 (a tie
// with "belt": "" sorts first); SETUP "changeover" 1800 s. M02: DOWN "jam" 1 ms.
EventTable pareto_table() {
    EventTable t = sample_table();
    t.options.reasons = true;
    t.reasons = {"", "belt", "changeover", "jam"};
    t.reason_sums = {
        ReasonSums{0, MachineState::setup, 2, 1'800'000, 1},
        ReasonSums{0, MachineState::down, 0, 600'000, 3},
        ReasonSums{0, MachineState::down, 1, 600'000, 1},
        ReasonSums{0, MachineState::down, 3, 1'200'000, 2},
        ReasonSums{1, MachineState::down, 3, 1, 0},
    };
    // Sorted by (group, state, reason) as the table requires: setup (1) before down (2).
    return t;
}

TEST(EventParetoTest, CsvIsLongAndSortedByTime) {
    const auto l = lines(pareto(pareto_table(), Format::csv));
    ASSERT_EQ(l.size(), 5U) << pareto(pareto_table(), Format::csv);
    EXPECT_EQ(l[0], "site,line,machine,shift,state,reason,time_s,count,share,cumulative_share,"
                    "mean_s,failures,mtbf_s,mttr_s");
    EXPECT_EQ(l[1], "S01,L1,M01,2026-01-05/A,DOWN,jam,1200,2,0.5,0.5,600,2,12600,900");
    EXPECT_EQ(l[2], "S01,L1,M01,2026-01-05/A,DOWN,,600,3,0.25,0.75,200,2,12600,900");
    EXPECT_EQ(l[3], "S01,L1,M01,2026-01-05/A,DOWN,belt,600,1,0.25,1,600,2,12600,900");
    // No interval started in the group: the mean is undefined.
    EXPECT_EQ(l[4], "S01,L1,M02,2026-01-05/A,DOWN,jam,0.001,0,1,1,,0,,");
}

TEST(EventParetoTest, StatesAreChosen) {
    const std::array<MachineState, 2> states = {MachineState::setup, MachineState::down};
    const auto l = lines(pareto(pareto_table(), Format::csv, states));
    ASSERT_EQ(l.size(), 6U);
    EXPECT_EQ(l[1], fmt::format("S01,L1,M01,2026-01-05/A,SETUP,changeover,1800,1,{},{},1800,2,"
                                "12600,900",
                                1800.0 / 4200, 1800.0 / 4200));
    EXPECT_EQ(l[2], fmt::format("S01,L1,M01,2026-01-05/A,DOWN,jam,1200,2,{},{},600,2,12600,900",
                                1200.0 / 4200, 3000.0 / 4200));
}

TEST(EventParetoTest, JsonHasReasonsPerGroupAndTheWholeLog) {
    const nlohmann::json j = nlohmann::json::parse(pareto(pareto_table(), Format::json));
    EXPECT_EQ(j["format"], "smartkpi-events-pareto/1");
    EXPECT_EQ(j["states"], nlohmann::json::array({"DOWN"}));
    ASSERT_EQ(j["groups"].size(), 3U);
    const auto& g = j["groups"][0];
    EXPECT_EQ(g["id"], "S01/L1/M01/2026-01-05/A");
    EXPECT_EQ(g["time"]["value"], 2400);
    EXPECT_EQ(g["failures"]["value"], 2);
    EXPECT_EQ(g["mtbf"]["value"], 12600);
    ASSERT_EQ(g["reasons"].size(), 3U);
    EXPECT_EQ(g["reasons"][0],
              (nlohmann::json{{"state", "DOWN"},
                              {"reason", "jam"},
                              {"time", {{"value", 1200}, {"unit", "s"}}},
                              {"count", 2},
                              {"share", {{"value", 0.5}, {"unit", "%"}}},
                              {"cumulative_share", {{"value", 0.5}, {"unit", "%"}}},
                              {"mean", {{"value", 600}, {"unit", "s"}}}}));
    EXPECT_EQ(g["reasons"][1]["reason"], "");
    EXPECT_EQ(j["groups"][2]["reasons"].size(), 0U);
    // The whole log: jam = 1200.001 s over both machines.
    const auto& total = j["total"];
    EXPECT_EQ(total["reasons"][0]["reason"], "jam");
    EXPECT_EQ(total["reasons"][0]["time"]["value"], 1200.001);
    EXPECT_EQ(total["reasons"][0]["count"], 2);
}

TEST(EventParetoTest, TableShowsNoneForAnEmptyReason) {
    const std::string text = pareto(pareto_table(), Format::table);
    EXPECT_NE(text.find("(none)"), std::string::npos) << text;
    EXPECT_NE(text.find("Pareto of DOWN reasons by site,line,machine,shift — log.csv"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Whole log"), std::string::npos);
    const std::string md = pareto(pareto_table(), Format::markdown);
    EXPECT_NE(md.find("| S01 | L1 | M01 | 2026-01-05/A | DOWN | jam | 0.33 | 2 | 50.0 | 50.0 | "
                      "10.0 | 2 | 3.50 | 0.25 |"),
              std::string::npos)
        << md;
}

} // namespace
