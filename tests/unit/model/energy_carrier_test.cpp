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
                                   "shanghai-local");
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

} // namespace
