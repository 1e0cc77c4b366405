// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <string_view>

namespace smartkpi {

/// Output formats of every report: an aligned terminal table, JSON (stable, documented,
/// unrounded), CSV (one header row, unrounded, no comments) and Markdown (pipe tables).
enum class Format { table, json, csv, markdown };

std::string_view to_string(Format format);
/// Parses "table", "json", "csv", "markdown" (or "md"); throws UsageError otherwise.
Format parse_format(std::string_view name);

} // namespace smartkpi
