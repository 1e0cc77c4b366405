// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/energy_accounts.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/report/energy_accounts_report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace smartkpi {
namespace {

// A: 1,000,000 kWh (Shanghai) + 100,000 m3 gas, VA 10,000,000 CNY, 2,000 t.
// B: Fujian (East China grid factor), 2,000,000 kWh, zero value added.
// C: natural gas amount unknown (null).
const char* const kData = R"({"factories": [
  {"id": "A", "name": "Plant A", "region": "Shanghai", "sector": "machinery", "level": "none",
   "period": {"start": "2024-01-01", "end": "2025-01-01"},
   "value_added": "10000000 CNY", "output": "2000 t",
   "energy": {"electricity": "1000 MWh", "natural_gas": "100000 m3"}},
  {"id": "B", "name": "Plant B", "region": "Fujian", "sector": "machinery", "level": "none",
   "value_added": "0 CNY", "output": "500 t",
   "energy": {"electricity": "2000000 kWh"}},
  {"id": "C", "name": "Plant C", "region": "Jiangsu", "sector": "chemicals", "level": "none",
   "value_added": "5000000 CNY", "output": "100 pcs",
   "energy": {"electricity": "10 kWh", "natural_gas": null}}]})";

std::string report(Format format, AccountsGrouping by = AccountsGrouping::factory) {
    const Dataset ds = read_dataset_json(kData, "a.json");
    const EnergyAccounts a = compute_energy_accounts(ds, Currency("CNY"), by);
    std::ostringstream out;
    write_energy_accounts_report(out, format, a);
    return out.str();
}

TEST(EnergyAccountsReportTest, JsonFollowsTheDocumentedShape) {
    const auto j = nlohmann::json::parse(report(Format::json));
    EXPECT_EQ(j["format"], "smartkpi-energy-accounts-report/1");
    EXPECT_EQ(j["by"], "factory");
    EXPECT_EQ(j["currency"], "CNY");
    EXPECT_EQ(j["electricity_basis"], "calorific");
    EXPECT_EQ(j["grid_factor_set"], "mee-nbs-2022");
    ASSERT_EQ(j["factories"].size(), 3U);
    const auto& a = j["factories"][0];
    EXPECT_EQ(a["period"]["start"], "2024-01-01");
    const auto& el = a["carriers"][0];
    EXPECT_EQ(el["carrier"], "electricity");
    // 1,000 MWh = 1,000,000 kWh (native unit) x 0.1229 = 122.9 tce; x 0.5849 = 584.9 t CO2.
    EXPECT_EQ(el["amount"]["value"].get<double>(), 1.0e6);
    EXPECT_EQ(el["amount"]["unit"], "kWh");
    EXPECT_NEAR(el["energy_tce"]["value"].get<double>(), 122.9, 1e-9);
    EXPECT_NEAR(el["co2_t"]["value"].get<double>(), 584.9, 1e-9);
    // Shares are fractions with the unit "%" (conventions §2).
    EXPECT_NEAR(el["share"]["value"].get<double>(), 122.9 / 244.33, 1e-12);
    EXPECT_EQ(el["share"]["unit"], "%");
    const auto& grid = el["coefficients"]["co2"];
    EXPECT_EQ(grid["value"].get<double>(), 0.5849);
    EXPECT_EQ(grid["issuer"], "MEE & NBS");
    EXPECT_EQ(grid["year"], 2022);
    EXPECT_EQ(grid["scope"], "province");
    EXPECT_EQ(a["totals"]["energy_intensity"]["unit"], "tce/10^4 CNY");
    EXPECT_NEAR(a["totals"]["energy_intensity"]["value"].get<double>(), 0.24433, 1e-12);
    // B: East China regional factor 0.5617; zero value added -> undefined intensity.
    const auto& b = j["factories"][1];
    EXPECT_EQ(b["carriers"][0]["coefficients"]["co2"]["grid"], "East China");
    EXPECT_EQ(b["carriers"][0]["coefficients"]["co2"]["scope"], "grid_region");
    EXPECT_EQ(b["totals"]["energy_intensity"]["status"], "undefined");
    EXPECT_EQ(b["totals"]["energy_intensity"]["reason"], "zero denominator: value_added = 0");
    EXPECT_EQ(b["period"], nullptr);
    // C: the unknown carrier is named, totals not available.
    const auto& c = j["factories"][2];
    EXPECT_EQ(c["carriers"][1]["amount"]["status"], "not_available");
    EXPECT_EQ(c["totals"]["energy_tce"]["missing"], nlohmann::json({"energy.natural_gas"}));
    // Total: energy from A and B (2 of 3), ratio from A only (B has VA 0 -> sums 0 + 1000).
    const auto& t = j["total"];
    EXPECT_EQ(t["factories"], 3);
    EXPECT_EQ(t["coverage"]["energy_tce"]["factories"], 2);
    EXPECT_EQ(t["coverage"]["energy_tce"]["of"], 3);
    // 244.33 + 245.8 = 490.13 tce over 1,000 x 10^4 CNY.
    EXPECT_NEAR(t["totals"]["energy_intensity"]["value"].get<double>(), 490.13 / 1000, 1e-12);
    // Output units differ (t, pcs): per output unit undefined (conventions §10).
    EXPECT_EQ(t["totals"]["energy_per_output"]["status"], "undefined");
    EXPECT_FALSE(j.contains("groups"));
    EXPECT_EQ(j["grid_regions"]["East China"]["value"].get<double>(), 0.5617);
    EXPECT_EQ(j["calorific_values"]["natural_gas"]["value"].get<double>(), 35.544);
    EXPECT_EQ(j["coefficients"]["grid"]["Shanghai"]["value"].get<double>(), 0.5849);
    ASSERT_EQ(j["warnings"].size(), 1U);
    EXPECT_NE(j["warnings"][0].get<std::string>().find("C (energy.natural_gas)"),
              std::string::npos);
}

TEST(EnergyAccountsReportTest, JsonGroupsSortedByKey) {
    const auto j = nlohmann::json::parse(report(Format::json, AccountsGrouping::sector));
    EXPECT_EQ(j["by"], "sector");
    EXPECT_FALSE(j.contains("factories"));
    ASSERT_EQ(j["groups"].size(), 2U);
    EXPECT_EQ(j["groups"][0]["key"], "chemicals");
    EXPECT_EQ(j["groups"][1]["key"], "machinery");
    const auto& m = j["groups"][1];
    EXPECT_EQ(m["factories"], 2);
    // Electricity of A and B: 3,000,000 kWh.
    EXPECT_EQ(m["carriers"][0]["amount"]["value"].get<double>(), 3.0e6);
    // Same output unit (t) within machinery: 490.13 tce / 2,500 t.
    EXPECT_NEAR(m["totals"]["energy_per_output"]["value"].get<double>(), 490.13 / 2500, 1e-12);
    EXPECT_EQ(m["totals"]["energy_per_output"]["unit"], "tce/t");
    const auto all = nlohmann::json::parse(report(Format::json, AccountsGrouping::all));
    EXPECT_FALSE(all.contains("groups"));
    EXPECT_FALSE(all.contains("factories"));
    EXPECT_EQ(all["total"]["factories"], 3);
}

TEST(EnergyAccountsReportTest, CsvIsOneValuePerRowUnrounded) {
    const std::string csv = report(Format::csv);
    EXPECT_EQ(csv.rfind("scope,key,period,carrier,figure,value,unit,status,detail,covered,of\n", 0),
              0U);
    EXPECT_NE(csv.find("factory,A,2024-01-01/2025-01-01,electricity,energy_tce,122.9,tce,"
                       "available,,,\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("factory,B,,,energy_intensity,,tce/10^4 CNY,undefined,"
                       "zero denominator: value_added = 0,,\n"),
              std::string::npos);
    EXPECT_NE(csv.find("factory,C,,,energy_tce,,tce,not_available,missing: energy.natural_gas,,\n"),
              std::string::npos);
    EXPECT_NE(csv.find("total,all,,,energy_tce,490.13,tce,available,,2,3\n"), std::string::npos);
    EXPECT_NE(csv.find("factory,B,,electricity,co2_factor,0.5617,kgCO2/kWh,available,"
                       "\"grid East China (grid_region); MEE & NBS; 2022;"),
              std::string::npos);
    EXPECT_NE(csv.find("coefficient,electricity:East China,,electricity,co2_factor,0.5617,"),
              std::string::npos);
}

TEST(EnergyAccountsReportTest, TableSaysItRoundsAndListsWarnings) {
    const std::string t = report(Format::table, AccountsGrouping::region);
    EXPECT_NE(t.find("Energy accounts by region"), std::string::npos);
    EXPECT_NE(t.find("rounded for reading"), std::string::npos);
    EXPECT_NE(t.find("Carriers by region"), std::string::npos);
    EXPECT_NE(t.find("\nWarnings\n"), std::string::npos);
    const std::string md = report(Format::markdown);
    EXPECT_EQ(md.rfind("# Energy accounts by factory\n", 0), 0U);
    EXPECT_NE(md.find("\n## Carriers by factory\n"), std::string::npos);
    EXPECT_NE(md.find("| A "), std::string::npos);
}

} // namespace
} // namespace smartkpi
