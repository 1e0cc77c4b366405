// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Energy accounts (issue 5 §1). Every expected value is worked by hand from the coefficients
// of GB/T 2589-2020 Annex A and the emission factors of energy.md §5.2-5.3; the working is in
// the comments.
#include <smartkpi/core/money.hpp>
#include <smartkpi/engine/energy_accounts.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using smartkpi::account_factory;
using smartkpi::AccountFigure;
using smartkpi::AccountsGrouping;
using smartkpi::AccountTotals;
using smartkpi::Carrier;
using smartkpi::CarrierFigure;
using smartkpi::Coefficients;
using smartkpi::compute_energy_accounts;
using smartkpi::Currency;
using smartkpi::Dataset;
using smartkpi::ElectricityBasis;
using smartkpi::EnergyUse;
using smartkpi::Factory;
using smartkpi::FactoryAccount;
using smartkpi::FxTable;
using smartkpi::GridScope;
using smartkpi::KpiValue;
using smartkpi::Money;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;
using F = AccountFigure;
using CF = CarrierFigure;

const Currency kCny("CNY");

// 1,000,000 kWh of electricity and 100,000 m3 of natural gas; value added 10,000,000 CNY
// (= 1,000 x 10^4 CNY); output 2,000 t.
Factory factory(std::string id, std::string region, std::string sector = "machinery") {
    Factory f;
    f.id = std::move(id);
    f.name = f.id;
    f.region = std::move(region);
    f.sector = std::move(sector);
    f.value_added = Money{1.0e7, kCny};
    f.output = smartkpi::Output{2000, "t"};
    EnergyUse use;
    use[Carrier::electricity] = 1.0e6;
    use[Carrier::natural_gas] = 1.0e5;
    f.energy = use;
    return f;
}

FactoryAccount account(const Factory& f, const Coefficients& c = Coefficients::defaults()) {
    return account_factory(f, c, FxTable::defaults(), kCny);
}

double value(const KpiValue& v) {
    EXPECT_TRUE(v.available()) << smartkpi::to_string(v.status());
    return v.value();
}

TEST(EnergyAccountsTest, HandWorkedShanghaiFactory) {
    const Factory f = factory("SH", "Shanghai");
    const FactoryAccount a = account(f);
    ASSERT_EQ(a.carriers.size(), 2U);
    // Electricity: 1,000,000 kWh x 0.1229 kgce/kWh = 122,900 kgce = 122.9 tce (calorific basis);
    // x 0.5849 kgCO2/kWh (MEE & NBS 2022, Shanghai) = 584.9 t CO2; 3.6 MJ/kWh -> 3,600 GJ.
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::energy_tce)), 122.9, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::co2_t)), 584.9, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::final_energy_gj)), 3600, 1e-9);
    EXPECT_EQ(value(a.carrier_value(Carrier::electricity, CF::amount)), 1.0e6);
    // Natural gas: 100,000 m3 x 1.2143 kgce/m3 = 121.43 tce; x 2.1622 kgCO2/m3 = 216.22 t;
    // x 35.544 MJ/m3 (GB/T 2589 gas-field NCV) = 3,554.4 GJ.
    EXPECT_NEAR(value(a.carrier_value(Carrier::natural_gas, CF::energy_tce)), 121.43, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::natural_gas, CF::co2_t)), 216.22, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::natural_gas, CF::final_energy_gj)), 3554.4, 1e-9);
    // Totals: 244.33 tce; 801.12 t CO2; final energy 7,154.4 GJ; standard-coal GJ
    // 244.33 x 29.3076 = 7,160.725908 GJ.
    EXPECT_NEAR(value(a.value(F::energy_tce)), 244.33, 1e-9);
    EXPECT_NEAR(value(a.value(F::co2_t)), 801.12, 1e-9);
    EXPECT_NEAR(value(a.value(F::final_energy_gj)), 7154.4, 1e-9);
    EXPECT_NEAR(value(a.value(F::standard_coal_gj)), 7160.725908, 1e-9);
    // Intensities: 244.33 tce / 1,000 x 10^4 CNY = 0.24433; 244.33 / 2,000 t = 0.122165 tce/t;
    // 801.12 / 1,000 = 0.80112 t CO2 per 10^4 CNY.
    EXPECT_NEAR(value(a.value(F::energy_intensity)), 0.24433, 1e-12);
    EXPECT_NEAR(value(a.value(F::energy_per_output)), 0.122165, 1e-12);
    EXPECT_NEAR(value(a.value(F::carbon_intensity)), 0.80112, 1e-12);
    // Shares of tce: 122.9 / 244.33 and 121.43 / 244.33, summing to 1.
    const double se = value(a.carrier_value(Carrier::electricity, CF::share));
    const double sg = value(a.carrier_value(Carrier::natural_gas, CF::share));
    EXPECT_NEAR(se, 122.9 / 244.33, 1e-12);
    EXPECT_NEAR(se + sg, 1.0, 1e-12);
    // Provenance of the grid factor used.
    const auto* line = a.line(Carrier::electricity);
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->grid_scope, GridScope::province);
    EXPECT_EQ(line->grid_key, "Shanghai");
    EXPECT_EQ(line->co2.issuer, "MEE & NBS");
    EXPECT_EQ(line->co2.year, 2022);
    // A carrier the record does not name is not part of the account.
    EXPECT_EQ(a.line(Carrier::coal), nullptr);
}

TEST(EnergyAccountsTest, EquivalentBasisChangesTceAndPrimaryGjButNotFinalEnergy) {
    Coefficients c = Coefficients::defaults();
    // conventions §12: the equal-value basis without a dated coefficient is a usage error.
    EXPECT_THROW(c.set_electricity_basis(ElectricityBasis::equivalent), smartkpi::UsageError);
    // An illustrative dated coefficient of 0.300 kgce/kWh (energy.md §5.2: about 0.30).
    c.set_equivalent_electricity({0.300, "kgce/kWh", "test figure", 2023});
    c.set_electricity_basis(ElectricityBasis::equivalent);
    const FactoryAccount a = account(factory("SH", "Shanghai"), c);
    // 1,000,000 kWh x 0.300 = 300 tce; 300 x 29.3076 = 8,792.28 GJ primary-equivalent, while the
    // physical energy stays 3,600 GJ (energy.md §5.2: report them separately).
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::energy_tce)), 300.0, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::standard_coal_gj)), 8792.28, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::final_energy_gj)), 3600, 1e-9);
    // Totals: 300 + 121.43 = 421.43 tce; CO2 does not depend on the basis (801.12 t).
    EXPECT_NEAR(value(a.value(F::energy_tce)), 421.43, 1e-9);
    EXPECT_NEAR(value(a.value(F::co2_t)), 801.12, 1e-9);
    EXPECT_NEAR(value(a.value(F::final_energy_gj)), 7154.4, 1e-9);
}

TEST(EnergyAccountsTest, GridFactorFallsBackFromProvinceToGridRegionToNational) {
    // Fujian has no provincial factor in the shipped 2022 set: East China regional grid 0.5617
    // (MEE & NBS 2022): 1,000,000 kWh -> 561.7 t CO2.
    const FactoryAccount fj = account(factory("FJ", "Fujian"));
    EXPECT_NEAR(value(fj.carrier_value(Carrier::electricity, CF::co2_t)), 561.7, 1e-9);
    EXPECT_EQ(fj.line(Carrier::electricity)->grid_scope, GridScope::grid_region);
    EXPECT_EQ(fj.line(Carrier::electricity)->grid_key, "East China");
    // Guangdong: no province or region factor shipped -> national 0.5366 -> 536.6 t.
    const FactoryAccount gd = account(factory("GD", "Guangdong"));
    EXPECT_NEAR(value(gd.carrier_value(Carrier::electricity, CF::co2_t)), 536.6, 1e-9);
    EXPECT_EQ(gd.line(Carrier::electricity)->grid_scope, GridScope::national);
    // Shanghai's local accounting value 0.42 (沪环气〔2022〕34号) -> 420 t.
    Coefficients local = Coefficients::defaults();
    local.use_grid_factor_set("shanghai-local");
    const FactoryAccount sh = account(factory("SH", "Shanghai"), local);
    EXPECT_NEAR(value(sh.carrier_value(Carrier::electricity, CF::co2_t)), 420.0, 1e-9);
}

TEST(EnergyAccountsTest, UnknownCarrierMakesTotalsNotAvailableNamingIt) {
    Factory f = factory("SH", "Shanghai");
    f.energy->native[static_cast<std::size_t>(Carrier::natural_gas)].reset();
    f.energy->unknown = {Carrier::natural_gas};
    const FactoryAccount a = account(f);
    ASSERT_EQ(a.carriers.size(), 2U);
    // The known carrier keeps its figures; the unknown one and every total are not available.
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::energy_tce)), 122.9, 1e-9);
    EXPECT_EQ(a.carrier_value(Carrier::natural_gas, CF::energy_tce).status(),
              Status::not_available);
    for (F fig : {F::energy_tce, F::final_energy_gj, F::co2_t, F::energy_intensity}) {
        const KpiValue v = a.value(fig);
        EXPECT_EQ(v.status(), Status::not_available);
        EXPECT_EQ(v.missing_inputs(), Names{"energy.natural_gas"});
    }
    EXPECT_EQ(a.carrier_value(Carrier::electricity, CF::share).missing_inputs(),
              Names{"energy.natural_gas"});
    // Value added is still there.
    EXPECT_EQ(value(a.value(F::value_added)), 1.0e7);
}

TEST(EnergyAccountsTest, ZeroIsNotMissing) {
    Factory f = factory("SH", "Shanghai");
    f.energy->native[static_cast<std::size_t>(Carrier::natural_gas)] = 0.0;
    const FactoryAccount a = account(f);
    ASSERT_EQ(a.carriers.size(), 2U);
    EXPECT_EQ(value(a.carrier_value(Carrier::natural_gas, CF::energy_tce)), 0.0);
    EXPECT_NEAR(value(a.value(F::energy_tce)), 122.9, 1e-9);
    EXPECT_NEAR(value(a.carrier_value(Carrier::electricity, CF::share)), 1.0, 1e-12);
}

TEST(EnergyAccountsTest, NoEnergyDataAtAll) {
    Factory f = factory("SH", "Shanghai");
    f.energy.reset();
    const FactoryAccount a = account(f);
    EXPECT_TRUE(a.carriers.empty());
    EXPECT_EQ(a.value(F::energy_tce).missing_inputs(), Names{"energy"});
    EXPECT_EQ(a.value(F::carbon_intensity).missing_inputs(), Names{"energy"});
}

TEST(EnergyAccountsTest, ZeroValueAddedMakesIntensitiesUndefined) {
    Factory f = factory("SH", "Shanghai");
    f.value_added = Money{0, kCny};
    const FactoryAccount a = account(f);
    EXPECT_EQ(a.value(F::energy_intensity).status(), Status::undefined);
    EXPECT_EQ(a.value(F::energy_intensity).reason(), "zero denominator: value_added = 0");
    EXPECT_EQ(a.value(F::carbon_intensity).status(), Status::undefined);
    // Per output unit is still defined.
    EXPECT_NEAR(value(a.value(F::energy_per_output)), 0.122165, 1e-12);
}

TEST(EnergyAccountsTest, ZeroEnergyMakesSharesUndefined) {
    Factory f = factory("SH", "Shanghai");
    EnergyUse use;
    use[Carrier::electricity] = 0.0;
    f.energy = use;
    const FactoryAccount a = account(f);
    EXPECT_EQ(value(a.value(F::energy_tce)), 0.0);
    EXPECT_EQ(a.carrier_value(Carrier::electricity, CF::share).status(), Status::undefined);
}

TEST(EnergyAccountsTest, TotalsSumQuantitiesAndTakeRatiosOfSums) {
    // A: as above (244.33 tce, 1,000 x 10^4 CNY). B: 2,000,000 kWh only, Jiangsu
    // (0.5978 kgCO2/kWh) -> 245.8 tce, 1,195.6 t; value added 30,000,000 CNY (3,000 x 10^4).
    Factory b = factory("JS", "Jiangsu");
    b.value_added = Money{3.0e7, kCny};
    EnergyUse use;
    use[Carrier::electricity] = 2.0e6;
    b.energy = use;
    AccountTotals t;
    t.add(account(factory("SH", "Shanghai")));
    t.add(account(b));
    EXPECT_NEAR(value(t.value(F::energy_tce)), 244.33 + 245.8, 1e-9);
    EXPECT_NEAR(value(t.value(F::co2_t)), 801.12 + 1195.6, 1e-9);
    // Ratio of sums: 490.13 / 4,000 = 0.1225325, not the mean of 0.24433 and 0.0819333.
    EXPECT_NEAR(value(t.value(F::energy_intensity)), 490.13 / 4000.0, 1e-12);
    // Electricity: 3,000,000 kWh = 368.7 tce of 490.13.
    EXPECT_NEAR(value(t.carrier_value(Carrier::electricity, CF::amount)), 3.0e6, 1e-9);
    EXPECT_NEAR(value(t.carrier_value(Carrier::electricity, CF::share)), 368.7 / 490.13, 1e-12);
    EXPECT_EQ(t.coverage(F::energy_tce), 2U);
}

TEST(EnergyAccountsTest, TotalsOverGapsReportCoverage) {
    Factory b = factory("JS", "Jiangsu");
    b.energy.reset();
    Factory c = factory("ZJ", "Zhejiang");
    c.value_added.reset();
    AccountTotals t;
    t.add(account(factory("SH", "Shanghai")));
    t.add(account(b));
    t.add(account(c));
    EXPECT_EQ(t.factories(), 3U);
    // Energy from SH and ZJ; value added from SH and JS; intensity only from SH (conventions §10).
    EXPECT_EQ(t.coverage(F::energy_tce), 2U);
    EXPECT_EQ(t.coverage(F::value_added), 2U);
    EXPECT_EQ(t.coverage(F::energy_intensity), 1U);
    EXPECT_NEAR(value(t.value(F::energy_intensity)), 0.24433, 1e-12);
}

TEST(EnergyAccountsTest, TotalsWithNoCoverageNameTheMissingInputs) {
    Factory a = factory("SH", "Shanghai");
    a.energy->native[static_cast<std::size_t>(Carrier::natural_gas)].reset();
    a.energy->unknown = {Carrier::natural_gas};
    AccountTotals t;
    t.add(account(a));
    EXPECT_EQ(t.value(F::energy_tce).missing_inputs(), Names{"energy.natural_gas"});
    EXPECT_EQ(t.carrier_value(Carrier::electricity, CF::amount).status(), Status::not_available);
}

TEST(EnergyAccountsTest, PerOutputTotalUndefinedAcrossOutputUnits) {
    Factory b = factory("JS", "Jiangsu");
    b.output = smartkpi::Output{500, "pcs"};
    AccountTotals t;
    t.add(account(factory("SH", "Shanghai")));
    t.add(account(b));
    EXPECT_EQ(t.value(F::energy_per_output).status(), Status::undefined);
    EXPECT_EQ(t.value(F::output).status(), Status::undefined);
    EXPECT_EQ(t.output_unit(), "");
}

TEST(EnergyAccountsTest, DatasetGroupsBySectorAndRegionInKeyOrder) {
    Dataset d;
    d.factories = {factory("SH", "Shanghai", "machinery"), factory("FJ", "Fujian", ""),
                   factory("JS", "Jiangsu", "chemicals")};
    const auto by_region = compute_energy_accounts(d, kCny, AccountsGrouping::region);
    std::vector<std::string> keys;
    for (const auto& [key, t] : by_region.groups) {
        keys.push_back(key);
    }
    EXPECT_EQ(keys, (Names{"Fujian", "Jiangsu", "Shanghai"}));
    EXPECT_EQ(by_region.total.factories(), 3U);
    const auto by_sector = compute_energy_accounts(d, kCny, AccountsGrouping::sector);
    keys.clear();
    for (const auto& [key, t] : by_sector.groups) {
        keys.push_back(key);
    }
    EXPECT_EQ(keys, (Names{"", "chemicals", "machinery"}));
    const auto all = compute_energy_accounts(d, kCny, AccountsGrouping::all);
    EXPECT_TRUE(all.groups.empty());
    // Three factories of 244.33 tce each.
    EXPECT_NEAR(value(all.total.value(F::energy_tce)), 3 * 244.33, 1e-9);
}

TEST(EnergyAccountsTest, WarningsForFallbackIncompleteDataAndMismatchedCalorificValue) {
    Dataset d;
    Factory gap = factory("JS", "Jiangsu");
    gap.energy.reset();
    d.factories = {factory("GD", "Guangdong"), gap};
    // NBS's 1.33 kgce/m3 (oil-field gas) given without its calorific value: the gas-field NCV
    // 35.544 MJ/m3 is then 8.8 % below 1.33 x 29.3076 = 38.979 MJ/m3.
    d.coefficients.set_tce(Carrier::natural_gas, {1.33, "kgce/m3", "oil-field gas", 2020});
    const auto r = compute_energy_accounts(d, kCny);
    ASSERT_EQ(r.warnings.size(), 3U);
    EXPECT_NE(r.warnings[0].find("natural_gas: the calorific value 35.544 MJ/m3"),
              std::string::npos)
        << r.warnings[0];
    EXPECT_NE(r.warnings[1].find("region \"Guangdong\""), std::string::npos) << r.warnings[1];
    EXPECT_NE(r.warnings[2].find("JS (energy)"), std::string::npos) << r.warnings[2];
    // With the defaults the coefficients agree within 0.2 %: no warning.
    Dataset ok;
    ok.factories = {factory("SH", "Shanghai")};
    EXPECT_TRUE(compute_energy_accounts(ok, kCny).warnings.empty());
}

TEST(EnergyAccountsTest, UnknownCurrencyIsDataError) {
    Dataset d;
    Factory f = factory("SH", "Shanghai");
    f.value_added = Money{1.0e6, Currency("EUR")};
    d.factories = {f};
    EXPECT_THROW((void)compute_energy_accounts(d, kCny), smartkpi::UnitError);
}

TEST(EnergyAccountsTest, GroupingNames) {
    EXPECT_EQ(smartkpi::parse_accounts_grouping("region"), AccountsGrouping::region);
    EXPECT_EQ(smartkpi::to_string(AccountsGrouping::all), "all");
    EXPECT_THROW((void)smartkpi::parse_accounts_grouping("city"), smartkpi::UsageError);
}

} // namespace
