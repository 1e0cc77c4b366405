// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Reading an impact report's baseline and upgraded figures for `energy decompose --impact`
// (conventions §35).
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/io/impact_report_input.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

using smartkpi::ImpactReportPeriods;
using smartkpi::read_impact_report_periods;

std::string hold_labour_report() {
    return smartkpi::read_text_file(std::string(SMARTKPI_SOURCE_DIR) +
                                    "/tests/cli/check/impact-report-hold-labour.json");
}

// A report with one covered and one uncovered factory, as `smartkpi impact` writes them.
constexpr std::string_view kSmall = R"({
  "format": "smartkpi-impact-report/1",
  "scenario": {"name": "s", "hold": "output", "effects": {"energy_intensity": -0.138}},
  "currency": "CNY",
  "factories": [
    {"id": "A", "name": "a", "region": "Anhui", "level": "none", "sector": "machinery",
     "covered": true, "hold": "output",
     "baseline": {"value_added": {"value": 100, "unit": "CNY"}, "energy_tce": {"value": 10, "unit": "tce"},
                  "co2_t": {"value": 30, "unit": "tCO2"}, "output": {"value": 5, "unit": "pcs"}},
     "upgraded": {"value_added": {"value": 100, "unit": "CNY"}, "energy_tce": {"value": 8.62, "unit": "tce"},
                  "co2_t": {"value": 25.86, "unit": "tCO2"}}},
    {"id": "B", "name": "b", "region": "Anhui", "level": "none", "sector": null, "covered": false,
     "hold": null,
     "baseline": {"value_added": {"value": 50, "unit": "CNY"},
                  "energy_tce": {"status": "not_available", "missing": ["energy.natural_gas"]},
                  "co2_t": {"status": "not_available", "missing": ["energy.natural_gas"]}}}
  ],
  "totals": {"factories": 2}
})";

TEST(LmdiImpactReportInput, ReadsBaselineAndUpgradedFiguresPerFactory) {
    const ImpactReportPeriods p =
        read_impact_report_periods(hold_labour_report(), "impact-report-hold-labour.json");
    EXPECT_EQ(p.scenario, "shanghai-smart-factory");
    EXPECT_EQ(p.hold, "labour");
    EXPECT_EQ(p.uncovered, 0u);
    EXPECT_EQ(p.baseline.label, "baseline");
    EXPECT_EQ(p.upgraded.label, "upgraded");
    EXPECT_EQ(p.baseline.currency, "CNY");
    ASSERT_EQ(p.baseline.records.size(), 3u);
    ASSERT_EQ(p.upgraded.records.size(), 3u);
    const auto& base = p.baseline.records[0];
    const auto& up = p.upgraded.records[0];
    EXPECT_EQ(base.id, "SH-01");
    EXPECT_EQ(base.sector, "automotive parts");
    EXPECT_EQ(base.region, "Shanghai");
    EXPECT_EQ(base.value_added, 210000000.0);
    EXPECT_EQ(base.energy_tce, 8016.26);
    EXPECT_EQ(base.co2_t, 30610.196);
    EXPECT_EQ(up.value_added, 315000000.0);
    EXPECT_EQ(up.energy_tce, 10365.02418);
    EXPECT_EQ(base.where.source, "impact-report-hold-labour.json");
    EXPECT_EQ(base.where.json_pointer, "/factories/0");
}

TEST(LmdiImpactReportInput, HoldLabourSplitsIntoActivityTimesIntensity) {
    // Under hold: labour every covered factory's value added is ×1.5 and its intensity ×0.862
    // (data/scenarios/labour-hold.json), so D_act = 1.5, D_str = 1, D_int = 0.862 and
    // D_act·D_str·D_int = 1.293, the +29.3 % energy change of conventions §9.
    const ImpactReportPeriods p = read_impact_report_periods(hold_labour_report(), "r.json");
    const auto d = smartkpi::decompose_energy(p.baseline, p.upgraded);
    ASSERT_TRUE(d.multiplicative.has_value());
    EXPECT_NEAR((*d.multiplicative)[0], 1.5, 1e-12);
    EXPECT_NEAR((*d.multiplicative)[1], 1.0, 1e-12);
    EXPECT_NEAR((*d.multiplicative)[2], 0.862, 1e-12);
    EXPECT_NEAR(d.ratio().value(), 1.293, 1e-12);
    // Savings readings: avoided energy is 20.7 % of the baseline (conventions §9).
    EXPECT_NEAR(-d.readings.avoided_energy / d.from, 0.207, 1e-12);
    EXPECT_NEAR(-d.readings.laspeyres / d.from, 0.138, 1e-12);
}

TEST(LmdiImpactReportInput, UncoveredFactoriesKeepTheirBaselineAndMissingFiguresAreKept) {
    const ImpactReportPeriods p = read_impact_report_periods(kSmall, "small.json");
    EXPECT_EQ(p.uncovered, 1u);
    ASSERT_EQ(p.upgraded.records.size(), 2u);
    EXPECT_EQ(p.upgraded.records[0].energy_tce, 8.62);
    const auto& b = p.upgraded.records[1];
    EXPECT_EQ(b.id, "B");
    EXPECT_EQ(b.sector, "");
    EXPECT_EQ(b.value_added, 50.0);
    EXPECT_FALSE(b.energy_tce.has_value());
    EXPECT_EQ(b.missing_energy, (std::vector<std::string>{"energy.natural_gas"}));
    const auto d = smartkpi::decompose_energy(p.baseline, p.upgraded);
    ASSERT_EQ(d.warnings.size(), 1u);
    EXPECT_EQ(d.warnings[0],
              "factory \"B\" is left out of both periods: energy.natural_gas missing in both");
}

void expect_error_at(std::string_view text, std::string_view pointer, std::string_view message) {
    try {
        (void)read_impact_report_periods(text, "bad.json");
        ADD_FAILURE() << "no error for " << text;
    } catch (const smartkpi::DataError& e) {
        EXPECT_EQ(e.where().source, "bad.json");
        EXPECT_EQ(e.where().json_pointer, pointer) << e.what();
        EXPECT_NE(e.message().find(message), std::string::npos) << e.what();
    }
}

TEST(LmdiImpactReportInput, RejectsWhatIsNotAnImpactReport) {
    expect_error_at(R"({"format": "smartkpi-kpi-report/1", "factories": []})", "/format",
                    "is not \"smartkpi-impact-report/1\"");
    expect_error_at(R"({"currency": "CNY", "factories": []})", "", "no \"format\" member");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY"})", "",
                    "factories");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
                        "factories": [{"covered": false, "baseline": {}}]})",
                    "/factories/0", "id");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
                        "factories": [{"id": "A", "covered": false,
                        "baseline": {"energy_tce": {"value": 3, "unit": "GJ"}}}]})",
                    "/factories/0/baseline/energy_tce/unit", "\"tce\"");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
                        "factories": [{"id": "A", "covered": false,
                        "baseline": {"value_added": {"value": 3, "unit": "USD"}}}]})",
                    "/factories/0/baseline/value_added/unit", "\"CNY\"");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
                        "factories": [{"id": "A", "covered": true,
                        "baseline": {"value_added": 3}}]})",
                    "/factories/0/baseline/value_added", "KPI value");
    expect_error_at(R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
                        "factories": [{"id": "A", "covered": true, "baseline": {}}]})",
                    "/factories/0", "upgraded");
    EXPECT_THROW((void)read_impact_report_periods("{\"format\": ", "bad.json"),
                 smartkpi::ParseError);
}

TEST(LmdiImpactReportInput, NegativeFiguresAreRejectedByTheDecompositionNamingTheFactory) {
    const std::string text = R"({"format": "smartkpi-impact-report/1", "currency": "CNY",
        "factories": [{"id": "NEG", "covered": true,
          "baseline": {"value_added": {"value": 5, "unit": "CNY"}, "energy_tce": {"value": 1, "unit": "tce"}},
          "upgraded": {"value_added": {"value": -5, "unit": "CNY"}, "energy_tce": {"value": 1, "unit": "tce"}}}]})";
    const ImpactReportPeriods p = read_impact_report_periods(text, "neg.json");
    try {
        (void)smartkpi::decompose_energy(p.baseline, p.upgraded);
        FAIL() << "no error";
    } catch (const smartkpi::DataError& e) {
        EXPECT_NE(e.message().find("\"NEG\" in upgraded"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().json_pointer, "/factories/0");
    }
}

} // namespace
