// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Options shared by several commands, defined once (osmium-tool's option mixins).
#pragma once

#include "context.hpp"

#include <smartkpi/io/text_file.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/report/format.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smartkpi::cli {

/// --format, --output.
struct OutputOptions {
    std::string format = "table";
    std::string output;
};
void add_output_options(CLI::App& cmd, OutputOptions& o);

/// --encoding.
struct EncodingOption {
    std::string encoding = "utf8";
};
void add_encoding_option(CLI::App& cmd, EncodingOption& o);

/// An option whose value is one of `choices`, the default shown in the help.
CLI::Option* add_choice_option(CLI::App& cmd,
                               const std::string& name,
                               std::string& value,
                               const std::string& help,
                               const std::vector<std::string>& choices);

/// --input-format (auto, json or csv) of the file named by --data, and --encoding.
void add_data_format_options(CLI::App& cmd, std::string& input_format, EncodingOption& encoding);

/// Reads a named input ("-" = standard input) and decodes it.
std::string read_input(const std::string& path, const EncodingOption& enc, Context& ctx);

/// The factory data and how to interpret them: --data, --input-format, --encoding, --currency,
/// --electricity-basis, --electricity-equivalent[-year|-source], --grid-factors,
/// --coefficients, --fx.
struct DatasetOptions {
    std::string data;
    std::string input_format = "auto";
    EncodingOption encoding;
    std::string currency = "CNY";
    std::string electricity_basis;
    std::optional<double> electricity_equivalent;
    int electricity_equivalent_year = 0;
    std::string electricity_equivalent_source;
    std::string grid_factors;
    std::string coefficients;
    std::string fx;
};
void add_dataset_options(CLI::App& cmd, DatasetOptions& o, std::string_view data_help);

/// Loads the dataset (the bundled one when --data is absent) and applies the overrides.
Dataset load_dataset(const DatasetOptions& o, Context& ctx);
/// Applies --coefficients, --fx, --grid-factors and the electricity options to `ds`.
void apply_dataset_overrides(const DatasetOptions& o, Context& ctx, Dataset& ds);

/// "csv" for *.csv names (and --input-format csv), else "json".
bool is_csv(const std::string& path, const std::string& input_format);

} // namespace smartkpi::cli
