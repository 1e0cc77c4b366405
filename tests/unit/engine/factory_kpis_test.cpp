// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/money.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Carrier;
using smartkpi::Coefficients;
using smartkpi::Currency;
using smartkpi::EnergyUse;
using smartkpi::Factory;
using smartkpi::factory_figures;
using smartkpi::Figures;
using smartkpi::FxTable;
using smartkpi::KpiValue;
using smartkpi::Metric;
using smartkpi::Money;
using smartkpi::unit_text;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;

const Currency kCny("CNY");
const Currency kUsd("USD");

// A hand-built Shanghai factory with round inputs.
//   electricity 42,000 MWh = 4.2e7 kWh, natural gas 1,800,000 m3, steam 5,200 t = 5.2e6 kg;
//   value added 850,000,000 CNY, revenue 2,000,000,000 CNY, operating cost 1,200,000,000 CNY,
//   1,200,000 labour hours, 600 employees, output 2,000,000 pcs.
Factory reference_factory() {
    Factory f;
    f.id = "SH-01";
    f.name = "Reference works";
    f.region = "Shanghai";
    f.level = smartkpi::SmartLevel::city;
    f.value_added = Money{8.5e8, kCny};
    f.revenue = Money{2.0e9, kCny};
    f.operating_cost = Money{1.2e9, kCny};
    f.labour_hours = 1.2e6;
    f.employees = 600;
    f.output = smartkpi::Output{2.0e6, "pcs"};
    EnergyUse use;
    use[Carrier::electricity] = 4.2e7;
    use[Carrier::natural_gas] = 1.8e6;
    use[Carrier::steam] = 5.2e6;
    f.energy = use;
    return f;
}

Figures figures(const Factory& f,
                const Coefficients& c = Coefficients::defaults(),
                Currency currency = Currency("CNY")) {
    return factory_figures(f, c, FxTable::defaults(), currency);
}

double value(const Figures& f, Metric m) {
    const KpiValue v = f.value(m);
    EXPECT_TRUE(v.available()) << smartkpi::info(m).key;
    return v.value();
}

// Standard coal of the reference factory (GB/T 2589-2020 Annex A, energy.md §5.2):
//   4.2e7 kWh x 0.1229 kgce/kWh = 5,161,800 kgce
//   1.8e6 m3  x 1.2143 kgce/m3  = 2,185,740 kgce
//   5.2e6 kg  x 0.1286 kgce/kg  =   668,720 kgce
//   total 8,016,260 kgce = 8,016.26 tce
constexpr double kRefTce = 8016.26;
// CO2 with the Shanghai grid factor (MEE & NBS 2022, conventions §13) and the NDRC defaults
// (energy.md §5.3):
//   4.2e7 x 0.5849 = 24,565,800 kg; 1.8e6 x 2.1622 = 3,891,960 kg; 5.2e6 x 0.41393 = 2,152,436 kg
//   total 30,610,196 kg = 30,610.196 t
constexpr double kRefCo2 = 30610.196;

TEST(FactoryFiguresTest, EnergyInTceAndGj) {
    const Figures f = figures(reference_factory());
    EXPECT_NEAR(value(f, Metric::energy_tce), kRefTce, 1e-9);
    // 8,016.26 tce x 29.3076 GJ/tce = 234,937.341576 GJ (GB/T 2589-2020 §3.2).
    EXPECT_NEAR(value(f, Metric::energy_gj), 234937.341576, 1e-6);
}

TEST(FactoryFiguresTest, Co2WithRegionalGridFactor) {
    const Figures f = figures(reference_factory());
    EXPECT_NEAR(value(f, Metric::co2_t), kRefCo2, 1e-9);
}

TEST(FactoryFiguresTest, Co2UsesNationalFactorForUnknownRegion) {
    Factory factory = reference_factory();
    factory.region = "Guangdong";
    // Electricity at the national 0.5366: 4.2e7 x 0.5366 = 22,537,200 kg;
    // + 3,891,960 + 2,152,436 = 28,581,596 kg = 28,581.596 t.
    EXPECT_NEAR(value(figures(factory), Metric::co2_t), 28581.596, 1e-9);
}

TEST(FactoryFiguresTest, Co2WithShanghaiLocalSet) {
    Coefficients c = Coefficients::defaults();
    c.use_grid_factor_set("shanghai-local");
    // 4.2e7 x 0.42 = 17,640,000 kg (沪环气〔2022〕34号); + 3,891,960 + 2,152,436
    // = 23,684,396 kg = 23,684.396 t.
    EXPECT_NEAR(value(figures(reference_factory(), c), Metric::co2_t), 23684.396, 1e-9);
}

TEST(FactoryFiguresTest, EquivalentElectricityBasis) {
    Coefficients c = Coefficients::defaults();
    c.set_equivalent_electricity({0.3, "kgce/kWh", "test figure", 2023});
    c.set_electricity_basis(smartkpi::ElectricityBasis::equivalent);
    // 4.2e7 x 0.3 = 12,600,000 kgce; + 2,185,740 + 668,720 = 15,454,460 kgce = 15,454.46 tce.
    EXPECT_NEAR(value(figures(reference_factory(), c), Metric::energy_tce), 15454.46, 1e-9);
}

TEST(FactoryFiguresTest, SummableQuantities) {
    const Figures f = figures(reference_factory());
    EXPECT_EQ(value(f, Metric::value_added), 8.5e8);
    EXPECT_EQ(value(f, Metric::revenue), 2.0e9);
    EXPECT_EQ(value(f, Metric::operating_cost), 1.2e9);
    EXPECT_EQ(value(f, Metric::labour_hours), 1.2e6);
    EXPECT_EQ(value(f, Metric::employees), 600.0);
    EXPECT_EQ(value(f, Metric::output), 2.0e6);
    EXPECT_EQ(f.output_unit(), "pcs");
}

TEST(FactoryFiguresTest, LabourProductivity) {
    const Figures f = figures(reference_factory());
    // conventions §8: value added per labour hour, 850,000,000 / 1,200,000 = 708.333... CNY/h.
    EXPECT_DOUBLE_EQ(value(f, Metric::labour_productivity), 8.5e8 / 1.2e6);
    EXPECT_NEAR(value(f, Metric::labour_productivity), 708.3333333, 1e-6);
    // Per employee: 850,000,000 / 600 = 1,416,666.67 CNY/person.
    EXPECT_NEAR(value(f, Metric::labour_productivity_per_employee), 1416666.6666667, 1e-6);
}

TEST(FactoryFiguresTest, UnitOperatingCost) {
    // conventions §8: cost per output unit, 1,200,000,000 CNY / 2,000,000 pcs = 600 CNY/pcs.
    EXPECT_DOUBLE_EQ(value(figures(reference_factory()), Metric::unit_operating_cost), 600.0);
}

TEST(FactoryFiguresTest, EnergyIntensityPerTenThousandCny) {
    // conventions §8, energy.md §5.1 (万元增加值能耗): tce / (value added / 10^4)
    //   = 8,016.26 / 85,000 = 0.0943089412 tce/10^4 CNY.
    EXPECT_NEAR(value(figures(reference_factory()), Metric::energy_intensity), 0.0943089412, 1e-10);
}

TEST(FactoryFiguresTest, EnergyPerOutput) {
    // GB/T 2589 per-product indicator e_p = E / P: 8,016.26 tce / 2,000,000 pcs = 0.00400813.
    EXPECT_NEAR(value(figures(reference_factory()), Metric::energy_per_output), 0.00400813, 1e-14);
}

TEST(FactoryFiguresTest, CarbonIntensity) {
    // 30,610.196 tCO2 / 85,000 = 0.3601199529 tCO2/10^4 CNY.
    EXPECT_NEAR(value(figures(reference_factory()), Metric::carbon_intensity), 0.3601199529, 1e-10);
}

TEST(FactoryFiguresTest, EmptyEnergyUseIsZeroNotMissing) {
    Factory factory = reference_factory();
    factory.energy = EnergyUse{};
    const Figures f = figures(factory);
    EXPECT_EQ(value(f, Metric::energy_tce), 0.0);
    EXPECT_EQ(value(f, Metric::co2_t), 0.0);
    EXPECT_EQ(value(f, Metric::energy_intensity), 0.0);
}

TEST(FactoryFiguresTest, EveryCarrierContributes) {
    Factory factory;
    factory.region = "Jiangsu";
    factory.value_added = Money{1.0e7, kCny};
    EnergyUse use;
    use[Carrier::coal] = 5000;   // 5 t raw coal
    use[Carrier::diesel] = 1000; // 1 t diesel
    use[Carrier::heat] = 29307.6;
    use[Carrier::electricity] = 1.0e5;
    factory.energy = use;
    const Figures f = figures(factory);
    // 5,000 x 0.7143 = 3,571.5; 1,000 x 1.4571 = 1,457.1; 29,307.6 MJ x 0.03412 = 999.975312;
    // 1e5 x 0.1229 = 12,290 -> 18,318.575312 kgce = 18.318575312 tce.
    EXPECT_NEAR(value(f, Metric::energy_tce), 18.318575312, 1e-12);
    // CO2: 5,000 x 1.9003 = 9,501.5; 1,000 x 3.0959 = 3,095.9; 29,307.6 x 0.11 = 3,223.836;
    // 1e5 x 0.5978 (Jiangsu) = 59,780 -> 75,601.236 kg = 75.601236 t.
    EXPECT_NEAR(value(f, Metric::co2_t), 75.601236, 1e-12);
}

TEST(FactoryFiguresTest, MissingValueAddedNamed) {
    Factory factory = reference_factory();
    factory.value_added.reset();
    const Figures f = figures(factory);
    const KpiValue ei = f.value(Metric::energy_intensity);
    EXPECT_EQ(ei.status(), Status::not_available);
    EXPECT_EQ(ei.missing_inputs(), (Names{"value_added"}));
    EXPECT_EQ(f.value(Metric::labour_productivity).missing_inputs(), (Names{"value_added"}));
    EXPECT_EQ(f.value(Metric::carbon_intensity).missing_inputs(), (Names{"value_added"}));
    EXPECT_EQ(f.value(Metric::value_added).missing_inputs(), (Names{"value_added"}));
    // Other ratios are unaffected.
    EXPECT_DOUBLE_EQ(value(f, Metric::unit_operating_cost), 600.0);
}

TEST(FactoryFiguresTest, MissingEnergyObjectNamed) {
    Factory factory = reference_factory();
    factory.energy.reset();
    const Figures f = figures(factory);
    EXPECT_EQ(f.value(Metric::energy_tce).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(f.value(Metric::energy_gj).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(f.value(Metric::co2_t).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(f.value(Metric::energy_intensity).status(), Status::not_available);
    EXPECT_EQ(f.value(Metric::energy_intensity).missing_inputs(), (Names{"energy"}));
    EXPECT_EQ(f.value(Metric::energy_per_output).missing_inputs(), (Names{"energy"}));
    EXPECT_FALSE(f.quantity(Metric::energy_tce).has_value());
}

TEST(FactoryFiguresTest, MissingEnergyAndValueAddedBothNamedSorted) {
    Factory factory = reference_factory();
    factory.energy.reset();
    factory.value_added.reset();
    EXPECT_EQ(figures(factory).value(Metric::energy_intensity).missing_inputs(),
              (Names{"energy", "value_added"}));
}

TEST(FactoryFiguresTest, UnknownCarrierNamed) {
    Factory factory = reference_factory();
    factory.energy->unknown = {Carrier::natural_gas};
    const Figures f = figures(factory);
    EXPECT_EQ(f.value(Metric::energy_tce).status(), Status::not_available);
    EXPECT_EQ(f.value(Metric::energy_tce).missing_inputs(), (Names{"energy.natural_gas"}));
    EXPECT_EQ(f.value(Metric::co2_t).missing_inputs(), (Names{"energy.natural_gas"}));
    EXPECT_EQ(f.value(Metric::energy_intensity).missing_inputs(), (Names{"energy.natural_gas"}));
}

TEST(FactoryFiguresTest, SeveralUnknownCarriersNamedSorted) {
    Factory factory = reference_factory();
    factory.energy->unknown = {Carrier::steam, Carrier::coal};
    factory.value_added.reset();
    EXPECT_EQ(figures(factory).value(Metric::carbon_intensity).missing_inputs(),
              (Names{"energy.coal", "energy.steam", "value_added"}));
}

TEST(FactoryFiguresTest, OtherMissingInputsNamed) {
    Factory factory = reference_factory();
    factory.labour_hours.reset();
    factory.employees.reset();
    factory.output.reset();
    factory.operating_cost.reset();
    const Figures f = figures(factory);
    EXPECT_EQ(f.value(Metric::labour_productivity).missing_inputs(), (Names{"labour_hours"}));
    EXPECT_EQ(f.value(Metric::labour_productivity_per_employee).missing_inputs(),
              (Names{"employees"}));
    EXPECT_EQ(f.value(Metric::unit_operating_cost).missing_inputs(),
              (Names{"operating_cost", "output"}));
    EXPECT_EQ(f.value(Metric::energy_per_output).missing_inputs(), (Names{"output"}));
    EXPECT_EQ(f.output_unit(), "");
}

TEST(FactoryFiguresTest, ZeroDenominatorsAreUndefined) {
    Factory factory = reference_factory();
    factory.labour_hours = 0;
    factory.employees = 0;
    factory.output = smartkpi::Output{0, "pcs"};
    factory.value_added = Money{0, kCny};
    const Figures f = figures(factory);
    const KpiValue lp = f.value(Metric::labour_productivity);
    EXPECT_EQ(lp.status(), Status::undefined);
    EXPECT_EQ(lp.reason(), "zero denominator: labour_hours = 0");
    EXPECT_EQ(f.value(Metric::labour_productivity_per_employee).reason(),
              "zero denominator: employees = 0");
    EXPECT_EQ(f.value(Metric::unit_operating_cost).reason(), "zero denominator: output = 0");
    EXPECT_EQ(f.value(Metric::energy_per_output).reason(), "zero denominator: output = 0");
    EXPECT_EQ(f.value(Metric::energy_intensity).reason(), "zero denominator: value_added = 0");
    EXPECT_EQ(f.value(Metric::carbon_intensity).reason(), "zero denominator: value_added = 0");
    // The quantities themselves are available zeros.
    EXPECT_EQ(value(f, Metric::labour_hours), 0.0);
}

TEST(FactoryFiguresTest, UsdMoneyConvertedToCny) {
    Factory factory = reference_factory();
    // 13,800,000 USD / 0.138 USD per CNY = 100,000,000 CNY (FxTable defaults; conventions §11).
    factory.value_added = Money{1.38e7, kUsd};
    // 41,400,000 USD / 0.138 = 300,000,000 CNY.
    factory.operating_cost = Money{4.14e7, kUsd};
    const Figures f = figures(factory);
    EXPECT_DOUBLE_EQ(value(f, Metric::value_added), 1.0e8);
    EXPECT_DOUBLE_EQ(value(f, Metric::operating_cost), 3.0e8);
    // 8,016.26 tce / (1e8 / 1e4) = 0.801626 tce/10^4 CNY.
    EXPECT_NEAR(value(f, Metric::energy_intensity), 0.801626, 1e-12);
}

TEST(FactoryFiguresTest, ReportingInUsd) {
    // 850,000,000 CNY x 0.138 = 117,300,000 USD; 8,016.26 / 11,730 = 0.683398 tce/10^4 USD.
    const Figures f = figures(reference_factory(), Coefficients::defaults(), kUsd);
    EXPECT_DOUBLE_EQ(value(f, Metric::value_added), 1.173e8);
    EXPECT_NEAR(value(f, Metric::energy_intensity), 8016.26 / 11730.0, 1e-12);
    EXPECT_EQ(unit_text(Metric::energy_intensity, "USD", "pcs"), "tce/10^4 USD");
}

TEST(FactoryFiguresTest, MoneyWithoutRateIsUnitError) {
    Factory factory = reference_factory();
    factory.revenue = Money{1.0e6, Currency("EUR")};
    try {
        (void)figures(factory);
        FAIL() << "no error";
    } catch (const smartkpi::UnitError& error) {
        EXPECT_STREQ(error.what(), "no exchange rate from EUR to CNY; add one to the \"fx\" table");
    }
}

TEST(MetricTest, UnitTextPatterns) {
    EXPECT_EQ(unit_text(Metric::value_added, "CNY", "pcs"), "CNY");
    EXPECT_EQ(unit_text(Metric::output, "CNY", "pcs"), "pcs");
    EXPECT_EQ(unit_text(Metric::output, "CNY", ""), "unit");
    EXPECT_EQ(unit_text(Metric::labour_hours, "CNY", "pcs"), "h");
    EXPECT_EQ(unit_text(Metric::employees, "CNY", "pcs"), "persons");
    EXPECT_EQ(unit_text(Metric::energy_tce, "CNY", "pcs"), "tce");
    EXPECT_EQ(unit_text(Metric::energy_gj, "CNY", "pcs"), "GJ");
    EXPECT_EQ(unit_text(Metric::co2_t, "CNY", "pcs"), "tCO2");
    EXPECT_EQ(unit_text(Metric::labour_productivity, "CNY", "pcs"), "CNY/h");
    EXPECT_EQ(unit_text(Metric::labour_productivity_per_employee, "CNY", "pcs"), "CNY/person");
    EXPECT_EQ(unit_text(Metric::unit_operating_cost, "CNY", "vehicles"), "CNY/vehicles");
    EXPECT_EQ(unit_text(Metric::unit_operating_cost, "USD", ""), "USD/unit");
    EXPECT_EQ(unit_text(Metric::energy_intensity, "CNY", "pcs"), "tce/10^4 CNY");
    EXPECT_EQ(unit_text(Metric::energy_per_output, "CNY", "t"), "tce/t");
    EXPECT_EQ(unit_text(Metric::carbon_intensity, "EUR", "t"), "tCO2/10^4 EUR");
}

TEST(MetricTest, Registry) {
    const auto metrics = smartkpi::all_metrics();
    ASSERT_EQ(metrics.size(), smartkpi::kMetricCount);
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(metrics[i].metric), i);
        EXPECT_EQ(smartkpi::is_ratio(metrics[i].metric), i >= smartkpi::kQuantityCount);
        EXPECT_EQ(metrics[i].numerator.has_value(), smartkpi::is_ratio(metrics[i].metric));
        EXPECT_EQ(smartkpi::find_metric(metrics[i].key), &metrics[i]);
    }
    EXPECT_EQ(smartkpi::find_metric("oee"), nullptr);
    const auto& ei = smartkpi::info(Metric::energy_intensity);
    EXPECT_EQ(ei.key, "energy_intensity");
    EXPECT_EQ(ei.numerator, Metric::energy_tce);
    EXPECT_EQ(ei.denominator, Metric::value_added);
    EXPECT_EQ(ei.denominator_scale, 1.0e4);
    // conventions §23 trends.
    using smartkpi::Trend;
    EXPECT_EQ(smartkpi::info(Metric::labour_productivity).trend, Trend::higher_is_better);
    EXPECT_EQ(smartkpi::info(Metric::value_added).trend, Trend::higher_is_better);
    EXPECT_EQ(smartkpi::info(Metric::operating_cost).trend, Trend::lower_is_better);
    EXPECT_EQ(smartkpi::info(Metric::unit_operating_cost).trend, Trend::lower_is_better);
    EXPECT_EQ(smartkpi::info(Metric::energy_intensity).trend, Trend::lower_is_better);
    EXPECT_EQ(smartkpi::info(Metric::energy_tce).trend, Trend::lower_is_better);
    EXPECT_EQ(smartkpi::info(Metric::co2_t).trend, Trend::lower_is_better);
    EXPECT_EQ(smartkpi::info(Metric::labour_hours).trend, Trend::none);
}

TEST(MetricTest, KwhEquivalentConstants) {
    // conventions §12: 1 tce = 29.3076 GJ; kWh-equivalent = GJ / 0.0036.
    EXPECT_EQ(smartkpi::kGjPerTce, 29.3076);
    EXPECT_EQ(smartkpi::kGjPerKwh, 0.0036);
}

} // namespace
