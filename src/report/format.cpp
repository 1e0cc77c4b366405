// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/report/format.hpp>

#include <fmt/format.h>

namespace smartkpi {

std::string_view to_string(Format format) {
    switch (format) {
    case Format::table:
        return "table";
    case Format::json:
        return "json";
    case Format::csv:
        return "csv";
    case Format::markdown:
        return "markdown";
    }
    return "?";
}

Format parse_format(std::string_view name) {
    if (name == "table") {
        return Format::table;
    }
    if (name == "json") {
        return Format::json;
    }
    if (name == "csv") {
        return Format::csv;
    }
    if (name == "markdown" || name == "md") {
        return Format::markdown;
    }
    throw UsageError(
        fmt::format("unknown format \"{}\"; accepted: table, json, csv, markdown", name));
}

} // namespace smartkpi
