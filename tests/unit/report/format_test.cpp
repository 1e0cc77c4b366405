// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/report/format.hpp>

#include <gtest/gtest.h>

namespace smartkpi {
namespace {

TEST(FormatTest, ParsesEveryFormatAndItsAlias) {
    EXPECT_EQ(parse_format("table"), Format::table);
    EXPECT_EQ(parse_format("json"), Format::json);
    EXPECT_EQ(parse_format("csv"), Format::csv);
    EXPECT_EQ(parse_format("markdown"), Format::markdown);
    EXPECT_EQ(parse_format("md"), Format::markdown);
    for (Format f : {Format::table, Format::json, Format::csv, Format::markdown}) {
        EXPECT_EQ(parse_format(to_string(f)), f);
    }
}

TEST(FormatTest, UnknownFormatListsTheAcceptedOnes) {
    try {
        (void)parse_format("xml");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown format \"xml\"; accepted: table, json, csv, markdown");
    }
}

} // namespace
} // namespace smartkpi
