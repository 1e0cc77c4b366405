// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smartkpi {
namespace {

const char* const kOneFactory = R"({
  "format": "smartkpi-dataset/1",
  "factories": [
    {"id": "A", "name": "Plant A", "region": "Shanghai", "level": "city",
     "period": {"start": "2024-01-01", "end": "2025-01-01"},
     "output": "1200 pcs",
     "value_added": {"value": 1000000, "currency": "CNY"},
     "revenue": "5e6 CNY",
     "labour_hours": 2000,
     "employees": 10,
     "operating_cost": {"value": 400000, "unit": "CNY"},
     "energy": {"electricity": "1 GWh", "natural_gas": {"value": 1000, "unit": "m3"},
                "coal": "2 t"}}
  ]
})";

std::string error_of(const std::string& text) {
    try {
        (void)read_dataset_json(text, "f.json");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

TEST(JsonInputTest, ReadsEveryFieldOfAFactory) {
    const Dataset ds = read_dataset_json(kOneFactory, "f.json");
    ASSERT_EQ(ds.factories.size(), 1U);
    const Factory& f = ds.factories[0];
    EXPECT_EQ(f.id, "A");
    EXPECT_EQ(f.level, SmartLevel::city);
    ASSERT_TRUE(f.period);
    EXPECT_EQ(f.period->to_string(), "2024-01-01/2025-01-01");
    ASSERT_TRUE(f.output);
    EXPECT_DOUBLE_EQ(f.output->amount, 1200);
    EXPECT_EQ(f.output->unit, "pcs");
    EXPECT_DOUBLE_EQ(f.value_added->amount, 1e6);
    EXPECT_DOUBLE_EQ(f.revenue->amount, 5e6);
    EXPECT_DOUBLE_EQ(*f.labour_hours, 2000);
    EXPECT_DOUBLE_EQ(f.operating_cost->amount, 4e5);
    ASSERT_TRUE(f.energy);
    // 1 GWh = 1e6 kWh; 2 t of coal = 2000 kg (native units of the coefficients).
    EXPECT_DOUBLE_EQ(*(*f.energy)[Carrier::electricity], 1e6);
    EXPECT_DOUBLE_EQ(*(*f.energy)[Carrier::natural_gas], 1000);
    EXPECT_DOUBLE_EQ(*(*f.energy)[Carrier::coal], 2000);
    EXPECT_FALSE((*f.energy)[Carrier::steam]);
}

TEST(JsonInputTest, MissingMetricsStayMissing) {
    const Dataset ds = read_dataset_json(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none"}]})",
        "f.json");
    const Factory& f = ds.factories.at(0);
    EXPECT_FALSE(f.value_added);
    EXPECT_FALSE(f.energy);
    EXPECT_FALSE(f.labour_hours);
}

TEST(JsonInputTest, NullCarrierIsUnknownNotZero) {
    const Dataset ds = read_dataset_json(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none",
            "energy": {"electricity": "5 MWh", "natural_gas": null}}]})",
        "f.json");
    ASSERT_EQ(ds.factories[0].energy->unknown.size(), 1U);
    EXPECT_EQ(ds.factories[0].energy->unknown[0], Carrier::natural_gas);
}

TEST(JsonInputTest, UnknownUnitNamesPlaceAndAcceptedUnits) {
    const std::string e = error_of(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none",
  "energy": {"electricity": "42000 MWhh"}}]})");
    EXPECT_EQ(e, "f.json:2:29 (/factories/0/energy/electricity): unknown unit \"MWhh\"; accepted: "
                 "kWh, MWh, GWh, MJ, GJ, TJ, kgce, tce, kg, t, m3, s, min, h");
}

TEST(JsonInputTest, StandardCoalIsNotACarrierUnit) {
    const std::string e = error_of(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none",
  "energy": {"electricity": "5 tce"}}]})");
    EXPECT_NE(
        e.find("unit \"tce\" cannot measure electricity; accepted: kWh, MWh, GWh, MJ, GJ, TJ"),
        std::string::npos)
        << e;
}

TEST(JsonInputTest, NegativeQuantityIsADomainError) {
    const std::string e = error_of(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none",
  "employees": -3}]})");
    EXPECT_EQ(e, "f.json:2:16 (/factories/0/employees): employees must not be negative (got -3)");
}

TEST(JsonInputTest, MissingRequiredFieldNamesTheObject) {
    const std::string e = error_of(R"({"factories": [{"id": "B", "name": "", "level": "none"}]})");
    EXPECT_EQ(e, "f.json:1:16 (/factories/0): missing required field \"region\"");
}

TEST(JsonInputTest, UnknownFieldIsReportedWithTheAcceptedOnes) {
    const std::string e = error_of(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none", "valu_added": 1}]})");
    EXPECT_NE(e.find("unknown field \"valu_added\"; accepted: id, name"), std::string::npos) << e;
}

TEST(JsonInputTest, DuplicateIdAndPeriodIsAnError) {
    const std::string e = error_of(
        R"({"factories": [{"id": "B", "name": "", "region": "Anhui", "level": "none"},
                   {"id": "B", "name": "", "region": "Anhui", "level": "none"}]})");
    EXPECT_NE(e.find("(/factories/1): duplicate factory id \"B\""), std::string::npos) << e;
}

TEST(JsonInputTest, SameIdInTwoPeriodsIsAllowed) {
    // conventions §14: record identity is (id, period).
    const Dataset ds = read_dataset_json(
        R"({"factories": [
  {"id": "B", "name": "", "region": "Anhui", "level": "none", "period": {"start": "2023-01-01", "end": "2024-01-01"}},
  {"id": "B", "name": "", "region": "Anhui", "level": "none", "period": {"start": "2024-01-01", "end": "2025-01-01"}}]})",
        "f.json");
    EXPECT_EQ(ds.factories.size(), 2U);
}

TEST(JsonInputTest, SyntaxErrorHasLineAndColumn) {
    const std::string e = error_of("{\"factories\": [\n  {\"id\": \"A\" \"name\": \"x\"}]}");
    EXPECT_NE(e.find("f.json:2:14"), std::string::npos) << e;
}

TEST(JsonInputTest, ProblemsCollectsEveryProblem) {
    Problems problems;
    const Dataset ds = read_dataset_json(
        R"({"factories": [
  {"id": "A", "name": "", "region": "Anhui", "level": "top", "employees": -1},
  {"id": "B", "name": "", "region": "Anhui", "level": "none", "energy": {"oil": "1 t"}},
  {"id": "C", "name": "", "region": "Anhui", "level": "none"}]})",
        "f.json", &problems);
    EXPECT_EQ(problems.count(), 3U);
    // Records with a problem are left out of the result; the others are kept.
    ASSERT_EQ(ds.factories.size(), 1U);
    EXPECT_EQ(ds.factories[0].id, "C");
    EXPECT_NE(problems.messages()[0].find("invalid value \"top\""), std::string::npos);
    EXPECT_NE(problems.messages()[2].find("invalid value \"oil\""), std::string::npos);
}

TEST(JsonInputTest, CoefficientOverridesApply) {
    const Dataset ds = read_dataset_json(
        R"({"factories": [], "coefficients": {"tce": {"natural_gas": {"value": 1.33, "unit": "kgce/m3", "source": "NBS"}},
             "co2": {"electricity": {"Shanghai": {"value": 0.42, "unit": "kgCO2/kWh", "source": "local"}}}}})",
        "f.json");
    EXPECT_DOUBLE_EQ(ds.coefficients.tce(Carrier::natural_gas).value, 1.33);
    EXPECT_DOUBLE_EQ(ds.coefficients.co2(Carrier::electricity, "Shanghai").value, 0.42);
    EXPECT_DOUBLE_EQ(ds.coefficients.co2(Carrier::electricity, "Jiangsu").value, 0.5978);
}

TEST(JsonInputTest, EquivalentBasisNeedsADatedCoefficient) {
    const std::string e =
        error_of(R"({"factories": [], "coefficients": {"electricity_basis": "equivalent"}})");
    EXPECT_NE(e.find("(/coefficients/electricity_basis): the equal-value"), std::string::npos) << e;
    const Dataset ds = read_dataset_json(
        R"({"factories": [], "coefficients": {"electricity_basis": "equivalent",
            "tce": {"electricity_equivalent": {"value": 0.3, "source": "NEA", "year": 2024}}}})",
        "f.json");
    EXPECT_DOUBLE_EQ(ds.coefficients.tce(Carrier::electricity).value, 0.3);
}

TEST(JsonInputTest, ReadsScenarioWithSelectionAndOverrides) {
    const Scenario s = read_scenario_json(
        R"({"name": "s", "effects": {"labour_productivity": "+20%", "energy_intensity": -0.05},
            "hold": "labour", "applies_to": {"levels": ["none", "city"]},
            "overrides": [{"id": "A", "effects": {"operating_cost": "-10%"}, "hold": "output"}]})",
        "s.json");
    EXPECT_DOUBLE_EQ(*s.effects.labour_productivity, 0.2);
    EXPECT_DOUBLE_EQ(*s.effects.energy_intensity, -0.05);
    EXPECT_FALSE(s.effects.operating_cost);
    EXPECT_EQ(s.hold, HoldRule::labour);
    EXPECT_EQ(s.applies_to.kind, Selection::Kind::levels);
    ASSERT_EQ(s.overrides.size(), 1U);
    EXPECT_DOUBLE_EQ(*s.overrides[0].effects.operating_cost, -0.1);
    EXPECT_EQ(*s.overrides[0].hold, HoldRule::output);
}

TEST(JsonInputTest, ScenarioEffectOfMinusHundredPercentIsRejected) {
    try {
        (void)read_scenario_json(R"({"name": "s", "effects": {"operating_cost": "-100%"}})",
                                 "s.json");
        FAIL() << "no error";
    } catch (const DomainError& e) {
        EXPECT_NE(std::string(e.what()).find("s.json:1:45 (/effects/operating_cost)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(JsonInputTest, DetectsInputKinds) {
    EXPECT_EQ(detect_input_kind(R"({"format": "smartkpi-targets/1"})", "x"), InputKind::targets);
    EXPECT_EQ(detect_input_kind(R"({"factories": []})", "x"), InputKind::dataset);
    EXPECT_EQ(detect_input_kind(R"({"name": "x", "effects": {}})", "x"), InputKind::scenario);
    EXPECT_THROW((void)detect_input_kind(R"({"x": 1})", "x"), SchemaError);
}

TEST(JsonInputTest, BundledDataReadsCleanly) {
    // The shipped files must stay valid under the library's own reader.
    const Dataset ds = bundled_dataset();
    EXPECT_EQ(ds.factories.size(), 12U);
    EXPECT_TRUE(ds.illustrative);
    const Consortium c = bundled_consortium();
    // Announcement: 9 founding members, three of them named (issue 2 §5).
    ASSERT_TRUE(c.founding_members_total);
    EXPECT_EQ(*c.founding_members_total, 9U);
    EXPECT_EQ(c.named_founding_members(), 3U);
    const ProgrammeTargets t = bundled_targets();
    ASSERT_GE(t.programmes.size(), 2U);
    EXPECT_EQ(t.programmes[0].built, 177);
    EXPECT_EQ(*t.programmes[0].target, 200);
    EXPECT_EQ(t.programmes[1].built, 19);
    const Scenario s = preset_scenario("shanghai-smart-factory");
    EXPECT_DOUBLE_EQ(*s.effects.labour_productivity, 0.5);
    EXPECT_DOUBLE_EQ(*s.effects.operating_cost, -0.3);
    EXPECT_DOUBLE_EQ(*s.effects.energy_intensity, -0.138);
    EXPECT_THROW((void)preset_scenario("nope"), UsageError);
}

} // namespace
} // namespace smartkpi
