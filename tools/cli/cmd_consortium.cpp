// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/report/consortium_report.hpp>

#include <memory>

namespace smartkpi::cli {

namespace {

struct ConsortiumOptions {
    std::string data;
    std::string factories;
    EncodingOption encoding;
    OutputOptions output;
};

void run_consortium(const ConsortiumOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    const Consortium consortium =
        o.data.empty() ? bundled_consortium()
                       : read_consortium_json(read_input(o.data, o.encoding, ctx), o.data);
    Dataset factories;
    if (o.factories.empty()) {
        factories = bundled_dataset();
    } else {
        const std::string text = read_input(o.factories, o.encoding, ctx);
        factories = is_csv(o.factories, "auto") ? read_dataset_csv(text, o.factories)
                                                : read_dataset_json(text, o.factories);
    }
    OutputFile output(o.output.output, ctx.out);
    const auto warnings = write_consortium_report(output.stream(), format, consortium, &factories);
    output.commit();
    print_warnings(ctx.err, warnings);
}

} // namespace

void add_consortium_command(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<ConsortiumOptions>();
    CLI::App* cmd = app.add_subcommand(
        "consortium", "Members of the consortium, their types, roles and factories");
    cmd->add_option("-d,--data", opts->data,
                    "Consortium JSON file; default: the bundled Yangtze River Delta consortium");
    cmd->add_option("--factories", opts->factories,
                    "Factory dataset used to name owned factories; default: the bundled one");
    add_encoding_option(*cmd, opts->encoding);
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_consortium(*opts, ctx); });
}

} // namespace smartkpi::cli
