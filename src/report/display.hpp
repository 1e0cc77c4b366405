// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: how numbers look in the human formats (table, Markdown). Machine formats
// never round (conventions §4); these do, and every report says so in its head.
#pragma once

#include <smartkpi/core/value.hpp>
#include <smartkpi/report/format.hpp>
#include <smartkpi/report/text_table.hpp>

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

// The layout the table and Markdown reports share: a title, "## " sections in Markdown (a
// blank line and the bare text in a table), and bullet lists.

/// The report's title: "# text" in Markdown.
void write_title(std::ostream& out, Format format, std::string_view text);
/// A section heading; `level` is the number of '#' in Markdown.
void write_heading(std::ostream& out, Format format, std::string_view text, int level = 2);
/// "- " in Markdown, an indent in a table.
std::string_view list_bullet(Format format);
void write_bullets(std::ostream& out, Format format, const std::vector<std::string>& items);
/// Right-aligned columns, for numbers.
void add_number_columns(TextTable& t, std::initializer_list<std::string_view> headers);

} // namespace smartkpi::detail
