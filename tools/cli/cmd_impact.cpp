// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/upgrade_impact.hpp>
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
    if (!o.hold.empty()) {
        scenario.hold = parse_hold_rule(o.hold);
    }
    const Dataset dataset = load_dataset(o.dataset, ctx);
    check_currencies(dataset, currency);
    // Only now, with every input read and checked, is the output created.
    OutputFile output(o.output.output, ctx.out);
    ImpactAssessor assessor(std::move(scenario), dataset.coefficients, dataset.fx, currency);
    ImpactReportWriter writer(output.stream(), format, assessor);
    writer.add_all(dataset.factories, assessor, o.threads);
    const auto warnings = assessor.warnings();
    writer.finish(warnings);
    output.commit();
    for (const auto& w : warnings) {
        ctx.err << "smartkpi: warning: " << w << '\n';
    }
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
