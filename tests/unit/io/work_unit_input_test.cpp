// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/io/text_file.hpp>
#include <smartkpi/io/work_unit_input.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smartkpi {
namespace {

const char* const kTwoUnits = R"({
  "format": "smartkpi-units/1",
  "units": [
    {"id": "M01", "line": "L1", "site": "S1", "region": "Shanghai",
     "period": {"start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00+00:00"},
     "elements": {"pbt": 28800, "apt": 24100, "aust": 1800, "adet": 2900, "pri": 2.5,
                  "pq": 8900, "gq": 8650, "fe": 3},
     "tbf": [7000, 8100.5, 9000],
     "ttr": [600, 1200, 1100],
     "measurements": {"usl": 10.2, "lsl": 9.8, "subgroup_size": 2,
                      "values": [10.01, 9.99, -0.5, 10.0]},
     "losses": {"breakdowns": 1200, "setup_adjustments": 1800, "small_stops": 600,
                "reduced_speed": 300, "startup_rejects": 40, "production_rejects": 210},
     "energy": {"electricity": "1.2 MWh"}},
    {"id": "M02", "elements": {"pbt": 100}, "note": "no period, no line"}
  ]
})";

std::string json_error(const std::string& text) {
    try {
        (void)read_work_units_json(text, "u.json");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

std::string csv_error(const std::string& text) {
    try {
        (void)read_work_units_csv(text, "u.csv");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

// One unit with the given members after its id.
std::string unit_json(const std::string& members) {
    return R"({"units": [{"id": "M01", )" + members + "}]}";
}

TEST(WorkUnitJsonTest, ReadsEveryPartOfAUnit) {
    const WorkUnitSet set = read_work_units_json(kTwoUnits, "u.json");
    EXPECT_EQ(set.source, "u.json");
    ASSERT_EQ(set.units.size(), 2U);
    const WorkUnit& u = set.units[0];
    EXPECT_EQ(u.id, "M01");
    EXPECT_EQ(u.line, "L1");
    EXPECT_EQ(u.site, "S1");
    EXPECT_EQ(u.region, "Shanghai");
    ASSERT_TRUE(u.period);
    EXPECT_EQ(u.period->seconds(), 8 * 3600);
    EXPECT_EQ(u.period->start, parse_timestamp("2026-01-05T06:00:00Z"));
    EXPECT_EQ(u.period->start_text, "2026-01-05T06:00:00Z");
    EXPECT_EQ(u.period->end_text, "2026-01-05T14:00:00+00:00");
    EXPECT_EQ(u[Element::pbt], 28800);
    EXPECT_EQ(u[Element::apt], 24100);
    EXPECT_EQ(u[Element::aust], 1800);
    EXPECT_EQ(u[Element::adet], 2900);
    EXPECT_EQ(u[Element::pri], 2.5);
    EXPECT_EQ(u[Element::pq], 8900);
    EXPECT_EQ(u[Element::gq], 8650);
    EXPECT_EQ(u[Element::fe], 3);
    EXPECT_FALSE(u[Element::sq]); // missing is nullopt, never 0
    EXPECT_FALSE(u[Element::aupt]);
    EXPECT_FALSE(u.ideal_time);
    EXPECT_TRUE(u.has_tbf);
    EXPECT_EQ(u.tbf, (std::vector<double>{7000, 8100.5, 9000}));
    EXPECT_FALSE(u.has_ttf);
    EXPECT_TRUE(u.ttf.empty());
    EXPECT_TRUE(u.has_ttr);
    EXPECT_EQ(u.ttr.size(), 3U);
    ASSERT_TRUE(u.measurements);
    EXPECT_EQ(u.measurements->usl, 10.2);
    EXPECT_EQ(u.measurements->lsl, 9.8);
    EXPECT_EQ(u.measurements->subgroup_size, 2U);
    EXPECT_EQ(u.measurements->values, (std::vector<double>{10.01, 9.99, -0.5, 10.0}));
    EXPECT_TRUE(u.losses.any());
    EXPECT_EQ(u.losses.breakdowns, 1200);
    EXPECT_EQ(u.losses.setup_adjustments, 1800);
    EXPECT_EQ(u.losses.small_stops, 600);
    EXPECT_EQ(u.losses.reduced_speed, 300);
    EXPECT_EQ(u.losses.startup_rejects, 40);
    EXPECT_EQ(u.losses.production_rejects, 210);
    ASSERT_TRUE(u.energy);
    EXPECT_DOUBLE_EQ(*(*u.energy)[Carrier::electricity], 1200); // native kWh
    EXPECT_EQ(u.origin.source, "u.json");
    EXPECT_EQ(u.origin.pointer, "/units/0");
    EXPECT_EQ(u.origin.line, 4);

    const WorkUnit& v = set.units[1];
    EXPECT_EQ(v.id, "M02");
    EXPECT_TRUE(v.line.empty());
    EXPECT_FALSE(v.period);
    EXPECT_FALSE(v.measurements);
    EXPECT_FALSE(v.losses.any());
    EXPECT_FALSE(v.energy);
    EXPECT_EQ(v.origin.pointer, "/units/1");
}

TEST(WorkUnitJsonTest, TimeUnitsConvertTimesToSeconds) {
    const WorkUnitSet set = read_work_units_json(R"({"time_unit": "min", "units": [
        {"id": "A", "elements": {"pbt": 480, "pri": 0.05, "pq": 100, "fe": 2, "ideal_time": 5},
         "tbf": [60], "ttf": [30], "ttr": [1.5],
         "losses": {"breakdowns": 2, "startup_rejects": 3}},
        {"id": "B", "time_unit": "h", "elements": {"pbt": 8, "cmt": 0.5, "gq": 7}},
        {"id": "C", "time_unit": "s", "elements": {"pbt": 28800}}]})",
                                                 "u.json");
    ASSERT_EQ(set.units.size(), 3U);
    const WorkUnit& a = set.units[0];
    EXPECT_DOUBLE_EQ(*a[Element::pbt], 28800);
    EXPECT_DOUBLE_EQ(*a[Element::pri], 3);
    EXPECT_EQ(a[Element::pq], 100); // quantities and counts as given
    EXPECT_EQ(a[Element::fe], 2);
    EXPECT_DOUBLE_EQ(*a.ideal_time, 300);
    EXPECT_DOUBLE_EQ(a.tbf.at(0), 3600);
    EXPECT_DOUBLE_EQ(a.ttf.at(0), 1800);
    EXPECT_DOUBLE_EQ(a.ttr.at(0), 90);
    EXPECT_DOUBLE_EQ(*a.losses.breakdowns, 120);
    EXPECT_EQ(a.losses.startup_rejects, 3); // items, not a time
    const WorkUnit& b = set.units[1];
    EXPECT_DOUBLE_EQ(*b[Element::pbt], 28800); // the unit's own time unit wins
    EXPECT_DOUBLE_EQ(*b[Element::cmt], 1800);
    EXPECT_EQ(b[Element::gq], 7);
    EXPECT_DOUBLE_EQ(*set.units[2][Element::pbt], 28800);
}

TEST(WorkUnitJsonTest, FileTimeUnitMayFollowTheUnits) {
    const WorkUnitSet set = read_work_units_json(
        R"({"units": [{"id": "A", "elements": {"pbt": 8}, "tbf": [2]},
                      {"id": "B", "time_unit": "min", "elements": {"pbt": 480}}],
            "time_unit": "hours"})",
        "u.json");
    EXPECT_DOUBLE_EQ(*set.units[0][Element::pbt], 28800);
    EXPECT_DOUBLE_EQ(set.units[0].tbf.at(0), 7200);
    EXPECT_DOUBLE_EQ(*set.units[1][Element::pbt], 28800);
}

TEST(WorkUnitJsonTest, OlderAliasesAndUpperCaseKeys) {
    const WorkUnitSet set = read_work_units_json(
        unit_json(R"("elements": {"pru": 2, "asut": 60, "psut": 90, "PBT": 100})"), "u.json");
    const WorkUnit& u = set.units.at(0);
    EXPECT_EQ(u[Element::pri], 2);
    EXPECT_EQ(u[Element::aust], 60);
    EXPECT_EQ(u[Element::pust], 90);
    EXPECT_EQ(u[Element::pbt], 100);
}

TEST(WorkUnitJsonTest, EveryElementKeyIsAccepted) {
    std::string elements;
    for (const ElementInfo& e : all_elements()) {
        elements += elements.empty() ? "" : ", ";
        elements += "\"" + std::string(e.key) + "\": 1";
    }
    const WorkUnitSet set =
        read_work_units_json(unit_json("\"elements\": {" + elements + "}"), "u.json");
    for (const ElementInfo& e : all_elements()) {
        EXPECT_EQ(set.units.at(0)[e.element], 1) << e.key;
    }
}

TEST(WorkUnitJsonTest, MeasurementsAsSubgroups) {
    const WorkUnitSet set = read_work_units_json(
        unit_json(R"("measurements": {"lsl": -1, "subgroups": [[1, 2, 3], [4, 5, 6]]})"), "u.json");
    const Measurements& m = *set.units.at(0).measurements;
    EXPECT_FALSE(m.usl);
    EXPECT_EQ(m.lsl, -1);
    EXPECT_EQ(m.subgroup_size, 3U);
    EXPECT_EQ(m.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST(WorkUnitJsonTest, MeasurementsDefaultToIndividualValues) {
    const WorkUnitSet set = read_work_units_json(
        unit_json(R"("measurements": {"usl": 5, "values": [1, 2, 3]})"), "u.json");
    EXPECT_EQ(set.units.at(0).measurements->subgroup_size, 1U);
}

TEST(WorkUnitJsonTest, EmptyListsAreGivenButEmpty) {
    const WorkUnitSet set = read_work_units_json(unit_json(R"("tbf": [], "ttr": [])"), "u.json");
    EXPECT_TRUE(set.units.at(0).has_tbf);
    EXPECT_TRUE(set.units.at(0).tbf.empty());
    EXPECT_FALSE(set.units.at(0).has_ttf);
}

TEST(WorkUnitJsonTest, NullIsMissing) {
    const WorkUnitSet set = read_work_units_json(
        unit_json(R"("line": null, "elements": {"pbt": null, "apt": 5}, "period": null)"),
        "u.json");
    EXPECT_FALSE(set.units.at(0)[Element::pbt]);
    EXPECT_EQ(set.units.at(0)[Element::apt], 5);
    EXPECT_FALSE(set.units.at(0).period);
}

TEST(WorkUnitJsonTest, SameIdInAnotherPeriodIsAnotherRecord) {
    const WorkUnitSet set = read_work_units_json(R"({"units": [
        {"id": "A", "period": {"start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z"}},
        {"id": "A", "period": {"start": "2026-01-05T14:00:00Z", "end": "2026-01-05T22:00:00Z"}},
        {"id": "A"}]})",
                                                 "u.json");
    EXPECT_EQ(set.units.size(), 3U);
}

TEST(WorkUnitJsonTest, ErrorsNameThePlace) {
    // Syntax.
    EXPECT_EQ(json_error("{\"units\": [}"),
              "u.json:1:12 (/units/0): unexpected character '}'; expected a value");
    // Unknown element, with the accepted keys.
    const std::string unknown = json_error(unit_json(R"("elements": {"pbtt": 1})"));
    EXPECT_EQ(unknown.rfind("u.json:1:47 (/units/0/elements/pbtt): unknown field \"pbtt\"; "
                            "accepted: pot, pbt, poet, pust, pri,",
                            0),
              0U)
        << unknown;
    EXPECT_NE(unknown.find("fe, ideal_time, psut, pru, asut"), std::string::npos) << unknown;
    // Unknown unit member.
    EXPECT_EQ(json_error(unit_json(R"("machine": "x")")),
              "u.json:1:37 (/units/0/machine): unknown field \"machine\"; accepted: id, line, "
              "site, region, period, time_unit, elements, tbf, ttf, ttr, measurements, losses, "
              "energy");
    // An element and its alias.
    EXPECT_EQ(json_error(unit_json(R"("elements": {"pri": 1, "pru": 2})")),
              "u.json:1:56 (/units/0/elements/pru): element pri is given twice, as \"pri\" and "
              "as \"pru\" (pru is the older name of pri)");
    EXPECT_EQ(json_error(unit_json(R"("elements": {"pbt": 1, "PBT": 2})")),
              "u.json:1:56 (/units/0/elements/PBT): element pbt is given twice, as \"pbt\" and "
              "as \"PBT\"");
    // Negative time, negative list value, negative loss.
    EXPECT_EQ(json_error(unit_json(R"("elements": {"apt": -5})")),
              "u.json:1:46 (/units/0/elements/apt): unit M01: element apt is negative (-5)");
    EXPECT_EQ(json_error(unit_json(R"("ttr": [1, -2])")),
              "u.json:1:37 (/units/0/ttr/1): unit M01: ttr[1] is negative (-2)");
    EXPECT_EQ(json_error(unit_json(R"("losses": {"small_stops": -1})")),
              "u.json:1:52 (/units/0/losses/small_stops): unit M01: loss small_stops is "
              "negative (-1)");
    // fe is a count.
    EXPECT_EQ(json_error(unit_json(R"("elements": {"fe": 2.5})")),
              "u.json:1:45 (/units/0/elements/fe): unit M01: element fe must be a whole number "
              "of events (2.5)");
    // Wrong types.
    EXPECT_EQ(json_error(unit_json(R"("elements": {"pq": "12"})")),
              "u.json:1:45 (/units/0/elements/pq): expected a number, found a string");
    EXPECT_EQ(json_error(unit_json(R"("elements": [1])")),
              "u.json:1:38 (/units/0/elements): expected an object of elements {\"pbt\": 28800, "
              "...}, found an array");
    EXPECT_EQ(json_error(unit_json(R"("tbf": 5)")),
              "u.json:1:33 (/units/0/tbf): expected an array of times, found a number");
    // Timestamps and periods.
    EXPECT_EQ(json_error(unit_json(R"("period": {"start": "2026-02-30", "end": "2026-03-02"})")),
              "u.json:1:46 (/units/0/period/start): \"2026-02-30\" is not a valid timestamp: "
              "2026-02 has no day 30");
    EXPECT_EQ(
        json_error(unit_json(R"("period": {"start": "2026-01-05T14:00Z", "end": "2026-01-05"})")),
        "u.json:1:36 (/units/0/period): period end 2026-01-05 is not after its start "
        "2026-01-05T14:00Z (the end is exclusive)");
    EXPECT_EQ(json_error(unit_json(R"("period": {"start": "2026-01-05"})")),
              "u.json:1:36 (/units/0/period): missing required field \"end\"");
    // Time units.
    EXPECT_EQ(json_error(unit_json(R"("time_unit": "fortnight")")),
              "u.json:1:39 (/units/0/time_unit): unknown unit \"fortnight\"; accepted: s, min, "
              "h, d");
    EXPECT_EQ(json_error(R"({"time_unit": "ms", "units": []})"),
              "u.json:1:15 (/time_unit): unknown unit \"ms\"; accepted: s, min, h, d");
    // Identity.
    EXPECT_EQ(json_error(R"({"units": [{"id": ""}]})"),
              "u.json:1:19 (/units/0/id): expected a non-empty string, found an empty string");
    EXPECT_EQ(json_error(R"({"units": [{"line": "L1"}]})"),
              "u.json:1:12 (/units/0): missing required field \"id\"");
    EXPECT_EQ(json_error("{\"units\": [{\"id\": \"A\"},\n {\"id\": \"A\"}]}"),
              "u.json:2:2 (/units/1): duplicate unit \"A\" without a period: it is already given "
              "at line 1 (/units/0)");
    EXPECT_EQ(json_error(R"({"units": [
        {"id": "A", "period": {"start": "2026-01-05T06:00:00Z", "end": "2026-01-05T14:00:00Z"}},
        {"id": "A", "period": {"start": "2026-01-05T14:00:00+08:00", "end": "2026-01-05T14:00Z"}}
        ]})"),
              "u.json:3:9 (/units/1): duplicate unit \"A\" for period "
              "2026-01-05T06:00:00Z/2026-01-05T14:00:00Z: it is already given at line 2 "
              "(/units/0)");
    // Top level.
    EXPECT_EQ(json_error(R"({"unit": []})"),
              "u.json:1:10 (/unit): unknown field \"unit\"; accepted: format, name, description, "
              "source, note, illustrative, time_unit, units");
    EXPECT_EQ(json_error(R"({"format": "smartkpi-units/2", "units": []})"),
              "u.json:1:12 (/format): format \"smartkpi-units/2\" is not \"smartkpi-units/1\"");
    EXPECT_EQ(json_error("{}"), "u.json:1:1: missing required field \"units\"");
    EXPECT_EQ(json_error(R"({"units": {}})"),
              "u.json:1:11 (/units): expected an array of units, found an object");
}

TEST(WorkUnitJsonTest, MeasurementErrors) {
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "subgroup_size": 2,
        "values": [1, 2, 3]})")),
              "u.json:2:19 (/units/0/measurements/values): 3 values do not make whole subgroups "
              "of subgroup_size 2");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"values": [1]})")),
              "u.json:1:42 (/units/0/measurements): measurements need a specification limit: "
              "give usl, lsl or both");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1})")),
              "u.json:1:42 (/units/0/measurements): missing required field \"values\"");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "values": []})")),
              "u.json:1:63 (/units/0/measurements/values): measurements need at least one value");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "subgroup_size": 0,
        "values": [1]})")),
              "u.json:1:70 (/units/0/measurements/subgroup_size): subgroup_size must be a whole "
              "number from 1 (got 0)");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "values": [1],
        "subgroups": [[1]]})")),
              "u.json:2:22 (/units/0/measurements/subgroups): measurements take \"values\" or "
              "\"subgroups\", not both");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1,
        "subgroups": [[1, 2], [3]]})")),
              "u.json:2:31 (/units/0/measurements/subgroups/1): subgroup has 1 values; the first "
              "has 2 (all subgroups have the same size)");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "subgroup_size": 3,
        "subgroups": [[1, 2]]})")),
              "u.json:2:22 (/units/0/measurements/subgroups): subgroup_size 3 does not match the "
              "subgroups, which have 2 values each");
    EXPECT_EQ(json_error(unit_json(R"("measurements": {"usl": 1, "values": [1], "n": 1})")),
              "u.json:1:73 (/units/0/measurements/n): unknown field \"n\"; accepted: usl, lsl, "
              "subgroup_size, values, subgroups");
}

TEST(WorkUnitJsonTest, EnergyIsReadLikeADatasetFactorys) {
    EXPECT_EQ(json_error(unit_json(R"("energy": {"electricity": "-5 kWh"})")),
              "u.json:1:52 (/units/0/energy/electricity): electricity must not be negative "
              "(got -5)");
    const WorkUnitSet set = read_work_units_json(
        unit_json(R"("energy": {"electricity": {"value": 3, "unit": "MWh"}, "natural_gas": null})"),
        "u.json");
    const EnergyUse& e = *set.units.at(0).energy;
    EXPECT_DOUBLE_EQ(*e[Carrier::electricity], 3000);
    ASSERT_EQ(e.unknown.size(), 1U);
}

TEST(WorkUnitJsonTest, ProblemsCollectsEveryErrorAndDropsBadUnits) {
    Problems problems;
    const WorkUnitSet set = read_work_units_json(R"({"units": [
        {"id": "A", "elements": {"apt": -1, "pq": "x", "zz": 1}},
        {"id": "B", "elements": {"pbt": 10}},
        {"id": "B"},
        {"elements": {"fe": 0.5}}]})",
                                                 "u.json", &problems);
    ASSERT_EQ(set.units.size(), 1U);
    EXPECT_EQ(set.units[0].id, "B");
    ASSERT_EQ(problems.count(), 6U);
    EXPECT_NE(problems.messages()[0].find("element apt is negative"), std::string::npos);
    EXPECT_NE(problems.messages()[1].find("expected a number"), std::string::npos);
    EXPECT_NE(problems.messages()[2].find("unknown field \"zz\""), std::string::npos);
    EXPECT_NE(problems.messages()[3].find("duplicate unit \"B\""), std::string::npos);
    EXPECT_NE(problems.messages()[4].find("missing required field \"id\""), std::string::npos);
    EXPECT_NE(problems.messages()[5].find("unit (no id): element fe must be a whole number"),
              std::string::npos);
}

const char* const kCsv = "id,line,site,region,period_start,period_end,time_unit,pbt,apt,PRU,"
                         "asut,pq,gq,fe,ideal_time,note\n"
                         "M01,L1,S1,Shanghai,2026-01-05T06:00:00Z,2026-01-05T14:00:00Z,,28800,"
                         "24100,2.5,1800,8900,8650,3,,first\n"
                         "M02,L1,S1,Shanghai,,,min,480,400,,,,,,300,\n";

TEST(WorkUnitCsvTest, ReadsScalarElements) {
    const WorkUnitSet set = read_work_units_csv(kCsv, "u.csv");
    ASSERT_EQ(set.units.size(), 2U);
    const WorkUnit& a = set.units[0];
    EXPECT_EQ(a.id, "M01");
    EXPECT_EQ(a.line, "L1");
    EXPECT_EQ(a.site, "S1");
    EXPECT_EQ(a.region, "Shanghai");
    ASSERT_TRUE(a.period);
    EXPECT_EQ(a.period->seconds(), 28800);
    EXPECT_EQ(a.period->start_text, "2026-01-05T06:00:00Z");
    EXPECT_EQ(a[Element::pbt], 28800);
    EXPECT_EQ(a[Element::pri], 2.5);
    EXPECT_EQ(a[Element::aust], 1800);
    EXPECT_EQ(a[Element::fe], 3);
    EXPECT_FALSE(a.ideal_time);
    EXPECT_EQ(a.origin.source, "u.csv");
    EXPECT_EQ(a.origin.line, 2);
    EXPECT_TRUE(a.origin.pointer.empty());
    const WorkUnit& b = set.units[1];
    EXPECT_FALSE(b.period);
    EXPECT_DOUBLE_EQ(*b[Element::pbt], 28800);
    EXPECT_DOUBLE_EQ(*b[Element::apt], 24000);
    EXPECT_DOUBLE_EQ(*b.ideal_time, 18000);
    EXPECT_FALSE(b[Element::pq]); // empty cell = missing
}

TEST(WorkUnitCsvTest, ShortColumnNamesAndBom) {
    const WorkUnitSet set = read_work_units_csv(
        "\xEF\xBB\xBFid,start,end,pbt\r\nA,2026-01-05,2026-01-06,86400\r\n", "u.csv");
    ASSERT_EQ(set.units.size(), 1U);
    EXPECT_EQ(set.units[0].period->seconds(), 86400);
}

TEST(WorkUnitCsvTest, IdAndPeriodColumnAliases) {
    // "machine" (the event logs' name for a unit) and the JSON member paths of the period.
    const WorkUnitSet set = read_work_units_csv(
        "machine,site,line,period.start,period.end,pbt\nA,S,L,2026-01-05T06:00:00Z,"
        "2026-01-05T14:00:00Z,28800\n",
        "m.csv");
    ASSERT_EQ(set.units.size(), 1U);
    EXPECT_EQ(set.units[0].id, "A");
    ASSERT_TRUE(set.units[0].period);
    EXPECT_EQ(set.units[0].period->seconds(), 28800);
}

TEST(WorkUnitCsvTest, ErrorsNameFileLineColumnAndHeader) {
    EXPECT_EQ(csv_error(""), "u.csv:1:1: empty file; expected a header row");
    EXPECT_EQ(csv_error("id,pbtt\nA,1\n")
                  .rfind("u.csv:1:4 (pbtt): unknown field \"pbtt\"; "
                         "accepted: id, line, site, region, period_start, "
                         "period_end, start, end, time_unit, ideal_time, "
                         "pot, pbt,",
                         0),
              0U);
    EXPECT_EQ(csv_error("id,pbt,tbf\nA,1,2\n"),
              "u.csv:1:8 (tbf): column \"tbf\" cannot be given in a table: tables carry scalar "
              "elements only; lists (tbf, ttf, ttr), measurements, losses and energy need JSON "
              "input (conventions §22)");
    EXPECT_EQ(csv_error("id,pri,pru\nA,1,2\n"),
              "u.csv:1:8 (pru): column \"pru\" repeats column \"pri\" under another name");
    EXPECT_EQ(csv_error("id,pbt,pbt\nA,1,2\n"), "u.csv:1:8 (pbt): duplicate column \"pbt\"");
    EXPECT_EQ(csv_error("pbt\n1\n"), "u.csv:1 (header): missing required field \"id\"");
    EXPECT_EQ(csv_error("id,pbt\nA,1,2\n"), "u.csv:2:1: row has 3 fields; the header has 2");
    EXPECT_EQ(csv_error("id,pbt\nA,1e\n"), "u.csv:2:3 (pbt): \"1e\" is not a number");
    EXPECT_EQ(csv_error("id,pbt\nA,-3\n"), "u.csv:2:3 (pbt): unit A: element pbt is negative (-3)");
    EXPECT_EQ(csv_error("id,fe\nA,1.5\n"),
              "u.csv:2:3 (fe): unit A: element fe must be a whole number of events (1.5)");
    EXPECT_EQ(csv_error("id,time_unit,pbt\nA,weeks,1\n"),
              "u.csv:2:3 (time_unit): unknown unit \"weeks\"; accepted: s, min, h, d");
    EXPECT_EQ(csv_error("id,pbt\n,1\n"), "u.csv:2:1 (id): missing required field \"id\"");
    EXPECT_EQ(csv_error("id,start\nA,2026-01-05\n"),
              "u.csv:2:1: missing required field \"period_end\"");
    EXPECT_EQ(csv_error("id,start,end\nA,2026-01-05,2026-13-01\n"),
              "u.csv:2:14 (end): \"2026-13-01\" is not a valid timestamp: month 13 is not 1-12");
    EXPECT_EQ(csv_error("id,start,end\nA,2026-01-05,2026-01-04\n"),
              "u.csv:2:14 (end): period end 2026-01-04 is not after its start 2026-01-05 (the "
              "end is exclusive)");
    EXPECT_EQ(csv_error("id,pbt\nA,1\nB,2\nA,3\n"),
              "u.csv:4:1: duplicate unit \"A\" without a period: it is already given at line 2");
}

TEST(WorkUnitCsvTest, ProblemsCollectsEveryRow) {
    Problems problems;
    const WorkUnitSet set =
        read_work_units_csv("id,pbt,apt\nA,-1,x\nB,1,1\nC,1\n", "u.csv", &problems);
    ASSERT_EQ(set.units.size(), 1U);
    EXPECT_EQ(set.units[0].id, "B");
    EXPECT_EQ(problems.count(), 3U);
}

TEST(WorkUnitExamplesTest, BundledExamplesAgree) {
    const std::string dir = std::string(SMARTKPI_SOURCE_DIR) + "/data/units/";
    const WorkUnitSet json =
        read_work_units_json(read_text_file(dir + "press-shop.json"), "press-shop.json");
    const WorkUnitSet csv =
        read_work_units_csv(read_text_file(dir + "press-shop.csv"), "press-shop.csv");
    ASSERT_GE(json.units.size(), 8U);
    ASSERT_EQ(csv.units.size(), json.units.size());
    for (std::size_t i = 0; i < json.units.size(); ++i) {
        const WorkUnit& j = json.units[i];
        const WorkUnit& c = csv.units[i];
        EXPECT_EQ(c.id, j.id);
        EXPECT_EQ(c.line, j.line);
        EXPECT_EQ(c.site, j.site);
        EXPECT_EQ(c.region, j.region);
        ASSERT_EQ(c.period.has_value(), j.period.has_value()) << j.id;
        if (j.period) {
            EXPECT_EQ(c.period->start, j.period->start) << j.id;
            EXPECT_EQ(c.period->end, j.period->end) << j.id;
        }
        for (const ElementInfo& e : all_elements()) {
            ASSERT_EQ(c[e.element].has_value(), j[e.element].has_value()) << j.id << " " << e.key;
            if (j[e.element]) {
                EXPECT_DOUBLE_EQ(*c[e.element], *j[e.element]) << j.id << " " << e.key;
            }
        }
        EXPECT_EQ(c.ideal_time.has_value(), j.ideal_time.has_value()) << j.id;
    }
}

} // namespace
} // namespace smartkpi
