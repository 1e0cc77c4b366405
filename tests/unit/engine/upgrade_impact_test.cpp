// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/money.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using smartkpi::Carrier;
using smartkpi::Coefficients;
using smartkpi::Currency;
using smartkpi::Dataset;
using smartkpi::Effects;
using smartkpi::EnergyUse;
using smartkpi::Factory;
using smartkpi::FactoryImpact;
using smartkpi::Figures;
using smartkpi::FxTable;
using smartkpi::HoldRule;
using smartkpi::ImpactAssessor;
using smartkpi::ImpactTotals;
using smartkpi::KpiValue;
using smartkpi::Metric;
using smartkpi::Money;
using smartkpi::Saving;
using smartkpi::Scenario;
using smartkpi::Selection;
using smartkpi::SmartLevel;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;

const Currency kCny("CNY");

// Relative tolerance for hand-worked figures (a handful of roundings of ~1e-16 each).
constexpr double kRel = 1e-12;

double num(const KpiValue& v) {
    EXPECT_EQ(v.status(), Status::available) << v.reason();
    return v.value();
}

#define EXPECT_VALUE(kpi, expected)                                                                \
    EXPECT_NEAR(num(kpi), (expected), kRel* std::max(1.0, std::abs(expected)))

// The reference factory, with round numbers:
//   value added 100,000,000 CNY; labour 1,000,000 h; 500 employees; output 1,000,000 pcs;
//   operating cost 300,000,000 CNY; revenue 200,000,000 CNY; electricity 10,000,000 kWh in
//   Shanghai.
// Baseline (GB/T 2589 0.1229 kgce/kWh, energy.md §5.2; MEE & NBS 2022 Shanghai 0.5849 kgCO2/kWh,
// conventions §13):
//   energy 1e7 x 0.1229 = 1,229,000 kgce = 1,229 tce = 1,229 x 29.3076 = 36,019.0404 GJ
//   CO2 1e7 x 0.5849 = 5,849,000 kg = 5,849 t
//   labour productivity 1e8 / 1e6 = 100 CNY/h; per employee 1e8 / 500 = 200,000 CNY
//   unit operating cost 3e8 / 1e6 = 300 CNY/pcs
//   energy intensity 1,229 / (1e8 / 1e4) = 0.1229 tce/10^4 CNY
//   carbon intensity 5,849 / 10,000 = 0.5849 tCO2/10^4 CNY
Factory reference_factory(std::string id = "SH-01",
                          std::string region = "Shanghai",
                          SmartLevel level = SmartLevel::city) {
    Factory f;
    f.id = std::move(id);
    f.name = f.id;
    f.region = std::move(region);
    f.level = level;
    f.value_added = Money{1.0e8, kCny};
    f.revenue = Money{2.0e8, kCny};
    f.operating_cost = Money{3.0e8, kCny};
    f.labour_hours = 1.0e6;
    f.employees = 500;
    f.output = smartkpi::Output{1.0e6, "pcs"};
    EnergyUse use;
    use[Carrier::electricity] = 1.0e7;
    f.energy = use;
    return f;
}

// The forum's reference effects: labour productivity +50 %, operating cost -30 %, energy
// intensity -13.8 % (data/scenarios/shanghai-smart-factory.json).
Scenario reference_scenario(HoldRule hold) {
    Scenario s;
    s.name = "reference";
    s.effects.labour_productivity = 0.5;
    s.effects.operating_cost = -0.3;
    s.effects.energy_intensity = -0.138;
    s.hold = hold;
    return s;
}

ImpactAssessor assessor(Scenario scenario) {
    return ImpactAssessor(std::move(scenario), Coefficients::defaults(), FxTable::defaults());
}

// ---------------------------------------------------------------------------------------------
// One factory, hold output.

class HoldOutputTest : public ::testing::Test {
  protected:
    Factory factory = reference_factory();
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::output));
    FactoryImpact impact = engine.assess(factory);
};

TEST_F(HoldOutputTest, Baseline) {
    const Figures& b = impact.baseline;
    EXPECT_TRUE(impact.covered);
    EXPECT_EQ(impact.factory, &factory);
    EXPECT_EQ(impact.hold, HoldRule::output);
    EXPECT_VALUE(b.value(Metric::energy_tce), 1229.0);
    EXPECT_VALUE(b.value(Metric::energy_gj), 36019.0404);
    EXPECT_VALUE(b.value(Metric::co2_t), 5849.0);
    EXPECT_VALUE(b.value(Metric::labour_productivity), 100.0);
    EXPECT_VALUE(b.value(Metric::labour_productivity_per_employee), 200000.0);
    EXPECT_VALUE(b.value(Metric::unit_operating_cost), 300.0);
    EXPECT_VALUE(b.value(Metric::energy_intensity), 0.1229);
    EXPECT_VALUE(b.value(Metric::energy_per_output), 0.001229);
    EXPECT_VALUE(b.value(Metric::carbon_intensity), 0.5849);
}

TEST_F(HoldOutputTest, UpgradedQuantities) {
    // Factors (conventions §8): activity 1, labour 1/1.5, operating cost 0.7, energy 0.862.
    const Figures& u = impact.upgraded;
    EXPECT_EQ(impact.factors.activity, 1.0);
    EXPECT_VALUE(u.value(Metric::value_added), 1.0e8);
    EXPECT_VALUE(u.value(Metric::revenue), 2.0e8);
    EXPECT_VALUE(u.value(Metric::output), 1.0e6);
    // 1e6 h / 1.5 = 666,666.67 h; 500 / 1.5 = 333.33 persons.
    EXPECT_VALUE(u.value(Metric::labour_hours), 1.0e6 / 1.5);
    EXPECT_VALUE(u.value(Metric::employees), 500.0 / 1.5);
    // 3e8 x 0.7 = 2.1e8 CNY.
    EXPECT_VALUE(u.value(Metric::operating_cost), 2.1e8);
    // 1,229 x 0.862 = 1,059.398 tce; 5,849 x 0.862 = 5,041.838 t.
    EXPECT_VALUE(u.value(Metric::energy_tce), 1059.398);
    EXPECT_VALUE(u.value(Metric::co2_t), 5041.838);
    EXPECT_VALUE(u.value(Metric::energy_gj), 1059.398 * 29.3076);
}

TEST_F(HoldOutputTest, UpgradedIntensitiesMoveByTheEffects) {
    const Figures& u = impact.upgraded;
    // 1e8 / 666,666.67 = 150 CNY/h (+50 %); 2.1e8 / 1e6 = 210 CNY/pcs (-30 %);
    // 1,059.398 / 10,000 = 0.1059398 tce/10^4 CNY (-13.8 %).
    EXPECT_VALUE(u.value(Metric::labour_productivity), 150.0);
    EXPECT_VALUE(u.value(Metric::labour_productivity_per_employee), 300000.0);
    EXPECT_VALUE(u.value(Metric::unit_operating_cost), 210.0);
    EXPECT_VALUE(u.value(Metric::energy_intensity), 0.1059398);
    EXPECT_VALUE(impact.change_relative(Metric::labour_productivity), 0.5);
    EXPECT_VALUE(impact.change_relative(Metric::unit_operating_cost), -0.3);
    EXPECT_VALUE(impact.change_relative(Metric::energy_intensity), -0.138);
}

TEST_F(HoldOutputTest, Change) {
    // energy: 1,059.398 - 1,229 = -169.602 tce (-13.8 %); cost: 2.1e8 - 3e8 = -9e7 (-30 %);
    // labour: 666,666.67 - 1e6 = -333,333.33 h (-1/3).
    EXPECT_VALUE(impact.change_absolute(Metric::energy_tce), -169.602);
    EXPECT_VALUE(impact.change_relative(Metric::energy_tce), -0.138);
    EXPECT_VALUE(impact.change_absolute(Metric::operating_cost), -9.0e7);
    EXPECT_VALUE(impact.change_relative(Metric::operating_cost), -0.3);
    EXPECT_VALUE(impact.change_absolute(Metric::labour_hours), 1.0e6 / 1.5 - 1.0e6);
    EXPECT_VALUE(impact.change_relative(Metric::labour_hours), -1.0 / 3.0);
    EXPECT_VALUE(impact.change_absolute(Metric::value_added), 0.0);
    EXPECT_VALUE(impact.change_relative(Metric::value_added), 0.0);
}

TEST_F(HoldOutputTest, SavingsAreMinusChange) {
    // conventions §9: savings = baseline intensity x upgraded activity - upgraded quantity;
    // activity is unchanged under hold output, so savings = -change.
    //   energy 1,229 x 1 - 1,059.398 = 169.602 tce
    //   cost 3e8 - 2.1e8 = 9e7 CNY; CO2 5,849 - 5,041.838 = 807.162 t;
    //   labour 1e6 - 666,666.67 = 333,333.33 h
    EXPECT_VALUE(impact.savings(Saving::energy_tce), 169.602);
    EXPECT_VALUE(impact.savings(Saving::operating_cost), 9.0e7);
    EXPECT_VALUE(impact.savings(Saving::co2_t), 807.162);
    EXPECT_VALUE(impact.savings(Saving::labour_hours), 1.0e6 - 1.0e6 / 1.5);
    for (auto [saving, metric] : {std::pair{Saving::energy_tce, Metric::energy_tce},
                                  std::pair{Saving::operating_cost, Metric::operating_cost},
                                  std::pair{Saving::co2_t, Metric::co2_t},
                                  std::pair{Saving::labour_hours, Metric::labour_hours}}) {
        EXPECT_VALUE(impact.savings(saving), -num(impact.change_absolute(metric)));
    }
}

TEST_F(HoldOutputTest, KwhEquivalentSaving) {
    // conventions §12: kWh-equivalent = GJ / 0.0036.
    //   169.602 tce x 29.3076 GJ/tce = 4,970.6276 GJ; / 0.0036 = 1,380,729.882 kWh.
    // (Not 169.602 / 0.1229 x 1000 = 1,380,000 kWh of electricity: the coefficient 0.1229 is
    // not the physical 0.12283 kgce/kWh.)
    EXPECT_VALUE(impact.savings(Saving::energy_kwh_eq), 169.602 * 29.3076 / 0.0036);
    EXPECT_NEAR(num(impact.savings(Saving::energy_kwh_eq)), 1380729.882, 1e-5);
}

// ---------------------------------------------------------------------------------------------
// One factory, hold labour.

class HoldLabourTest : public ::testing::Test {
  protected:
    Factory factory = reference_factory();
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::labour));
    FactoryImpact impact = engine.assess(factory);
};

TEST_F(HoldLabourTest, UpgradedQuantities) {
    // Factors (conventions §8): activity 1.5, labour 1, operating cost 1.05, energy 1.293.
    const Figures& u = impact.upgraded;
    EXPECT_EQ(impact.hold, HoldRule::labour);
    EXPECT_EQ(impact.factors.activity, 1.5);
    EXPECT_VALUE(u.value(Metric::value_added), 1.5e8);
    EXPECT_VALUE(u.value(Metric::revenue), 3.0e8);
    EXPECT_VALUE(u.value(Metric::output), 1.5e6);
    EXPECT_VALUE(u.value(Metric::labour_hours), 1.0e6);
    EXPECT_VALUE(u.value(Metric::employees), 500.0);
    // 3e8 x 1.05 = 3.15e8 CNY; 1,229 x 1.293 = 1,589.097 tce; 5,849 x 1.293 = 7,562.757 t.
    EXPECT_VALUE(u.value(Metric::operating_cost), 3.15e8);
    EXPECT_VALUE(u.value(Metric::energy_tce), 1589.097);
    EXPECT_VALUE(u.value(Metric::co2_t), 7562.757);
}

TEST_F(HoldLabourTest, IntensitiesMoveByTheSameEffects) {
    // 1.5e8 / 1e6 = 150 CNY/h; 3.15e8 / 1.5e6 = 210 CNY/pcs; 1,589.097 / 15,000 = 0.1059398.
    const Figures& u = impact.upgraded;
    EXPECT_VALUE(u.value(Metric::labour_productivity), 150.0);
    EXPECT_VALUE(u.value(Metric::unit_operating_cost), 210.0);
    EXPECT_VALUE(u.value(Metric::energy_intensity), 0.1059398);
    EXPECT_VALUE(impact.change_relative(Metric::labour_productivity), 0.5);
    EXPECT_VALUE(impact.change_relative(Metric::unit_operating_cost), -0.3);
    EXPECT_VALUE(impact.change_relative(Metric::energy_intensity), -0.138);
}

TEST_F(HoldLabourTest, EnergyChangeUpWhileSavingsPositive) {
    // conventions §9: energy change 1,589.097 - 1,229 = +360.097 tce = +29.3 % of baseline,
    // while savings = 1,229 x 1.5 - 1,589.097 = 1,843.5 - 1,589.097 = 254.403 tce
    // = 20.7 % of baseline.
    EXPECT_VALUE(impact.change_absolute(Metric::energy_tce), 360.097);
    EXPECT_VALUE(impact.change_relative(Metric::energy_tce), 0.293);
    EXPECT_VALUE(impact.savings(Saving::energy_tce), 254.403);
    EXPECT_NEAR(num(impact.savings(Saving::energy_tce)) / 1229.0, 0.207, kRel);
    // 254.403 x 29.3076 / 0.0036 = 2,071,094.823 kWh.
    EXPECT_VALUE(impact.savings(Saving::energy_kwh_eq), 254.403 * 29.3076 / 0.0036);
}

TEST_F(HoldLabourTest, CostChangeUpWhileSavingsPositive) {
    // cost change 3.15e8 - 3e8 = +1.5e7 CNY (+5 %); savings 3e8 x 1.5 - 3.15e8 = 1.35e8 CNY
    // = 45 % of baseline (30 % x 1.5).
    EXPECT_VALUE(impact.change_absolute(Metric::operating_cost), 1.5e7);
    EXPECT_VALUE(impact.change_relative(Metric::operating_cost), 0.05);
    EXPECT_VALUE(impact.savings(Saving::operating_cost), 1.35e8);
    EXPECT_NEAR(num(impact.savings(Saving::operating_cost)) / 3.0e8, 0.45, kRel);
}

TEST_F(HoldLabourTest, Co2AndLabourSavings) {
    // CO2: change 7,562.757 - 5,849 = +1,713.757 t; savings 5,849 x 1.5 - 7,562.757 = 1,210.743 t.
    EXPECT_VALUE(impact.change_absolute(Metric::co2_t), 1713.757);
    EXPECT_VALUE(impact.savings(Saving::co2_t), 1210.743);
    // Labour: no change; savings 1e6 x 1.5 - 1e6 = 500,000 h (hours the extra output would
    // have needed at the baseline productivity).
    EXPECT_VALUE(impact.change_absolute(Metric::labour_hours), 0.0);
    EXPECT_VALUE(impact.savings(Saving::labour_hours), 5.0e5);
}

// ---------------------------------------------------------------------------------------------
// Coverage, overrides, missing inputs.

TEST(FactoryImpactTest, UncoveredFactoryUnchangedWithZeroSavings) {
    Scenario s = reference_scenario(HoldRule::labour);
    s.applies_to.kind = Selection::Kind::levels;
    s.applies_to.levels = {SmartLevel::none};
    ImpactAssessor engine = assessor(s);
    const Factory factory = reference_factory("SH-01", "Shanghai", SmartLevel::city);
    const FactoryImpact impact = engine.assess(factory);
    EXPECT_FALSE(impact.covered);
    EXPECT_EQ(impact.factors.activity, 1.0);
    EXPECT_EQ(impact.factors.energy, 1.0);
    for (const auto& mi : smartkpi::all_metrics()) {
        EXPECT_EQ(num(impact.change_absolute(mi.metric)), 0.0) << mi.key;
    }
    for (Saving saving : smartkpi::all_savings()) {
        EXPECT_EQ(num(impact.savings(saving)), 0.0) << smartkpi::to_string(saving);
    }
    EXPECT_VALUE(impact.upgraded.value(Metric::energy_tce), 1229.0);
}

TEST(FactoryImpactTest, OverrideChangesOneFactory) {
    // The scenario covers A only; the override names B, so B is covered with its own energy
    // effect (-20 %) and hold rule (labour); labour and cost effects come from the scenario.
    Scenario s = reference_scenario(HoldRule::output);
    s.applies_to.kind = Selection::Kind::ids;
    s.applies_to.ids = {"A"};
    Effects energy_only;
    energy_only.energy_intensity = -0.2;
    s.overrides.push_back({"B", energy_only, HoldRule::labour});
    ImpactAssessor engine = assessor(s);
    const Factory a = reference_factory("A");
    const Factory b = reference_factory("B");
    const FactoryImpact ia = engine.assess(a);
    const FactoryImpact ib = engine.assess(b);

    EXPECT_TRUE(ia.covered);
    EXPECT_EQ(ia.hold, HoldRule::output);
    EXPECT_EQ(ia.effects.energy_intensity, -0.138);
    EXPECT_VALUE(ia.upgraded.value(Metric::energy_tce), 1059.398);

    EXPECT_TRUE(ib.covered);
    EXPECT_EQ(ib.hold, HoldRule::labour);
    EXPECT_EQ(ib.effects.labour_productivity, 0.5);
    EXPECT_EQ(ib.effects.operating_cost, -0.3);
    EXPECT_EQ(ib.effects.energy_intensity, -0.2);
    // Energy factor 1.5 x 0.8 = 1.2: 1,229 x 1.2 = 1,474.8 tce; savings 1,843.5 - 1,474.8
    // = 368.7 tce (= 20 % x 1.5 x 1,229).
    EXPECT_DOUBLE_EQ(ib.factors.energy, 1.2);
    EXPECT_VALUE(ib.upgraded.value(Metric::energy_tce), 1474.8);
    EXPECT_VALUE(ib.savings(Saving::energy_tce), 368.7);
    EXPECT_VALUE(ib.upgraded.value(Metric::value_added), 1.5e8);
    EXPECT_EQ(engine.totals().covered(), 2U);
    EXPECT_TRUE(engine.warnings().empty());
}

TEST(FactoryImpactTest, OverrideHoldOnlyKeepsScenarioEffects) {
    Scenario s = reference_scenario(HoldRule::output);
    s.overrides.push_back({"SH-01", Effects{}, HoldRule::labour});
    ImpactAssessor engine = assessor(s);
    const Factory f = reference_factory();
    const FactoryImpact impact = engine.assess(f);
    EXPECT_EQ(impact.hold, HoldRule::labour);
    EXPECT_EQ(impact.effects.energy_intensity, -0.138);
    EXPECT_VALUE(impact.savings(Saving::energy_tce), 254.403);
}

TEST(FactoryImpactTest, MissingInputsPropagate) {
    Factory f = reference_factory();
    f.energy.reset();
    f.operating_cost.reset();
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::output));
    const FactoryImpact impact = engine.assess(f);
    EXPECT_EQ(impact.savings(Saving::energy_tce).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(impact.savings(Saving::energy_kwh_eq).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(impact.savings(Saving::co2_t).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(impact.savings(Saving::operating_cost).missing_inputs(), (Names{"operating_cost"}));
    EXPECT_EQ(impact.change_absolute(Metric::energy_intensity).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(impact.change_relative(Metric::unit_operating_cost).missing_inputs(),
              (Names{"operating_cost"}));
    // Labour still works: 1e6 - 1e6 / 1.5.
    EXPECT_VALUE(impact.savings(Saving::labour_hours), 1.0e6 - 1.0e6 / 1.5);
}

TEST(FactoryImpactTest, ZeroBaselineRelativeChangeUndefined) {
    Factory f = reference_factory();
    f.energy = EnergyUse{}; // no carrier consumed: 0 tce
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::labour));
    const FactoryImpact impact = engine.assess(f);
    EXPECT_EQ(num(impact.change_absolute(Metric::energy_tce)), 0.0);
    const KpiValue rel = impact.change_relative(Metric::energy_tce);
    EXPECT_EQ(rel.status(), Status::undefined);
    EXPECT_EQ(rel.reason(), "zero denominator: baseline = 0");
    EXPECT_EQ(num(impact.savings(Saving::energy_tce)), 0.0);
}

TEST(FactoryImpactTest, UnconvertibleMoneyIsUnitError) {
    Factory f = reference_factory();
    f.value_added = Money{1.0e7, Currency("EUR")};
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::output));
    EXPECT_THROW((void)engine.assess(f), smartkpi::UnitError);
}

TEST(SavingTest, NamesAndUnits) {
    std::vector<std::string_view> names;
    for (Saving s : smartkpi::all_savings()) {
        names.push_back(smartkpi::to_string(s));
    }
    EXPECT_EQ(names, (std::vector<std::string_view>{"operating_cost", "energy_tce", "energy_kwh_eq",
                                                    "co2_t", "labour_hours"}));
    EXPECT_EQ(smartkpi::unit_text(Saving::operating_cost, "USD"), "USD");
    EXPECT_EQ(smartkpi::unit_text(Saving::energy_tce, "CNY"), "tce");
    EXPECT_EQ(smartkpi::unit_text(Saving::energy_kwh_eq, "CNY"), "kWh");
    EXPECT_EQ(smartkpi::unit_text(Saving::co2_t, "CNY"), "tCO2");
    EXPECT_EQ(smartkpi::unit_text(Saving::labour_hours, "CNY"), "h");
}

// ---------------------------------------------------------------------------------------------
// Totals (conventions §10).

// A factory impact with given figures, uncovered (upgraded = baseline), for ImpactTotals alone.
FactoryImpact fixed_impact(std::optional<double> tce,
                           std::optional<double> value_added,
                           std::optional<double> output = std::nullopt,
                           std::string output_unit = "pcs") {
    Figures f;
    f.set(Metric::energy_tce, tce);
    f.set(Metric::value_added, value_added);
    f.set(Metric::output, output);
    if (output) {
        f.set_output_unit(std::move(output_unit));
    }
    FactoryImpact impact;
    impact.baseline = f;
    impact.upgraded = f;
    return impact;
}

TEST(ImpactTotalsTest, TotalRatioIsRatioOfSumsNotAverageOfRatios) {
    // A: 100 tce, VA 1e6 CNY -> 100 / 100 = 1 tce/10^4 CNY.
    // B: 1,000 tce, VA 1e8 CNY -> 1,000 / 10,000 = 0.1 tce/10^4 CNY.
    // Average of ratios (1 + 0.1) / 2 = 0.55 is wrong; the total is
    // (100 + 1,000) / ((1e6 + 1e8) / 1e4) = 1,100 / 10,100 = 0.108910891...
    ImpactTotals totals;
    totals.add(fixed_impact(100, 1.0e6));
    totals.add(fixed_impact(1000, 1.0e8));
    EXPECT_EQ(totals.factories(), 2U);
    EXPECT_EQ(totals.covered(), 0U);
    EXPECT_VALUE(totals.baseline(Metric::energy_tce), 1100.0);
    EXPECT_VALUE(totals.baseline(Metric::value_added), 1.01e8);
    EXPECT_VALUE(totals.baseline(Metric::energy_intensity), 1100.0 / 10100.0);
    EXPECT_NEAR(num(totals.baseline(Metric::energy_intensity)), 0.1089108911, 1e-10);
    EXPECT_GT(std::abs(num(totals.baseline(Metric::energy_intensity)) - 0.55), 0.4);
    EXPECT_EQ(totals.coverage(Metric::energy_intensity), 2U);
}

TEST(ImpactTotalsTest, RatioSumsOnlyFactoriesWithBoth) {
    // C has energy but no value added: it counts in total energy (coverage 3) but not in the
    // energy intensity total, which stays 1,100 / 10,100 over 2 factories (conventions §10).
    ImpactTotals totals;
    totals.add(fixed_impact(100, 1.0e6));
    totals.add(fixed_impact(1000, 1.0e8));
    totals.add(fixed_impact(500, std::nullopt));
    totals.add(fixed_impact(std::nullopt, 5.0e7));
    EXPECT_EQ(totals.factories(), 4U);
    // Energy: 100 + 1,000 + 500 = 1,600 tce over 3 factories.
    EXPECT_VALUE(totals.baseline(Metric::energy_tce), 1600.0);
    EXPECT_EQ(totals.coverage(Metric::energy_tce), 3U);
    // Value added: 1e6 + 1e8 + 5e7 = 1.51e8 over 3 factories.
    EXPECT_VALUE(totals.baseline(Metric::value_added), 1.51e8);
    EXPECT_EQ(totals.coverage(Metric::value_added), 3U);
    EXPECT_VALUE(totals.baseline(Metric::energy_intensity), 1100.0 / 10100.0);
    EXPECT_EQ(totals.coverage(Metric::energy_intensity), 2U);
    EXPECT_EQ(totals.coverage(Metric::labour_hours), 0U);
}

TEST(ImpactTotalsTest, NothingCoveredIsNotAvailable) {
    ImpactTotals totals;
    EXPECT_EQ(totals.baseline(Metric::energy_intensity).missing_inputs(),
              (Names{"energy_tce", "value_added"}));
    EXPECT_EQ(totals.baseline(Metric::co2_t).missing_inputs(), (Names{"co2_t"}));
    EXPECT_EQ(totals.savings(Saving::energy_tce).missing_inputs(), (Names{"energy_tce"}));
    totals.add(fixed_impact(100, std::nullopt));
    EXPECT_EQ(totals.baseline(Metric::labour_productivity).missing_inputs(),
              (Names{"labour_hours", "value_added"}));
}

TEST(ImpactTotalsTest, MixedOutputUnitsMakePerOutputTotalsUndefined) {
    ImpactTotals totals;
    totals.add(fixed_impact(100, 1.0e6, 1000, "pcs"));
    totals.add(fixed_impact(1000, 1.0e8, 50, "t"));
    EXPECT_EQ(totals.output_unit(), "");
    const KpiValue out = totals.baseline(Metric::output);
    EXPECT_EQ(out.status(), Status::undefined);
    EXPECT_EQ(out.reason(), "output units differ across factories: pcs, t");
    EXPECT_EQ(totals.baseline(Metric::energy_per_output).reason(),
              "output units differ across factories: pcs, t");
    EXPECT_EQ(totals.upgraded(Metric::energy_per_output).status(), Status::undefined);
    EXPECT_EQ(totals.change_absolute(Metric::energy_per_output).status(), Status::undefined);
    // Totals that do not divide by output are unaffected.
    EXPECT_VALUE(totals.baseline(Metric::energy_intensity), 1100.0 / 10100.0);
}

TEST(ImpactTotalsTest, SameOutputUnitSums) {
    // (100 + 1,000) tce / (1,000 + 4,000) pcs = 0.22 tce/pcs.
    ImpactTotals totals;
    totals.add(fixed_impact(100, 1.0e6, 1000, "pcs"));
    totals.add(fixed_impact(1000, 1.0e8, 4000, "pcs"));
    totals.add(fixed_impact(10, 1.0e6)); // no output: no unit recorded
    EXPECT_EQ(totals.output_unit(), "pcs");
    EXPECT_VALUE(totals.baseline(Metric::output), 5000.0);
    EXPECT_VALUE(totals.baseline(Metric::energy_per_output), 0.22);
    EXPECT_EQ(totals.coverage(Metric::energy_per_output), 2U);
}

// Two factories through the assessor, hold labour, reference effects:
//   A = the reference factory (1,229 tce, VA 1e8 CNY -> 0.1229 tce/10^4 CNY, Shanghai);
//   B = the reference factory in Jiangsu with VA 1e6 CNY and 1e8 kWh
//       (1e8 x 0.1229 = 12,290 tce -> 12,290 / 100 = 122.9 tce/10^4 CNY).
TEST(ImpactTotalsTest, AssessorTotalsAndSavings) {
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::labour));
    const Factory a = reference_factory("A");
    Factory b = reference_factory("B", "Jiangsu", SmartLevel::state);
    b.value_added = Money{1.0e6, kCny};
    (*b.energy)[Carrier::electricity] = 1.0e8;
    (void)engine.assess(a);
    (void)engine.assess(b);
    const ImpactTotals& t = engine.totals();
    EXPECT_EQ(t.factories(), 2U);
    EXPECT_EQ(t.covered(), 2U);
    // Baseline: 1,229 + 12,290 = 13,519 tce over (1e8 + 1e6) / 1e4 = 10,100 -> 1.338514851...
    // (the average of ratios would be (0.1229 + 122.9) / 2 = 61.51145).
    EXPECT_VALUE(t.baseline(Metric::energy_tce), 13519.0);
    EXPECT_VALUE(t.baseline(Metric::energy_intensity), 13519.0 / 10100.0);
    EXPECT_NEAR(num(t.baseline(Metric::energy_intensity)), 1.338514851, 1e-9);
    // Upgraded (hold labour: energy x 1.293, VA x 1.5): 13,519 x 1.293 / 15,150
    // = 17,480.067 / 15,150; with the same effects everywhere the ratio of sums also moves by
    // 1.293 / 1.5 - 1 = -13.8 %.
    EXPECT_VALUE(t.upgraded(Metric::energy_intensity), 13519.0 * 1.293 / 15150.0);
    EXPECT_VALUE(t.change_relative(Metric::energy_intensity), -0.138);
    EXPECT_VALUE(t.change_relative(Metric::energy_tce), 0.293);
    // Savings add up: energy 13,519 x (1.5 - 1.293) = 2,798.433 tce; cost 2 x 1.35e8 = 2.7e8.
    EXPECT_VALUE(t.savings(Saving::energy_tce), 13519.0 * 0.207);
    EXPECT_VALUE(t.savings(Saving::operating_cost), 2.7e8);
    // CO2: A 5,849 t (Shanghai 0.5849); B 1e8 x 0.5978 (Jiangsu) = 59,780 t;
    // savings (5,849 + 59,780) x 0.207 = 13,585.203 t.
    EXPECT_VALUE(t.baseline(Metric::co2_t), 65629.0);
    EXPECT_VALUE(t.savings(Saving::co2_t), 65629.0 * 0.207);
}

TEST(ImpactTotalsTest, ByRegionAndLevelInByteOrder) {
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::output));
    const std::vector<Factory> factories{
        reference_factory("ZJ-01", "Zhejiang", SmartLevel::state),
        reference_factory("SH-01", "上海", SmartLevel::none),
        reference_factory("SH-02", "Shanghai", SmartLevel::city),
        reference_factory("AH-01", "Anhui", SmartLevel::none),
        reference_factory("SH-03", "Shanghai", SmartLevel::city),
    };
    for (const auto& f : factories) {
        (void)engine.assess(f);
    }
    std::vector<std::string> regions;
    for (const auto& [key, totals] : engine.by_region()) {
        regions.push_back(key);
    }
    // "上海" is UTF-8 (0xE4 ...), after every ASCII name in byte order (conventions §5).
    EXPECT_EQ(regions, (Names{"Anhui", "Shanghai", "Zhejiang", "上海"}));
    EXPECT_EQ(engine.by_region().at("Shanghai").factories(), 2U);
    // Shanghai group: 2 x 1,229 = 2,458 tce.
    EXPECT_VALUE(engine.by_region().at("Shanghai").baseline(Metric::energy_tce), 2458.0);
    std::vector<std::string> levels;
    for (const auto& [key, totals] : engine.by_level()) {
        levels.push_back(key);
    }
    EXPECT_EQ(levels, (Names{"city", "none", "state"}));
    EXPECT_EQ(engine.by_level().at("none").factories(), 2U);
    EXPECT_EQ(engine.totals().factories(), 5U);
}

TEST(ImpactAssessorTest, WarnsAboutUnusedOverridesAndUncoveredFactories) {
    Scenario s = reference_scenario(HoldRule::output);
    s.applies_to.kind = Selection::Kind::levels;
    s.applies_to.levels = {SmartLevel::city};
    s.overrides.push_back({"ZZ-99", Effects{}, std::nullopt});
    ImpactAssessor engine = assessor(s);
    const Factory a = reference_factory("A", "Shanghai", SmartLevel::city);
    const Factory b = reference_factory("B", "Shanghai", SmartLevel::none);
    const Factory c = reference_factory("C", "Jiangsu", SmartLevel::city);
    (void)engine.assess(a);
    (void)engine.assess(b);
    (void)engine.assess(c);
    EXPECT_EQ(engine.warnings(),
              (Names{"scenario override for \"ZZ-99\" matches no factory",
                     "1 of 3 factories are not covered by the scenario (levels: city) and are "
                     "shown unchanged"}));
}

TEST(ImpactAssessorTest, NoWarningsWhenAllCovered) {
    ImpactAssessor engine = assessor(reference_scenario(HoldRule::output));
    const Factory a = reference_factory();
    (void)engine.assess(a);
    EXPECT_TRUE(engine.warnings().empty());
    EXPECT_EQ(engine.currency(), kCny);
    EXPECT_EQ(engine.scenario().name, "reference");
}

TEST(AssessImpactTest, WholeDataset) {
    Dataset data;
    data.name = "test";
    data.factories = {reference_factory("SH-01", "Shanghai", SmartLevel::city),
                      reference_factory("JS-01", "Jiangsu", SmartLevel::none)};
    data.coefficients.use_grid_factor_set("shanghai-local");
    Scenario s = reference_scenario(HoldRule::output);
    s.applies_to.kind = Selection::Kind::regions;
    s.applies_to.regions = {"Shanghai"};
    const smartkpi::ImpactResult r = smartkpi::assess_impact(data, s);
    ASSERT_EQ(r.factories.size(), 2U);
    EXPECT_EQ(r.factories[0].factory, &data.factories[0]);
    EXPECT_EQ(r.factories[1].factory, &data.factories[1]);
    EXPECT_TRUE(r.factories[0].covered);
    EXPECT_FALSE(r.factories[1].covered);
    // The dataset's coefficients are used: Shanghai local 0.42 -> 1e7 x 0.42 = 4,200 t.
    EXPECT_VALUE(r.factories[0].baseline.value(Metric::co2_t), 4200.0);
    // Totals: energy 1,229 + 1,229 = 2,458 tce; savings only from SH-01: 169.602 tce.
    EXPECT_VALUE(r.totals.baseline(Metric::energy_tce), 2458.0);
    EXPECT_VALUE(r.totals.savings(Saving::energy_tce), 169.602);
    EXPECT_EQ(r.totals.covered(), 1U);
    EXPECT_EQ(r.by_region.size(), 2U);
    EXPECT_EQ(r.by_level.size(), 2U);
    EXPECT_EQ(r.warnings, (Names{"1 of 2 factories are not covered by the scenario (regions: "
                                 "Shanghai) and are shown unchanged"}));
}

TEST(AssessImpactTest, ReportingCurrencyUsd) {
    Dataset data;
    data.factories = {reference_factory()};
    const smartkpi::ImpactResult r =
        smartkpi::assess_impact(data, reference_scenario(HoldRule::output), Currency("USD"));
    // 1e8 CNY x 0.138 = 1.38e7 USD; cost savings 9e7 CNY x 0.138 = 1.242e7 USD.
    EXPECT_VALUE(r.totals.baseline(Metric::value_added), 1.38e7);
    EXPECT_VALUE(r.totals.savings(Saving::operating_cost), 1.242e7);
    // 1,229 tce / (1.38e7 / 1e4) = 0.890579710... tce/10^4 USD.
    EXPECT_VALUE(r.totals.baseline(Metric::energy_intensity), 1229.0 / 1380.0);
}

} // namespace
