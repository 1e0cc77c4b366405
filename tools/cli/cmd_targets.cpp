// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/report/targets_report.hpp>

#include <memory>

namespace smartkpi::cli {

namespace {

struct TargetsOptions {
    std::string data;
    std::string as_of;
    EncodingOption encoding;
    OutputOptions output;
};

void run_targets(const TargetsOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    std::optional<Date> as_of;
    if (!o.as_of.empty()) {
        try {
            as_of = parse_date(o.as_of);
        } catch (const ParseError& e) {
            throw UsageError("--as-of: " + e.message());
        }
    }
    const ProgrammeTargets targets =
        o.data.empty() ? bundled_targets()
                       : read_targets_json(read_input(o.data, o.encoding, ctx), o.data);
    OutputFile output(o.output.output, ctx.out);
    const auto warnings = write_targets_report(output.stream(), format, targets, as_of);
    output.commit();
    print_warnings(ctx.err, warnings);
}

} // namespace

void add_targets_command(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<TargetsOptions>();
    CLI::App* cmd =
        app.add_subcommand("targets", "Progress of smart-factory programmes towards their targets");
    cmd->add_option("-d,--data", opts->data,
                    "Targets JSON file; default: Shanghai's programme figures");
    cmd->add_option("--as-of", opts->as_of,
                    "Date the counts refer to (YYYY-MM-DD); default: the file's as_of");
    add_encoding_option(*cmd, opts->encoding);
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_targets(*opts, ctx); });
}

} // namespace smartkpi::cli
