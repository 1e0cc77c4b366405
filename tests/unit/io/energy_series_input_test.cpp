// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Energy series input (issue 5 §2, conventions §31): the CSV and JSON forms, their rules on
// units, missing values, order, duplicates, overlaps and gaps, and the bundled samples.
#include <smartkpi/io/energy_series_input.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace smartkpi {
namespace {

constexpr UnixMillis kJan2025 = 1'735'689'600'000; // 2025-01-01T00:00:00Z
constexpr UnixMillis kDay = 86'400'000;

EnergySeriesSet csv(const std::string& text, const EnergySeriesReadOptions& options = {}) {
    return read_energy_series_csv(text, "e.csv", options);
}

EnergySeriesSet json(const std::string& text, const EnergySeriesReadOptions& options = {}) {
    return read_energy_series_json(text, "e.json", options);
}

// The one-line message of the error a read throws, "no error" when it reads.
template <class Error = DataError>
std::string csv_error(const std::string& text, const EnergySeriesReadOptions& options = {}) {
    try {
        (void)csv(text, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

template <class Error = DataError>
std::string json_error(const std::string& text, const EnergySeriesReadOptions& options = {}) {
    try {
        (void)json(text, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

EnergySeriesReadOptions given_unit(const std::string& unit) {
    EnergySeriesReadOptions options;
    options.energy_unit = unit;
    options.energy_unit_given = true;
    return options;
}

std::string sample(const std::string& name) {
    return read_text_file(std::string(SMARTKPI_SOURCE_DIR) + "/data/energy/" + name);
}

// ---- CSV: layout ---------------------------------------------------------------------------

TEST(EnergySeriesCsvTest, ReadsOneFactoryWithDrivers) {
    const EnergySeriesSet set = csv("start,end,energy,production,hdd,cdd,temperature_c\n"
                                    "2025-01-01,2025-02-01,1000,50,300,0,5.5\n"
                                    "2025-02-01,2025-03-01,900.5,45,250.5,0,-1.5\n");
    ASSERT_EQ(set.series.size(), 1U);
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.factory, "");
    EXPECT_EQ(s.energy_unit, "kWh"); // the default
    EXPECT_EQ(s.source, "e.csv");
    ASSERT_EQ(s.size(), 2U);
    EXPECT_EQ(s.start[0], kJan2025);
    EXPECT_EQ(s.end[0], kJan2025 + 31 * kDay);
    EXPECT_EQ(s.start[1], s.end[0]);
    EXPECT_EQ(s.energy[1], 900.5);
    EXPECT_EQ(s.driver_names,
              (std::vector<std::string>{"production", "hdd", "cdd", "temperature_c"}));
    EXPECT_EQ((*s.driver("temperature_c"))[1], -1.5); // temperatures may be negative
    EXPECT_EQ((*s.driver("hdd"))[1], 250.5);
    EXPECT_EQ(s.lines, (std::vector<std::size_t>{2, 3}));
    EXPECT_TRUE(set.warnings.empty());
}

TEST(EnergySeriesCsvTest, ColumnsInAnyOrderAndOtherNumericDrivers) {
    const EnergySeriesSet set = csv("shifts,energy_MWh,end,production_t,start,note\n"
                                    "3,1.5,2025-01-02,10,2025-01-01,first day\n");
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.energy_unit, "MWh");
    EXPECT_EQ(s.production_unit, "t");
    EXPECT_EQ(s.driver_names, (std::vector<std::string>{"shifts", "production"}));
    EXPECT_EQ(s.energy[0], 1.5); // kept in the file's unit, not converted
    EXPECT_EQ((*s.driver("shifts"))[0], 3.0);
    EXPECT_EQ(s.end[0] - s.start[0], kDay);
}

TEST(EnergySeriesCsvTest, DateTimesWithOffsets) {
    const EnergySeriesSet set = csv("start,end,energy\n"
                                    "2025-01-01T08:00:00+08:00,2025-01-01T09:00:00+08:00,5\n"
                                    "2025-01-01T01:00:00Z,2025-01-01 02:00,6\n");
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.start[0], kJan2025);
    EXPECT_EQ(s.start[1], kJan2025 + 3'600'000);
    EXPECT_EQ(s.granularity(), Granularity::hourly);
}

TEST(EnergySeriesCsvTest, BomCrlfAndQuotes) {
    const EnergySeriesSet set = csv("\xEF\xBB\xBF\"factory\",start,end,energy\r\n"
                                    "\"SH-01, press\",2025-01-01,2025-01-02,\"7\"\r\n"
                                    "\"JS \"\"2\"\"\",2025-01-01,2025-01-02,8\r\n");
    ASSERT_EQ(set.series.size(), 2U);
    EXPECT_EQ(set.series[0].factory, "SH-01, press");
    EXPECT_EQ(set.series[1].factory, "JS \"2\"");
    EXPECT_EQ(set.series[0].energy[0], 7.0);
}

TEST(EnergySeriesCsvTest, EmptyCellIsMissingNotZero) {
    const EnergySeriesSet set = csv("start,end,energy,production\n"
                                    "2025-01-01,2025-01-02,,5\n"
                                    "2025-01-02,2025-01-03,4,\n");
    const EnergySeries& s = set.series[0];
    EXPECT_TRUE(std::isnan(s.energy[0]));
    EXPECT_TRUE(std::isnan((*s.driver("production"))[1]));
    EXPECT_EQ(s.energy[1], 4.0);
}

TEST(EnergySeriesCsvTest, FactoriesInOrderOfFirstAppearanceWithTheSameDrivers) {
    const EnergySeriesSet set = csv("factory,start,end,energy,temperature_c\n"
                                    "ZJ-03,2025-01-01,2025-01-02,1,3\n"
                                    "AH-04,2025-01-01,2025-01-02,2,4\n"
                                    "ZJ-03,2025-01-02,2025-01-03,3,5\n");
    ASSERT_EQ(set.series.size(), 2U);
    EXPECT_EQ(set.series[0].factory, "ZJ-03");
    EXPECT_EQ(set.series[1].factory, "AH-04");
    EXPECT_EQ(set.series[0].size(), 2U);
    EXPECT_EQ(set.series[0].lines, (std::vector<std::size_t>{2, 4}));
    EXPECT_EQ(set.series[1].driver_names, set.series[0].driver_names);
    EXPECT_EQ(set.series[1].drivers.size(), 1U);
}

TEST(EnergySeriesCsvTest, UnsortedInputIsSortedStably) {
    const EnergySeriesSet set = csv("start,end,energy,production\n"
                                    "2025-01-03,2025-01-04,3,30\n"
                                    "2025-01-01,2025-01-02,1,10\n"
                                    "2025-01-02,2025-01-03,2,20\n");
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.energy, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(*s.driver("production"), (std::vector<double>{10, 20, 30}));
    EXPECT_EQ(s.lines, (std::vector<std::size_t>{3, 4, 2}));
    EXPECT_EQ(s.start[0], kJan2025);
}

// ---- CSV: units ----------------------------------------------------------------------------

TEST(EnergySeriesCsvTest, UnitFromTheOptionsOrTheHeader) {
    EXPECT_EQ(
        csv("start,end,energy\n2025-01-01,2025-01-02,1\n", given_unit("tce")).series[0].energy_unit,
        "tce");
    EXPECT_EQ(csv("start,end,energy_GJ\n2025-01-01,2025-01-02,1\n").series[0].energy_unit, "GJ");
    // The same unit in the header and the option is no mismatch.
    EXPECT_EQ(csv("start,end,energy_MWh\n2025-01-01,2025-01-02,1\n", given_unit("MWh"))
                  .series[0]
                  .energy_unit,
              "MWh");
    // A default (not given) option yields to the header.
    EnergySeriesReadOptions defaulted;
    defaulted.energy_unit = "kWh";
    EXPECT_EQ(
        csv("start,end,energy_tce\n2025-01-01,2025-01-02,1\n", defaulted).series[0].energy_unit,
        "tce");
}

TEST(EnergySeriesCsvTest, HeaderUnitContradictingTheGivenUnitIsAUnitError) {
    EXPECT_EQ(
        csv_error<UnitError>("start,end,energy_MWh\n2025-01-01,2025-01-02,1\n", given_unit("kWh")),
        "e.csv:1:11 (energy_MWh): unit mismatch: header says MWh, --energy-unit says kWh");
}

TEST(EnergySeriesCsvTest, NonEnergyAndUnknownUnitsAreUnitErrors) {
    EXPECT_EQ(csv_error<UnitError>("start,end,energy_m3\n2025-01-01,2025-01-02,1\n"),
              "e.csv:1:11 (energy_m3): energy unit \"m3\" is a unit of volume, not of energy; "
              "accepted: kWh, MWh, GWh, MJ, GJ, TJ, kgce, tce");
    EXPECT_EQ(csv_error<UnitError>("start,end,energy_t\n2025-01-01,2025-01-02,1\n"),
              "e.csv:1:11 (energy_t): energy unit \"t\" is a unit of mass, not of energy; "
              "accepted: kWh, MWh, GWh, MJ, GJ, TJ, kgce, tce");
    EXPECT_EQ(csv_error<UnitError>("start,end,energy_kwh\n2025-01-01,2025-01-02,1\n"),
              "e.csv:1:11 (energy_kwh): unknown unit \"kwh\"; accepted: kWh, MWh, GWh, MJ, GJ, "
              "TJ, kgce, tce");
}

TEST(EnergySeriesCsvTest, OptionUnitMustBeAnEnergyUnit) {
    EXPECT_THROW((void)csv("start,end,energy\n2025-01-01,2025-01-02,1\n", given_unit("m3")),
                 UsageError);
}

// ---- CSV: bad values -----------------------------------------------------------------------

TEST(EnergySeriesCsvTest, TextInANumberColumn) {
    EXPECT_EQ(csv_error<ParseError>("start,end,energy,production\n"
                                    "2025-01-01,2025-01-02,1,n/a\n"),
              "e.csv:2:25 (production): \"n/a\" is not a number; leave the cell empty for a "
              "missing value");
    EXPECT_EQ(csv_error<ParseError>("start,end,energy\n2025-01-01,2025-01-02,1 000\n"),
              "e.csv:2:23 (energy): \"1 000\" is not a number; leave the cell empty for a "
              "missing value");
}

TEST(EnergySeriesCsvTest, NegativeValues) {
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n2025-01-01,2025-01-02,-5\n"),
              "e.csv:2:23 (energy): energy must not be negative (got -5)");
    EXPECT_EQ(csv_error<DomainError>("start,end,energy,production_t\n"
                                     "2025-01-01,2025-01-02,5,-1\n"),
              "e.csv:2:25 (production_t): production must not be negative (got -1)");
    EXPECT_EQ(csv_error<DomainError>("start,end,energy,cdd\n2025-01-01,2025-01-02,5,-0.5\n"),
              "e.csv:2:25 (cdd): cdd must not be negative (got -0.5)");
    EXPECT_EQ(csv_error<DomainError>("start,end,energy,hdd\n2025-01-01,2025-01-02,5,-2\n"),
              "e.csv:2:25 (hdd): hdd must not be negative (got -2)");
    // Other drivers may be negative (a margin, a net export).
    EXPECT_EQ(
        csv("start,end,energy,net_export\n2025-01-01,2025-01-02,5,-2\n").series[0].drivers[0][0],
        -2.0);
}

TEST(EnergySeriesCsvTest, NonFiniteNumbers) {
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n2025-01-01,2025-01-02,1e999\n"),
              "e.csv:2:23 (energy): energy must be a finite number");
    EXPECT_EQ(csv_error<DomainError>("start,end,energy,temperature_c\n"
                                     "2025-01-01,2025-01-02,1,inf\n"),
              "e.csv:2:25 (temperature_c): temperature_c must be a finite number");
    EXPECT_THROW((void)csv("start,end,energy\n2025-01-01,2025-01-02,nan\n"), DomainError);
}

TEST(EnergySeriesCsvTest, BadDatesAndPeriods) {
    const std::string bad_date = csv_error<ParseError>("start,end,energy\n"
                                                       "2025-13-01,2025-01-02,1\n");
    EXPECT_EQ(bad_date.rfind("e.csv:2:1 (start): ", 0), 0U) << bad_date;
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n2025-01-02,2025-01-01,1\n"),
              "e.csv:2:12 (end): period end 2025-01-01 is not after its start 2025-01-02 (the "
              "end is exclusive)");
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n2025-01-02,2025-01-02,1\n"),
              "e.csv:2:12 (end): period end 2025-01-02 is not after its start 2025-01-02 (the "
              "end is exclusive)");
    EXPECT_EQ(csv_error<SchemaError>("start,end,energy\n,2025-01-02,1\n"),
              "e.csv:2:1 (start): empty start; expected an ISO 8601 date or date-time");
}

TEST(EnergySeriesCsvTest, RowWidthAndEmptyFactory) {
    EXPECT_EQ(csv_error<ParseError>("start,end,energy\n2025-01-01,2025-01-02\n"),
              "e.csv:2:1: row has 2 fields; the header has 3");
    EXPECT_EQ(csv_error<SchemaError>("factory,start,end,energy\n,2025-01-01,2025-01-02,1\n"),
              "e.csv:2:1 (factory): empty factory; every row of a file with a factory column "
              "names its factory");
}

// ---- CSV: header ---------------------------------------------------------------------------

TEST(EnergySeriesCsvTest, MissingRequiredColumns) {
    EXPECT_EQ(csv_error<SchemaError>("start,energy\n2025-01-01,1\n"),
              "e.csv:1 (header): missing required column \"end\"");
    EXPECT_EQ(csv_error<SchemaError>("start,end,production\n2025-01-01,2025-01-02,1\n"),
              "e.csv:1 (header): missing required column \"energy (or energy_<unit>)\"");
    // Names are case-sensitive: "Start" is a driver, and "start" is missing.
    EXPECT_EQ(csv_error<SchemaError>("Start,end,energy\n2025-01-01,2025-01-02,1\n"),
              "e.csv:1 (header): missing required column \"start\"");
}

TEST(EnergySeriesCsvTest, DuplicateAndBadlyNamedColumns) {
    EXPECT_EQ(csv_error<SchemaError>("start,end,energy,hdd,hdd\n"),
              "e.csv:1:22 (hdd): duplicate column \"hdd\"");
    EXPECT_EQ(csv_error<SchemaError>("start,end,energy_kWh,energy_MWh\n"),
              "e.csv:1:22 (energy_MWh): two energy columns: \"energy_kWh\" and \"energy_MWh\"");
    EXPECT_EQ(csv_error<SchemaError>("start,end,energy,production_t,production\n"),
              "e.csv:1:31 (production): two production columns: \"production_t\" and "
              "\"production\"");
    EXPECT_EQ(csv_error<SchemaError>("start,end,energy,\n"), "e.csv:1:18: column 4 has no name");
    EXPECT_EQ(csv_error<SchemaError>("start, end,energy\n"),
              "e.csv:1:7 ( end): column \" end\" has spaces around its name");
}

TEST(EnergySeriesCsvTest, EmptyFileAndNoRows) {
    EXPECT_EQ(csv_error<ParseError>(""),
              "e.csv:1:1: empty file; expected a header row start,end,energy,...");
    EXPECT_EQ(csv_error<ParseError>("\xEF\xBB\xBF\r\n\r\n"),
              "e.csv:1:1: empty file; expected a header row start,end,energy,...");
    EXPECT_EQ(csv_error("start,end,energy\n"),
              "e.csv: no periods: the file has a header but no data rows");
}

TEST(EnergySeriesCsvTest, TextThatIsNotUtf8) {
    EXPECT_EQ(csv_error<ParseError>("factory,start,end,energy\n"
                                    "\xC9\xCF\xBA\xA3,2025-01-01,2025-01-02,1\n")
                  .rfind("e.csv:2:1: invalid UTF-8 at byte offset 25", 0),
              0U);
}

// ---- duplicates, overlaps, gaps (both formats share them) ----------------------------------

TEST(EnergySeriesCsvTest, DuplicatePeriodNamesBothLines) {
    EXPECT_EQ(csv_error<DomainError>("factory,start,end,energy\n"
                                     "SH-01,2025-01-01,2025-02-01,1\n"
                                     "SH-01,2025-02-01,2025-03-01,1\n"
                                     "SH-01,2025-01-01,2025-02-01,2\n"),
              "e.csv:4: SH-01: duplicate period starting 2025-01-01: lines 2 and 4");
}

TEST(EnergySeriesCsvTest, OverlapNamesBothLines) {
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n"
                                     "2025-01-01,2025-02-15,1\n"
                                     "2025-02-01,2025-03-01,1\n"),
              "e.csv:3: overlapping periods: 2025-01-01 to 2025-02-15 (line 2) and 2025-02-01 "
              "to 2025-03-01 (line 3)");
    // A long period overlaps a later one even when a short one lies between them.
    EXPECT_EQ(csv_error<DomainError>("start,end,energy\n"
                                     "2025-01-01T00:00:00Z,2025-01-01T10:00:00Z,1\n"
                                     "2025-01-01T10:00:00Z,2025-01-01T11:00:00Z,1\n"
                                     "2025-01-01T01:00:00Z,2025-01-01T02:00:00Z,1\n"),
              "e.csv:4: overlapping periods: 2025-01-01T00:00:00Z to 2025-01-01T10:00:00Z (line "
              "2) and 2025-01-01T01:00:00Z to 2025-01-01T02:00:00Z (line 4)");
}

TEST(EnergySeriesCsvTest, SamePeriodInTwoFactoriesIsNoDuplicate) {
    EXPECT_EQ(csv("factory,start,end,energy\n"
                  "A,2025-01-01,2025-02-01,1\n"
                  "B,2025-01-01,2025-02-01,1\n")
                  .series.size(),
              2U);
}

TEST(EnergySeriesCsvTest, GapsAreWarnings) {
    const EnergySeriesSet set = csv("factory,start,end,energy\n"
                                    "SH-01,2024-01-01,2024-02-01,1\n"
                                    "SH-01,2024-02-01,2024-03-01,1\n"
                                    "SH-01,2024-04-01,2024-05-01,1\n"
                                    "JS-02,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,1\n"
                                    "JS-02,2024-01-01T04:00:00Z,2024-01-01T05:00:00Z,1\n");
    EXPECT_EQ(set.warnings,
              (std::vector<std::string>{
                  "SH-01: gap 2024-03-01 to 2024-04-01 (31 days) between lines 3 and 4",
                  "JS-02: gap 2024-01-01T01:00:00Z to 2024-01-01T04:00:00Z (3 hours) between "
                  "lines 5 and 6"}));
    const EnergySeriesSet one = csv("start,end,energy\n"
                                    "2024-01-01,2024-01-02,1\n"
                                    "2024-01-03,2024-01-04,1\n");
    EXPECT_EQ(one.warnings,
              (std::vector<std::string>{"gap 2024-01-02 to 2024-01-03 (1 day) between lines 2 "
                                        "and 3"}));
}

TEST(EnergySeriesCsvTest, GapWarningsAreCapped) {
    // 30 one-hour periods two hours apart: 29 gaps, 20 shown and a count of the rest.
    std::string text = "start,end,energy\n";
    for (int h = 0; h < 60; h += 2) {
        text += "2025-01-0" + std::to_string(1 + h / 24) + "T" + (h % 24 < 10 ? "0" : "") +
                std::to_string(h % 24) + ":00:00Z,";
        const int e = h + 1;
        text += "2025-01-0" + std::to_string(1 + e / 24) + "T" + (e % 24 < 10 ? "0" : "") +
                std::to_string(e % 24) + ":00:00Z,1\n";
    }
    const EnergySeriesSet set = csv(text);
    ASSERT_EQ(set.series[0].size(), 30U);
    ASSERT_EQ(set.warnings.size(), 21U);
    EXPECT_EQ(set.warnings[0],
              "gap 2025-01-01T01:00:00Z to 2025-01-01T02:00:00Z (1 hour) between lines 2 and 3");
    EXPECT_EQ(set.warnings.back(), "and 9 more gaps");
}

// ---- JSON ----------------------------------------------------------------------------------

TEST(EnergySeriesJsonTest, FlatListOfPeriods) {
    const EnergySeriesSet set = json(R"({
  "format": "smartkpi-energy-series/1",
  "energy_unit": "MWh",
  "production_unit": "t",
  "note": "annotations are allowed",
  "periods": [
    {"start": "2025-01-01", "end": "2025-02-01", "energy": 10.5, "production": 3,
     "temperature_c": -2},
    {"temperature_c": null, "end": "2025-03-01", "start": "2025-02-01", "energy": null,
     "production": 4}
  ]
})");
    ASSERT_EQ(set.series.size(), 1U);
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.factory, "");
    EXPECT_EQ(s.energy_unit, "MWh");
    EXPECT_EQ(s.production_unit, "t");
    EXPECT_EQ(s.driver_names, (std::vector<std::string>{"production", "temperature_c"}));
    EXPECT_EQ(s.energy[0], 10.5);
    EXPECT_TRUE(std::isnan(s.energy[1]));
    EXPECT_TRUE(std::isnan((*s.driver("temperature_c"))[1]));
    EXPECT_EQ((*s.driver("temperature_c"))[0], -2.0);
    EXPECT_EQ(s.lines, (std::vector<std::size_t>{7, 9})); // where each period object starts
}

TEST(EnergySeriesJsonTest, DriverAbsentFromSomePeriodsIsMissingThere) {
    const EnergySeriesSet set = json(R"({"periods": [
        {"start": "2025-01-01", "end": "2025-01-02", "energy": 1},
        {"start": "2025-01-02", "end": "2025-01-03", "energy": 2, "hdd": 7}]})");
    const EnergySeries& s = set.series[0];
    EXPECT_EQ(s.energy_unit, "kWh");
    ASSERT_NE(s.driver("hdd"), nullptr);
    EXPECT_TRUE(std::isnan((*s.driver("hdd"))[0]));
    EXPECT_EQ((*s.driver("hdd"))[1], 7.0);
}

TEST(EnergySeriesJsonTest, FactoriesFormAndFlatListWithFactoryKeys) {
    const EnergySeriesSet grouped = json(R"({"energy_unit": "kWh", "factories": [
        {"periods": [{"start": "2025-01-01", "end": "2025-01-02", "energy": 1, "cdd": 2}],
         "factory": "SH-01"},
        {"factory": "JS-02", "periods": [
            {"start": "2025-01-01", "end": "2025-01-02", "energy": 3, "factory": "JS-02"}]}]})");
    ASSERT_EQ(grouped.series.size(), 2U);
    EXPECT_EQ(grouped.series[0].factory, "SH-01");
    EXPECT_EQ(grouped.series[1].factory, "JS-02");
    // Every factory has every driver column, missing where it had none.
    EXPECT_EQ(grouped.series[1].driver_names, (std::vector<std::string>{"cdd"}));
    EXPECT_TRUE(std::isnan(grouped.series[1].drivers[0][0]));

    const EnergySeriesSet flat = json(R"({"periods": [
        {"factory": "B", "start": "2025-01-01", "end": "2025-01-02", "energy": 1},
        {"factory": "A", "start": "2025-01-01", "end": "2025-01-02", "energy": 2},
        {"factory": "B", "start": "2025-01-02", "end": "2025-01-03", "energy": 3}]})");
    ASSERT_EQ(flat.series.size(), 2U);
    EXPECT_EQ(flat.series[0].factory, "B");
    EXPECT_EQ(flat.series[0].size(), 2U);
}

TEST(EnergySeriesJsonTest, SchemaErrors) {
    EXPECT_EQ(json_error<SchemaError>(R"({"periods": [], "unit": "kWh"})"),
              "e.json:1:25 (/unit): unknown field \"unit\"; accepted: format, energy_unit, "
              "production_unit, periods, factories");
    EXPECT_EQ(json_error<SchemaError>(R"({"energy_unit": "kWh"})"),
              "e.json:1:1: missing required field \"periods\" (or \"factories\")");
    EXPECT_EQ(json_error<SchemaError>(R"({"format": "smartkpi-units/1", "periods": []})"),
              "e.json:1:12 (/format): format \"smartkpi-units/1\" is not "
              "\"smartkpi-energy-series/1\"");
    EXPECT_EQ(json_error<SchemaError>(R"({"periods": [], "factories": []})"),
              "e.json:1:30 (/factories): give either \"periods\" or \"factories\", not both");
    EXPECT_EQ(
        json_error<SchemaError>(R"({"periods": [{"start": "2025-01-01", "end": "2025-01-02"}]})"),
        "e.json:1:14 (/periods/0): missing required field \"energy\" (null if the value is "
        "missing)");
    EXPECT_EQ(json_error<SchemaError>(
                  R"({"periods": [{"start": "2025-01-01", "end": "2025-01-02", "energy": "5"}]})"),
              "e.json:1:69 (/periods/0/energy): expected a number or null, found a string");
    EXPECT_EQ(json_error<SchemaError>(R"({"periods": [{"start": "2025-01-01", "end": )"
                                      R"("2025-01-02", "energy_MWh": 5}]})"),
              "e.json:1:73 (/periods/0/energy_MWh): unknown field \"energy_MWh\": write "
              "\"energy\" and give the unit once, as the top-level \"energy_unit\"");
    EXPECT_EQ(json_error<SchemaError>(R"({"periods": [
        {"factory": "A", "start": "2025-01-01", "end": "2025-01-02", "energy": 1},
        {"start": "2025-01-02", "end": "2025-01-03", "energy": 1}]})"),
              "e.json:3:9 (/periods/1): missing required field \"factory\" (the periods before "
              "it name theirs)");
    EXPECT_EQ(json_error<SchemaError>(R"({"factories": [{"factory": "A", "periods": []}]})"),
              "e.json:1:44 (/factories/0/periods): a factory needs at least one period");
    EXPECT_EQ(json_error(R"({"periods": []})"), "e.json: no periods: the file lists none");
    EXPECT_EQ(json_error<SchemaError>(R"({"factories": [
        {"factory": "A", "periods": [{"start": "2025-01-01", "end": "2025-01-02", "energy": 1}]},
        {"factory": "A", "periods": []}]})"),
              "e.json:3:21 (/factories/1/factory): duplicate factory \"A\"");
    EXPECT_EQ(json_error<SchemaError>(R"({"factories": [{"factory": "A", "periods": [
        {"factory": "B", "start": "2025-01-01", "end": "2025-01-02", "energy": 1}]}]})"),
              "e.json:2:9 (/factories/0/periods/0): a period of factory \"A\" names factory "
              "\"B\"");
}

TEST(EnergySeriesJsonTest, ValueErrors) {
    EXPECT_EQ(json_error<DomainError>(R"({"periods": [{"start": "2025-01-01", "end": )"
                                      R"("2025-01-02", "energy": 1, "production": -3}]})"),
              "e.json:1:86 (/periods/0/production): production must not be negative (got -3)");
    const std::string bad_date = json_error<ParseError>(
        R"({"periods": [{"start": "2025-02-30", "end": "2025-03-01", "energy": 1}]})");
    EXPECT_EQ(bad_date.rfind("e.json:1:24 (/periods/0/start): ", 0), 0U) << bad_date;
    EXPECT_EQ(json_error<DomainError>(
                  R"({"periods": [{"start": "2025-03-01", "end": "2025-02-01", "energy": 1}]})"),
              "e.json:1:14 (/periods/0): period end 2025-02-01 is not after its start "
              "2025-03-01 (the end is exclusive)");
    EXPECT_EQ(json_error<UnitError>(R"({"energy_unit": "MWh", "periods": []})", given_unit("kWh")),
              "e.json:1:17 (/energy_unit): unit mismatch: energy_unit says MWh, --energy-unit "
              "says kWh");
    EXPECT_EQ(json_error<DomainError>(R"({"periods": [
        {"start": "2025-01-01", "end": "2025-01-03", "energy": 1},
        {"start": "2025-01-02", "end": "2025-01-04", "energy": 1}]})"),
              "e.json:3: overlapping periods: 2025-01-01 to 2025-01-03 (line 2) and 2025-01-02 "
              "to 2025-01-04 (line 3)");
    EXPECT_THROW((void)json("[]"), SchemaError);
    EXPECT_THROW((void)json("{\"periods\": [}"), ParseError);
}

// ---- bundled samples (data/energy, made by tests/data/energy/make_samples.py) ------------

TEST(EnergySeriesSampleTest, PressPlantJsonEqualsCsv) {
    const EnergySeriesSet a =
        read_energy_series_csv(sample("press-plant-monthly.csv"), "press-plant-monthly.csv");
    const EnergySeriesSet b =
        read_energy_series_json(sample("press-plant-monthly.json"), "press-plant-monthly.json");
    ASSERT_EQ(a.series.size(), 1U);
    ASSERT_EQ(b.series.size(), 1U);
    const EnergySeries& x = a.series[0];
    const EnergySeries& y = b.series[0];
    EXPECT_EQ(x.size(), 36U);
    EXPECT_EQ(x.start.front(), 1'672'531'200'000); // 2023-01-01
    EXPECT_EQ(x.end.back(), 1'767'225'600'000);    // 2026-01-01
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.energy, y.energy);
    EXPECT_EQ(x.driver_names, y.driver_names);
    EXPECT_EQ(x.drivers, y.drivers);
    EXPECT_EQ(x.energy_unit, y.energy_unit);
    EXPECT_EQ(x.production_unit, "t");
    EXPECT_EQ(y.production_unit, "t");
    EXPECT_EQ(x.driver_names,
              (std::vector<std::string>{"production", "hdd", "cdd", "temperature_c"}));
    EXPECT_EQ(x.granularity(), Granularity::monthly);
    EXPECT_TRUE(a.warnings.empty());
}

TEST(EnergySeriesSampleTest, YrdFactories) {
    const EnergySeriesSet set =
        read_energy_series_csv(sample("yrd-factories-monthly.csv"), "yrd-factories-monthly.csv");
    ASSERT_EQ(set.series.size(), 6U);
    const std::vector<std::string> ids = {"SH-01", "JS-02", "ZJ-03", "AH-04", "SH-05", "JS-06"};
    std::size_t missing = 0;
    for (std::size_t f = 0; f < ids.size(); ++f) {
        const EnergySeries& s = set.series[f];
        EXPECT_EQ(s.factory, ids[f]);
        EXPECT_EQ(s.energy_unit, "MWh");
        EXPECT_EQ(s.size(), 36U);
        for (const double e : s.energy) {
            missing += std::isnan(e) ? 1 : 0;
        }
    }
    EXPECT_EQ(missing, 1U); // SH-05, 2024-05
    EXPECT_TRUE(std::isnan(set.series[4].energy[16]));
    EXPECT_TRUE(set.warnings.empty());
}

TEST(EnergySeriesSampleTest, PressPlantDaily) {
    const EnergySeriesSet set =
        read_energy_series_csv(sample("press-plant-daily.csv"), "press-plant-daily.csv");
    ASSERT_EQ(set.series.size(), 1U);
    EXPECT_EQ(set.series[0].size(), 731U); // 2024 (leap) and 2025
    EXPECT_EQ(set.series[0].granularity(), Granularity::daily);
}

// Many factories (conventions §31; the benchmark has 10,000): each keeps its own series, in
// order of first appearance. Speed is measured by tests/bench/run_energy_bench.sh, not here.
TEST(EnergySeriesInputTest, ManyFactoriesKeepTheirOrder) {
    std::string text = "factory,start,end,energy_kWh,production_t,temperature_c\n";
    const char* const months[] = {"2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01",
                                  "2023-05-01", "2023-06-01", "2023-07-01"};
    for (int f = 0; f < 2000; ++f) {
        for (int m = 0; m < 6; ++m) {
            text += "F" + std::to_string(f) + "," + months[m] + "," + months[m + 1] +
                    ",123456.7,1234.56,12.34\n";
        }
    }
    const EnergySeriesSet set = csv(text);
    ASSERT_EQ(set.series.size(), 2000U);
    EXPECT_EQ(set.series[0].factory, "F0");
    EXPECT_EQ(set.series[1999].factory, "F1999");
    EXPECT_EQ(set.series[1999].size(), 6U);
    EXPECT_EQ(set.series[1999].lines.front(), 1999U * 6U + 2U);
}

} // namespace
} // namespace smartkpi
