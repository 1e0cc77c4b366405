// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/report/impact_report.hpp>

#include <memory>

namespace smartkpi::cli {

namespace {

struct ImpactOptions {
    DatasetOptions dataset;
    OutputOptions output;
    std::string scenario;
    std::string hold;
    unsigned threads = 0;
};

// A scenario argument is a file when it looks like a path, else a preset name.
Scenario load_scenario(const ImpactOptions& o, Context& ctx) {
    if (o.scenario.empty()) {
        return preset_scenario(preset_scenario_names().front());
    }
    const bool looks_like_file = o.scenario == "-" || o.scenario.find('/') != std::string::npos ||
                                 o.scenario.find('.') != std::string::npos;
    if (!looks_like_file) {
        return preset_scenario(o.scenario);
    }
    return read_scenario_json(read_input(o.scenario, o.dataset.encoding, ctx), o.scenario);
}

void run_impact(const ImpactOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    const Currency currency = [&] {
        try {
            return Currency(o.dataset.currency);
        } catch (const UnitError& e) {
            throw UsageError("--currency: " + e.message());
        }
    }();
    if (o.scenario == "-" && o.dataset.data == "-") {
        throw UsageError("--scenario and --data cannot both read standard input");
    }
    Scenario scenario = load_scenario(o, ctx);
    std::vector<std::string> warnings;
    if (!o.hold.empty()) {
        scenario.hold = parse_hold_rule(o.hold);
    }
    // `feed` adds the factories; the output file exists only from here, and a failure while
    // feeding removes it (OutputFile).
    const auto write = [&](const Dataset& tables, const auto& feed) {
        OutputFile output(o.output.output, ctx.out);
        ImpactAssessor assessor(std::move(scenario), tables.coefficients, tables.fx, currency);
        ImpactReportWriter writer(output.stream(), format, assessor);
        feed(writer, assessor);
        warnings = assessor.warnings();
        writer.finish(warnings);
        output.commit();
    };
    if (o.dataset.data.empty()) {
        const Dataset dataset = load_dataset(o.dataset, ctx);
        check_currencies(dataset, currency);
        write(dataset, [&](ImpactReportWriter& writer, ImpactAssessor& assessor) {
            writer.add_all(dataset.factories, assessor, o.threads);
        });
    } else {
        // Large files: the header first (coefficients and FX may follow the factories), then
        // the factories are read on one thread while the others assess, format and write.
        const std::string text = read_input(o.dataset.data, o.dataset.encoding, ctx);
        const bool csv = is_csv(o.dataset.data, o.dataset.input_format);
        Dataset header;
        if (csv) {
            header.source = o.dataset.data;
            header.tabular = true;
        } else {
            header = read_dataset_header_json(text, o.dataset.data);
        }
        apply_dataset_overrides(o.dataset, ctx, header);
        constexpr std::size_t kChunk = 4096;
        const auto produce = [&](const auto& sink) {
            const FactorySink checked = [&](std::vector<Factory>&& chunk) {
                check_currencies(header, chunk, currency);
                sink(std::move(chunk));
            };
            if (csv) {
                read_dataset_factories_csv(text, o.dataset.data, kChunk, checked);
            } else {
                read_dataset_factories_json(text, o.dataset.data, kChunk, checked);
            }
        };
        write(header, [&](ImpactReportWriter& writer, ImpactAssessor& assessor) {
            writer.add_streamed(produce, assessor, o.threads);
        });
    }
    print_warnings(ctx.err, warnings);
}

} // namespace

void add_impact_command(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<ImpactOptions>();
    CLI::App* cmd = app.add_subcommand(
        "impact", "Upgrade impact of a scenario on factories: baseline, upgraded, change, savings");
    add_dataset_options(*cmd, opts->dataset,
                        "Factory data, JSON or CSV ('-' = standard input); default: the bundled "
                        "illustrative dataset");
    cmd->add_option("-s,--scenario", opts->scenario,
                    "Scenario file or preset name; default: shanghai-smart-factory");
    cmd->add_option("--hold", opts->hold, "Override the scenario's hold rule: output or labour")
        ->check(CLI::IsMember({"output", "labour"}));
    cmd->add_option("--threads", opts->threads,
                    "Threads for assessing and formatting (0: one per processor); the report "
                    "does not depend on it")
        ->capture_default_str();
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_impact(*opts, ctx); });
}

} // namespace smartkpi::cli
