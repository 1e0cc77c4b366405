// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/kpi_gate.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using smartkpi::CheckProblem;
using smartkpi::DataError;
using smartkpi::evaluate;
using smartkpi::GateReport;
using smartkpi::GateResult;
using smartkpi::KpiValue;
using smartkpi::Measure;
using smartkpi::RecordLevel;
using smartkpi::ReportEntry;
using smartkpi::ReportKind;
using smartkpi::ReportRecord;
using smartkpi::ReportSection;
using smartkpi::Rule;
using smartkpi::Trend;

ReportEntry entry(std::string kpi,
                  KpiValue value,
                  std::string unit = "%",
                  ReportSection section = ReportSection::none,
                  Measure measure = Measure::absolute) {
    ReportEntry e;
    e.kpi = std::move(kpi);
    e.value = std::move(value);
    e.unit = std::move(unit);
    e.section = section;
    e.measure = measure;
    return e;
}

ReportRecord record(RecordLevel level, std::string id, std::vector<ReportEntry> entries) {
    ReportRecord r;
    r.level = level;
    r.id = std::move(id);
    r.entries = std::move(entries);
    return r;
}

// A kpi report by line: two groups, and unit M01 with two periods.
GateReport kpi_report(double l1_oee, double l1_mttr) {
    GateReport g;
    g.kind = ReportKind::kpi;
    g.format = "smartkpi-kpi-report/1";
    g.source = "report.json";
    g.records.push_back(
        record(RecordLevel::group, "S1/L1",
               {entry("oee_index", KpiValue::of(l1_oee)), entry("mttr", KpiValue::of(l1_mttr), "s"),
                entry("mtbf", KpiValue::missing({"fe"}), "s")}));
    g.records.push_back(
        record(RecordLevel::group, "S1/L2",
               {entry("oee_index", KpiValue::of(0.62)), entry("mttr", KpiValue::of(1200), "s"),
                entry("mtbf", KpiValue::of(7200), "s")}));
    ReportRecord a = record(RecordLevel::unit, "M01", {entry("oee_index", KpiValue::of(0.81))});
    a.period = "2026-01-12T06:00:00Z/2026-01-12T14:00:00Z";
    ReportRecord b = record(RecordLevel::unit, "M01", {entry("oee_index", KpiValue::of(0.74))});
    b.period = "2026-01-12T14:00:00Z/2026-01-12T22:00:00Z";
    g.records.push_back(a);
    g.records.push_back(b);
    g.records.push_back(record(RecordLevel::unit, "M03",
                               {entry("oee_index", KpiValue::of(0.62)),
                                entry("setup_ratio", KpiValue::undefined("zero denominator"))}));
    return g;
}

GateReport impact_report(double totals_intensity, double totals_labour_hours) {
    GateReport g;
    g.kind = ReportKind::impact;
    g.format = "smartkpi-impact-report/1";
    g.source = "impact.json";
    for (const auto& [id, intensity] : {std::pair{"SH-01", 0.33}, std::pair{"JS-01", 0.15}}) {
        g.records.push_back(record(RecordLevel::factory, id,
                                   {entry("energy_intensity", KpiValue::of(intensity * 1.16),
                                          "tce/10^4 CNY", ReportSection::baseline),
                                    entry("energy_intensity", KpiValue::of(intensity),
                                          "tce/10^4 CNY", ReportSection::upgraded)}));
    }
    g.records.push_back(record(
        RecordLevel::totals, "",
        {entry("energy_intensity", KpiValue::of(totals_intensity), "tce/10^4 CNY",
               ReportSection::upgraded),
         entry("labour_hours", KpiValue::of(totals_labour_hours), "h", ReportSection::upgraded),
         entry("energy_intensity", KpiValue::of(-0.138), "%", ReportSection::change,
               Measure::relative),
         entry("energy_intensity", KpiValue::of(-0.05), "tce/10^4 CNY", ReportSection::change,
               Measure::absolute),
         entry("energy_tce", KpiValue::of(2707), "tce", ReportSection::savings),
         entry("energy_tce", KpiValue::of(0.138), "%", ReportSection::savings,
               Measure::relative)}));
    return g;
}

Rule rule(std::string kpi) {
    Rule r;
    r.kpi = std::move(kpi);
    r.where = smartkpi::Location{"rules.json", 3, 5, "/rules/0"};
    return r;
}

TEST(KpiGateTest, MinWithoutTargetChecksEveryGroup) {
    Rule r = rule("oee_index");
    r.min = 0.7;
    const std::vector<Rule> rules{r};
    const GateResult result = evaluate(rules, kpi_report(0.78, 900));
    ASSERT_EQ(result.outcomes.size(), 2U);
    EXPECT_EQ(result.outcomes[0].target, "S1/L1");
    EXPECT_EQ(result.outcomes[0].level, RecordLevel::group);
    EXPECT_TRUE(result.outcomes[0].passed());
    EXPECT_EQ(result.outcomes[1].target, "S1/L2");
    EXPECT_TRUE(result.outcomes[1].below_min);
    EXPECT_FALSE(result.outcomes[1].passed());
    EXPECT_FALSE(result.passed());
    EXPECT_EQ(result.failed_checks(), 1U);
    EXPECT_EQ(result.failed_rules(), 1U);
    EXPECT_EQ(result.rule_count, 1U);
}

TEST(KpiGateTest, LimitsAreInclusive) {
    Rule r = rule("oee_index");
    r.min = 0.62;
    r.max = 0.78;
    const std::vector<Rule> rules{r};
    EXPECT_TRUE(evaluate(rules, kpi_report(0.78, 900)).passed());
    EXPECT_FALSE(evaluate(rules, kpi_report(0.7800001, 900)).passed());
}

TEST(KpiGateTest, TargetIsAGroupFirstThenEveryRecordOfAUnit) {
    Rule group = rule("oee_index");
    group.target = "S1/L2";
    group.min = 0.6;
    Rule unit = rule("oee_index");
    unit.target = "M01";
    unit.min = 0.8;
    const std::vector<Rule> rules{group, unit};
    const GateResult result = evaluate(rules, kpi_report(0.78, 900));
    ASSERT_EQ(result.outcomes.size(), 3U);
    EXPECT_EQ(result.outcomes[0].target, "S1/L2");
    EXPECT_TRUE(result.outcomes[0].passed());
    // Two periods of M01: two outcomes, each naming its period.
    EXPECT_EQ(result.outcomes[1].level, RecordLevel::unit);
    EXPECT_EQ(result.outcomes[1].period, "2026-01-12T06:00:00Z/2026-01-12T14:00:00Z");
    EXPECT_TRUE(result.outcomes[1].passed());
    EXPECT_EQ(result.outcomes[2].period, "2026-01-12T14:00:00Z/2026-01-12T22:00:00Z");
    EXPECT_TRUE(result.outcomes[2].below_min);
    EXPECT_EQ(result.failed_rules(), 1U);
}

TEST(KpiGateTest, StarChecksEveryUnitRecordAndSinglePeriodsAreNotNamed) {
    Rule r = rule("oee_index");
    r.target = "*";
    r.min = 0.5;
    const std::vector<Rule> rules{r};
    const GateResult result = evaluate(rules, kpi_report(0.78, 900));
    ASSERT_EQ(result.outcomes.size(), 3U);
    EXPECT_EQ(result.outcomes[2].target, "M03");
    EXPECT_EQ(result.outcomes[2].period, "");
    EXPECT_TRUE(result.passed());
}

TEST(KpiGateTest, UnavailableAndUndefinedValuesFail) {
    Rule mtbf = rule("mtbf");
    mtbf.min = 0;
    Rule setup = rule("setup_ratio");
    setup.target = "M03";
    setup.max = 1;
    const std::vector<Rule> rules{mtbf, setup};
    const GateResult result = evaluate(rules, kpi_report(0.78, 900));
    ASSERT_EQ(result.outcomes.size(), 3U);
    EXPECT_EQ(result.outcomes[0].problem, CheckProblem::value_unavailable);
    EXPECT_EQ(result.outcomes[0].value.missing_inputs(), std::vector<std::string>{"fe"});
    EXPECT_TRUE(result.outcomes[1].passed());
    EXPECT_EQ(result.outcomes[2].problem, CheckProblem::value_unavailable);
    EXPECT_EQ(result.outcomes[2].value.status(), KpiValue::Status::undefined);
}

TEST(KpiGateTest, AbsentTargetOrKpiFailsAsNotInReport) {
    Rule absent_unit = rule("oee_index");
    absent_unit.target = "M99";
    absent_unit.min = 0;
    Rule absent_kpi = rule("cpk");
    absent_kpi.target = "S1/L1";
    absent_kpi.min = 1.33;
    const std::vector<Rule> rules{absent_unit, absent_kpi};
    const GateResult result = evaluate(rules, kpi_report(0.78, 900));
    ASSERT_EQ(result.outcomes.size(), 2U);
    EXPECT_EQ(result.outcomes[0].problem, CheckProblem::no_target);
    EXPECT_EQ(result.outcomes[0].target, "M99");
    EXPECT_EQ(result.outcomes[1].problem, CheckProblem::not_in_report);
    EXPECT_EQ(result.failed_rules(), 2U);
}

TEST(KpiGateTest, RegressionRespectsTheTrend) {
    // oee_index: higher is better; 2 % of 0.80 allows down to 0.784.
    Rule oee = rule("oee_index");
    oee.target = "S1/L1";
    oee.max_regression = 0.02;
    // mttr: lower is better; 10 % of 800 s allows up to 880 s.
    Rule mttr = rule("mttr");
    mttr.target = "S1/L1";
    mttr.max_regression = 0.1;
    const std::vector<Rule> rules{oee, mttr};
    const GateReport baseline = kpi_report(0.80, 800);

    const GateResult worse = evaluate(rules, kpi_report(0.78, 900), &baseline);
    ASSERT_EQ(worse.outcomes.size(), 2U);
    EXPECT_TRUE(worse.outcomes[0].regressed);
    EXPECT_EQ(worse.outcomes[0].trend, Trend::higher_is_better);
    EXPECT_DOUBLE_EQ(*worse.outcomes[0].regression_limit, 0.80 - 0.80 * 0.02);
    EXPECT_DOUBLE_EQ(worse.outcomes[0].baseline->value(), 0.80);
    EXPECT_TRUE(worse.outcomes[1].regressed);
    EXPECT_EQ(worse.outcomes[1].trend, Trend::lower_is_better);
    EXPECT_DOUBLE_EQ(*worse.outcomes[1].regression_limit, 880);

    // Within the allowance, and improvements, pass.
    EXPECT_TRUE(evaluate(rules, kpi_report(0.785, 870), &baseline).passed());
    EXPECT_TRUE(evaluate(rules, kpi_report(0.95, 100), &baseline).passed());
}

TEST(KpiGateTest, RegressionMatchesUnitRecordsByPositionAcrossPeriods) {
    Rule r = rule("oee_index");
    r.target = "M01";
    r.max_regression = 0;
    const std::vector<Rule> rules{r};
    GateReport baseline = kpi_report(0.8, 800);
    // Last week's shifts: other periods, same order.
    baseline.records[2].period = "2026-01-05T06:00:00Z/2026-01-05T14:00:00Z";
    baseline.records[2].entries[0].value = KpiValue::of(0.80);
    baseline.records[3].period = "2026-01-05T14:00:00Z/2026-01-05T22:00:00Z";
    baseline.records[3].entries[0].value = KpiValue::of(0.75);
    const GateResult result = evaluate(rules, kpi_report(0.78, 900), &baseline);
    ASSERT_EQ(result.outcomes.size(), 2U);
    EXPECT_DOUBLE_EQ(result.outcomes[0].baseline->value(), 0.80);
    EXPECT_FALSE(result.outcomes[0].regressed); // 0.81 >= 0.80
    EXPECT_DOUBLE_EQ(result.outcomes[1].baseline->value(), 0.75);
    EXPECT_TRUE(result.outcomes[1].regressed); // 0.74 < 0.75
}

TEST(KpiGateTest, TargetAbsentFromBaselineFails) {
    Rule r = rule("oee_index");
    r.target = "M03";
    r.max_regression = 0.05;
    const std::vector<Rule> rules{r};
    GateReport baseline = kpi_report(0.8, 800);
    baseline.records.pop_back();
    const GateResult result = evaluate(rules, kpi_report(0.78, 900), &baseline);
    ASSERT_EQ(result.outcomes.size(), 1U);
    EXPECT_EQ(result.outcomes[0].problem, CheckProblem::not_in_baseline);
}

TEST(KpiGateTest, UnavailableBaselineValueFails) {
    Rule r = rule("mtbf");
    r.target = "S1/L2";
    r.max_regression = 0.05;
    const std::vector<Rule> rules{r};
    GateReport baseline = kpi_report(0.8, 800);
    baseline.records[1].entries[2].value = KpiValue::undefined("zero denominator: fe = 0");
    const GateResult result = evaluate(rules, kpi_report(0.78, 900), &baseline);
    ASSERT_EQ(result.outcomes.size(), 1U);
    EXPECT_EQ(result.outcomes[0].problem, CheckProblem::baseline_unavailable);
}

TEST(KpiGateTest, RegressionWithoutBaselineIsUsageError) {
    Rule r = rule("oee_index");
    r.max_regression = 0.02;
    const std::vector<Rule> rules{r};
    EXPECT_THROW((void)evaluate(rules, kpi_report(0.78, 900)), smartkpi::UsageError);
}

TEST(KpiGateTest, BaselineOfAnotherKindIsDataError) {
    Rule r = rule("oee_index");
    r.max_regression = 0.02;
    const std::vector<Rule> rules{r};
    const GateReport baseline = impact_report(0.2, 1000);
    EXPECT_THROW((void)evaluate(rules, kpi_report(0.78, 900), &baseline), DataError);
}

TEST(KpiGateTest, ImpactRulesReadUpgradedTotalsAndFactories) {
    Rule totals = rule("energy_intensity");
    totals.max = 0.25;
    Rule every = rule("energy_intensity");
    every.target = "*";
    every.max = 0.3;
    Rule base = rule("energy_intensity");
    base.target = "JS-01";
    base.section = ReportSection::baseline;
    base.max = 0.2;
    const std::vector<Rule> rules{totals, every, base};
    const GateResult result = evaluate(rules, impact_report(0.224, 2.9e6));
    ASSERT_EQ(result.outcomes.size(), 4U);
    EXPECT_EQ(result.outcomes[0].level, RecordLevel::totals);
    EXPECT_EQ(result.outcomes[0].section, ReportSection::upgraded);
    EXPECT_TRUE(result.outcomes[0].passed());
    EXPECT_EQ(result.outcomes[1].target, "SH-01");
    EXPECT_TRUE(result.outcomes[1].above_max); // 0.33 > 0.3
    EXPECT_EQ(result.outcomes[2].target, "JS-01");
    EXPECT_TRUE(result.outcomes[2].passed());
    EXPECT_EQ(result.outcomes[3].section, ReportSection::baseline);
    EXPECT_DOUBLE_EQ(result.outcomes[3].value.value(), 0.15 * 1.16);
    EXPECT_TRUE(result.outcomes[3].passed());
}

TEST(KpiGateTest, ImpactChangeIsRelativeAndSavingsAbsoluteByDefault) {
    Rule change = rule("energy_intensity");
    change.section = ReportSection::change;
    change.max = -0.1;
    Rule change_abs = rule("energy_intensity");
    change_abs.section = ReportSection::change;
    change_abs.measure = Measure::absolute;
    change_abs.max = -0.06;
    Rule savings = rule("energy_tce");
    savings.section = ReportSection::savings;
    savings.min = 1000;
    Rule savings_rel = rule("energy_tce");
    savings_rel.section = ReportSection::savings;
    savings_rel.measure = Measure::relative;
    savings_rel.min = 0.1;
    const std::vector<Rule> rules{change, change_abs, savings, savings_rel};
    const GateResult result = evaluate(rules, impact_report(0.224, 2.9e6));
    ASSERT_EQ(result.outcomes.size(), 4U);
    EXPECT_EQ(result.outcomes[0].measure, Measure::relative);
    EXPECT_DOUBLE_EQ(result.outcomes[0].value.value(), -0.138);
    EXPECT_TRUE(result.outcomes[0].passed());
    EXPECT_TRUE(result.outcomes[1].above_max); // -0.05 > -0.06
    EXPECT_EQ(result.outcomes[2].measure, Measure::absolute);
    EXPECT_TRUE(result.outcomes[2].passed());
    EXPECT_DOUBLE_EQ(result.outcomes[3].value.value(), 0.138);
    EXPECT_TRUE(result.outcomes[3].passed());
}

TEST(KpiGateTest, ImpactUnknownFactoryIsNotInReport) {
    Rule r = rule("energy_intensity");
    r.target = "ZZ-99";
    r.max = 1;
    const std::vector<Rule> rules{r};
    const GateResult result = evaluate(rules, impact_report(0.224, 2.9e6));
    ASSERT_EQ(result.outcomes.size(), 1U);
    EXPECT_EQ(result.outcomes[0].level, RecordLevel::factory);
    EXPECT_EQ(result.outcomes[0].problem, CheckProblem::no_target);
}

TEST(KpiGateTest, RegressionOnKpiWithoutTrendNeedsDirection) {
    Rule r = rule("labour_hours");
    r.max_regression = 0.05;
    try {
        smartkpi::check_rule(r, 4);
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().json_pointer, "/rules/0");
        EXPECT_NE(std::string(e.what()).find("rule 4 (labour_hours)"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("\"direction\""), std::string::npos);
    }
    // With a direction the regression is judged by it.
    r.direction = Trend::lower_is_better;
    const std::vector<Rule> rules{r};
    const GateReport baseline = impact_report(0.2, 1000);
    const GateResult result = evaluate(rules, impact_report(0.2, 1100), &baseline);
    ASSERT_EQ(result.outcomes.size(), 1U);
    EXPECT_TRUE(result.outcomes[0].regressed); // 1100 > 1000 + 5 %
    EXPECT_EQ(result.outcomes[0].trend, Trend::lower_is_better);
}

TEST(KpiGateTest, SavingsAreHigherIsBetter) {
    Rule r = rule("labour_hours");
    r.section = ReportSection::savings;
    EXPECT_EQ(smartkpi::effective_trend(r), Trend::higher_is_better);
    EXPECT_EQ(smartkpi::effective_trend(rule("energy_intensity")), Trend::lower_is_better);
    EXPECT_EQ(smartkpi::effective_trend(rule("oee_index")), Trend::higher_is_better);
    EXPECT_EQ(smartkpi::effective_trend(rule("labour_hours")), Trend::none);
}

TEST(KpiGateTest, InvalidRulesAreDataErrors) {
    Rule unknown = rule("oee_idx");
    unknown.min = 0;
    EXPECT_THROW(smartkpi::check_rule(unknown, 1), smartkpi::SchemaError);
    EXPECT_THROW(smartkpi::check_rule(rule("oee_index"), 1), smartkpi::SchemaError);
    Rule crossed = rule("oee_index");
    crossed.min = 0.9;
    crossed.max = 0.8;
    EXPECT_THROW(smartkpi::check_rule(crossed, 1), smartkpi::DomainError);
    Rule negative = rule("oee_index");
    negative.max_regression = -0.1;
    EXPECT_THROW(smartkpi::check_rule(negative, 1), smartkpi::DomainError);
    Rule measure = rule("energy_intensity");
    measure.measure = Measure::relative;
    measure.max = 1;
    EXPECT_THROW(smartkpi::check_rule(measure, 1), smartkpi::SchemaError);
}

TEST(KpiGateTest, SectionOnAKpiReportIsDataErrorAtTheRule) {
    Rule r = rule("oee_index");
    r.section = ReportSection::upgraded;
    r.min = 0.5;
    const std::vector<Rule> rules{r};
    try {
        (void)evaluate(rules, kpi_report(0.78, 900));
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().source, "rules.json");
        EXPECT_NE(std::string(e.what()).find("impact reports"), std::string::npos);
    }
}

TEST(KpiGateTest, KnownKpisAndCanonicalNames) {
    EXPECT_TRUE(smartkpi::is_known_kpi("oee_index"));
    EXPECT_TRUE(smartkpi::is_known_kpi("OEE"));
    EXPECT_TRUE(smartkpi::is_known_kpi("energy_intensity"));
    EXPECT_TRUE(smartkpi::is_known_kpi("energy_kwh_eq"));
    EXPECT_FALSE(smartkpi::is_known_kpi("oee_idx"));
    EXPECT_EQ(smartkpi::canonical_kpi("OEE"), "oee_index");
    EXPECT_EQ(smartkpi::canonical_kpi("energy_intensity"), "energy_intensity");
}

} // namespace
