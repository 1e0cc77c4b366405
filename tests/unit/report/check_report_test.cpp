// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/kpi_gate.hpp>
#include <smartkpi/report/check_report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using smartkpi::CheckContext;
using smartkpi::Format;
using smartkpi::GateReport;
using smartkpi::GateResult;
using smartkpi::KpiValue;
using smartkpi::RecordLevel;
using smartkpi::ReportEntry;
using smartkpi::ReportKind;
using smartkpi::ReportRecord;
using smartkpi::Rule;

ReportRecord group(std::string id, double oee, KpiValue mtbf) {
    ReportRecord r;
    r.level = RecordLevel::group;
    r.id = std::move(id);
    r.entries.push_back({smartkpi::ReportSection::none, smartkpi::Measure::absolute, "oee_index",
                         KpiValue::of(oee), "%"});
    r.entries.push_back(
        {smartkpi::ReportSection::none, smartkpi::Measure::absolute, "mtbf", std::move(mtbf), "s"});
    return r;
}

GateReport report(double l1_oee) {
    GateReport g;
    g.kind = ReportKind::kpi;
    g.format = "smartkpi-kpi-report/1";
    g.source = "r.json";
    g.records.push_back(group("S1/L1", l1_oee, KpiValue::of(8940)));
    g.records.push_back(group("S1/<L2> & \"x\"", 0.62, KpiValue::missing({"fe"})));
    return g;
}

struct Fixture {
    std::vector<Rule> rules;
    GateReport current = report(0.55);
    GateReport base = report(0.80);
    GateResult result;
    CheckContext context{"r.json", "smartkpi-kpi-report/1", "b.json", "smartkpi-kpi-report/1",
                         "rules.json"};

    Fixture() {
        Rule floor;
        floor.name = "OEE floor";
        floor.kpi = "oee_index";
        floor.min = 0.6;
        Rule mtbf;
        mtbf.kpi = "mtbf";
        mtbf.min = 3600;
        Rule regression;
        regression.kpi = "oee_index";
        regression.target = "S1/L1";
        regression.max_regression = 0.02;
        rules = {floor, mtbf, regression};
        result = smartkpi::evaluate(rules, current, &base);
    }

    std::string write(Format format) const {
        std::ostringstream out;
        smartkpi::write_check_report(out, format, rules, result, context);
        return out.str();
    }
};

TEST(CheckReportTest, TableHasEveryCheckAndTheSummary) {
    const Fixture f;
    const std::string text = f.write(Format::table);
    EXPECT_NE(text.find("Report: r.json (smartkpi-kpi-report/1)"), std::string::npos) << text;
    EXPECT_NE(text.find("Baseline: b.json"), std::string::npos);
    EXPECT_NE(text.find("Rules: rules.json"), std::string::npos);
    EXPECT_NE(text.find("55%"), std::string::npos); // ratios as percentages
    EXPECT_NE(text.find(">= 60%"), std::string::npos);
    EXPECT_NE(text.find("below the minimum 60%"), std::string::npos);
    EXPECT_NE(text.find("not_available (missing: fe)"), std::string::npos);
    EXPECT_NE(text.find("regression <= 2% (>= 78.4%)"), std::string::npos);
    EXPECT_NE(text.find("8,940 s"), std::string::npos);
    EXPECT_NE(text.find(">= 3,600 s"), std::string::npos);
    EXPECT_NE(text.find("PASS"), std::string::npos);
    EXPECT_NE(text.find("\n3 rules, 0 passed, 3 failed (5 checks, 3 failed)\n"), std::string::npos)
        << text;
}

TEST(CheckReportTest, MarkdownIsAPipeTable) {
    const Fixture f;
    const std::string text = f.write(Format::markdown);
    EXPECT_EQ(text.rfind("# KPI check\n", 0), 0U);
    EXPECT_NE(text.find("| # | Target | KPI | Value | Limit | Result | Note |"), std::string::npos)
        << text;
}

TEST(CheckReportTest, CsvIsUnroundedWithOneRowPerCheck) {
    const Fixture f;
    const std::string text = f.write(Format::csv);
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 6U);
    EXPECT_EQ(lines[0], "rule,name,level,target,period,section,measure,kpi,value,unit,status,min,"
                        "max,max_regression,direction,baseline,regression_limit,result,reason");
    EXPECT_EQ(lines[1], "1,OEE floor,group,S1/L1,,,,oee_index,0.55,%,available,0.6,,,,,,fail,"
                        "below the minimum 0.6");
    EXPECT_EQ(lines[4], "2,,group,\"S1/<L2> & \"\"x\"\"\",,,,mtbf,,s,not_available,3600,,,,,,fail,"
                        "not_available (missing: fe)");
    EXPECT_EQ(lines[5], "3,,group,S1/L1,,,,oee_index,0.55,%,available,,,0.02,higher_is_better,0.8,"
                        "0.784,fail,regressed more than 2% from the baseline 0.8 (limit 0.784)");
}

TEST(CheckReportTest, JsonEncodesValuesAsEveryReport) {
    const Fixture f;
    const auto j = nlohmann::json::parse(f.write(Format::json));
    EXPECT_EQ(j["format"], "smartkpi-check-report/1");
    EXPECT_EQ(j["report"]["file"], "r.json");
    EXPECT_EQ(j["baseline"]["format"], "smartkpi-kpi-report/1");
    EXPECT_EQ(j["rules_file"], "rules.json");
    EXPECT_EQ(j["passed"], false);
    EXPECT_EQ(j["summary"]["rules"], 3);
    EXPECT_EQ(j["summary"]["rules_failed"], 3);
    EXPECT_EQ(j["summary"]["checks"], 5);
    EXPECT_EQ(j["summary"]["checks_passed"], 2);
    ASSERT_EQ(j["results"].size(), 5U);
    const auto& first = j["results"][0];
    EXPECT_EQ(first["rule"], 1);
    EXPECT_EQ(first["name"], "OEE floor");
    EXPECT_EQ(first["level"], "group");
    EXPECT_EQ(first["target"], "S1/L1");
    EXPECT_TRUE(first["section"].is_null());
    EXPECT_EQ(first["value"]["value"], 0.55);
    EXPECT_EQ(first["value"]["unit"], "%");
    EXPECT_EQ(first["min"], 0.6);
    EXPECT_TRUE(first["max"].is_null());
    EXPECT_EQ(first["result"], "fail");
    EXPECT_EQ(first["reasons"][0], "below the minimum 0.6");
    const auto& missing = j["results"][3];
    EXPECT_EQ(missing["value"]["status"], "not_available");
    EXPECT_EQ(missing["value"]["missing"][0], "fe");
    const auto& regression = j["results"][4];
    EXPECT_EQ(regression["direction"], "higher_is_better");
    EXPECT_EQ(regression["baseline"]["value"], 0.8);
    EXPECT_DOUBLE_EQ(regression["regression_limit"].get<double>(), 0.784);
    EXPECT_TRUE(j["warnings"].is_array());
}

TEST(CheckReportTest, JunitXmlHasOneTestcasePerCheckAndEscapes) {
    const Fixture f;
    std::ostringstream out;
    smartkpi::write_check_junit(out, f.rules, f.result, f.context);
    const std::string xml = out.str();
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0U);
    EXPECT_NE(xml.find("<testsuite name=\"smartkpi check\" tests=\"5\" failures=\"3\" errors=\"0\" "
                       "skipped=\"0\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testcase classname=\"smartkpi.check.S1/L1\" name=\"oee_index &gt;= "
                       "0.6\">\n      <failure message=\"below the minimum 0.6\" "
                       "type=\"threshold\">rule 1 &quot;OEE floor&quot;: oee_index of S1/L1 = "
                       "0.55; limit &gt;= 0.6</failure>"),
              std::string::npos)
        << xml;
    // The passing check is an empty element.
    EXPECT_NE(xml.find("<testcase classname=\"smartkpi.check.S1/L1\" name=\"mtbf &gt;= 3600\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("classname=\"smartkpi.check.S1/&lt;L2&gt; &amp; &quot;x&quot;\""),
              std::string::npos);
    EXPECT_NE(xml.find("type=\"unavailable\""), std::string::npos);
    EXPECT_NE(xml.find("name=\"oee_index regression &lt;= 2%\""), std::string::npos);
    EXPECT_EQ(xml.find("time="), std::string::npos); // deterministic
    EXPECT_NE(xml.find("</testsuites>\n"), std::string::npos);
}

TEST(CheckReportTest, AllPassingGateSaysSo) {
    Fixture f;
    f.current = report(0.9);
    f.current.records.pop_back();
    f.rules.erase(f.rules.begin() + 1);
    f.result = smartkpi::evaluate(f.rules, f.current, &f.base);
    EXPECT_TRUE(f.result.passed());
    EXPECT_NE(f.write(Format::table).find("\n2 rules, 2 passed, 0 failed\n"), std::string::npos);
}

} // namespace
