// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/io/text_file.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

using smartkpi::decode_text;
using smartkpi::Encoding;
using smartkpi::InputError;
using smartkpi::parse_encoding;
using smartkpi::ParseError;
using smartkpi::read_text_file;

constexpr std::string_view kZhongwenGbk = "\xD6\xD0\xCE\xC4";
constexpr std::string_view kZhongwenUtf8 = "\xE4\xB8\xAD\xE6\x96\x87";

// The byte offset decode_text reports for `raw`, or -1 when it accepts it.
long long invalid_offset(std::string_view raw, Encoding encoding = Encoding::utf8) {
    try {
        decode_text(std::string(raw), encoding, "in.txt");
    } catch (const ParseError& error) {
        const std::string message = error.message();
        const std::string marker = "byte offset ";
        const std::size_t at = message.find(marker);
        if (at == std::string::npos) {
            return -2;
        }
        return std::stoll(message.substr(at + marker.size()));
    }
    return -1;
}

class TextFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("smartkpi-text-file-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    std::string write(const std::string& name, std::string_view bytes) {
        const std::filesystem::path path = dir_ / name;
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return path.string();
    }

    std::filesystem::path dir_;
};

TEST(TextFileEncodingTest, ParsesEncodingNames) {
    EXPECT_EQ(parse_encoding("utf8"), Encoding::utf8);
    EXPECT_EQ(parse_encoding("UTF-8"), Encoding::utf8);
    EXPECT_EQ(parse_encoding("Utf8"), Encoding::utf8);
    EXPECT_EQ(parse_encoding("gbk"), Encoding::gbk);
    EXPECT_EQ(parse_encoding("GBK"), Encoding::gbk);
}

TEST(TextFileEncodingTest, RejectsUnknownEncodings) {
    for (const std::string_view name : {"latin1", "", "utf16", "gb2312 "}) {
        try {
            parse_encoding(name);
            ADD_FAILURE() << name << " accepted";
        } catch (const smartkpi::UsageError& error) {
            EXPECT_EQ(error.message(),
                      "unknown encoding \"" + std::string(name) + "\"; accepted: utf8, gbk");
        }
    }
}

TEST(TextFileDecodeTest, KeepsValidUtf8) {
    const std::string text =
        "plain ascii, \xC3\xA9, \xE4\xB8\xAD, \xF0\x9F\x98\x80, \xF4\x8F\xBF\xBF"
        " and a tail long enough for the word loop";
    EXPECT_EQ(decode_text(text, Encoding::utf8, "in.txt"), text);
    EXPECT_EQ(decode_text("", Encoding::utf8, "in.txt"), "");
    EXPECT_EQ(decode_text(std::string("nul\0byte", 8), Encoding::utf8, "in.txt"),
              std::string("nul\0byte", 8));
}

TEST(TextFileDecodeTest, StripsUtf8Bom) {
    EXPECT_EQ(decode_text("\xEF\xBB\xBFid,name\n", Encoding::utf8, "in.csv"), "id,name\n");
    EXPECT_EQ(decode_text("\xEF\xBB\xBF", Encoding::utf8, "in.csv"), "");
    // Only a leading BOM is one; elsewhere it is U+FEFF and stays.
    EXPECT_EQ(decode_text("a\xEF\xBB\xBF", Encoding::utf8, "in.csv"), "a\xEF\xBB\xBF");
    EXPECT_EQ(decode_text("\xEF\xBB\xBFx", Encoding::gbk, "in.csv"), "x");
}

TEST(TextFileDecodeTest, RejectsInvalidUtf8AtItsOffset) {
    EXPECT_EQ(invalid_offset("ab\xFF"), 2);
    EXPECT_EQ(invalid_offset("\x80"), 0);             // lone continuation byte
    EXPECT_EQ(invalid_offset("\xC0\x80"), 0);         // overlong NUL
    EXPECT_EQ(invalid_offset("\xC1\xBF"), 0);         // overlong
    EXPECT_EQ(invalid_offset("\xE0\x80\x80"), 0);     // overlong three-byte
    EXPECT_EQ(invalid_offset("\xF0\x80\x80\x80"), 0); // overlong four-byte
    EXPECT_EQ(invalid_offset("x\xED\xA0\x80"), 1);    // surrogate U+D800
    EXPECT_EQ(invalid_offset("\xED\xBF\xBF"), 0);     // surrogate U+DFFF
    EXPECT_EQ(invalid_offset("\xF4\x90\x80\x80"), 0); // U+110000
    EXPECT_EQ(invalid_offset("\xF5\x80\x80\x80"), 0); // beyond any plane
    EXPECT_EQ(invalid_offset("abc\xE4\xB8"), 3);      // cut off by the end
    EXPECT_EQ(invalid_offset("\xC3\xA9\xC3"), 2);     // cut off after a good one
    EXPECT_EQ(invalid_offset("\xE4\xB8("), 0);        // cut off by ASCII
    EXPECT_EQ(invalid_offset("0123456789abcdef\xC3("), 16);
    EXPECT_EQ(invalid_offset(std::string(1000, 'a') + "\xE4\xB8\xAD" + "b\xFE"), 1004);
    // GBK bytes read as UTF-8: the usual mistake.
    EXPECT_EQ(invalid_offset("id," + std::string(kZhongwenGbk)), 3);
    EXPECT_EQ(invalid_offset("\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80"), -1);
}

TEST(TextFileDecodeTest, InvalidUtf8MessageNamesSourceAndOffset) {
    try {
        decode_text("ab\xFF", Encoding::utf8, "plants.csv");
        ADD_FAILURE() << "invalid UTF-8 accepted";
    } catch (const ParseError& error) {
        EXPECT_STREQ(error.what(),
                     "plants.csv: invalid UTF-8 at byte offset 2; if the file is GBK-encoded, "
                     "convert it (e.g. iconv -f GBK -t UTF-8) or pass --encoding gbk");
        EXPECT_EQ(error.where().source, "plants.csv");
    }
    // Offsets are in the file, BOM included.
    EXPECT_EQ(invalid_offset("\xEF\xBB\xBF"
                             "ab\xFF"),
              5);
}

TEST(TextFileDecodeTest, ConvertsGbkToUtf8) {
    EXPECT_EQ(decode_text(std::string(kZhongwenGbk), Encoding::gbk, "in.csv"), kZhongwenUtf8);
    EXPECT_EQ(
        decode_text("id,name\n1," + std::string(kZhongwenGbk) + "\n", Encoding::gbk, "in.csv"),
        "id,name\n1," + std::string(kZhongwenUtf8) + "\n");
    EXPECT_EQ(decode_text("ascii only", Encoding::gbk, "in.csv"), "ascii only");
    EXPECT_EQ(decode_text("", Encoding::gbk, "in.csv"), "");
    // Large enough to need more than one output buffer.
    std::string many;
    std::string expected;
    for (int i = 0; i < 5000; ++i) {
        many += kZhongwenGbk;
        expected += kZhongwenUtf8;
    }
    EXPECT_EQ(decode_text(many, Encoding::gbk, "in.csv"), expected);
}

TEST(TextFileDecodeTest, RejectsInvalidGbk) {
    EXPECT_EQ(invalid_offset("ab\xFF", Encoding::gbk), 2);
    EXPECT_EQ(invalid_offset("ab\xD6", Encoding::gbk), 2); // cut off by the end
    EXPECT_EQ(invalid_offset(std::string(kZhongwenGbk) + "\x80", Encoding::gbk), 4);
    EXPECT_EQ(invalid_offset("\xEF\xBB\xBF"
                             "a\xFF",
                             Encoding::gbk),
              4);
    try {
        decode_text("ab\xFF", Encoding::gbk, "plants.csv");
        ADD_FAILURE() << "invalid GBK accepted";
    } catch (const ParseError& error) {
        EXPECT_EQ(std::string(error.what())
                      .rfind("plants.csv: invalid GBK byte sequence at byte "
                             "offset 2",
                             0),
                  0U);
    }
}

TEST_F(TextFileTest, ReadsWholeFile) {
    std::string content = "id,name\n";
    for (int i = 0; i < 20000; ++i) {
        content += std::to_string(i) + ",factory\n";
    }
    EXPECT_EQ(read_text_file(write("plants.csv", content)), content);
    EXPECT_EQ(read_text_file(write("bom.csv", "\xEF\xBB\xBFx\n")), "x\n");
    EXPECT_EQ(read_text_file(write("empty.csv", "")), "");
}

TEST_F(TextFileTest, ReadsGbkFile) {
    const std::string path = write("gbk.csv", "name\n" + std::string(kZhongwenGbk) + "\n");
    EXPECT_EQ(read_text_file(path, Encoding::gbk), "name\n" + std::string(kZhongwenUtf8) + "\n");
    try {
        read_text_file(path);
        ADD_FAILURE() << "GBK read as UTF-8";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().source, path);
        EXPECT_NE(error.message().find("byte offset 5"), std::string::npos);
    }
}

TEST_F(TextFileTest, ReportsMissingFile) {
    const std::string path = (dir_ / "missing.json").string();
    try {
        read_text_file(path);
        ADD_FAILURE() << "missing file read";
    } catch (const InputError& error) {
        EXPECT_EQ(error.message(), path + ": no such file");
    }
    EXPECT_THROW(read_text_file((dir_ / "no-dir" / "x.json").string()), InputError);
}

TEST_F(TextFileTest, ReportsDirectoryAsUnreadable) {
    try {
        read_text_file(dir_.string());
        ADD_FAILURE() << "directory read";
    } catch (const InputError& error) {
        EXPECT_EQ(error.message(), dir_.string() + ": cannot read: is a directory");
    }
}

TEST_F(TextFileTest, ReportsPathThroughAFileAsUnreadable) {
    const std::string file = write("plain.txt", "x");
    try {
        read_text_file(file + "/inner.json");
        ADD_FAILURE() << "path through a file read";
    } catch (const InputError& error) {
        EXPECT_EQ(error.message(), file + "/inner.json: cannot read: not a directory");
    }
}

} // namespace
