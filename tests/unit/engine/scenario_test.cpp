// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/factory.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::DomainError;
using smartkpi::Effects;
using smartkpi::Factory;
using smartkpi::HoldRule;
using smartkpi::Location;
using smartkpi::parse_effect;
using smartkpi::ParseError;
using smartkpi::ScalingFactors;
using smartkpi::Selection;
using smartkpi::SmartLevel;

template <typename E> std::string effect_error(std::string_view text) {
    try {
        (void)parse_effect(text);
    } catch (const E& error) {
        return error.what();
    }
    return "no error";
}

// The reference effects quoted at the forum (data/scenarios/shanghai-smart-factory.json):
// labour productivity +50 %, operating cost -30 %, energy intensity -13.8 %.
Effects reference_effects() {
    Effects e;
    e.labour_productivity = 0.5;
    e.operating_cost = -0.3;
    e.energy_intensity = -0.138;
    return e;
}

Factory factory(std::string id, std::string region, SmartLevel level) {
    Factory f;
    f.id = std::move(id);
    f.region = std::move(region);
    f.level = level;
    return f;
}

TEST(ParseEffectTest, SignedPercent) {
    EXPECT_DOUBLE_EQ(parse_effect("+50%"), 0.5);
    EXPECT_DOUBLE_EQ(parse_effect("-30%"), -0.3);
    // -13.8 / 100 = -0.138.
    EXPECT_DOUBLE_EQ(parse_effect("-13.8 %"), -0.138);
    EXPECT_DOUBLE_EQ(parse_effect("-13.8%"), -0.138);
}

TEST(ParseEffectTest, UnsignedPercentAndSpaces) {
    EXPECT_DOUBLE_EQ(parse_effect("50%"), 0.5);
    EXPECT_DOUBLE_EQ(parse_effect("  -30 %  "), -0.3);
    EXPECT_EQ(parse_effect("0%"), 0.0);
}

TEST(ParseEffectTest, Fractions) {
    EXPECT_EQ(parse_effect("0.5"), 0.5);
    EXPECT_EQ(parse_effect("-0.138"), -0.138);
    EXPECT_EQ(parse_effect("+0.5"), 0.5);
    // A fraction may exceed 1: +150 % as 1.5.
    EXPECT_EQ(parse_effect("1.5"), 1.5);
}

TEST(ParseEffectTest, NotAnEffectIsParseError) {
    const std::string tail = " is not an effect; expected e.g. \"+50%\", \"-13.8%\" or a "
                             "fraction such as -0.138";
    EXPECT_EQ(effect_error<ParseError>("abc"), "\"abc\"" + tail);
    EXPECT_EQ(effect_error<ParseError>(""), "\"\"" + tail);
    EXPECT_EQ(effect_error<ParseError>("%"), "\"%\"" + tail);
    EXPECT_EQ(effect_error<ParseError>("50%%"), "\"50%%\"" + tail);
    EXPECT_EQ(effect_error<ParseError>("50 percent"), "\"50 percent\"" + tail);
    EXPECT_EQ(effect_error<ParseError>("+-50%"), "\"+-50%\"" + tail);
    EXPECT_EQ(effect_error<ParseError>("nan"), "\"nan\"" + tail);
}

TEST(ParseEffectTest, MinusHundredPercentOrLessIsDomainError) {
    // An intensity cannot fall by 100 % or more (it would vanish or turn negative).
    EXPECT_EQ(effect_error<DomainError>("-100%"),
              "effect -100 % would remove the whole quantity; effects must be above -100 %");
    EXPECT_EQ(effect_error<DomainError>("-150%"),
              "effect -150 % would remove the whole quantity; effects must be above -100 %");
    EXPECT_EQ(effect_error<DomainError>("-1"),
              "effect -100 % would remove the whole quantity; effects must be above -100 %");
    EXPECT_DOUBLE_EQ(parse_effect("-99.9%"), -0.999);
}

TEST(ParseEffectTest, ErrorCarriesLocation) {
    try {
        (void)parse_effect("-150%", Location{"s.json", 4, 47, "/effects/operating_cost"});
        FAIL() << "no error";
    } catch (const DomainError& error) {
        EXPECT_EQ(error.where().to_string(), "s.json:4:47 (/effects/operating_cost)");
    }
}

TEST(CheckEffectTest, FiniteAboveMinusOne) {
    EXPECT_EQ(smartkpi::check_effect(-0.138), -0.138);
    EXPECT_EQ(smartkpi::check_effect(-0.999), -0.999);
    EXPECT_THROW((void)smartkpi::check_effect(-1.0), DomainError);
    try {
        (void)smartkpi::check_effect(std::numeric_limits<double>::quiet_NaN());
        FAIL() << "no error";
    } catch (const DomainError& error) {
        EXPECT_STREQ(error.what(), "effect must be a finite number");
    }
    EXPECT_THROW((void)smartkpi::check_effect(std::numeric_limits<double>::infinity()),
                 DomainError);
}

TEST(HoldRuleTest, ParseAndName) {
    EXPECT_EQ(smartkpi::parse_hold_rule("output"), HoldRule::output);
    EXPECT_EQ(smartkpi::parse_hold_rule("labour"), HoldRule::labour);
    EXPECT_EQ(smartkpi::parse_hold_rule("labor"), HoldRule::labour); // US spelling accepted
    EXPECT_EQ(smartkpi::to_string(HoldRule::output), "output");
    EXPECT_EQ(smartkpi::to_string(HoldRule::labour), "labour");
}

TEST(HoldRuleTest, BadHoldListsAccepted) {
    try {
        (void)smartkpi::parse_hold_rule("both", Location{"s.json", 6, 11, "/hold"});
        FAIL() << "no error";
    } catch (const smartkpi::SchemaError& error) {
        EXPECT_STREQ(error.what(), "s.json:6:11 (/hold): invalid value \"both\"; accepted: "
                                   "output, labour");
    }
}

TEST(EffectsTest, KeysAndMerge) {
    EXPECT_EQ(smartkpi::effect_keys(),
              (std::vector<std::string_view>{"labour_productivity", "operating_cost",
                                             "energy_intensity"}));
    Effects override_effects;
    override_effects.energy_intensity = -0.2;
    const Effects merged = reference_effects().merged_with(override_effects);
    EXPECT_EQ(merged.labour_productivity, 0.5);
    EXPECT_EQ(merged.operating_cost, -0.3);
    EXPECT_EQ(merged.energy_intensity, -0.2);
    // Merging nothing keeps everything; merging into nothing takes the overrides only.
    const Effects same = reference_effects().merged_with(Effects{});
    EXPECT_EQ(same.energy_intensity, -0.138);
    const Effects only = Effects{}.merged_with(override_effects);
    EXPECT_FALSE(only.labour_productivity.has_value());
    EXPECT_EQ(only.energy_intensity, -0.2);
}

TEST(SelectionTest, AllMatchesEverything) {
    const Selection s;
    EXPECT_EQ(s.kind, Selection::Kind::all);
    EXPECT_TRUE(s.matches(factory("SH-01", "Shanghai", SmartLevel::none)));
    EXPECT_TRUE(s.matches(Factory{}));
    EXPECT_EQ(s.describe(), "all");
}

TEST(SelectionTest, ByLevels) {
    Selection s;
    s.kind = Selection::Kind::levels;
    s.levels = {SmartLevel::none, SmartLevel::city};
    EXPECT_TRUE(s.matches(factory("A", "Shanghai", SmartLevel::none)));
    EXPECT_TRUE(s.matches(factory("B", "Shanghai", SmartLevel::city)));
    EXPECT_FALSE(s.matches(factory("C", "Shanghai", SmartLevel::state)));
    EXPECT_EQ(s.describe(), "levels: none, city");
}

TEST(SelectionTest, ByIds) {
    Selection s;
    s.kind = Selection::Kind::ids;
    s.ids = {"SH-01", "JS-02"};
    EXPECT_TRUE(s.matches(factory("JS-02", "Jiangsu", SmartLevel::none)));
    EXPECT_FALSE(s.matches(factory("SH-02", "Shanghai", SmartLevel::none)));
    EXPECT_FALSE(s.matches(factory("sh-01", "Shanghai", SmartLevel::none)));
    EXPECT_EQ(s.describe(), "ids: SH-01, JS-02");
}

TEST(SelectionTest, ByRegions) {
    Selection s;
    s.kind = Selection::Kind::regions;
    s.regions = {"Jiangsu"};
    EXPECT_TRUE(s.matches(factory("JS-01", "Jiangsu", SmartLevel::state)));
    EXPECT_FALSE(s.matches(factory("SH-01", "Shanghai", SmartLevel::state)));
    EXPECT_EQ(s.describe(), "regions: Jiangsu");
}

TEST(SelectionTest, EmptyListMatchesNothing) {
    Selection s;
    s.kind = Selection::Kind::ids;
    EXPECT_FALSE(s.matches(factory("SH-01", "Shanghai", SmartLevel::none)));
    EXPECT_EQ(s.describe(), "ids: ");
}

TEST(ScenarioTest, OverrideFor) {
    smartkpi::Scenario scenario;
    scenario.overrides.push_back({"SH-01", Effects{}, HoldRule::labour});
    scenario.overrides.push_back({"JS-02", reference_effects(), std::nullopt});
    const auto* o = scenario.override_for("JS-02");
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o, &scenario.overrides[1]);
    EXPECT_EQ(scenario.override_for("ZJ-01"), nullptr);
    EXPECT_EQ(scenario.hold, HoldRule::output); // default hold rule
}

TEST(ScalingFactorsTest, HoldOutputWithReferenceEffects) {
    // conventions §8: effects act on intensities. Hold output: value added and output fixed.
    //   activity = 1
    //   labour = 1 / (1 + 0.5) = 0.6667 (value added per hour +50 % at fixed value added)
    //   operating cost = activity x (1 - 0.30) = 0.7 (cost per output unit -30 %)
    //   energy = activity x (1 - 0.138) = 0.862 (tce per 10^4 CNY -13.8 %)
    const ScalingFactors f = smartkpi::scaling_factors(reference_effects(), HoldRule::output);
    EXPECT_EQ(f.activity, 1.0);
    EXPECT_DOUBLE_EQ(f.labour, 1.0 / 1.5);
    EXPECT_DOUBLE_EQ(f.operating_cost, 0.7);
    EXPECT_DOUBLE_EQ(f.energy, 0.862);
}

TEST(ScalingFactorsTest, HoldLabourWithReferenceEffects) {
    // Hold labour hours: value added and output x 1.5.
    //   activity = 1.5, labour = 1
    //   operating cost = 1.5 x 0.7 = 1.05 (total cost +5 % while cost per unit -30 %)
    //   energy = 1.5 x 0.862 = 1.293 (total energy +29.3 % while intensity -13.8 %)
    const ScalingFactors f = smartkpi::scaling_factors(reference_effects(), HoldRule::labour);
    EXPECT_EQ(f.activity, 1.5);
    EXPECT_EQ(f.labour, 1.0);
    EXPECT_DOUBLE_EQ(f.operating_cost, 1.05);
    EXPECT_DOUBLE_EQ(f.energy, 1.293);
}

TEST(ScalingFactorsTest, AbsentEffectsCountAsZero) {
    for (HoldRule hold : {HoldRule::output, HoldRule::labour}) {
        const ScalingFactors f = smartkpi::scaling_factors(Effects{}, hold);
        EXPECT_EQ(f.activity, 1.0);
        EXPECT_EQ(f.labour, 1.0);
        EXPECT_EQ(f.operating_cost, 1.0);
        EXPECT_EQ(f.energy, 1.0);
    }
    // Only a labour-productivity effect under hold labour: intensities unchanged, so energy and
    // cost grow with activity, x 1.5.
    Effects lp;
    lp.labour_productivity = 0.5;
    const ScalingFactors f = smartkpi::scaling_factors(lp, HoldRule::labour);
    EXPECT_EQ(f.energy, 1.5);
    EXPECT_EQ(f.operating_cost, 1.5);
}

} // namespace
