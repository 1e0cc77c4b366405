// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: text inside XML documents (the SVG chart, the JUnit report).
#pragma once

#include <string>
#include <string_view>

namespace smartkpi::detail {

/// XML 1.0 text: the five entities escaped, other control characters (not allowed) dropped.
inline std::string escape_xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\t':
        case '\n':
        case '\r':
            out += c;
            break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20) {
                out += c;
            }
        }
    }
    return out;
}

} // namespace smartkpi::detail
