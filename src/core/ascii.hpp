// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: locale-free ASCII helpers for identifiers users type in either case
// (element keys "PBT", KPI ids "OEE_INDEX").
#pragma once

#include <algorithm>
#include <string_view>

namespace smartkpi::detail {

/// ASCII case-insensitive equality; bytes outside A-Z compare as they are.
inline bool iequals(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}

} // namespace smartkpi::detail
