// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace smartkpi::detail {

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

std::uint64_t load_word(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return word;
}

} // namespace

std::size_t find_non_ascii(std::string_view text, std::size_t pos) {
    const char* const data = text.data();
    while (pos + sizeof(std::uint64_t) <= text.size() && (load_word(data + pos) & kHighBits) == 0) {
        pos += sizeof(std::uint64_t);
    }
    for (; pos < text.size(); ++pos) {
        if (static_cast<unsigned char>(data[pos]) >= 0x80) {
            return pos;
        }
    }
    return kNotFound;
}

// Offset of the first byte of the first ill-formed sequence (Unicode table 3-7: no overlongs,
// no surrogates, nothing above U+10FFFF), or kNotFound.
std::size_t find_invalid_utf8(std::string_view text) {
    const auto* const data = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t pos = 0;
    for (;;) {
        pos = find_non_ascii(text, pos);
        if (pos == kNotFound) {
            return kNotFound;
        }
        const unsigned char lead = data[pos];
        std::size_t length = 0;
        unsigned char low = 0x80; // bounds of the second byte
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead == 0xE0) {
            length = 3;
            low = 0xA0;
        } else if (lead == 0xED) {
            length = 3;
            high = 0x9F;
        } else if (lead >= 0xE1 && lead <= 0xEF) {
            length = 3;
        } else if (lead == 0xF0) {
            length = 4;
            low = 0x90;
        } else if (lead == 0xF4) {
            length = 4;
            high = 0x8F;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            length = 4;
        } else {
            return pos;
        }
        if (pos + length > size || data[pos + 1] < low || data[pos + 1] > high) {
            return pos;
        }
        for (std::size_t i = 2; i < length; ++i) {
            if ((data[pos + i] & 0xC0) != 0x80) {
                return pos;
            }
        }
        pos += length;
    }
}

} // namespace smartkpi::detail
