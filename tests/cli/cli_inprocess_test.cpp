// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The command-line program called in-process through cli::run() with string streams
// (PROJ test/unit/test_projinfo_lib.cpp; ARCHITECTURE.md §3.6). The golden cases in
// tests/cli/<command>/ run the real binary; these tests pin exit codes and error lines and
// stay fast and sanitizer-friendly.
#include "app.hpp"

#include <smartkpi/version.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

Result run(const std::vector<std::string>& args, const std::string& input = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    Result r;
    r.exit_code = smartkpi::cli::run(args, in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

std::string data_file(const std::string& relative) {
    return std::string(SMARTKPI_SOURCE_DIR) + "/data/" + relative;
}

std::size_t count_lines(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) {
        if (c == '\n') {
            ++n;
        }
    }
    return n;
}

/// A scratch folder removed at the end of the test.
class TempDir {
  public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("smartkpi-cli-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                 std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string file(const std::string& name) const {
        return (path_ / name).string();
    }

    std::string write(const std::string& name, const std::string& text) const {
        const std::string p = file(name);
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

  private:
    std::filesystem::path path_;
};

TEST(CliVersionTest, PrintsNameAndVersionAndExitsZero) {
    const Result r = run({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "smartkpi " + std::string(smartkpi::version()) + "\n");
    EXPECT_EQ(r.err, "");
}

TEST(CliHelpTest, TopLevelHelpListsEveryCommand) {
    const Result r = run({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage:"), std::string::npos);
    for (const char* command : {"impact", "consortium", "targets", "validate", "help"}) {
        EXPECT_NE(r.out.find(command), std::string::npos) << command;
    }
    EXPECT_EQ(r.err, "");
}

TEST(CliHelpTest, EveryCommandHasHelp) {
    for (const std::string command : {"impact", "consortium", "targets", "validate"}) {
        const Result flag = run({command, "--help"});
        EXPECT_EQ(flag.exit_code, 0) << command;
        EXPECT_NE(flag.out.find("Usage:"), std::string::npos) << command;
        EXPECT_EQ(flag.err, "") << command;

        const Result sub = run({"help", command});
        EXPECT_EQ(sub.exit_code, 0) << command;
        EXPECT_NE(sub.out.find("Usage:"), std::string::npos) << command;
        EXPECT_EQ(sub.err, "") << command;
    }
}

TEST(CliHelpTest, HelpForUnknownCommandIsUsageError) {
    const Result r = run({"help", "frobnicate"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
}

TEST(CliUsageTest, NoCommandIsUsageError) {
    const Result r = run({});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
}

TEST(CliUsageTest, UnknownCommandIsUsageError) {
    const Result r = run({"frobnicate"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
}

TEST(CliUsageTest, UnknownFormatIsUsageErrorNamingTheValue) {
    const Result r = run({"impact", "--format", "xml"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("xml"), std::string::npos) << r.err;
}

TEST(CliUsageTest, EquivalentBasisWithoutCoefficientIsOneLineUsageError) {
    const Result r = run({"impact", "--electricity-basis", "equivalent"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
}

TEST(CliUsageTest, BothInputsFromStandardInputIsUsageError) {
    const Result r = run({"impact", "--data", "-", "--scenario", "-"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("standard input"), std::string::npos) << r.err;
}

TEST(CliInputTest, MissingDataFileExits66AndNamesTheFile) {
    const Result r = run({"impact", "--data", "no/such/factories.json"});
    EXPECT_EQ(r.exit_code, 66);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("no/such/factories.json"), std::string::npos) << r.err;
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
}

TEST(CliDataTest, SyntaxErrorExits65WithFileLineColumn) {
    const std::string text = "{\n  \"format\": \"smartkpi-dataset/1\"\n  \"factories\": []\n}\n";
    const Result r = run({"impact", "--data", "-"}, text);
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
    EXPECT_EQ(r.err.rfind("smartkpi: error: -:3:", 0), 0U) << r.err;
}

TEST(CliDataTest, SchemaErrorNamesPointer) {
    const std::string text = R"({"format": "smartkpi-dataset/1", "factories": [
  {"id": "X-1", "name": "X", "region": "Shanghai", "level": "city", "employees": "many"}
]}
)";
    const Result r = run({"impact", "--data", "-"}, text);
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
    EXPECT_EQ(r.err.rfind("smartkpi: error: -:2:", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("(/factories/0/employees)"), std::string::npos) << r.err;
}

TEST(CliDataTest, FailedRunLeavesNoOutputFile) {
    TempDir dir;
    const std::string bad =
        dir.write("bad.json", R"({"format": "smartkpi-dataset/1", "factories": [)");
    const std::string out = dir.file("out.json");
    const Result r = run({"impact", "--data", bad, "--output", out});
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_FALSE(std::filesystem::exists(out));
    for (const auto& entry : std::filesystem::directory_iterator(dir.file(""))) {
        EXPECT_EQ(entry.path().filename().string(), "bad.json") << "left behind: " << entry.path();
    }
}

TEST(CliOutputTest, OutputIntoMissingDirectoryExits73) {
    TempDir dir;
    const Result r = run({"impact", "--output", dir.file("no-such-dir/out.json")});
    EXPECT_EQ(r.exit_code, 73);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
    EXPECT_NE(r.err.find("no-such-dir/out.json"), std::string::npos) << r.err;
}

TEST(CliOutputTest, OutputFileHoldsWhatStandardOutputWouldShow) {
    TempDir dir;
    const std::string out = dir.file("out.md");
    const Result to_file = run({"consortium", "--format", "markdown", "--output", out});
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    EXPECT_EQ(to_file.out, "");
    std::ifstream in(out, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    const Result to_stdout = run({"consortium", "--format", "markdown"});
    EXPECT_EQ(written, to_stdout.out);
}

TEST(CliValidateTest, NoFileIsUsageError) {
    const Result r = run({"validate"});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("smartkpi: error: ", 0), 0U) << r.err;
}

TEST(CliValidateTest, BundledDatasetIsValid) {
    const Result r = run({"validate", data_file("datasets/yrd-illustrative.json")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("valid dataset, 12 factories"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(CliValidateTest, ListsEveryProblemAndExits65) {
    const std::string text = R"({"format": "smartkpi-dataset/1", "factories": [
  {"id": "X-1", "name": "X", "region": "Shanghai", "level": "district"},
  {"id": "X-2", "name": "Y", "region": "Shanghai", "level": "city", "employees": -1}
]}
)";
    const Result r = run({"validate", "--type", "dataset", "-"}, text);
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(count_lines(r.out), 2U) << r.out;
    EXPECT_NE(r.out.find("-:2:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("-:3:"), std::string::npos) << r.out;
    EXPECT_EQ(count_lines(r.err), 1U) << r.err;
    EXPECT_NE(r.err.find("2 problems"), std::string::npos) << r.err;
}

TEST(CliImpactTest, JsonReportHasTheDocumentedSections) {
    const Result r = run({"impact", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    for (const char* key : {"scenario", "factories", "totals", "coefficients", "warnings"}) {
        EXPECT_TRUE(report.contains(key)) << key;
    }
    EXPECT_EQ(report["factories"].size(), 12U);
    const nlohmann::json& saved = report["totals"]["savings"]["energy_tce"];
    ASSERT_TRUE(saved.contains("value")) << saved.dump();
    EXPECT_GT(saved["value"].get<double>(), 0.0);
    EXPECT_EQ(saved["unit"], "tce");
}

TEST(CliImpactTest, HoldOutputTotalsFollowTheReferenceEffects) {
    // data/README.md, hold table: labour hours / 1.5, operating cost x 0.7, energy x 0.862.
    const Result r = run({"impact", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    const nlohmann::json& all = report.at("totals");
    const auto ratio = [&](const char* key) {
        return all["upgraded"][key]["value"].get<double>() /
               all["baseline"][key]["value"].get<double>();
    };
    EXPECT_NEAR(ratio("value_added"), 1.0, 1e-12);
    EXPECT_NEAR(ratio("labour_hours"), 1.0 / 1.5, 1e-12);
    EXPECT_NEAR(ratio("operating_cost"), 0.7, 1e-12);
    EXPECT_NEAR(ratio("energy_tce"), 0.862, 1e-12);
}

TEST(CliImpactTest, HoldLabourTotalsFollowTheReferenceEffects) {
    // data/README.md, hold table: value added x 1.5, operating cost x 1.05, energy x 1.293.
    const Result r = run({"impact", "--hold", "labour", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    const nlohmann::json& all = report.at("totals");
    const auto ratio = [&](const char* key) {
        return all["upgraded"][key]["value"].get<double>() /
               all["baseline"][key]["value"].get<double>();
    };
    EXPECT_NEAR(ratio("value_added"), 1.5, 1e-12);
    EXPECT_NEAR(ratio("labour_hours"), 1.0, 1e-12);
    EXPECT_NEAR(ratio("operating_cost"), 1.05, 1e-12);
    EXPECT_NEAR(ratio("energy_tce"), 1.293, 1e-12);
}

TEST(CliImpactTest, CsvAndJsonDatasetsGiveTheSameTotals) {
    const Result from_json =
        run({"impact", "--format", "json", "--data", data_file("datasets/yrd-illustrative.json")});
    const Result from_csv =
        run({"impact", "--format", "json", "--data", data_file("datasets/yrd-illustrative.csv")});
    ASSERT_EQ(from_json.exit_code, 0) << from_json.err;
    ASSERT_EQ(from_csv.exit_code, 0) << from_csv.err;
    const nlohmann::json report_a = nlohmann::json::parse(from_json.out);
    const nlohmann::json report_b = nlohmann::json::parse(from_csv.out);
    const nlohmann::json& a = report_a.at("totals").at("baseline");
    const nlohmann::json& b = report_b.at("totals").at("baseline");
    for (const auto& [key, value] : a.items()) {
        if (value.contains("value")) {
            ASSERT_TRUE(b[key].contains("value")) << key;
            const double x = value["value"].get<double>();
            EXPECT_NEAR(b[key]["value"].get<double>(), x, 1e-9 * std::abs(x)) << key;
        } else {
            EXPECT_EQ(b[key], value) << key;
        }
    }
}

TEST(CliImpactTest, ReadsDatasetFromStandardInput) {
    const std::string text = R"({"format": "smartkpi-dataset/1", "factories": [
  {"id": "T-1", "name": "T", "region": "Shanghai", "level": "city",
   "value_added": "1000000 CNY", "labour_hours": "10000 h"}
]}
)";
    const Result r = run({"impact", "--data", "-", "--format", "json"}, text);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    ASSERT_EQ(report["factories"].size(), 1U);
    EXPECT_EQ(report["factories"][0]["id"], "T-1");
}

std::string check_fixture(const std::string& name) {
    return std::string(SMARTKPI_SOURCE_DIR) + "/tests/cli/check/" + name;
}

TEST(CliCheckTest, ExitCodeIsTheVerdict) {
    TempDir tmp;
    const std::string report = check_fixture("kpi-report.json");
    const std::string pass =
        tmp.write("pass.json", R"({"rules": [{"kpi": "oee_index", "min": 0.5}]})");
    const std::string fail =
        tmp.write("fail.json", R"({"rules": [{"kpi": "oee_index", "min": 0.7}]})");
    const Result ok = run({"check", "--report", report, "--rules", pass});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_EQ(ok.err, "");
    EXPECT_NE(ok.out.find("1 rule, 1 passed, 0 failed (2 checks, 0 failed)"), std::string::npos)
        << ok.out;
    // A failed rule exits 1 (never 2), with the full report and one line on stderr.
    const Result failed = run({"check", "--report", report, "--rules", fail});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_NE(failed.out.find("FAIL"), std::string::npos);
    EXPECT_EQ(failed.err, "smartkpi: check failed: 1 of 1 rule failed\n");
    // The verdict of one run does not leak into the next.
    EXPECT_EQ(run({"check", "--report", report, "--rules", pass}).exit_code, 0);
}

TEST(CliCheckTest, JunitFileIsWrittenBesideTheReport) {
    TempDir tmp;
    const std::string rules =
        tmp.write("rules.json", R"({"rules": [{"kpi": "oee_index", "unit": "M01", "min": 0.8}]})");
    const std::string junit = tmp.file("junit.xml");
    const Result r = run({"check", "--report", check_fixture("kpi-report.json"), "--rules", rules,
                          "--junit", junit, "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    EXPECT_EQ(report["summary"]["checks_failed"], 1);
    std::ifstream in(junit);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(xml.find("<testsuite name=\"smartkpi check\" tests=\"2\" failures=\"1\" errors=\"0\" "
                       "skipped=\"0\">"),
              std::string::npos)
        << xml;
}

TEST(CliCheckTest, UsageDataAndInputErrors) {
    TempDir tmp;
    const std::string report = check_fixture("kpi-report.json");
    const std::string regression =
        tmp.write("r.json", R"({"rules": [{"kpi": "oee_index", "max_regression": 0.02}]})");
    const Result no_baseline = run({"check", "--report", report, "--rules", regression});
    EXPECT_EQ(no_baseline.exit_code, 64);
    EXPECT_NE(no_baseline.err.find("--baseline"), std::string::npos) << no_baseline.err;
    const Result no_rules = run({"check", "--report", report});
    EXPECT_EQ(no_rules.exit_code, 64);
    const std::string unknown =
        tmp.write("u.json", R"({"rules": [{"kpi": "oee_idx", "min": 0.6}]})");
    EXPECT_EQ(run({"check", "--report", report, "--rules", unknown}).exit_code, 65);
    EXPECT_EQ(run({"check", "--report", report, "--rules", tmp.file("none.json")}).exit_code, 66);
    EXPECT_EQ(run({"check", "--report", "-", "--rules", "-"}).exit_code, 64);
    const Result same = run({"check", "--report", report, "--rules", regression, "--junit",
                             tmp.file("x"), "--output", tmp.file("x")});
    EXPECT_EQ(same.exit_code, 64);
    // An output that cannot be created: 73, and nothing written.
    const Result cannot = run({"check", "--report", report, "--rules", regression, "--baseline",
                               report, "--junit", tmp.file("no/dir/j.xml")});
    EXPECT_EQ(cannot.exit_code, 73) << cannot.err;
    EXPECT_EQ(cannot.out, "");
}

} // namespace
