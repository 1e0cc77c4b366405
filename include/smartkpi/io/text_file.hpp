// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <string>
#include <string_view>

namespace smartkpi {

/// Character encoding of an input text (conventions §17: spreadsheets in China often save GBK).
enum class Encoding { utf8, gbk };

/// Parses "utf8"/"utf-8" or "gbk" (case-insensitive); throws UsageError otherwise.
Encoding parse_encoding(std::string_view name);

/// Turns raw bytes into the UTF-8 text every reader expects: a UTF-8 BOM is removed, GBK is
/// converted (glibc iconv), and text that is not valid UTF-8 throws ParseError naming `source`
/// and the byte offset of the first bad byte.
std::string decode_text(std::string raw, Encoding encoding, std::string_view source);

/// Reads a whole file and decodes it. Throws InputError when it is missing or unreadable.
std::string read_text_file(const std::string& path, Encoding encoding = Encoding::utf8);

} // namespace smartkpi
