// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using smartkpi::DataError;
using smartkpi::GateReport;
using smartkpi::KpiValue;
using smartkpi::Measure;
using smartkpi::read_gate_report_json;
using smartkpi::read_rules_json;
using smartkpi::RecordLevel;
using smartkpi::ReportKind;
using smartkpi::ReportSection;
using smartkpi::Rule;
using smartkpi::SchemaError;
using smartkpi::Trend;

std::string fixture(const std::string& name) {
    return smartkpi::read_text_file(std::string(SMARTKPI_SOURCE_DIR) + "/tests/cli/check/" + name);
}

// Runs `f`, which must throw DataError; returns its what().
template <class F> std::string error_of(F&& f) {
    try {
        f();
    } catch (const DataError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a DataError";
    return {};
}

TEST(RulesInputTest, ReadsEveryField) {
    const std::vector<Rule> rules = read_rules_json(R"({
  "$schema": "../schema/rules.schema.json",
  "format": "smartkpi-rules/1",
  "rules": [
    {"name": "floor", "kpi": "OEE", "min": 0.6},
    {"kpi": "availability", "unit": "M01", "min": 0.8, "max": 1.0},
    {"kpi": "energy_intensity", "factory": "SH-01", "section": "change", "measure": "absolute",
     "max": -0.01, "_comment": "ignored"},
    {"kpi": "labour_hours", "max_regression": 0.05, "direction": "lower_is_better"}
  ]
})",
                                                    "rules.json");
    ASSERT_EQ(rules.size(), 4U);
    EXPECT_EQ(rules[0].name, "floor");
    EXPECT_EQ(rules[0].kpi, "oee_index"); // alias resolved
    EXPECT_EQ(*rules[0].min, 0.6);
    EXPECT_FALSE(rules[0].target);
    EXPECT_EQ(rules[0].where.json_pointer, "/rules/0");
    EXPECT_EQ(rules[0].where.line, 5U);
    EXPECT_EQ(*rules[1].target, "M01");
    EXPECT_EQ(*rules[1].max, 1.0);
    EXPECT_EQ(*rules[2].target, "SH-01");
    EXPECT_EQ(*rules[2].section, ReportSection::change);
    EXPECT_EQ(*rules[2].measure, Measure::absolute);
    EXPECT_EQ(*rules[2].max, -0.01); // limits may be negative (changes)
    EXPECT_EQ(*rules[3].direction, Trend::lower_is_better);
    EXPECT_EQ(*rules[3].max_regression, 0.05);
}

TEST(RulesInputTest, UnknownKpiIsLocatedAtItsValue) {
    const std::string what = error_of([] {
        (void)read_rules_json("{\"rules\": [\n  {\"kpi\": \"oee_idx\", \"min\": 1}\n]}", "r.json");
    });
    EXPECT_NE(what.find("r.json:2:11 (/rules/0/kpi): rule 1: unknown KPI \"oee_idx\""),
              std::string::npos)
        << what;
}

TEST(RulesInputTest, RuleProblemsNameTheRule) {
    const std::string no_limit =
        error_of([] { (void)read_rules_json(R"({"rules": [{"kpi": "mttr"}]})", "r.json"); });
    EXPECT_NE(no_limit.find("(/rules/0): rule 1 (mttr): no limit"), std::string::npos) << no_limit;
    const std::string crossed = error_of([] {
        (void)read_rules_json(R"({"rules": [{"kpi": "mttr", "max": 1}, {"kpi": "mttr", "min": 2,
            "max": 1}]})",
                              "r.json");
    });
    EXPECT_NE(crossed.find("(/rules/1): rule 2 (mttr): \"min\" 2 is above \"max\" 1"),
              std::string::npos)
        << crossed;
    const std::string no_trend = error_of([] {
        (void)read_rules_json(R"({"rules": [{"kpi": "labour_hours", "max_regression": 0.1}]})",
                              "r.json");
    });
    EXPECT_NE(no_trend.find("needs \"direction\""), std::string::npos) << no_trend;
}

TEST(RulesInputTest, SchemaProblems) {
    EXPECT_THROW((void)read_rules_json(R"({"rules": []})", "r.json"), SchemaError);
    EXPECT_THROW((void)read_rules_json(R"({"rule": []})", "r.json"), SchemaError);
    EXPECT_THROW((void)read_rules_json(R"({"rules": [{"kpi": "mttr", "mni": 1}]})", "r.json"),
                 SchemaError);
    EXPECT_THROW((void)read_rules_json(R"({"rules": [{"kpi": "mttr", "min": "1"}]})", "r.json"),
                 SchemaError);
    EXPECT_THROW((void)read_rules_json(
                     R"({"rules": [{"kpi": "mttr", "max": 1, "section": "after"}]})", "r.json"),
                 SchemaError);
    EXPECT_THROW(
        (void)read_rules_json(
            R"({"rules": [{"kpi": "mttr", "max": 1, "unit": "M01", "factory": "M02"}]})", "r.json"),
        SchemaError);
    EXPECT_THROW((void)read_rules_json(R"({"format": "smartkpi-rules/2", "rules": []})", "r.json"),
                 SchemaError);
    EXPECT_THROW((void)read_rules_json(R"({"rules": [}})", "r.json"), smartkpi::ParseError);
}

TEST(RulesInputTest, ShippedRulesFilesRead) {
    for (const char* name : {"oee-gate.json", "oee-regression.json", "impact-gate.json"}) {
        const std::string path = std::string(SMARTKPI_SOURCE_DIR) + "/data/rules/" + name;
        EXPECT_FALSE(read_rules_json(smartkpi::read_text_file(path), path).empty()) << name;
    }
}

TEST(GateReportInputTest, ReadsGroupsAndUnitsOfAKpiReport) {
    const GateReport r = read_gate_report_json(fixture("kpi-report.json"), "kpi-report.json");
    EXPECT_EQ(r.kind, ReportKind::kpi);
    EXPECT_EQ(r.format, "smartkpi-kpi-report/1");
    EXPECT_EQ(r.source, "kpi-report.json");
    ASSERT_EQ(r.records.size(), 6U);
    EXPECT_EQ(r.records[0].level, RecordLevel::group);
    EXPECT_EQ(r.records[0].id, "Jiading/L1");
    EXPECT_EQ(r.records[0].period, "");
    const auto* oee = r.records[0].find(ReportSection::none, Measure::absolute, "oee_index");
    ASSERT_NE(oee, nullptr);
    EXPECT_DOUBLE_EQ(oee->value.value(), 0.7794582010582011);
    EXPECT_EQ(oee->unit, "%");
    const auto* mtbf = r.records[1].find(ReportSection::none, Measure::absolute, "mtbf");
    ASSERT_NE(mtbf, nullptr);
    EXPECT_EQ(mtbf->value.status(), KpiValue::Status::not_available);
    EXPECT_EQ(mtbf->value.missing_inputs(), std::vector<std::string>{"fe"});
    EXPECT_EQ(r.records[2].level, RecordLevel::unit);
    EXPECT_EQ(r.records[2].id, "M01");
    EXPECT_EQ(r.records[2].period, "2026-01-12T06:00:00Z/2026-01-12T14:00:00Z");
    const auto* setup = r.records[5].find(ReportSection::none, Measure::absolute, "setup_ratio");
    ASSERT_NE(setup, nullptr);
    EXPECT_EQ(setup->value.status(), KpiValue::Status::undefined);
    EXPECT_EQ(setup->value.reason(), "zero denominator: aupt = 0");
}

TEST(GateReportInputTest, ReadsFactoriesAndTotalsOfAnImpactReport) {
    const GateReport r = read_gate_report_json(fixture("impact-report.json"), "impact.json");
    EXPECT_EQ(r.kind, ReportKind::impact);
    ASSERT_EQ(r.records.size(), 4U);
    EXPECT_EQ(r.records[0].level, RecordLevel::factory);
    EXPECT_EQ(r.records[0].id, "SH-01");
    EXPECT_EQ(r.records[0].period, "2024-01-01/2025-01-01");
    EXPECT_EQ(r.records[3].level, RecordLevel::totals);
    const auto& totals = r.records[3];
    const auto* up = totals.find(ReportSection::upgraded, Measure::absolute, "energy_intensity");
    ASSERT_NE(up, nullptr);
    EXPECT_EQ(up->unit, "tce/10^4 CNY");
    const auto* rel = totals.find(ReportSection::change, Measure::relative, "energy_intensity");
    ASSERT_NE(rel, nullptr);
    EXPECT_NEAR(rel->value.value(), -0.138, 1e-12);
    EXPECT_NE(totals.find(ReportSection::change, Measure::absolute, "energy_intensity"), nullptr);
    EXPECT_NE(totals.find(ReportSection::savings, Measure::absolute, "energy_kwh_eq"), nullptr);
    const auto* saved = totals.find(ReportSection::savings, Measure::relative, "energy_tce");
    ASSERT_NE(saved, nullptr);
    EXPECT_NEAR(saved->value.value(), 0.138, 1e-12);
    // SH-03 has no operating cost: the value is kept as not available.
    const auto* cost =
        r.records[1].find(ReportSection::upgraded, Measure::absolute, "operating_cost");
    ASSERT_NE(cost, nullptr);
    EXPECT_EQ(cost->value.status(), KpiValue::Status::not_available);
}

TEST(GateReportInputTest, KeepsOnlyTheKpisAsked) {
    const std::vector<std::string> kpis{"energy_tce"};
    const GateReport r = read_gate_report_json(fixture("impact-report.json"), "impact.json", kpis);
    ASSERT_EQ(r.records.size(), 4U);
    for (const auto& record : r.records) {
        // baseline, upgraded, change absolute + relative, savings, savings_relative
        EXPECT_EQ(record.entries.size(), 6U) << record.id;
        for (const auto& e : record.entries) {
            EXPECT_EQ(e.kpi, "energy_tce");
        }
    }
}

TEST(GateReportInputTest, FormatAnywhereAndUnknownMembersSkipped) {
    const GateReport r = read_gate_report_json(
        R"({"extra": {"a": [1, 2]}, "groups": [{"id": "all", "kpis": {"oee_index": {"value": 0.5,
        "unit": "%"}}, "new_member": true}], "format": "smartkpi-kpi-report/1"})",
        "r.json");
    ASSERT_EQ(r.records.size(), 1U);
    EXPECT_EQ(r.records[0].id, "all");
}

TEST(GateReportInputTest, WhatIsNotAReportIsDataError) {
    const std::string unknown = error_of(
        [] { (void)read_gate_report_json(R"({"format": "smartkpi-units/1"})", "u.json"); });
    EXPECT_NE(unknown.find("u.json:1:12 (/format): unknown report format \"smartkpi-units/1\""),
              std::string::npos)
        << unknown;
    const std::string none =
        error_of([] { (void)read_gate_report_json(R"({"groups": []})", "g.json"); });
    EXPECT_NE(none.find("no \"format\" member"), std::string::npos) << none;
    const std::string bad_value = error_of([] {
        (void)read_gate_report_json(
            R"({"format": "smartkpi-kpi-report/1", "groups": [{"id": "a", "kpis": {"oee_index": 0.5}}]})",
            "b.json");
    });
    EXPECT_NE(bad_value.find("(/groups/0/kpis/oee_index): expected a KPI value"), std::string::npos)
        << bad_value;
    EXPECT_THROW((void)read_gate_report_json(
                     R"({"format": "smartkpi-kpi-report/1", "groups": [{"kpis": {}}]})", "m.json"),
                 SchemaError);
    EXPECT_THROW((void)read_gate_report_json("[1]", "a.json"), SchemaError);
    EXPECT_THROW(
        (void)read_gate_report_json(R"({"format": "smartkpi-kpi-report/1", "groups": [)", "t.json"),
        smartkpi::ParseError);
}

TEST(GateReportInputTest, FormatsAreListed) {
    const auto formats = smartkpi::gate_report_formats();
    ASSERT_EQ(formats.size(), 4U);
    EXPECT_EQ(formats[0], "smartkpi-kpi-report/1");
    EXPECT_EQ(formats[1], "smartkpi-impact-report/1");
    EXPECT_EQ(formats[2], "smartkpi-events-report/1");
    EXPECT_EQ(formats[3], "smartkpi-energy-baseline-report/1");
}

// conventions §23: check reads `energy baseline` reports. Counts and texts are skipped; the
// uncertainty levels become fsu_68/fsu_90/fsu_95 and the verdict acceptance_passed.
TEST(GateReportInputTest, ReadsAnEnergyBaselineReport) {
    const std::string one = R"({"format": "smartkpi-energy-baseline-report/1",
        "energy_unit": "kWh",
        "statistics": {"n": 24, "p": 3, "r2": {"value": 0.93, "unit": "1"},
                       "cv_rmse": {"value": 0.041, "unit": "%"}, "convention": "G14"},
        "acceptance": {"preset": "g14-monthly", "passed": true, "checks": []},
        "savings": {"avoided_percent": {"value": 0.138, "unit": "%"},
                    "fsu": {"0.68": {"value": 0.05, "unit": "%", "t": 1.0},
                            "0.90": {"status": "undefined", "reason": "zero savings"}}}})";
    const GateReport r = read_gate_report_json(one, "one.json");
    EXPECT_EQ(r.kind, ReportKind::kpi);
    ASSERT_EQ(r.records.size(), 1U);
    EXPECT_EQ(r.records[0].id, "series");
    const auto find = [&](const char* kpi) {
        return r.records[0].find(ReportSection::none, Measure::absolute, kpi);
    };
    ASSERT_NE(find("r2"), nullptr);
    EXPECT_DOUBLE_EQ(find("r2")->value.value(), 0.93);
    EXPECT_DOUBLE_EQ(find("cv_rmse")->value.value(), 0.041);
    EXPECT_EQ(find("n"), nullptr);
    EXPECT_DOUBLE_EQ(find("acceptance_passed")->value.value(), 1.0);
    EXPECT_DOUBLE_EQ(find("avoided_percent")->value.value(), 0.138);
    EXPECT_DOUBLE_EQ(find("fsu_68")->value.value(), 0.05);
    EXPECT_EQ(find("fsu_90")->value.status(), KpiValue::Status::undefined);

    const std::string many = R"({"format": "smartkpi-energy-baseline-report/1", "factories": [
        {"factory": "SH-01", "acceptance": {"passed": false}},
        {"factory": "JS-02", "statistics": {"nmbe": {"value": -0.01, "unit": "%"}}}]})";
    const GateReport m = read_gate_report_json(many, "many.json");
    ASSERT_EQ(m.records.size(), 2U);
    EXPECT_EQ(m.records[0].id, "SH-01");
    EXPECT_DOUBLE_EQ(m.records[0].entries.at(0).value.value(), 0.0);
    EXPECT_EQ(m.records[1].id, "JS-02");
    EXPECT_DOUBLE_EQ(m.records[1].entries.at(0).value.value(), -0.01);
}

} // namespace
