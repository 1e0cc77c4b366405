// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/quantity.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/energy_carrier.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Carrier;
using smartkpi::Coefficient;
using smartkpi::Coefficients;
using smartkpi::ElectricityBasis;
using smartkpi::find_unit;
using smartkpi::GridScope;
using smartkpi::Location;
using smartkpi::Quantity;
using smartkpi::SchemaError;
using smartkpi::to_native;
using smartkpi::UnitError;
using smartkpi::UsageError;

double native(Carrier carrier, double value, std::string_view unit) {
    return to_native(carrier, Quantity(value, find_unit(unit)));
}

std::string native_error(Carrier carrier, double value, std::string_view unit) {
    try {
        (void)native(carrier, value, unit);
    } catch (const UnitError& error) {
        return error.what();
    }
    return "no error";
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

TEST(CarrierTest, NamesInFixedOrder) {
    std::vector<std::string_view> names;
    for (Carrier c : smartkpi::all_carriers()) {
        names.push_back(smartkpi::to_string(c));
        EXPECT_EQ(smartkpi::parse_carrier(smartkpi::to_string(c)), c);
    }
    EXPECT_EQ(names, (std::vector<std::string_view>{"electricity", "natural_gas", "coal", "steam",
                                                    "diesel", "heat"}));
    EXPECT_EQ(smartkpi::all_carriers().size(), smartkpi::kCarrierCount);
}

TEST(CarrierTest, UnknownCarrierListsCarriers) {
    try {
        (void)smartkpi::parse_carrier("gas", Location{"f.json", 5, 9, "/factories/0/energy"});
        FAIL() << "no error";
    } catch (const SchemaError& error) {
        EXPECT_EQ(error.message(), "invalid value \"gas\"; accepted: electricity, natural_gas, "
                                   "coal, steam, diesel, heat");
        EXPECT_EQ(error.where().line, 5U);
    }
}

TEST(CarrierTest, NativeUnits) {
    EXPECT_EQ(smartkpi::native_unit(Carrier::electricity).symbol, "kWh");
    EXPECT_EQ(smartkpi::native_unit(Carrier::natural_gas).symbol, "m3");
    EXPECT_EQ(smartkpi::native_unit(Carrier::coal).symbol, "kg");
    EXPECT_EQ(smartkpi::native_unit(Carrier::steam).symbol, "kg");
    EXPECT_EQ(smartkpi::native_unit(Carrier::diesel).symbol, "kg");
    EXPECT_EQ(smartkpi::native_unit(Carrier::heat).symbol, "MJ");
}

TEST(CarrierTest, AcceptedUnitsExcludeStandardCoal) {
    using V = std::vector<std::string_view>;
    // conventions §12: tce/kgce would bypass the carrier's coefficient.
    EXPECT_EQ(smartkpi::accepted_units(Carrier::electricity),
              (V{"kWh", "MWh", "GWh", "MJ", "GJ", "TJ"}));
    EXPECT_EQ(smartkpi::accepted_units(Carrier::heat), (V{"kWh", "MWh", "GWh", "MJ", "GJ", "TJ"}));
    EXPECT_EQ(smartkpi::accepted_units(Carrier::natural_gas), (V{"m3"}));
    EXPECT_EQ(smartkpi::accepted_units(Carrier::coal), (V{"kg", "t"}));
    EXPECT_EQ(smartkpi::accepted_units(Carrier::steam), (V{"kg", "t"}));
}

TEST(CarrierTest, ToNativeConverts) {
    // 42,000 MWh x 1,000 kWh/MWh = 4.2e7 kWh.
    EXPECT_DOUBLE_EQ(native(Carrier::electricity, 42000, "MWh"), 4.2e7);
    // 3.6 MJ = 1 kWh.
    EXPECT_DOUBLE_EQ(native(Carrier::electricity, 3.6, "MJ"), 1.0);
    // 5 t coal x 1,000 kg/t = 5,000 kg.
    EXPECT_DOUBLE_EQ(native(Carrier::coal, 5, "t"), 5000.0);
    // 5,200 t steam = 5.2e6 kg.
    EXPECT_DOUBLE_EQ(native(Carrier::steam, 5200, "t"), 5.2e6);
    // 1 GJ of heat = 1,000 MJ; 1 MWh of heat = 3,600 MJ.
    EXPECT_DOUBLE_EQ(native(Carrier::heat, 1, "GJ"), 1000.0);
    EXPECT_DOUBLE_EQ(native(Carrier::heat, 1, "MWh"), 3600.0);
    EXPECT_EQ(native(Carrier::natural_gas, 1.8e6, "m3"), 1.8e6);
}

TEST(CarrierTest, StandardCoalUnitsRejectedForCarrier) {
    EXPECT_EQ(native_error(Carrier::electricity, 1, "tce"),
              "unit \"tce\" cannot measure electricity; accepted: kWh, MWh, GWh, MJ, GJ, TJ");
    EXPECT_EQ(native_error(Carrier::heat, 1, "kgce"),
              "unit \"kgce\" cannot measure heat; accepted: kWh, MWh, GWh, MJ, GJ, TJ");
}

TEST(CarrierTest, WrongDimensionRejectedForCarrier) {
    EXPECT_EQ(native_error(Carrier::natural_gas, 5, "kg"),
              "unit \"kg\" cannot measure natural_gas; accepted: m3");
    EXPECT_EQ(native_error(Carrier::coal, 5, "MWh"),
              "unit \"MWh\" cannot measure coal; accepted: kg, t");
    try {
        (void)to_native(Carrier::diesel, Quantity(1, find_unit("m3")),
                        Location{"f.csv", 7, 3, "energy_diesel"});
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(),
                     "f.csv:7:3 (energy_diesel): unit \"m3\" cannot measure diesel; accepted: "
                     "kg, t");
    }
}

TEST(CoefficientsTest, DefaultStandardCoalCoefficients) {
    // GB/T 2589-2020 Annex A, 4-decimal tabulated values (energy.md §5.2; conventions §12).
    const Coefficients c = Coefficients::defaults();
    EXPECT_EQ(c.electricity_basis(), ElectricityBasis::calorific);
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.1229); // 860 kcal / 7,000 kcal per kWh
    EXPECT_EQ(c.tce(Carrier::natural_gas).value, 1.2143); // gas-field gas, 8,500 kcal/m3
    EXPECT_EQ(c.tce(Carrier::coal).value, 0.7143);        // raw coal, 5,000 kcal/kg
    EXPECT_EQ(c.tce(Carrier::steam).value, 0.1286);       // low-pressure steam, 900 Mcal/t
    EXPECT_EQ(c.tce(Carrier::diesel).value, 1.4571);      // 10,200 kcal/kg
    EXPECT_EQ(c.tce(Carrier::heat).value, 0.03412);       // 1 / 29.3076 per MJ
    EXPECT_EQ(c.tce(Carrier::electricity).unit, "kgce/kWh");
    EXPECT_EQ(c.tce(Carrier::natural_gas).unit, "kgce/m3");
    EXPECT_EQ(c.tce(Carrier::coal).unit, "kgce/kg");
    EXPECT_EQ(c.tce(Carrier::heat).unit, "kgce/MJ");
    for (Carrier carrier : smartkpi::all_carriers()) {
        EXPECT_TRUE(contains(c.tce(carrier).source, "GB/T 2589-2020")) << to_string(carrier);
        EXPECT_EQ(c.tce(carrier).year, 2020) << to_string(carrier);
    }
}

TEST(CoefficientsTest, TabulatedValuesMatchKcalOver7000) {
    // energy.md §5.2: coefficient = NCV in kcal / 7,000 kcal, rounded to 4 decimals.
    const Coefficients c = Coefficients::defaults();
    EXPECT_NEAR(c.tce(Carrier::electricity).value, 860.0 / 7000.0, 5e-5);  // 0.122857
    EXPECT_NEAR(c.tce(Carrier::natural_gas).value, 8500.0 / 7000.0, 5e-5); // 1.214286
    EXPECT_NEAR(c.tce(Carrier::coal).value, 5000.0 / 7000.0, 5e-5);        // 0.714286
    EXPECT_NEAR(c.tce(Carrier::steam).value, 900.0 / 7000.0, 5e-5);        // 0.128571
    EXPECT_NEAR(c.tce(Carrier::diesel).value, 10200.0 / 7000.0, 5e-5);     // 1.457143
    EXPECT_NEAR(c.tce(Carrier::heat).value, 1.0 / 29.3076, 5e-6);          // 0.0341208
    // conventions §12: never the physical kWh -> kgce ratio 3.6 / 29.3076 = 0.12283.
    EXPECT_GT(c.tce(Carrier::electricity).value - 3.6 / 29.3076, 5e-5);
}

TEST(CoefficientsTest, KgceMultipliesByCoefficient) {
    const Coefficients c = Coefficients::defaults();
    // 4.2e7 kWh x 0.1229 = 5,161,800 kgce; 5,000 kg coal x 0.7143 = 3,571.5 kgce.
    EXPECT_DOUBLE_EQ(c.kgce(Carrier::electricity, 4.2e7), 5161800.0);
    EXPECT_DOUBLE_EQ(c.kgce(Carrier::coal, 5000), 3571.5);
    EXPECT_EQ(c.kgce(Carrier::diesel, 0), 0.0);
}

TEST(CoefficientsTest, DefaultFuelEmissionFactors) {
    // energy.md §5.3, EF = NCV x carbon content x oxidation x 44/12 (NDRC guideline defaults).
    const Coefficients c = Coefficients::defaults();
    // Natural gas: 389.31 GJ/10^4 m3 = 0.038931 GJ/m3 x 15.3 kgC/GJ x 0.99 x 44/12 = 2.16219.
    EXPECT_EQ(c.co2(Carrier::natural_gas).value, 2.1622);
    EXPECT_NEAR(c.co2(Carrier::natural_gas).value, 0.038931 * 15.3 * 0.99 * 44.0 / 12.0, 5e-5);
    // Diesel: 42.652 GJ/t x 20.2 tC/TJ x 0.98 x 44/12 = 3.09591 tCO2/t = kgCO2/kg.
    EXPECT_EQ(c.co2(Carrier::diesel).value, 3.0959);
    EXPECT_NEAR(c.co2(Carrier::diesel).value, 42.652 * 20.2e-3 * 0.98 * 44.0 / 12.0, 5e-5);
    // Raw coal: 20.908 GJ/t x 26.37 tC/TJ x 0.94 x 44/12 = 1.90030.
    EXPECT_EQ(c.co2(Carrier::coal).value, 1.9003);
    EXPECT_NEAR(c.co2(Carrier::coal).value, 20.908 * 26.37e-3 * 0.94 * 44.0 / 12.0, 5e-5);
    // Purchased heat: national default 0.11 tCO2/GJ = 0.11 kgCO2/MJ.
    EXPECT_EQ(c.co2(Carrier::heat).value, 0.11);
    EXPECT_EQ(c.co2(Carrier::heat).unit, "kgCO2/MJ");
    // Steam: 0.11 kgCO2/MJ x 3.763 MJ/kg (900 Mcal/t, GB/T 2589) = 0.41393 kgCO2/kg.
    EXPECT_EQ(c.co2(Carrier::steam).value, 0.41393);
    EXPECT_NEAR(c.co2(Carrier::steam).value, 0.11 * 3.763, 1e-12);
    // The region matters for electricity only.
    EXPECT_EQ(c.co2(Carrier::natural_gas, "Shanghai").value, 2.1622);
}

TEST(CoefficientsTest, GridFactorByRegion) {
    // conventions §13: MEE & NBS 2022 provincial factors, kgCO2/kWh (energy.md §5.3).
    const Coefficients c = Coefficients::defaults();
    EXPECT_EQ(c.grid_factor_set(), "mee-nbs-2022");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5849);
    EXPECT_EQ(c.co2(Carrier::electricity, "Jiangsu").value, 0.5978);
    EXPECT_EQ(c.co2(Carrier::electricity, "Zhejiang").value, 0.5153);
    EXPECT_EQ(c.co2(Carrier::electricity, "Anhui").value, 0.6782);
    const Coefficient& sh = c.co2(Carrier::electricity, "Shanghai");
    EXPECT_EQ(sh.unit, "kgCO2/kWh");
    EXPECT_EQ(sh.year, 2022);
    EXPECT_TRUE(contains(sh.source, "MEE & NBS")) << sh.source;
    EXPECT_TRUE(contains(sh.source, "Shanghai")) << sh.source;
    EXPECT_EQ(c.grid_factors().size(), 5U);
}

TEST(CoefficientsTest, UnknownRegionFallsBackToNational) {
    // National 2022 average 0.5366 (MEE & NBS, published 2024-12-26).
    const Coefficients c = Coefficients::defaults();
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").value, 0.5366);
    EXPECT_EQ(c.co2(Carrier::electricity).value, 0.5366);
    EXPECT_EQ(c.co2(Carrier::electricity, "shanghai").value, 0.5366); // keys are exact
    EXPECT_TRUE(contains(c.co2(Carrier::electricity, "Guangdong").source, "national average"));
}

TEST(CoefficientsTest, ShanghaiLocalSet) {
    // 沪环气〔2022〕34号: Shanghai local accounting value 0.42 kgCO2/kWh (energy.md §5.3).
    Coefficients c = Coefficients::defaults();
    c.use_grid_factor_set("shanghai-local");
    EXPECT_EQ(c.grid_factor_set(), "shanghai-local");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.42);
    EXPECT_TRUE(contains(c.co2(Carrier::electricity, "Shanghai").source, "沪环气〔2022〕34号"));
    // Other provinces and the fallback keep the MEE & NBS 2022 values.
    EXPECT_EQ(c.co2(Carrier::electricity, "Jiangsu").value, 0.5978);
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").value, 0.5366);
    c.use_grid_factor_set("mee-nbs-2022");
    EXPECT_EQ(c.grid_factor_set(), "mee-nbs-2022");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5849);
}

TEST(CoefficientsTest, UnknownGridFactorSetIsUsageError) {
    Coefficients c = Coefficients::defaults();
    try {
        c.use_grid_factor_set("ipcc-2006");
        FAIL() << "no error";
    } catch (const UsageError& error) {
        EXPECT_STREQ(error.what(), "unknown grid factor set \"ipcc-2006\"; accepted: mee-nbs-2022, "
                                   "mee-nbs-2021, mee-nbs-2023, shanghai-local");
    }
}

TEST(CoefficientsTest, FailedGridFactorSetChangesNothing) {
    Coefficients c = Coefficients::defaults();
    c.use_grid_factor_set("shanghai-local");
    c.set_grid_factor("Guangdong", {0.4419, "kgCO2/kWh", "MEE & NBS 2025 No. 47", 2023});
    EXPECT_THROW(c.use_grid_factor_set("bogus"), UsageError);
    EXPECT_EQ(c.grid_factor_set(), "shanghai-local");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.42);
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").value, 0.4419);
}

TEST(CoefficientsTest, SetGridFactorAndNationalFallback) {
    Coefficients c = Coefficients::defaults();
    // Guangdong provincial 2023: 0.4419 (MEE & NBS Announcement 2025 No. 47; energy.md §5.3).
    c.set_grid_factor("Guangdong", {0.4419, "kgCO2/kWh", "MEE & NBS 2025 No. 47", 2023});
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").value, 0.4419);
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").year, 2023);
    // set_co2(electricity) replaces the national fallback only.
    c.set_co2(Carrier::electricity, {0.5306, "kgCO2/kWh", "MEE & NBS 2023 national", 2023});
    EXPECT_EQ(c.co2(Carrier::electricity, "Hunan").value, 0.5306);
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5849);
    c.set_co2(Carrier::heat, {0.06, "kgCO2/MJ", "Shanghai purchased heat 0.06 tCO2/GJ", 2022});
    EXPECT_EQ(c.co2(Carrier::heat).value, 0.06);
}

TEST(CoefficientsTest, SetTceReplacesOneCarrier) {
    // NBS statistics use 1.33 kgce/m3 (oil-field gas) for natural gas (energy.md §5.2).
    Coefficients c = Coefficients::defaults();
    c.set_tce(Carrier::natural_gas, {1.33, "kgce/m3", "GB/T 2589-2020, oil-field gas", 2020});
    EXPECT_EQ(c.tce(Carrier::natural_gas).value, 1.33);
    EXPECT_DOUBLE_EQ(c.kgce(Carrier::natural_gas, 1000), 1330.0);
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.1229);
}

TEST(CoefficientsTest, EquivalentBasisNeedsCoefficient) {
    // conventions §12: the equal-value basis needs a dated coefficient.
    Coefficients c = Coefficients::defaults();
    try {
        c.set_electricity_basis(ElectricityBasis::equivalent);
        FAIL() << "no error";
    } catch (const UsageError& error) {
        EXPECT_EQ(std::string(error.what())
                      .rfind("the equal-value (equivalent) electricity basis needs a dated "
                             "coefficient",
                             0),
                  0U)
            << error.what();
    }
    EXPECT_EQ(c.electricity_basis(), ElectricityBasis::calorific);
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.1229);
    EXPECT_NO_THROW(c.set_electricity_basis(ElectricityBasis::calorific));
}

TEST(CoefficientsTest, EquivalentBasisUsesGivenCoefficient) {
    // energy.md §5.2: about 0.30 kgce/kWh in recent years (a dated input, not a constant).
    Coefficients c = Coefficients::defaults();
    c.set_equivalent_electricity(
        {0.3, "kgce/kWh", "previous year's generation coal rate (test figure)", 2023});
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.1229); // still calorific until selected
    c.set_electricity_basis(ElectricityBasis::equivalent);
    EXPECT_EQ(c.electricity_basis(), ElectricityBasis::equivalent);
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.3);
    EXPECT_EQ(c.tce(Carrier::electricity).year, 2023);
    // 1,000 kWh x 0.3 = 300 kgce; other carriers keep their calorific coefficients.
    EXPECT_DOUBLE_EQ(c.kgce(Carrier::electricity, 1000), 300.0);
    EXPECT_EQ(c.tce(Carrier::natural_gas).value, 1.2143);
    c.set_electricity_basis(ElectricityBasis::calorific);
    EXPECT_EQ(c.tce(Carrier::electricity).value, 0.1229);
}

TEST(CoefficientsTest, ElectricityBasisNames) {
    EXPECT_EQ(smartkpi::to_string(ElectricityBasis::calorific), "calorific");
    EXPECT_EQ(smartkpi::to_string(ElectricityBasis::equivalent), "equivalent");
    EXPECT_EQ(smartkpi::parse_electricity_basis("calorific"), ElectricityBasis::calorific);
    EXPECT_EQ(smartkpi::parse_electricity_basis("equivalent"), ElectricityBasis::equivalent);
    try {
        (void)smartkpi::parse_electricity_basis("primary");
        FAIL() << "no error";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(), "invalid value \"primary\"; accepted: calorific, equivalent");
    }
}

TEST(CoefficientsTest, GridFactorScopes) {
    // Fallback province -> regional grid -> national (energy.md §5.3): MEE & NBS 2022 factors.
    const Coefficients c = Coefficients::defaults();
    const auto sh = c.grid_factor("Shanghai");
    EXPECT_EQ(sh.scope, GridScope::province);
    EXPECT_EQ(sh.key, "Shanghai");
    EXPECT_EQ(sh.factor->value, 0.5849);
    // Fujian belongs to the East China grid (华东), whose 2022 factor is 0.5617.
    const auto fj = c.grid_factor("Fujian");
    EXPECT_EQ(fj.scope, GridScope::grid_region);
    EXPECT_EQ(fj.key, "East China");
    EXPECT_EQ(fj.factor->value, 0.5617);
    EXPECT_EQ(fj.factor->issuer, "MEE & NBS");
    EXPECT_EQ(fj.factor->year, 2022);
    EXPECT_EQ(c.co2(Carrier::electricity, "Fujian").value, 0.5617);
    // A region that names a grid maps to itself: South China (南方) 0.3869, North China 0.6776.
    EXPECT_EQ(c.grid_factor("South China").factor->value, 0.3869);
    EXPECT_EQ(c.grid_factor("North China").scope, GridScope::grid_region);
    // Provinces whose grid membership is not shipped keep the national fallback.
    const auto gd = c.grid_factor("Guangdong");
    EXPECT_EQ(gd.scope, GridScope::national);
    EXPECT_EQ(gd.key, "national");
    EXPECT_EQ(gd.factor->value, 0.5366);
    EXPECT_EQ(smartkpi::to_string(GridScope::grid_region), "grid_region");
}

TEST(CoefficientsTest, GridRegionMembership) {
    EXPECT_EQ(smartkpi::grid_region_of("Zhejiang"), "East China");
    EXPECT_EQ(smartkpi::grid_region_of("Fujian"), "East China");
    EXPECT_EQ(smartkpi::grid_region_of("Guangdong"), "");
    EXPECT_EQ(
        smartkpi::provinces_of("East China"),
        (std::vector<std::string_view>{"Anhui", "Fujian", "Jiangsu", "Shanghai", "Zhejiang"}));
    EXPECT_TRUE(smartkpi::provinces_of("South China").empty());
    // The default set's table of provinces is unchanged (the impact reports list it).
    EXPECT_EQ(Coefficients::defaults().grid_region_factors().size(), 7U);
}

TEST(CoefficientsTest, RegionalFactorGivenByNameWins) {
    // A coefficients file names regions with set_grid_factor; a grid region given so is used
    // for its provinces without a factor of their own.
    Coefficients c = Coefficients::defaults();
    c.set_grid_factor("East China", {0.55, "kgCO2/kWh", "user", 2024});
    EXPECT_EQ(c.co2(Carrier::electricity, "Fujian").value, 0.55);
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5849);
    c.set_grid_region_factor("East China", {0.56, "kgCO2/kWh", "user", 2024});
    EXPECT_EQ(c.co2(Carrier::electricity, "Fujian").value, 0.55);
    EXPECT_EQ(c.grid_region_factors().at("East China").value, 0.56);
}

TEST(CoefficientsTest, MeeNbs2021Set) {
    // 2021 provincial and regional factors (energy.md §5.3): Shanghai 0.5834, Jiangsu 0.6451,
    // Zhejiang 0.5422, Anhui 0.7075; East China 0.5992; national 0.5568 (marked unverified).
    Coefficients c = Coefficients::defaults();
    c.use_grid_factor_set("mee-nbs-2021");
    EXPECT_EQ(c.grid_factor_set(), "mee-nbs-2021");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5834);
    EXPECT_EQ(c.co2(Carrier::electricity, "Jiangsu").value, 0.6451);
    EXPECT_EQ(c.co2(Carrier::electricity, "Zhejiang").value, 0.5422);
    EXPECT_EQ(c.co2(Carrier::electricity, "Anhui").value, 0.7075);
    EXPECT_EQ(c.co2(Carrier::electricity, "Fujian").value, 0.5992);
    EXPECT_EQ(c.co2(Carrier::electricity, "South China").value, 0.4326);
    const Coefficient& national = c.co2(Carrier::electricity, "Guangdong");
    EXPECT_EQ(national.value, 0.5568);
    EXPECT_EQ(national.year, 2021);
    EXPECT_TRUE(contains(national.source, "unverified")) << national.source;
    for (const auto& [region, k] : c.grid_factors()) {
        EXPECT_EQ(k.year, 2021) << region;
        EXPECT_EQ(k.issuer, "MEE & NBS") << region;
    }
}

TEST(CoefficientsTest, MeeNbs2023Set) {
    // MEE & NBS Announcement 2025 No. 47: national 0.5306, Guangdong 0.4419 (energy.md §5.3).
    Coefficients c = Coefficients::defaults();
    c.use_grid_factor_set("mee-nbs-2023");
    EXPECT_EQ(c.co2(Carrier::electricity, "Guangdong").value, 0.4419);
    // No 2023 provincial or regional factor for Shanghai is shipped: the 2023 national one.
    const auto sh = c.grid_factor("Shanghai");
    EXPECT_EQ(sh.scope, GridScope::national);
    EXPECT_EQ(sh.factor->value, 0.5306);
    EXPECT_EQ(sh.factor->year, 2023);
    EXPECT_TRUE(c.grid_region_factors().empty());
    // Back to the default: the 2022 values.
    c.use_grid_factor_set("mee-nbs-2022");
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").value, 0.5849);
    EXPECT_EQ(c.grid_factors().size(), 5U);
}

TEST(CoefficientsTest, GridFactorSetNames) {
    const auto names = Coefficients::grid_factor_set_names();
    EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.end()),
              (std::vector<std::string_view>{"mee-nbs-2022", "mee-nbs-2021", "mee-nbs-2023",
                                             "shanghai-local"}));
    for (std::string_view name : names) {
        Coefficients c = Coefficients::defaults();
        c.use_grid_factor_set(name);
        EXPECT_EQ(c.grid_factor_set(), name);
        EXPECT_GT(c.co2(Carrier::electricity, "nowhere").value, 0.0) << name;
    }
}

TEST(CoefficientsTest, CalorificValuesMatchTheStandardCoalCoefficients) {
    // GB/T 2589-2020 Annex A NCVs (energy.md §5.2); electricity and heat are physical.
    const Coefficients c = Coefficients::defaults();
    EXPECT_EQ(c.calorific_value(Carrier::electricity).value, 3.6);
    EXPECT_EQ(c.calorific_value(Carrier::electricity).unit, "MJ/kWh");
    EXPECT_EQ(c.calorific_value(Carrier::natural_gas).value, 35.544);
    EXPECT_EQ(c.calorific_value(Carrier::coal).value, 20.908);
    EXPECT_EQ(c.calorific_value(Carrier::steam).value, 3.763);
    EXPECT_EQ(c.calorific_value(Carrier::diesel).value, 42.652);
    EXPECT_EQ(c.calorific_value(Carrier::heat).value, 1.0);
    // Coefficient = NCV / 7000 kcal with the table's 4.1816 kJ/kcal: within 0.2 % of
    // coefficient x 29.3076 MJ/kgce (energy.md §5.2 explains the 4.1816 vs 4.1868 gap).
    for (Carrier carrier : {Carrier::natural_gas, Carrier::coal, Carrier::steam, Carrier::diesel}) {
        const double implied = c.tce(carrier).value * 29.3076;
        EXPECT_NEAR(c.calorific_value(carrier).value / implied, 1.0, 2e-3)
            << smartkpi::to_string(carrier);
    }
    // 8500 kcal x 4.1816 kJ/kcal = 35,543.6 kJ; 8500 / 7000 = 1.2143.
    EXPECT_NEAR(c.calorific_value(Carrier::natural_gas).value, 8500 * 4.1816 / 1000, 1e-3);
    Coefficients d = c;
    d.set_calorific_value(Carrier::natural_gas, {38.931, "MJ/m3", "oil-field gas", 2020});
    EXPECT_EQ(d.calorific_value(Carrier::natural_gas).value, 38.931);
}

TEST(CoefficientsTest, IssuersAreRecorded) {
    const Coefficients c = Coefficients::defaults();
    EXPECT_EQ(c.co2(Carrier::electricity, "Shanghai").issuer, "MEE & NBS");
    EXPECT_EQ(c.co2(Carrier::natural_gas).issuer, "NDRC");
    EXPECT_EQ(c.tce(Carrier::coal).issuer, "SAMR & SAC");
    Coefficients local = c;
    local.use_grid_factor_set("shanghai-local");
    EXPECT_EQ(local.co2(Carrier::electricity, "Shanghai").issuer,
              "Shanghai Ecology and Environment Bureau");
}

} // namespace
