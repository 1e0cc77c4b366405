// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_reader.hpp"

#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Location;
using smartkpi::ParseError;
using smartkpi::SchemaError;
using smartkpi::detail::JsonReader;
using smartkpi::detail::JsonType;

// Writes the value the reader stands on in a compact canonical form, reading every scalar,
// so a test can check everything the reader saw in one comparison.
void walk(JsonReader& reader, std::string& out) {
    switch (reader.peek()) {
    case JsonType::object: {
        reader.begin_object();
        out += '{';
        bool first = true;
        while (reader.next_member()) {
            out += first ? "" : ",";
            first = false;
            out += reader.key();
            out += ':';
            walk(reader, out);
        }
        out += '}';
        break;
    }
    case JsonType::array: {
        reader.begin_array();
        out += '[';
        while (reader.next_element()) {
            out += reader.index() == 0 ? "" : ",";
            walk(reader, out);
        }
        out += ']';
        break;
    }
    case JsonType::string:
        out += '"';
        out += reader.read_string();
        out += '"';
        break;
    case JsonType::number: {
        const double value = reader.read_number();
        out += std::to_string(value);
        break;
    }
    case JsonType::boolean:
        out += reader.read_bool() ? "true" : "false";
        break;
    case JsonType::null:
        reader.read_null();
        out += "null";
        break;
    }
}

std::string walk_all(std::string_view text) {
    JsonReader reader(text, "in.json");
    std::string out;
    walk(reader, out);
    reader.expect_end();
    return out;
}

// The what() of the ParseError that walking `text` throws, or "no error".
std::string walk_error(std::string_view text) {
    try {
        walk_all(text);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

Location walk_error_location(std::string_view text) {
    try {
        walk_all(text);
    } catch (const ParseError& error) {
        return error.where();
    }
    return {};
}

std::string skip_error(std::string_view text) {
    try {
        JsonReader reader(text, "in.json");
        reader.skip_value();
        reader.expect_end();
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

std::string read_one_string(std::string_view text) {
    JsonReader reader(text, "in.json");
    const std::string value(reader.read_string());
    reader.expect_end();
    return value;
}

double read_one_number(std::string_view text) {
    JsonReader reader(text, "in.json");
    const double value = reader.read_number();
    reader.expect_end();
    return value;
}

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonReaderTest, DescribesTypes) {
    EXPECT_EQ(smartkpi::detail::describe(JsonType::null), "null");
    EXPECT_EQ(smartkpi::detail::describe(JsonType::boolean), "a boolean");
    EXPECT_EQ(smartkpi::detail::describe(JsonType::number), "a number");
    EXPECT_EQ(smartkpi::detail::describe(JsonType::string), "a string");
    EXPECT_EQ(smartkpi::detail::describe(JsonType::array), "an array");
    EXPECT_EQ(smartkpi::detail::describe(JsonType::object), "an object");
}

TEST(JsonReaderTest, WalksNestedDocumentInOrder) {
    EXPECT_EQ(walk_all(R"( { "a" : [ 1 , -2.5 , "x" , true , false , null ] ,
                           "b" : { } , "c" : [ ] , "d" : { "e" : [ [ ] , { "f" : 0 } ] } } )"),
              "{a:[1.000000,-2.500000,\"x\",true,false,null],b:{},c:[],d:{e:[[],{f:0.000000}]}}");
}

TEST(JsonReaderTest, AcceptsScalarsAtTopLevel) {
    EXPECT_EQ(walk_all(" \t\r\n42 \n"), "42.000000");
    EXPECT_EQ(walk_all("\"s\""), "\"s\"");
    EXPECT_EQ(walk_all("true"), "true");
    EXPECT_EQ(walk_all("null"), "null");
}

TEST(JsonReaderTest, PeekReportsTheNextTypeWithoutConsumingIt) {
    JsonReader reader(R"([{}, [], "s", 1, -1, true, false, null])", "in.json");
    reader.begin_array();
    const std::vector<JsonType> expected = {JsonType::object,  JsonType::array,  JsonType::string,
                                            JsonType::number,  JsonType::number, JsonType::boolean,
                                            JsonType::boolean, JsonType::null};
    std::vector<JsonType> seen;
    while (reader.next_element()) {
        seen.push_back(reader.peek());
        EXPECT_EQ(reader.peek(), seen.back());
        reader.skip_value();
    }
    reader.expect_end();
    EXPECT_EQ(seen, expected);
}

TEST(JsonReaderTest, KeyIndexAndPointerFollowTheWalk) {
    JsonReader reader(R"({"factories": [{"name": "A"}, {"name": "B", "energy": {"gas": 3}}]})",
                      "in.json");
    reader.begin_object();
    EXPECT_EQ(reader.pointer(), "");
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "factories");
    EXPECT_EQ(reader.pointer(), "/factories");
    reader.begin_array();
    EXPECT_EQ(reader.pointer(), "/factories");
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.index(), 0U);
    EXPECT_EQ(reader.pointer(), "/factories/0");
    reader.skip_value();
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.index(), 1U);
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.pointer(), "/factories/1/name");
    EXPECT_EQ(reader.read_string(), "B");
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "energy");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.pointer(), "/factories/1/energy/gas");
    EXPECT_EQ(reader.read_number(), 3.0);
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.pointer(), "/factories/1/energy");
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.pointer(), "/factories/1");
    EXPECT_FALSE(reader.next_element());
    EXPECT_EQ(reader.pointer(), "/factories");
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.pointer(), "");
    reader.expect_end();
}

TEST(JsonReaderTest, LocationNamesTheValueItStandsOn) {
    const std::string text = "{\n"
                             "  \"factories\": [\n"
                             "    {\"name\": \"A\", \"energy\": {\"electricity\": 5}}\n"
                             "  ]\n"
                             "}\n";
    JsonReader reader(text, "plant.json");
    reader.begin_object();
    Location where = reader.location();
    EXPECT_EQ(where.source, "plant.json");
    EXPECT_EQ(where.line, 1U);
    EXPECT_EQ(where.column, 1U);
    EXPECT_EQ(where.json_pointer, "");

    ASSERT_TRUE(reader.next_member());
    where = reader.location();
    EXPECT_EQ(where.line, 2U);
    EXPECT_EQ(where.column, 16U);
    EXPECT_EQ(where.json_pointer, "/factories");

    reader.begin_array();
    ASSERT_TRUE(reader.next_element());
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    reader.skip_value();
    ASSERT_TRUE(reader.next_member());
    reader.begin_object();
    EXPECT_EQ(reader.location().to_string(), "plant.json:3:29 (/factories/0/energy)");
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.location().to_string(), "plant.json:3:45 (/factories/0/energy/electricity)");
    EXPECT_EQ(reader.read_number(), 5.0);
    // Once consumed, the object is the current value again: where a missing key is reported.
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.location().to_string(), "plant.json:3:29 (/factories/0/energy)");
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.location().to_string(), "plant.json:3:5 (/factories/0)");
    EXPECT_FALSE(reader.next_element());
    EXPECT_EQ(reader.location().to_string(), "plant.json:2:16 (/factories)");
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.location().to_string(), "plant.json:1:1");
    reader.expect_end();
}

TEST(JsonReaderTest, ReportsLineAndColumnOfMissingComma) {
    EXPECT_EQ(walk_error("{\n  \"a\": 1\n  \"b\": 2\n}"),
              "in.json:3:3: unexpected character '\"'; expected ',' or '}'");
    EXPECT_EQ(walk_error(R"({"f": [{"a": 1 "b": 2}]})"),
              "in.json:1:16 (/f/0): unexpected character '\"'; expected ',' or '}'");
    EXPECT_EQ(walk_error("[1 2]"), "in.json:1:4: unexpected character '2'; expected ',' or ']'");
}

TEST(JsonReaderTest, ColumnsCountBytesAndLinesEndAtLineFeeds) {
    // "é" is two bytes; CR LF is one line end.
    const Location where = walk_error_location("{\r\n  \"\xC3\xA9\": x}");
    EXPECT_EQ(where.line, 2U);
    EXPECT_EQ(where.column, 9U);
    EXPECT_EQ(where.json_pointer, "/\xC3\xA9");
}

TEST(JsonReaderTest, SkipsLongRunsOfIndentation) {
    const std::string text = "{\n" + std::string(17, ' ') + "\"a\":" + std::string(9, ' ') + "[" +
                             std::string(8, ' ') + "1" + std::string(16, ' ') + "]" +
                             std::string(23, ' ') + "\n}" + std::string(20, ' ');
    JsonReader reader(text, "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.location().column, 18U + 4U + 9U);
    reader.begin_array();
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.location().column, 31U + 1U + 8U);
    EXPECT_EQ(reader.read_number(), 1.0);
    EXPECT_FALSE(reader.next_element());
    EXPECT_FALSE(reader.next_member());
    reader.expect_end();
    EXPECT_EQ(skip_error(text), "no error");
    EXPECT_EQ(walk_error(std::string(12, ' ') + "x"),
              "in.json:1:13: unexpected 'x'; expected a JSON value");
}

TEST(JsonReaderTest, LocationCanGoBackToAnEarlierOffset) {
    JsonReader reader("{\n\"a\":\n{\n\"b\": 1\n}\n}", "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.location().line, 4U);
    EXPECT_EQ(reader.read_number(), 1.0);
    EXPECT_FALSE(reader.next_member());
    const Location inner = reader.location();
    EXPECT_EQ(inner.line, 3U);
    EXPECT_EQ(inner.column, 1U);
    EXPECT_FALSE(reader.next_member());
    EXPECT_EQ(reader.location().line, 1U);
    reader.expect_end();
}

TEST(JsonReaderTest, RejectsTrailingCommas) {
    EXPECT_EQ(walk_error(R"({"a": 1,})"),
              "in.json:1:9: unexpected character '}'; expected '\"' to start a member name");
    EXPECT_EQ(walk_error("[1, 2,]"),
              "in.json:1:7 (/2): unexpected character ']'; expected a value");
    EXPECT_EQ(skip_error(R"({"a": 1,})"),
              "in.json:1:9: unexpected character '}'; expected '\"' to start a member name");
    EXPECT_EQ(skip_error("[1, 2,]"), "in.json:1:7: unexpected character ']'; expected a value");
}

TEST(JsonReaderTest, RejectsMalformedObjects) {
    EXPECT_EQ(walk_error(R"({"a" 1})"), "in.json:1:6 (/a): unexpected character '1'; expected ':'");
    EXPECT_EQ(walk_error("{a: 1}"),
              "in.json:1:2: unexpected 'a'; expected '\"' to start a member name, or '}'");
    EXPECT_EQ(walk_error(R"({"a": 1)"),
              "in.json:1:8: unexpected end of input; expected ',' or '}'");
    EXPECT_EQ(walk_error("[1"), "in.json:1:3: unexpected end of input; expected ',' or ']'");
    EXPECT_EQ(walk_error("["), "in.json:1:2: unexpected end of input; expected a value or ']'");
    EXPECT_EQ(walk_error("{"),
              "in.json:1:2: unexpected end of input; expected '\"' to start a member name, or '}'");
    EXPECT_EQ(walk_error("[}"), "in.json:1:2 (/0): unexpected character '}'; expected a value");
}

TEST(JsonReaderTest, RejectsEmptyInput) {
    EXPECT_EQ(walk_error(""), "in.json:1:1: unexpected end of input; expected a JSON value");
    EXPECT_EQ(walk_error("  \n "), "in.json:2:2: unexpected end of input; expected a JSON value");
    EXPECT_EQ(skip_error(""), "in.json:1:1: unexpected end of input; expected a JSON value");
}

TEST(JsonReaderTest, RejectsTextAfterTheValue) {
    EXPECT_EQ(walk_error("{} x"), "in.json:1:4: unexpected 'x'; expected end of input");
    EXPECT_EQ(walk_error("1 2"), "in.json:1:3: unexpected character '2'; expected end of input");
    EXPECT_EQ(walk_all("{} \n\t "), "{}");
}

TEST(JsonReaderTest, RejectsCommentsAndForeignBytes) {
    EXPECT_EQ(walk_error("{\"a\": 1 // note\n}"),
              "in.json:1:9: unexpected character '/'; expected ',' or '}'");
    EXPECT_EQ(walk_error("/* c */ {}"),
              "in.json:1:1: unexpected character '/'; expected a JSON value");
    EXPECT_EQ(walk_error("\xC3\xA9"), "in.json:1:1: unexpected byte 0xC3; expected a JSON value");
    EXPECT_EQ(walk_error("\f1"),
              "in.json:1:1: unexpected control character U+000C; expected a JSON value");
}

TEST(JsonReaderTest, UnescapesStrings) {
    EXPECT_EQ(read_one_string(R"("plain")"), "plain");
    EXPECT_EQ(read_one_string(R"("")"), "");
    EXPECT_EQ(read_one_string(R"("q\"b\\s\/b\bf\fn\nr\rt\t.")"), "q\"b\\s/b\bf\fn\nr\rt\t.");
    EXPECT_EQ(read_one_string(R"("\u0041\u00e9\u4E2D")"), "A\xC3\xA9\xE4\xB8\xAD");
    EXPECT_EQ(read_one_string(R"("x\u0000y")"), std::string("x\0y", 3));
    EXPECT_EQ(read_one_string("\"raw \xE4\xB8\xAD\xE6\x96\x87 bytes\""),
              "raw \xE4\xB8\xAD\xE6\x96\x87 bytes");
    // Long enough for the word-at-a-time scan, escapes after it.
    EXPECT_EQ(read_one_string(R"("0123456789abcdefghij\n0123456789abcdefghij")"),
              "0123456789abcdefghij\n0123456789abcdefghij");
}

TEST(JsonReaderTest, CombinesSurrogatePairs) {
    EXPECT_EQ(read_one_string(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");
    EXPECT_EQ(read_one_string(R"("a\uD834\uDD1Eb")"), "a\xF0\x9D\x84\x9E"
                                                      "b");
    EXPECT_EQ(read_one_string(R"("\udbff\udfff")"), "\xF4\x8F\xBF\xBF");
}

TEST(JsonReaderTest, RejectsLoneSurrogates) {
    EXPECT_EQ(walk_error(R"(["ok", "x\ud83d"])"),
              "in.json:1:10 (/1): invalid \\u escape: high surrogate \\uD83D without a low "
              "surrogate after it");
    EXPECT_EQ(walk_error(R"("\ude00")"), "in.json:1:2: invalid \\u escape: low surrogate \\uDE00 "
                                         "without a high surrogate before it");
    EXPECT_EQ(walk_error(R"("\ud83d\u0041")"),
              "in.json:1:2: invalid \\u escape: high surrogate \\uD83D followed by \\u0041 "
              "instead of a low surrogate");
    EXPECT_NE(walk_error(R"("\ud83dx")"), "no error");
    EXPECT_NE(skip_error(R"("\ud83d")"), "no error");
    EXPECT_NE(walk_error(R"({"\udc00": 1})"), "no error");
}

TEST(JsonReaderTest, RejectsBadEscapesAndControlCharacters) {
    EXPECT_EQ(walk_error(R"("a\x")"), "in.json:1:4: unexpected character 'x'; expected an escape "
                                      "character (one of \" \\ / b f n r t u)");
    EXPECT_EQ(walk_error(R"("\u12g4")"),
              "in.json:1:6: unexpected character 'g'; expected a hexadecimal digit");
    EXPECT_EQ(walk_error(R"("\u12)"),
              "in.json:1:6: unexpected end of input; expected a hexadecimal digit");
    EXPECT_EQ(walk_error("\"a\tb\""),
              "in.json:1:3: unexpected control character U+0009; expected '\"' or a printable "
              "character (control characters must be escaped)");
    EXPECT_EQ(walk_error("[\"line\nbreak\"]").substr(0, 13), "in.json:1:7 (");
    EXPECT_EQ(skip_error("\"a\nb\"").substr(0, 12), "in.json:1:3:");
    EXPECT_EQ(walk_error("\"abc"), "in.json:1:5: unexpected end of input; expected '\"' to end "
                                   "the string");
    EXPECT_EQ(walk_error("\"abc\\"),
              "in.json:1:6: unexpected end of input; expected an escape character");
}

TEST(JsonReaderTest, ReadsNumbers) {
    EXPECT_EQ(read_one_number("0"), 0.0);
    EXPECT_EQ(read_one_number("-0"), 0.0);
    EXPECT_TRUE(std::signbit(read_one_number("-0")));
    EXPECT_EQ(read_one_number("7"), 7.0);
    EXPECT_EQ(read_one_number("-12.5"), -12.5);
    EXPECT_EQ(read_one_number("0.125"), 0.125);
    EXPECT_EQ(read_one_number("1e3"), 1000.0);
    EXPECT_EQ(read_one_number("1E+3"), 1000.0);
    EXPECT_EQ(read_one_number("2.5e-3"), 0.0025);
    EXPECT_EQ(read_one_number("123456789012"), 123456789012.0);
    EXPECT_EQ(read_one_number("1.7976931348623157e308"), DBL_MAX);
    EXPECT_EQ(read_one_number("0.1"), 0.1);
}

TEST(JsonReaderTest, RejectsWhatTheNumberGrammarRejects) {
    for (const std::string_view text :
         {"01", "-01", "1.", ".5", "-", "1e", "1e+", "+1", "NaN", "-NaN", "Infinity", "-Infinity",
          "1.e5", "0x10", "--1", "1.5.", "[1,]", "- 1", "1e5.0"}) {
        EXPECT_NE(walk_error(text), "no error") << text;
        EXPECT_NE(skip_error(text), "no error") << text;
    }
    EXPECT_EQ(walk_error("01"), "in.json:1:2: unexpected character '1'; expected '.', 'e' or the "
                                "end of the number (no leading zeros)");
    EXPECT_EQ(walk_error("1."), "in.json:1:3: unexpected end of input; expected a digit after '.'");
    EXPECT_EQ(walk_error(".5"), "in.json:1:1: unexpected character '.'; expected a JSON value");
    EXPECT_EQ(walk_error("-"), "in.json:1:2: unexpected end of input; expected a digit");
    EXPECT_EQ(walk_error("1e"),
              "in.json:1:3: unexpected end of input; expected a digit in the exponent");
    EXPECT_EQ(walk_error("+1"), "in.json:1:1: unexpected character '+'; expected a JSON value");
    EXPECT_EQ(walk_error("NaN"), "in.json:1:1: unexpected 'NaN'; expected a JSON value");
    EXPECT_EQ(walk_error("[-Infinity]"),
              "in.json:1:3 (/0): unexpected character 'I'; expected a digit");
}

TEST(JsonReaderTest, RejectsNumbersOutOfRange) {
    for (const std::string_view text : {"1e400", "-1e400", "1.8e308", "123456789e301"}) {
        JsonReader reader(text, "in.json");
        try {
            reader.read_number();
            ADD_FAILURE() << text << " was accepted";
        } catch (const ParseError& error) {
            EXPECT_EQ(error.message(), "number out of range") << text;
            EXPECT_EQ(error.where().column, 1U);
        }
    }
    EXPECT_EQ(walk_error(R"({"energy": [1, 1e999]})"),
              "in.json:1:16 (/energy/1): number out of range");
    // Too small for a double is zero, not an error.
    EXPECT_EQ(read_one_number("1e-400"), 0.0);
    EXPECT_TRUE(std::signbit(read_one_number("-1e-400")));
    EXPECT_EQ(read_one_number("0.000000000000000000000000000000001e-300"), 0.0);
}

TEST(JsonReaderTest, RejectsMisspelledLiterals) {
    EXPECT_EQ(walk_error("[tru]"), "in.json:1:2 (/0): unexpected 'tru'; expected a value");
    EXPECT_EQ(walk_error("nul"), "in.json:1:1: unexpected 'nul'; expected a JSON value");
    EXPECT_EQ(walk_error("True"), "in.json:1:1: unexpected 'True'; expected a JSON value");
    EXPECT_EQ(walk_error("[falsey]"), "in.json:1:2 (/0): unexpected 'falsey'; expected a value");
    EXPECT_EQ(skip_error("[nulll]"), "in.json:1:2: unexpected 'nulll'; expected a value");
    EXPECT_EQ(walk_all("[true,false,null]"), "[true,false,null]");
}

TEST(JsonReaderTest, AcceptsNestingUpTo256) {
    const std::string deepest = nested_arrays(256);
    EXPECT_EQ(walk_all(deepest), deepest);
    EXPECT_EQ(skip_error(deepest), "no error");

    std::string objects;
    for (int i = 0; i < 256; ++i) {
        objects += "{\"a\":";
    }
    objects += "1" + std::string(256, '}');
    EXPECT_EQ(walk_error(objects), "no error");
    EXPECT_EQ(skip_error(objects), "no error");
}

TEST(JsonReaderTest, RejectsNestingDeeperThan256) {
    const std::string too_deep = nested_arrays(257);
    EXPECT_EQ(walk_error(too_deep).substr(0, 13), "in.json:1:257");
    EXPECT_EQ(walk_error_location(too_deep).json_pointer.size(), 256U * 2);
    EXPECT_EQ(skip_error(too_deep), "in.json:1:257: nesting deeper than 256");
    // Inside a skipped value, the containers the reader has already entered count too.
    const std::string inside = "[[" + nested_arrays(255) + "]]";
    JsonReader reader(inside, "in.json");
    reader.begin_array();
    ASSERT_TRUE(reader.next_element());
    try {
        reader.skip_value();
        ADD_FAILURE() << "nesting accepted";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.message(), "nesting deeper than 256");
        EXPECT_EQ(error.where().column, 257U);
    }
    // A hostile document must not exhaust the stack either way.
    EXPECT_NE(walk_error(std::string(100000, '[')), "no error");
    EXPECT_NE(skip_error(std::string(100000, '[')), "no error");
}

TEST(JsonReaderTest, RejectsDuplicateKeys) {
    try {
        walk_all(R"({"a": 1, "b": 2, "a": 3})");
        ADD_FAILURE() << "duplicate accepted";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(), "in.json:1:18 (/a): duplicate key \"a\"");
    }
    // The same name spelled with an escape is the same key.
    EXPECT_THROW(walk_all(R"({"a": 1, "\u0061": 2})"), SchemaError);
    // Sibling objects may reuse names; an outer object still sees its own duplicates after
    // inner objects have come and gone.
    EXPECT_EQ(walk_all(R"([{"a": 1}, {"a": 2}])"), "[{a:1.000000},{a:2.000000}]");
    EXPECT_THROW(walk_all(R"({"a": {"x": 1}, "b": {"x": 2, "y": 3}, "a": 0})"), SchemaError);
    EXPECT_THROW(walk_all(R"({"\u00e9": {"\u00e8": 1}, "b": {"\u00e8": 2}, "\u00e9": 0})"),
                 SchemaError);
}

std::string object_with_keys(const std::vector<std::string>& keys) {
    std::string text = "{";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        text += (i == 0 ? "\"" : ", \"") + keys[i] + "\": " + std::to_string(i);
    }
    return text + "}";
}

TEST(JsonReaderTest, RejectsDuplicateKeysInLargeObjects) {
    std::vector<std::string> keys;
    for (int i = 0; i < 1000; ++i) {
        keys.push_back("key" + std::to_string(i));
    }
    EXPECT_EQ(walk_error(object_with_keys(keys)), "no error");

    for (const std::size_t duplicate_at :
         {std::size_t{8}, std::size_t{9}, std::size_t{20}, std::size_t{33}, std::size_t{999}}) {
        std::vector<std::string> with_duplicate = keys;
        with_duplicate[duplicate_at] = "key3";
        try {
            walk_all(object_with_keys(with_duplicate));
            ADD_FAILURE() << "duplicate at " << duplicate_at << " accepted";
        } catch (const SchemaError& error) {
            EXPECT_EQ(error.message(), "duplicate key \"key3\"");
            EXPECT_EQ(error.where().json_pointer, "/key3");
        }
    }
    // The hashed index of one object must not leak into the next object at the same depth.
    const std::string big =
        object_with_keys(std::vector<std::string>(keys.begin(), keys.begin() + 40));
    EXPECT_EQ(walk_error("[" + big + ", " + big + ", {\"key1\": 0}]"), "no error");
    std::vector<std::string> escaped(keys.begin(), keys.begin() + 12);
    escaped.emplace_back("\\u006bey5");
    EXPECT_THROW(walk_all(object_with_keys(escaped)), SchemaError);
}

TEST(JsonReaderTest, ReportsTypeMismatches) {
    JsonReader reader(R"({"a": "x", "b": [], "c": 0})", "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    try {
        reader.read_number("the electricity use");
        ADD_FAILURE() << "string read as a number";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(),
                     "in.json:1:7 (/a): expected the electricity use, found a string");
    }
    reader.skip_value();
    ASSERT_TRUE(reader.next_member());
    EXPECT_THROW(reader.begin_object(), SchemaError);
    EXPECT_THROW(reader.read_string(), SchemaError);
    reader.begin_array();
    EXPECT_FALSE(reader.next_element());
    ASSERT_TRUE(reader.next_member());
    try {
        reader.read_null();
        ADD_FAILURE() << "number read as null";
    } catch (const SchemaError& error) {
        EXPECT_EQ(error.message(), "expected null, found a number");
    }
    EXPECT_THROW(reader.read_bool(), SchemaError);
    EXPECT_THROW(reader.begin_array("a list of factories"), SchemaError);
    EXPECT_EQ(reader.read_number(), 0.0);
    EXPECT_FALSE(reader.next_member());
    reader.expect_end();
}

TEST(JsonReaderTest, SkipsValuesOfEveryKind) {
    JsonReader reader(R"({"skip": {"deep": [1, {"x": "y\"]}"}, [], {}, -0.5e1, true, null],
                         "s": "\u00e9"}, "keep": 7, "more": "text", "last": [[]]})",
                      "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    reader.skip_value();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "keep");
    EXPECT_EQ(reader.read_number(), 7.0);
    ASSERT_TRUE(reader.next_member());
    reader.skip_value();
    ASSERT_TRUE(reader.next_member());
    reader.skip_value();
    EXPECT_FALSE(reader.next_member());
    reader.expect_end();
}

TEST(JsonReaderTest, SkipValueStillChecksSyntax) {
    EXPECT_EQ(skip_error("[1 2]"), "in.json:1:4: unexpected character '2'; expected ',' or ']'");
    EXPECT_EQ(skip_error(R"({"a" 1})"), "in.json:1:6: unexpected character '1'; expected ':'");
    EXPECT_EQ(skip_error(R"({"a": 1 "b": 2})"),
              "in.json:1:9: unexpected character '\"'; expected ',' or '}'");
    EXPECT_EQ(skip_error("[01]").substr(0, 12), "in.json:1:3:");
    EXPECT_EQ(skip_error("{\"a\": [1, 2}"),
              "in.json:1:12: unexpected character '}'; expected ',' or ']'");
    EXPECT_EQ(skip_error("[[1], [2]"),
              "in.json:1:10: unexpected end of input; expected ',' or ']'");
    EXPECT_EQ(skip_error(R"({"a": 1, "b": {"c": [true, {"d": null}]}})"), "no error");
    // Duplicate names are a schema matter, left to whoever reads the object.
    EXPECT_EQ(skip_error(R"({"a": 1, "a": 2})"), "no error");

    JsonReader reader(R"({"list": [1, 2 3]})", "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    try {
        reader.skip_value();
        ADD_FAILURE() << "bad array skipped";
    } catch (const ParseError& error) {
        EXPECT_STREQ(error.what(),
                     "in.json:1:16 (/list): unexpected character '3'; expected ',' or ']'");
    }
}

TEST(JsonReaderTest, EscapesPointerTokens) {
    JsonReader reader(R"({"a/b~c": {"": [0, 1]}})", "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "a/b~c");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "");
    reader.begin_array();
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.pointer(), "/a~1b~0c//0");
    reader.skip_value();
    ASSERT_TRUE(reader.next_element());
    EXPECT_EQ(reader.location().json_pointer, "/a~1b~0c//1");
}

TEST(JsonReaderTest, UnescapesKeys) {
    JsonReader reader(R"({"\u4e2d\u6587": {"tab\there": 1}, "plain": 2})", "in.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "\xE4\xB8\xAD\xE6\x96\x87");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "tab\there");
    EXPECT_EQ(reader.pointer(), "/\xE4\xB8\xAD\xE6\x96\x87/tab\there");
    reader.skip_value();
    EXPECT_FALSE(reader.next_member());
    ASSERT_TRUE(reader.next_member());
    EXPECT_EQ(reader.key(), "plain");
    EXPECT_EQ(reader.pointer(), "/plain");
}

TEST(JsonReaderTest, WalksAManyObjectDocument) {
    std::string text = "{\"factories\": [\n";
    constexpr int kFactories = 2000;
    for (int i = 0; i < kFactories; ++i) {
        text += i == 0 ? "" : ",\n";
        text += "  {\"id\": \"F" + std::to_string(i) +
                "\", \"output\": 1.5e3, \"electricity\": 12, \"gas\": 3, \"water\": 4,"
                " \"steam\": 0, \"coal\": 0, \"oil\": 0, \"heat\": 0.25, \"staff\": 40,"
                " \"smart\": true, \"notes\": null}";
    }
    text += "\n]}\n";
    JsonReader reader(text, "big.json");
    reader.begin_object();
    ASSERT_TRUE(reader.next_member());
    reader.begin_array();
    int count = 0;
    double staff = 0;
    while (reader.next_element()) {
        reader.begin_object();
        while (reader.next_member()) {
            if (reader.key() == "staff") {
                staff += reader.read_number();
            } else {
                reader.skip_value();
            }
        }
        ++count;
    }
    EXPECT_EQ(reader.location().to_string(), "big.json:1:15 (/factories)");
    EXPECT_FALSE(reader.next_member());
    reader.expect_end();
    EXPECT_EQ(count, kFactories);
    EXPECT_EQ(staff, 40.0 * kFactories);
    EXPECT_EQ(skip_error(text), "no error");
}

} // namespace
