// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: what the engine's tables of figures share, so that every table indexed by
// an enumeration (factory KPIs, energy accounts, upgrade impact, decomposition effects) does
// it one way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace smartkpi::detail {

/// The position of an enumerator in its table (the enumerators count from 0).
template <class Enum> constexpr std::size_t index_of(Enum e) {
    static_assert(std::is_enum_v<Enum>);
    return static_cast<std::size_t>(e);
}

/// A unit pattern with its placeholders filled: "{cur}" by `currency`, "{out}" by
/// `output_unit` ("unit" when unknown): "tce/10^4 {cur}" -> "tce/10^4 CNY".
std::string expand_unit_pattern(std::string_view pattern,
                                std::string_view currency,
                                std::string_view output_unit);

} // namespace smartkpi::detail
