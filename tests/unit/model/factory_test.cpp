// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/model/factory.hpp>

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace {

using smartkpi::Factory;
using smartkpi::Location;
using smartkpi::parse_smart_level;
using smartkpi::SchemaError;
using smartkpi::SmartLevel;

TEST(SmartLevelTest, NamesInFixedOrder) {
    std::vector<std::string_view> names;
    for (SmartLevel level : smartkpi::all_levels()) {
        names.push_back(smartkpi::to_string(level));
    }
    EXPECT_EQ(names, (std::vector<std::string_view>{"none", "city", "state"}));
}

TEST(SmartLevelTest, RoundTrip) {
    EXPECT_EQ(parse_smart_level("none"), SmartLevel::none);
    EXPECT_EQ(parse_smart_level("city"), SmartLevel::city);
    EXPECT_EQ(parse_smart_level("state"), SmartLevel::state);
    for (SmartLevel level : smartkpi::all_levels()) {
        EXPECT_EQ(parse_smart_level(smartkpi::to_string(level)), level);
    }
}

TEST(SmartLevelTest, BadLevelListsAccepted) {
    try {
        (void)parse_smart_level("national", Location{"f.json", 6, 16, "/factories/2/level"});
        FAIL() << "no error";
    } catch (const SchemaError& error) {
        EXPECT_EQ(error.message(), "invalid value \"national\"; accepted: none, city, state");
        EXPECT_STREQ(error.what(), "f.json:6:16 (/factories/2/level): invalid value "
                                   "\"national\"; accepted: none, city, state");
    }
}

TEST(SmartLevelTest, ParseIsCaseSensitive) {
    EXPECT_THROW((void)parse_smart_level("City"), SchemaError);
    EXPECT_THROW((void)parse_smart_level(""), SchemaError);
    EXPECT_THROW((void)parse_smart_level(" city"), SchemaError);
}

TEST(FactoryTest, MetricsStartMissingNotZero) {
    // Missing is never zero: every metric is optional.
    const Factory f;
    EXPECT_EQ(f.level, SmartLevel::none);
    EXPECT_FALSE(f.period.has_value());
    EXPECT_FALSE(f.output.has_value());
    EXPECT_FALSE(f.revenue.has_value());
    EXPECT_FALSE(f.value_added.has_value());
    EXPECT_FALSE(f.employees.has_value());
    EXPECT_FALSE(f.labour_hours.has_value());
    EXPECT_FALSE(f.operating_cost.has_value());
    EXPECT_FALSE(f.energy.has_value());
}

} // namespace
