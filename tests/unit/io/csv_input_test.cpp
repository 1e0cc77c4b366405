// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <string>

namespace smartkpi {
namespace {

std::string error_of(const std::string& text) {
    try {
        (void)read_dataset_csv(text, "f.csv");
    } catch (const DataError& e) {
        return e.what();
    }
    return "no error";
}

TEST(CsvInputTest, ReadsUnitsFromTheHeader) {
    const Dataset ds = read_dataset_csv(
        "level,id,name,region,value_added_USD,labour_hours_min,energy_electricity_MWh,"
        "energy_natural_gas_m3,energy_steam_t\n"
        "city,A,Plant A,Shanghai,1000,120,2.5,,3\n",
        "f.csv");
    ASSERT_EQ(ds.factories.size(), 1U);
    const Factory& f = ds.factories[0];
    EXPECT_EQ(f.value_added->currency, Currency("USD"));
    EXPECT_DOUBLE_EQ(*f.labour_hours, 2.0); // 120 min
    EXPECT_DOUBLE_EQ(*(*f.energy)[Carrier::electricity], 2500.0);
    // An empty energy cell in a row with energy data means "not consumed".
    EXPECT_FALSE((*f.energy)[Carrier::natural_gas]);
    EXPECT_DOUBLE_EQ(*(*f.energy)[Carrier::steam], 3000.0);
}

TEST(CsvInputTest, RowWithoutEnergyCellsHasNoEnergyData) {
    const Dataset ds =
        read_dataset_csv("id,name,region,level,energy_electricity_kWh\nA,,Anhui,none,\n", "f.csv");
    EXPECT_FALSE(ds.factories.at(0).energy);
}

TEST(CsvInputTest, BundledCsvMatchesBundledJson) {
    const Dataset csv = read_dataset_csv(
        read_text_file(std::string(SMARTKPI_SOURCE_DIR) + "/data/datasets/yrd-illustrative.csv"),
        "yrd.csv");
    const Dataset json = bundled_dataset();
    ASSERT_EQ(csv.factories.size(), json.factories.size());
    for (std::size_t i = 0; i < csv.factories.size(); ++i) {
        const Factory& a = csv.factories[i];
        const Factory& b = json.factories[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.level, b.level);
        EXPECT_EQ(a.value_added.has_value(), b.value_added.has_value()) << a.id;
        EXPECT_EQ(a.energy.has_value(), b.energy.has_value()) << a.id;
        if (a.energy && b.energy) {
            for (Carrier c : all_carriers()) {
                ASSERT_EQ((*a.energy)[c].has_value(), (*b.energy)[c].has_value()) << a.id;
                if ((*a.energy)[c]) {
                    EXPECT_NEAR(*(*a.energy)[c], *(*b.energy)[c], 1e-9 * *(*b.energy)[c]);
                }
            }
        }
    }
}

TEST(CsvInputTest, BadNumberNamesLineAndColumn) {
    EXPECT_EQ(error_of("id,name,region,level,employees\nA,x,Anhui,none,12a\n"),
              "f.csv:2:16 (employees): \"12a\" is not a number");
}

TEST(CsvInputTest, MoneyColumnNeedsACurrency) {
    EXPECT_NE(error_of("id,name,region,level,revenue\n").find("needs its currency as a suffix"),
              std::string::npos);
}

TEST(CsvInputTest, UnknownColumnIsAnError) {
    EXPECT_NE(error_of("id,name,region,level,colour\n").find("unknown field \"colour\""),
              std::string::npos);
}

TEST(CsvInputTest, WrongFieldCount) {
    EXPECT_EQ(error_of("id,name,region,level\nA,x,Anhui\n"),
              "f.csv:2:1: row has 3 fields; the header has 4");
}

TEST(CsvInputTest, MissingLevelCellIsAnError) {
    EXPECT_EQ(error_of("id,name,region,level\nA,x,Anhui,\n"),
              "f.csv:2:1: missing required field \"level\"");
}

TEST(CsvInputTest, CollectsProblemsOfSeveralRows) {
    Problems problems;
    const Dataset ds = read_dataset_csv(
        "id,name,region,level,employees\nA,x,Anhui,none,-1\nB,y,Anhui,none,3\nC,z,Anhui,best,1\n",
        "f.csv", &problems);
    EXPECT_EQ(problems.count(), 2U);
    EXPECT_EQ(ds.factories.size(), 1U);
}

} // namespace
} // namespace smartkpi
