// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/report/text_table.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace smartkpi {
namespace {

TextTable sample() {
    TextTable t;
    t.add_column("ID");
    t.add_column("Value", TextTable::Align::right);
    t.add_row({"示例", "1"});
    t.add_row({"a|b", "22,5"});
    return t;
}

TEST(TextTableTest, DisplayWidthCountsChineseAsTwoColumns) {
    // UAX #11: CJK ideographs are East Asian Wide (conventions §17).
    EXPECT_EQ(display_width("abc"), 3U);
    EXPECT_EQ(display_width("示例"), 4U);
    EXPECT_EQ(display_width("示例 Plant"), 10U);
}

TEST(TextTableTest, AlignsByDisplayWidth) {
    std::ostringstream out;
    sample().write_table(out);
    EXPECT_EQ(out.str(), "ID    Value\n"
                         "----  -----\n"
                         "示例      1\n"
                         "a|b    22,5\n");
}

TEST(TextTableTest, MarkdownEscapesPipes) {
    std::ostringstream out;
    sample().write_markdown(out);
    EXPECT_EQ(out.str(), "| ID | Value |\n"
                         "| --- | ---: |\n"
                         "| 示例 | 1 |\n"
                         "| a\\|b | 22,5 |\n");
}

TEST(TextTableTest, CsvQuotesOnlyWhenNeeded) {
    std::ostringstream out;
    sample().write_csv(out);
    EXPECT_EQ(out.str(), "ID,Value\n示例,1\na|b,\"22,5\"\n");
    std::string cell;
    append_csv_cell(cell, "say \"hi\"");
    EXPECT_EQ(cell, "\"say \"\"hi\"\"\"");
}

TEST(TextTableTest, RowWithWrongCellCountIsABug) {
    TextTable t;
    t.add_column("A");
    EXPECT_THROW(t.add_row({"1", "2"}), InternalError);
}

} // namespace
} // namespace smartkpi
