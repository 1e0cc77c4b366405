// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: how numbers look in the human formats (table, Markdown). Machine formats
// never round (conventions §4); these do, and every report says so in its head.
#pragma once

#include <smartkpi/core/value.hpp>

#include <string>

namespace smartkpi::detail {

/// Rounded for reading: thousands separated; whole numbers and values from 100 up without
/// decimals, 2 decimals from 1, else 4.
std::string display_number(double v);
/// A fraction as a signed percentage with one decimal: 0.5 -> "+50.0%".
std::string display_change(double fraction);
/// A fraction as a percentage with one decimal: 0.885 -> "88.5%".
std::string display_percent(double fraction);
/// A KPI value for a table cell: the rounded number, "n/a" (missing) or "undefined".
std::string display_value(const KpiValue& v);
/// A relative change for a table cell.
std::string display_change(const KpiValue& v);

} // namespace smartkpi::detail
