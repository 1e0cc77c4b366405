// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: UTF-8 validation shared by the text-file reader and the event-log parser.
#pragma once

#include <cstddef>
#include <string_view>

namespace smartkpi::detail {

inline constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

/// Offset of the first non-ASCII byte at or after `pos`, or kNotFound.
std::size_t find_non_ascii(std::string_view text, std::size_t pos);

/// Offset of the first byte of the first ill-formed sequence (Unicode table 3-7: no
/// overlongs, no surrogates, nothing above U+10FFFF), or kNotFound.
std::size_t find_invalid_utf8(std::string_view text);

} // namespace smartkpi::detail
