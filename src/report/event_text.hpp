// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: exact text of the integer sums of event logs (conventions §27). Times are
// integer milliseconds and ideal times 128-bit micro-seconds; reports print them as exact
// decimals of seconds, never through a double.
#pragma once

#include <smartkpi/engine/event_rollup.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <string>

namespace smartkpi::detail {

/// The decimal digits of a 128-bit integer, sign included.
inline void append_exact(fmt::memory_buffer& buf, ExactSum v) {
    __extension__ using Unsigned = unsigned __int128;
    Unsigned u = v < 0 ? static_cast<Unsigned>(-(v + 1)) + 1 : static_cast<Unsigned>(v);
    std::array<char, 40> digits{};
    std::size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + static_cast<int>(u % 10));
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        buf.push_back('-');
    }
    while (n > 0) {
        buf.push_back(digits[--n]);
    }
}

inline std::string exact_text(ExactSum v) {
    fmt::memory_buffer buf;
    append_exact(buf, v);
    return fmt::to_string(buf);
}

/// `v` / 10^`decimals` as the shortest exact decimal: (28800000, 3) -> "28800",
/// (1500, 3) -> "1.5", (1, 3) -> "0.001".
inline void append_exact_scaled(fmt::memory_buffer& buf, ExactSum v, int decimals) {
    // Times fit in 64 bits: that path is several times faster than 128-bit arithmetic, and
    // reports print millions of them.
    constexpr std::int64_t kLimit = std::int64_t{1} << 62;
    if (v > -kLimit && v < kLimit && decimals <= 9) {
        const auto x = static_cast<std::int64_t>(v);
        std::int64_t scale64 = 1;
        for (int i = 0; i < decimals; ++i) {
            scale64 *= 10;
        }
        const std::uint64_t a =
            x < 0 ? static_cast<std::uint64_t>(-x) : static_cast<std::uint64_t>(x);
        if (x < 0) {
            buf.push_back('-');
        }
        fmt::format_to(std::back_inserter(buf), FMT_COMPILE("{}"),
                       a / static_cast<std::uint64_t>(scale64));
        std::uint64_t f = a % static_cast<std::uint64_t>(scale64);
        if (f == 0) {
            return;
        }
        int n = decimals;
        while (f % 10 == 0) {
            f /= 10;
            --n;
        }
        std::array<char, 16> text{};
        for (int i = n - 1; i >= 0; --i) {
            text[static_cast<std::size_t>(i)] = static_cast<char>('0' + static_cast<int>(f % 10));
            f /= 10;
        }
        buf.push_back('.');
        buf.append(text.data(), text.data() + n);
        return;
    }
    ExactSum scale = 1;
    for (int i = 0; i < decimals; ++i) {
        scale *= 10;
    }
    const bool negative = v < 0;
    // Whole part and fraction of |v| without overflowing on the most negative value.
    ExactSum whole = v / scale;
    ExactSum fraction = v % scale;
    if (negative) {
        whole = -whole;
        fraction = -fraction;
        buf.push_back('-');
    }
    append_exact(buf, whole);
    if (fraction == 0) {
        return;
    }
    int digits = decimals;
    while (fraction % 10 == 0) {
        fraction /= 10;
        --digits;
    }
    buf.push_back('.');
    std::array<char, 40> text{};
    for (int i = digits - 1; i >= 0; --i) {
        text[static_cast<std::size_t>(i)] =
            static_cast<char>('0' + static_cast<int>(fraction % 10));
        fraction /= 10;
    }
    buf.append(text.data(), text.data() + digits);
}

/// Milliseconds as exact seconds: 1500 -> "1.5".
inline void append_seconds_ms(fmt::memory_buffer& buf, std::int64_t ms) {
    append_exact_scaled(buf, ms, 3);
}

/// Micro-seconds as exact seconds: 2500000 -> "2.5".
inline void append_seconds_us(fmt::memory_buffer& buf, ExactSum us) {
    append_exact_scaled(buf, us, 6);
}

inline std::string seconds_ms_text(std::int64_t ms) {
    fmt::memory_buffer buf;
    append_seconds_ms(buf, ms);
    return fmt::to_string(buf);
}

} // namespace smartkpi::detail
