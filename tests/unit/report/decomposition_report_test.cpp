// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The energy decomposition report in its four formats (conventions §1-§6).
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/report/decomposition_report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using smartkpi::DecompositionPeriod;
using smartkpi::DecompositionRecord;
using smartkpi::DecompositionSources;
using smartkpi::EnergyDecomposition;
using smartkpi::Format;

DecompositionRecord record(std::string id, std::string sector, double value_added, double energy) {
    DecompositionRecord r;
    r.id = std::move(id);
    r.sector = std::move(sector);
    r.region = "Zhejiang";
    r.value_added = value_added;
    r.energy_tce = energy;
    r.co2_t = energy * 3;
    return r;
}

// Two sectors and a closing and an opening one: value added +8 % in "a" with intensity
// −13.8 % (the reference claim), "b" unchanged, "c" closes, "d" opens.
EnergyDecomposition example() {
    DecompositionPeriod from;
    from.label = "2024";
    from.source = "from.json";
    from.records = {record("F1", "a", 100, 50), record("F2", "b", 50, 10),
                    record("F3", "c", 20, 4)};
    DecompositionPeriod to;
    to.label = "2025";
    to.source = "to.json";
    to.records = {record("F1", "a", 108, 50 * 1.08 * 0.862), record("F2", "b", 50, 10),
                  record("F4", "d", 10, 1)};
    DecompositionRecord missing = record("F5", "a", 1, 1);
    missing.energy_tce.reset();
    to.records.push_back(missing);
    return smartkpi::decompose_energy(from, to);
}

std::string write(Format format,
                  const EnergyDecomposition& d,
                  const DecompositionSources& s = {},
                  std::vector<std::string>* warnings = nullptr) {
    std::ostringstream out;
    auto w = smartkpi::write_decomposition_report(out, format, d, s);
    if (warnings != nullptr) {
        *warnings = w;
    }
    return out.str();
}

json schema() {
    std::ifstream in(std::string(SMARTKPI_SOURCE_DIR) +
                     "/data/schema/energy-decomposition-report.schema.json");
    return json::parse(in);
}

TEST(LmdiDecompositionReport, JsonClosesAndFollowsTheSchemaTopLevel) {
    const EnergyDecomposition d = example();
    std::vector<std::string> warnings;
    const json j = json::parse(write(Format::json, d, {}, &warnings));
    EXPECT_EQ(j["format"], "smartkpi-energy-decomposition-report/1");
    EXPECT_EQ(j["method"], "LMDI-I");
    EXPECT_EQ(j["savings_reading"], "lmdi_i");
    EXPECT_EQ(j["unit"], "tce");
    EXPECT_EQ(j["by"], "sector");
    // Additive effects sum to the change, multiplicative ones multiply to the ratio, as
    // printed (shortest round-trip text reads back as the same doubles).
    const double change = j["totals"]["change"]["value"];
    const double ratio = j["totals"]["ratio"]["value"];
    EXPECT_EQ(j["totals"]["change"]["unit"], "tce");
    EXPECT_EQ(j["totals"]["ratio"]["unit"], "1");
    double sum = 0;
    double product = 1;
    double shares = 0;
    for (const char* k : {"activity", "structure", "intensity"}) {
        EXPECT_EQ(j["additive"][k]["unit"], "tce");
        EXPECT_EQ(j["multiplicative"][k]["unit"], "1");
        EXPECT_EQ(j["shares"][k]["unit"], "%");
        sum += j["additive"][k]["value"].get<double>();
        product *= j["multiplicative"][k]["value"].get<double>();
        shares += j["shares"][k]["value"].get<double>();
    }
    EXPECT_NEAR(sum, change, 1e-12 * 64);
    EXPECT_NEAR(product, ratio, 1e-14);
    EXPECT_NEAR(shares, 1.0, 1e-12);
    // Groups sorted by key, closing and opening ones marked, their change all structure.
    ASSERT_EQ(j["groups"].size(), 4u);
    EXPECT_EQ(j["groups"][0]["key"], "a");
    EXPECT_EQ(j["groups"][2]["presence"], "from_only");
    EXPECT_NEAR(j["groups"][2]["structure"]["value"].get<double>(), -4.0, 1e-14);
    EXPECT_EQ(j["groups"][3]["presence"], "to_only");
    EXPECT_NEAR(j["groups"][3]["structure"]["value"].get<double>(), 1.0, 1e-14);
    EXPECT_EQ(j["to"]["coverage"], json::parse(R"({"factories": 3, "of": 4})"));
    ASSERT_EQ(j["warnings"].size(), 1u);
    EXPECT_EQ(warnings, j["warnings"].get<std::vector<std::string>>());
    // Every required member is present and no member is outside the schema.
    const json s = schema();
    for (const auto& key : s["required"]) {
        EXPECT_TRUE(j.contains(key.get<std::string>())) << key;
    }
    for (const auto& [key, value] : j.items()) {
        EXPECT_TRUE(s["properties"].contains(key)) << key;
    }
    for (const auto& [key, value] : j["groups"][0].items()) {
        EXPECT_TRUE(s["$defs"]["group"]["properties"].contains(key)) << key;
    }
}

TEST(LmdiDecompositionReport, MultiplicativeIsUndefinedWhenATotalIsZero) {
    DecompositionPeriod from;
    from.label = "0";
    from.records = {record("F1", "a", 10, 0)};
    DecompositionPeriod to;
    to.label = "T";
    to.records = {record("F1", "a", 12, 3)};
    const json j = json::parse(write(Format::json, smartkpi::decompose_energy(from, to)));
    EXPECT_EQ(j["multiplicative"]["activity"]["status"], "undefined");
    EXPECT_EQ(j["totals"]["ratio"]["status"], "undefined");
    EXPECT_EQ(j["additive"]["intensity"]["value"], 3.0); // the factor that appears (case 1)
}

TEST(LmdiDecompositionReport, CsvIsUnroundedWithOneRowPerGroupAndATotal) {
    const EnergyDecomposition d = example();
    const std::string csv = write(Format::csv, d);
    std::istringstream in(csv);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[0].rfind("level,group,presence,", 0), 0u);
    EXPECT_EQ(lines[1].rfind("group,a,both,1,1,CNY,100,108,tce,50,46.548", 0), 0u) << lines[1];
    EXPECT_EQ(lines[5].rfind("total,,,3,3,CNY,170,168,tce,64,", 0), 0u) << lines[5];
    EXPECT_EQ(csv.find("Warnings"), std::string::npos); // CSV carries no comments
}

TEST(LmdiDecompositionReport, TableAndMarkdownSayWhatTheNumbersAre) {
    const EnergyDecomposition d = example();
    const std::string table = write(Format::table, d);
    EXPECT_EQ(table.rfind("Energy use decomposition (LMDI-I), 2024 -> 2025, by sector\n", 0), 0u)
        << table;
    EXPECT_NE(table.find("rounded for reading"), std::string::npos);
    EXPECT_NE(table.find("comparable (constant) prices"), std::string::npos);
    EXPECT_NE(table.find("Savings reading: the intensity effect is the LMDI-I reading"),
              std::string::npos);
    EXPECT_NE(table.find("Laspeyres"), std::string::npos);
    EXPECT_NE(table.find("from only (closes)"), std::string::npos);
    EXPECT_NE(table.find("\nWarnings\n  factory \"F5\""), std::string::npos) << table;
    const std::string md = write(Format::markdown, d);
    EXPECT_EQ(md.rfind("# Energy use decomposition", 0), 0u);
    EXPECT_NE(md.find("\n## Effects"), std::string::npos);
    EXPECT_NE(md.find("| Activity"), std::string::npos);
}

TEST(LmdiDecompositionReport, DifferentCoefficientsInThePeriodsAreAWarning) {
    const EnergyDecomposition d = example();
    smartkpi::Coefficients a = smartkpi::Coefficients::defaults();
    smartkpi::Coefficients b = smartkpi::Coefficients::defaults();
    b.use_grid_factor_set("shanghai-local");
    DecompositionSources s;
    s.coefficients_from = &a;
    s.coefficients_to = &a;
    std::vector<std::string> warnings;
    json j = json::parse(write(Format::json, d, s, &warnings));
    EXPECT_TRUE(j.contains("coefficients"));
    EXPECT_FALSE(j.contains("coefficients_from"));
    EXPECT_EQ(warnings.size(), 1u);
    s.coefficients_to = &b;
    j = json::parse(write(Format::json, d, s, &warnings));
    EXPECT_TRUE(j.contains("coefficients_from"));
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_NE(warnings[1].find("different conversion coefficients"), std::string::npos);
}

TEST(LmdiDecompositionReport, ImpactInputNamesTheScenario) {
    DecompositionSources s;
    s.impact = true;
    s.scenario = "shanghai-smart-factory-labour-hold";
    s.hold = "labour";
    s.uncovered = 2;
    const json j = json::parse(write(Format::json, example(), s));
    EXPECT_EQ(j["scenario"], json::parse(R"({"name": "shanghai-smart-factory-labour-hold",
                                             "hold": "labour", "uncovered": 2})"));
    const std::string notes = j["notes"].dump();
    EXPECT_NE(notes.find("2 factories the scenario does not cover keep their baseline"),
              std::string::npos)
        << notes;
}

} // namespace
