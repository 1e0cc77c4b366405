// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/report/baseline_chart.hpp>
#include <smartkpi/report/baseline_report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using smartkpi::BaselineReportOptions;
using smartkpi::BaselineResult;
using smartkpi::EnergySeries;
using smartkpi::Format;
using smartkpi::KpiValue;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

smartkpi::UnixMillis at(const char* date) {
    return smartkpi::parse_timestamp_ms(date);
}

// Six monthly periods, the upgrade on 2025-03-15 (inside the third period, which is left
// out), the fifth period without a meter reading.
EnergySeries sample_series(std::string factory) {
    EnergySeries s;
    s.factory = std::move(factory);
    s.energy_unit = "kWh";
    s.production_unit = "t";
    s.source = "plant.csv";
    const char* bounds[] = {"2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01",
                            "2025-05-01", "2025-06-01", "2025-07-01"};
    for (int i = 0; i < 6; ++i) {
        s.start.push_back(at(bounds[i]));
        s.end.push_back(at(bounds[i + 1]));
        s.lines.push_back(static_cast<std::size_t>(i) + 2);
    }
    s.energy = {1000, 1100, 1050, 900, kNaN, 950};
    s.driver_names = {"production", "temperature_c"};
    s.drivers = {{10, 11, 10.5, 10, 9, 10}, {5, 8, 12, 16, 20, 25}};
    return s;
}

// A 3ph model E = 400 + 50 P + 20 max(14 - T, 0) made by hand: the numbers need not come from
// a fit, since the report only prints them (the engine's tests check the fitting).
BaselineResult sample_result(std::string factory) {
    BaselineResult r;
    r.factory = std::move(factory);
    r.energy_unit = "kWh";
    r.granularity = smartkpi::Granularity::monthly;
    r.upgrade = at("2025-03-15");
    r.baseline_periods = 2;
    r.reporting_periods = 2;
    auto& m = r.model;
    m.type = smartkpi::ModelType::cp3_heating;
    m.coefficients = {{"intercept", 400, 20, 20, 0.0001},
                      {"production", 50, 2, 25, 0.00002},
                      {"heating_slope", 20, 4, 5, 0.004}};
    m.heating_balance_c = 14.0;
    m.drivers = {"production"};
    m.statistics.n = 24;
    m.statistics.p = 3;
    m.statistics.r2 = 0.9;
    m.statistics.adj_r2 = 0.89;
    m.statistics.cv_rmse = 0.031;
    m.statistics.nmbe = -1e-16;
    m.statistics.rmse = 31;
    m.statistics.mean_y = 1000;
    m.statistics.f_statistic = 94.5;
    m.statistics.f_p_value = 1e-11;
    m.statistics.autocorrelation = 0.2;
    m.statistics.n_effective = 16;
    m.statistics.convention = "ASHRAE Guideline 14: n - p";
    m.acceptance.preset = "g14-monthly";
    m.acceptance.passed = true;
    m.acceptance.checks = {{"cv_rmse", 0.031, 0.15, "<=", true}, {"nmbe", 1e-16, 0.05, "<=", true}};
    smartkpi::Candidate ols;
    ols.type = smartkpi::ModelType::ols;
    ols.fitted = ols.qualified = ols.passed = true;
    ols.p = 2;
    ols.adj_r2 = 0.7;
    ols.cv_rmse = 0.05;
    ols.reason = "lower adjusted R²";
    smartkpi::Candidate cp;
    cp.type = smartkpi::ModelType::cp3_heating;
    cp.fitted = cp.qualified = cp.passed = true;
    cp.p = 3;
    cp.adj_r2 = 0.89;
    cp.cv_rmse = 0.031;
    cp.heating_balance_c = 14.0;
    cp.reason = "selected: highest adjusted R² among 2 passing";
    smartkpi::Candidate cool;
    cool.type = smartkpi::ModelType::cp3_cooling;
    cool.reason = "not fitted: too few points above the balance point";
    r.candidates = {ols, cp, cool};
    r.selection_reason = "3ph: highest adjusted R² among 2 passing";
    auto& s = r.savings;
    s.m = 2;
    s.adjusted_baseline = 2000;
    s.actual = 1850;
    s.avoided_energy = 150;
    s.avoided_percent = KpiValue::of(0.075);
    s.normalised_savings = KpiValue::missing({"reporting periods > coefficients"});
    s.fsu = {{0.68, 1.02, KpiValue::of(0.4), KpiValue::of(60)},
             {0.90, 1.72, KpiValue::of(0.68), KpiValue::of(102)},
             {0.95, 2.08, KpiValue::undefined("zero denominator: savings = 0"),
              KpiValue::undefined("zero denominator: savings = 0")}};
    r.enpi.baseline_ratio = KpiValue::of(100);
    r.enpi.reporting_ratio = KpiValue::of(95);
    r.enpi.ratio_improvement = KpiValue::of(0.05);
    r.enpi.regression_enpi = KpiValue::of(0.925);
    r.enpi.regression_improvement = KpiValue::of(0.075);
    // Predicted for every period; none for the period without production data... here the
    // fifth has no reading but a prediction, the third straddles the upgrade.
    r.predicted = {1010, 1090, 1060, 980, 1000, 1020};
    r.warnings = {"period 2025-03-01 to 2025-04-01 straddles the upgrade and is left out"};
    return r;
}

std::string report(const std::vector<BaselineResult>& results,
                   Format format,
                   const BaselineReportOptions& options) {
    std::ostringstream out;
    smartkpi::write_baseline_report(out, format, results, options);
    return out.str();
}

// A small JSON Schema (2020-12) checker for the keywords our schemas use: enough to prove that
// the writer and data/schema/energy-baseline-report.schema.json agree. `$ref` resolves "#/..."
// in the current document and "<file>#/..." beside it.
class SchemaChecker {
  public:
    explicit SchemaChecker(std::string dir) : dir_(std::move(dir)) {}

    std::vector<std::string> check(const json& doc, const std::string& file) {
        errors_.clear();
        validate(doc, load(file), file, "");
        return errors_;
    }

  private:
    const json& load(const std::string& file) {
        auto it = docs_.find(file);
        if (it == docs_.end()) {
            std::ifstream in(dir_ + "/" + file);
            it = docs_.emplace(file, json::parse(in)).first;
        }
        return it->second;
    }

    static bool has_type(const json& v, const std::string& t) {
        if (t == "object") {
            return v.is_object();
        }
        if (t == "array") {
            return v.is_array();
        }
        if (t == "string") {
            return v.is_string();
        }
        if (t == "boolean") {
            return v.is_boolean();
        }
        if (t == "null") {
            return v.is_null();
        }
        if (t == "integer") {
            return v.is_number_integer() || v.is_number_unsigned();
        }
        return t == "number" && v.is_number();
    }

    std::vector<std::string> errors_of(const json& v, const json& schema, const std::string& file) {
        auto saved = std::move(errors_);
        errors_.clear();
        validate(v, schema, file, "");
        std::swap(saved, errors_);
        return saved;
    }

    void fail(const std::string& where, const std::string& what) {
        errors_.push_back((where.empty() ? "/" : where) + ": " + what);
    }

    void validate(const json& v, const json& s, const std::string& file, const std::string& at) {
        if (s.contains("$ref")) {
            const std::string ref = s["$ref"];
            const auto hash = ref.find('#');
            const std::string target = hash == 0 ? file : ref.substr(0, hash);
            const json& root = load(target);
            validate(v, root.at(json::json_pointer(ref.substr(hash + 1))), target, at);
        }
        if (s.contains("type")) {
            bool ok = false;
            if (s["type"].is_array()) {
                for (const auto& t : s["type"]) {
                    ok = ok || has_type(v, t);
                }
            } else {
                ok = has_type(v, s["type"]);
            }
            if (!ok) {
                fail(at, "type " + s["type"].dump() + " expected, got " + v.dump());
                return;
            }
        }
        if (s.contains("const") && v != s["const"]) {
            fail(at, "const " + s["const"].dump() + " expected, got " + v.dump());
        }
        if (s.contains("enum") &&
            std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
            fail(at, "not in enum: " + v.dump());
        }
        if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"]) {
            fail(at, "below minimum");
        }
        for (const char* key : {"oneOf", "anyOf"}) {
            if (s.contains(key)) {
                int matches = 0;
                std::string why;
                for (const auto& sub : s[key]) {
                    const auto errors = errors_of(v, sub, file);
                    matches += errors.empty() ? 1 : 0;
                    for (const auto& e : errors) {
                        why += " [" + e + "]";
                    }
                }
                if (matches == 0 || (std::string(key) == "oneOf" && matches > 1)) {
                    fail(at, std::string(key) + " matched " + std::to_string(matches) + why);
                }
            }
        }
        if (v.is_object()) {
            object(v, s, file, at);
        }
        if (v.is_array() && s.contains("items")) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                validate(v[i], s["items"], file, at + "/" + std::to_string(i));
            }
        }
    }

    void object(const json& v, const json& s, const std::string& file, const std::string& at) {
        if (s.contains("required")) {
            for (const auto& k : s["required"]) {
                if (!v.contains(k.get<std::string>())) {
                    fail(at, "missing key " + k.get<std::string>());
                }
            }
        }
        if (s.contains("minProperties") && v.size() < s["minProperties"].get<std::size_t>()) {
            fail(at, "too few members");
        }
        for (const auto& [k, member] : v.items()) {
            if (s.contains("propertyNames") && s["propertyNames"].contains("pattern") &&
                !std::regex_search(k,
                                   std::regex(s["propertyNames"]["pattern"].get<std::string>()))) {
                fail(at, "key " + k + " does not match the pattern");
            }
            if (s.contains("properties") && s["properties"].contains(k)) {
                validate(member, s["properties"][k], file, at + "/" + k);
            } else if (s.contains("additionalProperties")) {
                const json& extra = s["additionalProperties"];
                if (extra.is_boolean()) {
                    if (!extra.get<bool>()) {
                        fail(at, "unknown key " + k);
                    }
                } else {
                    validate(member, extra, file, at + "/" + k);
                }
            }
        }
    }

    std::string dir_;
    std::map<std::string, json> docs_;
    std::vector<std::string> errors_;
};

std::vector<std::string> schema_errors(const json& doc) {
    SchemaChecker checker(std::string(SMARTKPI_SOURCE_DIR) + "/data/schema");
    return checker.check(doc, "energy-baseline-report.schema.json");
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += l + "\n";
    }
    return out;
}

TEST(BaselineReportTest, JsonOfOneFactoryCarriesTheResultAtTheTop) {
    const std::vector<EnergySeries> series{sample_series("")};
    BaselineReportOptions o;
    o.source = "plant.csv";
    o.series = series;
    o.warnings = {"gap 2024-03-01 to 2024-04-01"};
    const json j = json::parse(report({sample_result("")}, Format::json, o));
    EXPECT_EQ(j["format"], "smartkpi-energy-baseline-report/1");
    EXPECT_EQ(j["source"], "plant.csv");
    EXPECT_FALSE(j.contains("factory")); // the file has no factory column
    EXPECT_FALSE(j.contains("factories"));
    EXPECT_EQ(j["energy_unit"], "kWh");
    EXPECT_EQ(j["granularity"], "monthly");
    EXPECT_EQ(j["upgrade_date"], "2025-03-15");
    EXPECT_EQ(j["periods"]["baseline"], 2);
    EXPECT_EQ(j["model"]["type"], "3ph");
    const json& c = j["model"]["coefficients"];
    ASSERT_TRUE(c.is_object());
    EXPECT_DOUBLE_EQ(c["production"]["value"].get<double>(), 50);
    EXPECT_EQ(c["intercept"]["unit"], "kWh");
    EXPECT_EQ(c["production"]["unit"], "kWh/t"); // the series' production unit
    EXPECT_EQ(c["heating_slope"]["unit"], "kWh/°C");
    EXPECT_DOUBLE_EQ(c["heating_slope"]["std_error"].get<double>(), 4);
    EXPECT_DOUBLE_EQ(c["heating_slope"]["p_value"].get<double>(), 0.004);
    EXPECT_DOUBLE_EQ(j["model"]["balance_points"]["heating_c"].get<double>(), 14);
    EXPECT_FALSE(j["model"]["balance_points"].contains("cooling_c"));
    EXPECT_EQ(j["model"]["drivers"], json::array({"production"}));
    EXPECT_EQ(j["statistics"]["n"], 24);
    EXPECT_EQ(j["statistics"]["p"], 3);
    EXPECT_DOUBLE_EQ(j["statistics"]["cv_rmse"]["value"].get<double>(), 0.031);
    EXPECT_EQ(j["statistics"]["cv_rmse"]["unit"], "%");
    EXPECT_EQ(j["statistics"]["adj_r2"]["unit"], "1");
    EXPECT_EQ(j["statistics"]["nmbe"]["value"].get<double>(), -1e-16); // not rounded (§4)
    EXPECT_EQ(j["statistics"]["convention"], "ASHRAE Guideline 14: n - p");
    EXPECT_TRUE(j["acceptance"]["passed"]);
    EXPECT_EQ(j["acceptance"]["checks"][0]["name"], "cv_rmse");
    EXPECT_DOUBLE_EQ(j["acceptance"]["checks"][0]["threshold"]["value"].get<double>(), 0.15);
    EXPECT_TRUE(j["acceptance"]["note"].is_null());
    EXPECT_EQ(j["selection"]["candidates"].size(), 3U);
    EXPECT_FALSE(j["selection"]["candidates"][0]["selected"]);
    EXPECT_TRUE(j["selection"]["candidates"][1]["selected"]);
    EXPECT_EQ(j["selection"]["candidates"][2]["adj_r2"]["status"], "undefined");
    EXPECT_TRUE(j["selection"]["candidates"][0]["balance_points"].is_null());
    // Savings: fractions (conventions §2), the FSU keyed by the level written with two decimals.
    EXPECT_DOUBLE_EQ(j["savings"]["avoided_energy"]["value"].get<double>(), 150);
    EXPECT_EQ(j["savings"]["avoided_energy"]["unit"], "kWh");
    EXPECT_DOUBLE_EQ(j["savings"]["avoided_percent"]["value"].get<double>(), 0.075);
    EXPECT_EQ(j["savings"]["avoided_percent"]["unit"], "%");
    EXPECT_EQ(j["savings"]["normalised_savings"]["status"], "not_available");
    const json& fsu = j["savings"]["fsu"];
    EXPECT_TRUE(fsu.contains("0.68"));
    EXPECT_TRUE(fsu.contains("0.90"));
    EXPECT_DOUBLE_EQ(fsu["0.90"]["value"].get<double>(), 0.68);
    EXPECT_DOUBLE_EQ(fsu["0.90"]["t"].get<double>(), 1.72);
    EXPECT_DOUBLE_EQ(fsu["0.90"]["absolute"]["value"].get<double>(), 102);
    EXPECT_EQ(fsu["0.95"]["status"], "undefined");
    EXPECT_EQ(fsu["0.95"]["reason"], "zero denominator: savings = 0");
    EXPECT_DOUBLE_EQ(j["enpi"]["regression_enpi"]["value"].get<double>(), 0.925);
    EXPECT_EQ(j["enpi"]["baseline_ratio"]["unit"], "kWh/t");
    EXPECT_FALSE(j.contains("series")); // only with `periods`
    // The reader's warnings, then the result's.
    ASSERT_EQ(j["warnings"].size(), 2U);
    EXPECT_EQ(j["warnings"][0], "gap 2024-03-01 to 2024-04-01");
    EXPECT_EQ(schema_errors(j), std::vector<std::string>{}) << joined(schema_errors(j));
}

TEST(BaselineReportTest, JsonKeepsTheCoefficientOrderOfTheFit) {
    const std::string text = report({sample_result("")}, Format::json, {});
    const auto i = text.find("\"intercept\"");
    const auto p = text.find("\"production\"", i);
    const auto h = text.find("\"heating_slope\"", p);
    EXPECT_NE(i, std::string::npos);
    EXPECT_NE(p, std::string::npos);
    EXPECT_NE(h, std::string::npos);
}

TEST(BaselineReportTest, JsonOfSeveralFactoriesListsThem) {
    const std::vector<EnergySeries> series{sample_series("SH-01"), sample_series("JS-02")};
    BaselineResult b = sample_result("JS-02");
    b.model.type = smartkpi::ModelType::ols;
    b.model.heating_balance_c.reset();
    b.model.coefficients.pop_back();
    b.model.acceptance.passed = false;
    b.model.acceptance.note = "daily data judged by the hourly thresholds";
    BaselineReportOptions o;
    o.source = "yrd.csv";
    o.series = series;
    o.periods = true;
    o.warnings = {"JS-02: gap"};
    const json j = json::parse(report({sample_result("SH-01"), b}, Format::json, o));
    ASSERT_EQ(j["factories"].size(), 2U);
    EXPECT_FALSE(j.contains("model"));
    EXPECT_EQ(j["warnings"], json::array({"JS-02: gap"}));
    const json& f = j["factories"][1];
    EXPECT_EQ(f["factory"], "JS-02");
    EXPECT_TRUE(f["model"]["balance_points"].is_null());
    EXPECT_FALSE(f["acceptance"]["passed"]);
    EXPECT_EQ(f["acceptance"]["note"], "daily data judged by the hourly thresholds");
    EXPECT_EQ(f["warnings"].size(), 1U); // its own only: the reader's are at the top
    // Per-period detail: the straddling third period and the fifth without a reading are
    // excluded; a missing value is null, never NaN.
    const json& p = f["series"];
    ASSERT_EQ(p.size(), 6U);
    EXPECT_EQ(p[0]["start"], "2025-01-01");
    EXPECT_EQ(p[0]["end"], "2025-02-01");
    EXPECT_EQ(p[0]["period"], "baseline");
    EXPECT_EQ(p[2]["period"], "excluded");
    EXPECT_EQ(p[3]["period"], "reporting");
    EXPECT_EQ(p[4]["period"], "excluded");
    EXPECT_TRUE(p[4]["actual"].is_null());
    EXPECT_DOUBLE_EQ(p[4]["predicted"].get<double>(), 1000);
    EXPECT_EQ(schema_errors(j), std::vector<std::string>{}) << joined(schema_errors(j));
}

TEST(BaselineReportTest, JsonNeverPrintsNaN) {
    BaselineResult r = sample_result("");
    // No residual degree of freedom: every dispersion statistic is undefined.
    r.model.statistics.n = 3;
    r.model.statistics.cv_rmse = kNaN;
    r.model.statistics.rmse = kNaN;
    r.model.statistics.autocorrelation = kNaN;
    r.model.statistics.n_effective = kNaN;
    r.model.coefficients[0].std_error = kNaN;
    r.predicted[1] = kNaN;
    r.savings.fsu[0].t = kNaN;
    const std::vector<EnergySeries> series{sample_series("")};
    BaselineReportOptions o;
    o.series = series;
    o.periods = true;
    const std::string text = report({r}, Format::json, o);
    EXPECT_EQ(text.find("NaN"), std::string::npos);
    EXPECT_EQ(text.find("nan"), std::string::npos);
    const json j = json::parse(text);
    EXPECT_EQ(j["statistics"]["cv_rmse"]["status"], "undefined");
    EXPECT_EQ(j["statistics"]["cv_rmse"]["reason"], "no residual degree of freedom: n = 3, p = 3");
    EXPECT_EQ(j["statistics"]["adj_r2"]["status"], "undefined");
    EXPECT_EQ(j["model"]["coefficients"]["intercept"]["std_error"]["status"], "undefined");
    EXPECT_TRUE(j["series"][1]["predicted"].is_null());
    EXPECT_EQ(j["series"][1]["period"], "excluded");
    EXPECT_EQ(j["savings"]["fsu"]["0.68"]["t"]["status"], "undefined");
    EXPECT_EQ(schema_errors(j), std::vector<std::string>{}) << joined(schema_errors(j));
}

TEST(BaselineReportTest, SchemaCheckerRejectsAWrongReport) {
    // The checker must be able to fail, or the schema tests above prove nothing.
    const json good = json::parse(report({sample_result("")}, Format::json, {}));
    const auto fails_with = [&](const std::function<void(json&)>& spoil, const char* text) {
        json j = good;
        spoil(j);
        const std::string all = joined(schema_errors(j));
        EXPECT_NE(all.find(text), std::string::npos) << text << "\n" << all;
    };
    fails_with([](json& j) { j["statistics"].erase("cv_rmse"); }, "missing key cv_rmse");
    fails_with([](json& j) { j["savings"]["avoided_percent"] = 7.5; }, "/savings/avoided_percent");
    fails_with([](json& j) { j["model"]["type"] = "6p"; }, "not in enum: \"6p\"");
    fails_with([](json& j) { j["savings"]["fsu"]["68%"] = j["savings"]["fsu"]["0.68"]; },
               "key 68% does not match");
    fails_with([](json& j) { j["statistics"]["p"] = 3.5; }, "/statistics/p");
    EXPECT_EQ(schema_errors(good), std::vector<std::string>{});
}

TEST(BaselineReportTest, CsvHasOneRowPerFactoryWithTheCoefficientUnion) {
    BaselineResult b = sample_result("JS-02");
    b.model.type = smartkpi::ModelType::cp3_cooling;
    b.model.heating_balance_c.reset();
    b.model.cooling_balance_c = 21.5;
    b.model.coefficients = {{"intercept", 300, 1, 1, 1}, {"cooling_slope", 12.5, 1, 1, 1}};
    b.savings.avoided_percent = KpiValue::undefined("zero denominator: adjusted baseline = 0");
    b.factory = "JS,02"; // quoted as RFC 4180 asks
    const std::string csv = report({sample_result("SH-01"), b}, Format::csv, {});
    std::istringstream in(csv);
    std::string header;
    std::string row1;
    std::string row2;
    std::getline(in, header);
    std::getline(in, row1);
    std::getline(in, row2);
    EXPECT_EQ(header, std::string(smartkpi::kBaselineCsvColumns) +
                          ",fsu_68,fsu_90,fsu_95,energy_unit,intercept,production,heating_slope,"
                          "cooling_slope");
    EXPECT_EQ(row1, "SH-01,3ph,14,,24,3,0.9,0.89,0.031,-1e-16,g14-monthly,true,2,2,2000,1850,150,"
                    "0.075,,0.4,0.68,,kWh,400,50,20,");
    EXPECT_EQ(row2, "\"JS,02\",3pc,,21.5,24,3,0.9,0.89,0.031,-1e-16,g14-monthly,true,2,2,2000,"
                    "1850,150,,,0.4,0.68,,kWh,300,,,12.5");
}

TEST(BaselineReportTest, CsvPeriodsListEveryPeriodWithItsRole) {
    const std::vector<EnergySeries> series{sample_series("SH-01")};
    BaselineReportOptions o;
    o.series = series;
    o.periods = true;
    EXPECT_EQ(report({sample_result("SH-01")}, Format::csv, o),
              "factory,start,end,period,actual,predicted\n"
              "SH-01,2025-01-01,2025-02-01,baseline,1000,1010\n"
              "SH-01,2025-02-01,2025-03-01,baseline,1100,1090\n"
              "SH-01,2025-03-01,2025-04-01,excluded,1050,1060\n"
              "SH-01,2025-04-01,2025-05-01,reporting,900,980\n"
              "SH-01,2025-05-01,2025-06-01,excluded,,1000\n"
              "SH-01,2025-06-01,2025-07-01,reporting,950,1020\n");
    o.series = {};
    EXPECT_THROW(report({sample_result("SH-01")}, Format::csv, o), smartkpi::UsageError);
}

TEST(BaselineReportTest, CsvPeriodsShowTimesWhenPeriodsDoNotStartAtMidnight) {
    std::vector<EnergySeries> series{sample_series("")};
    series[0].start[0] = at("2024-12-31T23:00:00Z");
    BaselineReportOptions o;
    o.series = series;
    o.periods = true;
    const std::string csv = report({sample_result("")}, Format::csv, o);
    EXPECT_NE(csv.find("\n,2024-12-31T23:00:00Z,2025-02-01T00:00:00Z,baseline,"), std::string::npos)
        << csv;
}

TEST(BaselineReportTest, TableShowsEverySectionRoundedAndSaysSo) {
    const std::vector<EnergySeries> series{sample_series("")};
    BaselineReportOptions o;
    o.source = "plant.csv";
    o.series = series;
    o.warnings = {"gap 2024-03-01 to 2024-04-01"};
    const std::string text = report({sample_result("")}, Format::table, o);
    for (const char* expected : {"Energy baseline and savings: plant.csv",
                                 "rounded for reading",
                                 "Model: 3ph (production; "
                                 "balance point heating "
                                 "14.0 °C)",
                                 "Verdict: PASSED (g14-monthly)",
                                 "Coefficients",
                                 "heating_slope",
                                 "kWh/°C",
                                 "Fit statistics",
                                 "CV(RMSE)",
                                 "3.1%",
                                 "<= 15.0%",
                                 "pass",
                                 "Model selection",
                                 "3ph *",
                                 "Savings over the "
                                 "reporting period",
                                 "7.5%",
                                 "Fractional savings uncertainty",
                                 "68.0%",
                                 "undefined",
                                 "Energy performance "
                                 "indicators",
                                 "Warnings",
                                 "gap 2024-03-01 to 2024-04-01",
                                 "straddles the upgrade"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_EQ(text.find("nan"), std::string::npos);
}

TEST(BaselineReportTest, MarkdownOfSeveralFactoriesStartsWithASummary) {
    BaselineResult b = sample_result("JS-02");
    b.model.acceptance.passed = false;
    b.model.acceptance.checks[0].passed = false;
    const std::string md = report({sample_result("SH-01"), b}, Format::markdown, {});
    EXPECT_EQ(md.rfind("# Energy baseline and savings", 0), 0U) << md;
    EXPECT_NE(md.find("## Summary (2 factories)"), std::string::npos) << md;
    EXPECT_NE(md.find("| SH-01 "), std::string::npos) << md;
    EXPECT_NE(md.find("FAIL g14-monthly"), std::string::npos) << md;
    EXPECT_NE(md.find("## Factory JS-02"), std::string::npos) << md;
    EXPECT_NE(md.find("### Coefficients"), std::string::npos) << md;
}

TEST(BaselineReportTest, WarningsArePrefixedWithTheFactoryWhenThereAreSeveral) {
    BaselineReportOptions o;
    o.warnings = {"reader"};
    const std::vector<BaselineResult> two{sample_result("SH-01"), sample_result("JS-02")};
    const auto w = smartkpi::baseline_report_warnings(two, o);
    ASSERT_EQ(w.size(), 3U);
    EXPECT_EQ(w[0], "reader");
    EXPECT_EQ(w[1].rfind("SH-01: ", 0), 0U);
    const std::vector<BaselineResult> one{sample_result("SH-01")};
    EXPECT_EQ(smartkpi::baseline_report_warnings(one, o)[1].rfind("period", 0), 0U);
}

std::string svg(const EnergySeries& s, const BaselineResult& r) {
    std::ostringstream out;
    smartkpi::write_baseline_svg(out, s, r);
    return out.str();
}

TEST(BaselineChartTest, DrawsActualModelAndUpgrade) {
    const EnergySeries s = sample_series("A&B <1>");
    const BaselineResult r = sample_result("A&B <1>");
    const std::string text = svg(s, r);
    EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0U);
    EXPECT_EQ(text.substr(text.size() - 7), "</svg>\n");
    EXPECT_NE(text.find("A&amp;B &lt;1&gt;: energy vs 3ph baseline model: passed g14-monthly"),
              std::string::npos);
    EXPECT_EQ(text.find("A&B"), std::string::npos); // never unescaped
    EXPECT_NE(text.find("stroke-dasharray"), std::string::npos);
    EXPECT_NE(text.find("Upgrade 2025-03-15"), std::string::npos);
    EXPECT_NE(text.find("Energy per period (kWh)"), std::string::npos);
    EXPECT_NE(text.find(">2025-01<"), std::string::npos); // monthly ticks
    // The missing fifth reading splits the actual line in two; the model line is whole.
    const auto path_of = [&](std::string_view colour) {
        const auto end = text.find(std::string("stroke=\"") + std::string(colour) + "\"");
        const auto begin = text.rfind("<path d=\"", end);
        return text.substr(begin, end - begin);
    };
    const std::string actual = path_of("#1f77b4");
    const std::string model = path_of("#d62728");
    EXPECT_EQ(std::count(actual.begin(), actual.end(), 'M'), 2) << actual;
    EXPECT_EQ(std::count(model.begin(), model.end(), 'M'), 1) << model;
    EXPECT_EQ(std::count(model.begin(), model.end(), 'L'), 5) << model;
    // Five markers for five readings.
    std::size_t circles = 0;
    for (auto p = text.find("<circle cx"); p != std::string::npos;
         p = text.find("<circle cx", p + 1)) {
        ++circles;
    }
    EXPECT_EQ(circles, 5U + 1U); // and one in the legend
    EXPECT_EQ(text, svg(s, r));  // deterministic
    EXPECT_EQ(text.find("nan"), std::string::npos);
}

TEST(BaselineChartTest, PlacesValuesOnTheAxes) {
    // Values 900..1,100 kWh: the y axis runs from 900 to 1,100 in steps of 50 (zero is far
    // below), over 480 - 64 - 96 = 320 units from y = 64: 1,000 kWh is at
    // 64 + 320 * (1 - 100/200) = 224.0. The first period's midpoint, 15.5 days into the
    // 181-day span, is at x = 100 + 776 * 15.5/181 = 166.45 -> 166.5.
    const std::string text = svg(sample_series(""), sample_result(""));
    EXPECT_NE(text.find(">1,100</text>"), std::string::npos) << text;
    EXPECT_NE(text.find(">950</text>"), std::string::npos);
    EXPECT_NE(text.find(">900</text>"), std::string::npos);
    EXPECT_NE(text.find("<circle cx=\"166.5\" cy=\"224.0\""), std::string::npos) << text;
}

TEST(BaselineChartTest, EmptySeriesIsAnError) {
    EXPECT_THROW(svg(EnergySeries{}, BaselineResult{}), smartkpi::DataError);
}

} // namespace
