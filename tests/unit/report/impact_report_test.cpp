// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/report/impact_report.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace smartkpi {
namespace {

// One factory with round numbers: VA 1e8 CNY, 1e6 h, 1e7 kWh in Shanghai, no value for cost.
const char* const kData = R"({"factories": [
  {"id": "A", "name": "Plant A", "region": "Shanghai", "level": "none",
   "value_added": "100000000 CNY", "labour_hours": 1000000, "output": "1000 pcs",
   "energy": {"electricity": "10000000 kWh"}}]})";

std::string report(Format format) {
    const Dataset ds = read_dataset_json(kData, "a.json");
    const Scenario s = read_scenario_json(
        R"({"name": "ref", "effects": {"labour_productivity": "+50%", "operating_cost": "-30%",
            "energy_intensity": "-13.8%"}})",
        "s.json");
    std::ostringstream out;
    write_impact_report(out, format, ds, s);
    return out.str();
}

TEST(ImpactReportTest, JsonFollowsTheDocumentedShape) {
    const auto j = nlohmann::json::parse(report(Format::json));
    EXPECT_EQ(j["format"], "smartkpi-impact-report/1");
    EXPECT_EQ(j["scenario"]["hold"], "output");
    EXPECT_DOUBLE_EQ(j["scenario"]["effects"]["energy_intensity"].get<double>(), -0.138);
    const auto& f = j["factories"][0];
    EXPECT_EQ(f["id"], "A");
    // 1e7 kWh x 0.1229 kgce/kWh = 1,229,000 kgce = 1229 tce (GB/T 2589-2020).
    EXPECT_DOUBLE_EQ(f["baseline"]["energy_tce"]["value"].get<double>(), 1229.0);
    EXPECT_EQ(f["baseline"]["energy_tce"]["unit"], "tce");
    // 1229 tce / (1e8 CNY / 1e4) = 0.1229 tce per 10^4 CNY.
    EXPECT_DOUBLE_EQ(f["baseline"]["energy_intensity"]["value"].get<double>(), 0.1229);
    EXPECT_EQ(f["baseline"]["energy_intensity"]["unit"], "tce/10^4 CNY");
    // Hold output: energy x 0.862; the relative change is a fraction, not a percentage.
    EXPECT_NEAR(f["upgraded"]["energy_tce"]["value"].get<double>(), 1229.0 * 0.862, 1e-9);
    EXPECT_NEAR(f["change"]["energy_tce"]["relative"]["value"].get<double>(), -0.138, 1e-12);
    EXPECT_EQ(f["change"]["energy_tce"]["relative"]["unit"], "%");
    // Missing operating cost: not available, naming what is missing (never 0).
    EXPECT_EQ(f["baseline"]["operating_cost"]["status"], "not_available");
    EXPECT_EQ(f["baseline"]["operating_cost"]["missing"][0], "operating_cost");
    EXPECT_EQ(f["savings"]["operating_cost"]["status"], "not_available");
    // Savings = baseline intensity x upgraded activity - upgraded quantity (conventions §9).
    EXPECT_NEAR(f["savings"]["energy_tce"]["value"].get<double>(), 1229.0 * 0.138, 1e-9);
    EXPECT_NEAR(f["savings_relative"]["energy_tce"]["value"].get<double>(), 0.138, 1e-12);
    EXPECT_EQ(j["totals"]["factories"], 1);
    EXPECT_EQ(j["totals"]["coverage"]["operating_cost"]["factories"], 0);
    EXPECT_EQ(j["totals"]["by_region"].begin().key(), "Shanghai");
    EXPECT_DOUBLE_EQ(j["coefficients"]["tce"]["electricity"]["value"].get<double>(), 0.1229);
    EXPECT_DOUBLE_EQ(j["coefficients"]["grid"]["Shanghai"]["value"].get<double>(), 0.5849);
    EXPECT_TRUE(j["warnings"].is_array());
}

TEST(ImpactReportTest, CsvHasOneRowPerMetricAndAStableHeader) {
    const std::string csv = report(Format::csv);
    std::istringstream in(csv);
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, "scope,key,name,region,level,covered,metric,unit,baseline,upgraded,change,"
                      "change_relative,savings,savings_relative");
    EXPECT_NE(csv.find("factory,A,Plant A,Shanghai,none,true,energy_tce,tce,1229,"),
              std::string::npos);
    // Undefined or missing values are empty fields, not 0 and not NaN.
    EXPECT_NE(csv.find("factory,A,Plant A,Shanghai,none,true,operating_cost,CNY,,,,,,\n"),
              std::string::npos)
        << csv;
    EXPECT_EQ(csv.find("nan"), std::string::npos);
}

TEST(ImpactReportTest, TableStatesCoefficientsAndRounding) {
    const std::string t = report(Format::table);
    EXPECT_NE(t.find("0.1229 kgce/kWh"), std::string::npos);
    EXPECT_NE(t.find("rounded"), std::string::npos);
    EXPECT_NE(t.find("-13.8%"), std::string::npos);
    const std::string md = report(Format::markdown);
    EXPECT_EQ(md.rfind("# Upgrade impact", 0), 0U);
    EXPECT_NE(md.find("| Metric |"), std::string::npos);
}

} // namespace
} // namespace smartkpi

namespace smartkpi {
namespace {

TEST(ImpactReportTest, OutputDoesNotDependOnTheThreadCount) {
    // Many small factories, so that several chunks are formatted on different threads.
    std::string data = R"({"factories": [)";
    for (int i = 0; i < 3000; ++i) {
        data +=
            fmt::format(R"({}{{"id": "F{}", "name": "", "region": "{}", "level": "none",
            "value_added": "{} CNY", "labour_hours": {}, "output": "{} {}",
            "energy": {{"electricity": "{} kWh"}}}})",
                        i == 0 ? "" : ",", i, i % 3 == 0 ? "Anhui" : "Jiangsu", 1e6 + i * 1234.5,
                        1000 + i, 10 + i % 7, i % 5 == 0 ? "t" : "pcs", 5e5 + i * 77.7);
    }
    data += "]}";
    const Dataset ds = read_dataset_json(data, "many.json");
    const Scenario s =
        read_scenario_json(R"({"name": "x", "effects": {"energy_intensity": -0.1}})", "s.json");
    for (Format f : {Format::json, Format::csv}) {
        std::ostringstream one;
        std::ostringstream three;
        write_impact_report(one, f, ds, s, Currency("CNY"), 1);
        write_impact_report(three, f, ds, s, Currency("CNY"), 3);
        EXPECT_EQ(one.str(), three.str()) << to_string(f);
        EXPECT_GT(one.str().size(), 100000U);
    }
}

} // namespace
} // namespace smartkpi

namespace smartkpi {
namespace {

TEST(ImpactReportTest, StreamedChunksGiveTheSameReportAsTheWholeDataset) {
    const Dataset ds = read_dataset_json(kData, "a.json");
    const Scenario s =
        read_scenario_json(R"({"name": "x", "effects": {"energy_intensity": -0.1}})", "s.json");
    std::ostringstream whole;
    write_impact_report(whole, Format::json, ds, s);

    std::ostringstream streamed;
    ImpactAssessor assessor(s, ds.coefficients, ds.fx);
    ImpactReportWriter writer(streamed, Format::json, assessor);
    writer.add_streamed(
        [&](const auto& sink) {
            for (const auto& f : ds.factories) {
                sink(std::vector<Factory>{f});
            }
        },
        assessor, 2);
    writer.finish(assessor.warnings());
    EXPECT_EQ(streamed.str(), whole.str());
}

TEST(ImpactReportTest, AnErrorWhileProducingReachesTheCaller) {
    const Dataset ds = read_dataset_json(kData, "a.json");
    const Scenario s = read_scenario_json(R"({"name": "x", "effects": {}})", "s.json");
    std::ostringstream out;
    ImpactAssessor assessor(s, ds.coefficients, ds.fx);
    ImpactReportWriter writer(out, Format::csv, assessor);
    const auto produce = [&](const auto& sink) {
        for (int i = 0; i < 20; ++i) {
            sink(std::vector<Factory>(ds.factories));
        }
        throw DomainError("broken record", Location{"a.json", 3, 4, "/factories/2"});
    };
    EXPECT_THROW(writer.add_streamed(produce, assessor, 2), DomainError);
}

} // namespace
} // namespace smartkpi
