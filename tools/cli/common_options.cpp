// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "common_options.hpp"

#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>

#include <fmt/format.h>

#include <istream>
#include <iterator>

namespace smartkpi::cli {

void add_output_options(CLI::App& cmd, OutputOptions& o) {
    add_choice_option(cmd, "-f,--format", o.format, "Output format: table, json, csv, markdown",
                      {"table", "json", "csv", "markdown", "md"});
    cmd.add_option("-o,--output", o.output,
                   "Write to FILE (atomically: a failed run leaves no file) instead of "
                   "standard output");
}

void add_encoding_option(CLI::App& cmd, EncodingOption& o) {
    add_choice_option(cmd, "--encoding", o.encoding, "Text encoding of the inputs: utf8 or gbk",
                      {"utf8", "utf-8", "gbk", "UTF8", "UTF-8", "GBK"});
}

CLI::Option* add_choice_option(CLI::App& cmd,
                               const std::string& name,
                               std::string& value,
                               const std::string& help,
                               const std::vector<std::string>& choices) {
    return cmd.add_option(name, value, help)->check(CLI::IsMember(choices))->capture_default_str();
}

void add_data_format_options(CLI::App& cmd, std::string& input_format, EncodingOption& encoding) {
    add_choice_option(cmd, "--input-format", input_format,
                      "Format of --data: auto (by extension), json or csv",
                      {"auto", "json", "csv"});
    add_encoding_option(cmd, encoding);
}

std::string read_input(const std::string& path, const EncodingOption& enc, Context& ctx) {
    const Encoding encoding = parse_encoding(enc.encoding);
    if (path == "-") {
        std::string raw((std::istreambuf_iterator<char>(ctx.in)), std::istreambuf_iterator<char>());
        return decode_text(std::move(raw), encoding, "-");
    }
    return read_text_file(path, encoding);
}

bool is_csv(const std::string& path, const std::string& input_format) {
    if (input_format == "csv") {
        return true;
    }
    if (input_format == "json") {
        return false;
    }
    return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
}

void add_dataset_options(CLI::App& cmd, DatasetOptions& o, std::string_view data_help) {
    cmd.add_option("-d,--data", o.data, std::string(data_help));
    add_data_format_options(cmd, o.input_format, o.encoding);
    cmd.add_option("--currency", o.currency, "Reporting currency (ISO 4217)")
        ->capture_default_str();
    cmd.add_option("--electricity-basis", o.electricity_basis,
                   "Electricity to standard coal: calorific (0.1229 kgce/kWh, GB/T 2589-2020) "
                   "or equivalent (needs --electricity-equivalent)")
        ->check(CLI::IsMember({"calorific", "equivalent"}));
    cmd.add_option("--electricity-equivalent", o.electricity_equivalent,
                   "Equal-value electricity coefficient in kgce/kWh (previous year's generation "
                   "coal rate); give its year and source too");
    cmd.add_option("--electricity-equivalent-year", o.electricity_equivalent_year,
                   "Data year of --electricity-equivalent");
    cmd.add_option("--electricity-equivalent-source", o.electricity_equivalent_source,
                   "Source of --electricity-equivalent");
    cmd.add_option("--grid-factors", o.grid_factors,
                   "Electricity CO2 factor set: mee-nbs-2022 (default), mee-nbs-2021, "
                   "mee-nbs-2023 or shanghai-local");
    cmd.add_option("--coefficients", o.coefficients,
                   "JSON file of coefficient overrides (data/schema/coefficients.schema.json)");
    cmd.add_option("--fx", o.fx, "JSON file of exchange rates (data/schema/fx.schema.json)");
}

Dataset load_dataset(const DatasetOptions& o, Context& ctx) {
    Dataset ds;
    if (o.data.empty()) {
        ds = bundled_dataset();
    } else {
        const std::string text = read_input(o.data, o.encoding, ctx);
        ds = is_csv(o.data, o.input_format) ? read_dataset_csv(text, o.data)
                                            : read_dataset_json(text, o.data);
    }
    apply_dataset_overrides(o, ctx, ds);
    return ds;
}

void apply_dataset_overrides(const DatasetOptions& o, Context& ctx, Dataset& ds) {
    if (!o.coefficients.empty()) {
        read_coefficients_json(read_input(o.coefficients, o.encoding, ctx), o.coefficients,
                               ds.coefficients);
    }
    if (!o.fx.empty()) {
        read_fx_json(read_input(o.fx, o.encoding, ctx), o.fx, ds.fx);
    }
    if (!o.grid_factors.empty()) {
        ds.coefficients.use_grid_factor_set(o.grid_factors);
    }
    if (o.electricity_equivalent) {
        if (*o.electricity_equivalent <= 0 || o.electricity_equivalent_year == 0 ||
            o.electricity_equivalent_source.empty()) {
            throw UsageError("--electricity-equivalent needs a positive value, "
                             "--electricity-equivalent-year and --electricity-equivalent-source "
                             "(it is a dated figure)");
        }
        ds.coefficients.set_equivalent_electricity({*o.electricity_equivalent, "kgce/kWh",
                                                    o.electricity_equivalent_source,
                                                    o.electricity_equivalent_year});
    }
    if (!o.electricity_basis.empty()) {
        ds.coefficients.set_electricity_basis(parse_electricity_basis(o.electricity_basis));
    }
}

} // namespace smartkpi::cli
