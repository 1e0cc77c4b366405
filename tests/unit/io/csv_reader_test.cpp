// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/csv_reader.hpp"

#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Location;
using smartkpi::ParseError;
using smartkpi::detail::CsvReader;

using Records = std::vector<std::vector<std::string>>;

Records read_all(std::string_view text) {
    CsvReader reader(text, "in.csv");
    Records records;
    std::vector<std::string> fields;
    while (reader.next_record(fields)) {
        records.push_back(fields);
    }
    return records;
}

std::string read_error(std::string_view text) {
    try {
        read_all(text);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

TEST(CsvReaderTest, ReadsRecordsAndFieldColumns) {
    CsvReader reader("site,output,energy\nShanghai,12.5,300\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"site", "output", "energy"}));
    EXPECT_EQ(reader.line(), 1U);
    EXPECT_EQ(reader.column(0), 1U);
    EXPECT_EQ(reader.column(1), 6U);
    EXPECT_EQ(reader.column(2), 13U);
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"Shanghai", "12.5", "300"}));
    EXPECT_EQ(reader.line(), 2U);
    EXPECT_EQ(reader.column(1), 10U);
    EXPECT_EQ(reader.column(2), 15U);
    EXPECT_EQ(reader.column(3), 0U);
    EXPECT_FALSE(reader.next_record(fields));
    EXPECT_FALSE(reader.next_record(fields));
}

TEST(CsvReaderTest, KeepsEmptyFields) {
    EXPECT_EQ(read_all("a,,b,\n"), (Records{{"a", "", "b", ""}}));
    EXPECT_EQ(read_all(",\n"), (Records{{"", ""}}));
    EXPECT_EQ(read_all("x,\"\"\n"), (Records{{"x", ""}}));
}

TEST(CsvReaderTest, ReadsLastLineWithoutLineEnd) {
    EXPECT_EQ(read_all("a,b\n1,2"), (Records{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(read_all("\"q\""), (Records{{"q"}}));
    EXPECT_EQ(read_all("a,"), (Records{{"a", ""}}));
}

TEST(CsvReaderTest, SkipsUtf8Bom) {
    CsvReader reader("\xEF\xBB\xBFname,value\nA,1\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"name", "value"}));
    EXPECT_EQ(reader.column(0), 1U);
    EXPECT_EQ(reader.column(1), 6U);
    EXPECT_EQ(read_all("\xEF\xBB\xBF"), Records{});
    EXPECT_EQ(read_all("\xEF\xBB\xBF\"q\",x"), (Records{{"q", "x"}}));
}

TEST(CsvReaderTest, AcceptsCrlfLineEnds) {
    CsvReader reader("a,b\r\n1,2\r\n\r\n3,4\r\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(reader.line(), 2U);
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"3", "4"}));
    EXPECT_EQ(reader.line(), 4U);
    EXPECT_EQ(reader.column(1), 3U);
    EXPECT_FALSE(reader.next_record(fields));
    // Old Mac exports end lines with a lone CR.
    EXPECT_EQ(read_all("a\rb\r"), (Records{{"a"}, {"b"}}));
}

TEST(CsvReaderTest, UnquotesFields) {
    EXPECT_EQ(read_all(R"("a,b","say ""hi""","""",plain)"
                       "\n"),
              (Records{{"a,b", "say \"hi\"", "\"", "plain"}}));
    // A quote inside an unquoted field is taken as written.
    EXPECT_EQ(read_all("5\" pipe,x\n"), (Records{{"5\" pipe", "x"}}));
}

TEST(CsvReaderTest, KeepsLineBreaksInQuotedFields) {
    CsvReader reader("id,note\n1,\"line one\nline two\",after\n2,x\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"1", "line one\nline two", "after"}));
    EXPECT_EQ(reader.line(), 2U);
    EXPECT_EQ(reader.location(1, "note").to_string(), "in.csv:2:3 (note)");
    // The field after the quoted line break starts on the next line.
    EXPECT_EQ(reader.location(2).line, 3U);
    EXPECT_EQ(reader.column(2), 11U);
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"2", "x"}));
    EXPECT_EQ(reader.line(), 4U);
    EXPECT_EQ(read_all("\"a\r\nb\"\r\nc\r\n"), (Records{{"a\r\nb"}, {"c"}}));
}

TEST(CsvReaderTest, SkipsBlankLines) {
    CsvReader reader("\n\na\n\n\r\nb\n\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"a"}));
    EXPECT_EQ(reader.line(), 3U);
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"b"}));
    EXPECT_EQ(reader.line(), 6U);
    EXPECT_FALSE(reader.next_record(fields));
    EXPECT_EQ(read_all(""), Records{});
    EXPECT_EQ(read_all("\n\r\n\n"), Records{});
}

TEST(CsvReaderTest, RejectsUnterminatedQuote) {
    const std::string text = "a,b\n1,\"open\n2,3\n";
    EXPECT_EQ(read_error(text),
              "in.csv:2:3: unexpected end of input; expected '\"' to close the quoted field "
              "opened here");
    try {
        read_all(text);
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().line, 2U);
        EXPECT_EQ(error.where().column, 3U);
    }
    EXPECT_EQ(read_error("\"").substr(0, 11), "in.csv:1:1:");
    EXPECT_EQ(read_error("x,\"ab\"\"").substr(0, 11), "in.csv:1:3:");
}

TEST(CsvReaderTest, RejectsTextAfterClosingQuote) {
    EXPECT_EQ(read_error("\"a\"b,c\n"), "in.csv:1:4: unexpected character 'b'; expected ',' or a "
                                        "line end after the closing quote");
    EXPECT_EQ(read_error("x\n\"a\nb\" ,c\n").substr(0, 11), "in.csv:3:3:");
    EXPECT_EQ(read_error("\"a\"\t\n").substr(0, 35), "in.csv:1:4: unexpected control char");
}

TEST(CsvReaderTest, LocationNamesTheColumn) {
    CsvReader reader("site,energy\nA,-5\n", "plants.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    ASSERT_TRUE(reader.next_record(fields));
    const Location where = reader.location(1, "energy");
    EXPECT_EQ(where.source, "plants.csv");
    EXPECT_EQ(where.line, 2U);
    EXPECT_EQ(where.column, 3U);
    EXPECT_EQ(where.json_pointer, "energy");
    EXPECT_EQ(where.to_string(), "plants.csv:2:3 (energy)");
    EXPECT_EQ(reader.location(0).to_string(), "plants.csv:2:1");
    EXPECT_EQ(reader.source(), "plants.csv");
}

TEST(CsvReaderTest, ReusesTheCallersFields) {
    CsvReader reader("a,b,c\nd\ne,f\n", "in.csv");
    std::vector<std::string> fields{"stale", "stale", "stale", "stale", "stale"};
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"d"}));
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(fields, (std::vector<std::string>{"e", "f"}));
    EXPECT_EQ(reader.column(1), 3U);
    EXPECT_EQ(reader.column(2), 0U);
}

TEST(CsvReaderTest, KeepsUtf8Text) {
    EXPECT_EQ(read_all("\xE5\x90\x8D\xE7\xA7\xB0,\"\xE4\xB8\xAD,\xE6\x96\x87\"\n"),
              (Records{{"\xE5\x90\x8D\xE7\xA7\xB0", "\xE4\xB8\xAD,\xE6\x96\x87"}}));
    CsvReader reader("\xE5\x90\x8D,x\n", "in.csv");
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.next_record(fields));
    EXPECT_EQ(reader.column(1), 5U); // columns count bytes
}

} // namespace
