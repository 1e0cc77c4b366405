// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// `smartkpi energy decompose`: LMDI-I activity / structure / intensity decomposition of the
// change in energy or CO2 between two period files, or between the baseline and the upgraded
// figures of an impact report (conventions §35).
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/io/impact_report_input.hpp>
#include <smartkpi/report/decomposition_report.hpp>

#include <fmt/format.h>

#include <array>
#include <memory>

namespace smartkpi::cli {

namespace {

struct DecomposeOptions {
    std::string from;
    std::string to;
    std::string impact;
    std::string by = "sector";
    std::string quantity = "energy";
    DatasetOptions dataset;
    OutputOptions output;
};

// Options that say how to convert the data of period files; an impact report carries figures
// that were converted already.
constexpr std::array kConversionOptions{"--input-format",
                                        "--currency",
                                        "--electricity-basis",
                                        "--electricity-equivalent",
                                        "--electricity-equivalent-year",
                                        "--electricity-equivalent-source",
                                        "--grid-factors",
                                        "--coefficients",
                                        "--fx"};

Dataset load_period(const DecomposeOptions& o, const std::string& path, Context& ctx) {
    DatasetOptions d = o.dataset;
    d.data = path;
    return load_dataset(d, ctx);
}

void run_decompose(const DecomposeOptions& o, Context& ctx, const CLI::App& cmd) {
    const Format format = parse_format(o.output.format);
    DecompositionOptions options;
    options.grouping = parse_decomposition_grouping(o.by);
    options.quantity = parse_decomposed_quantity(o.quantity);
    DecompositionSources sources;
    EnergyDecomposition result;
    const auto write_report = [&] {
        OutputFile output(o.output.output, ctx.out);
        const auto warnings = write_decomposition_report(output.stream(), format, result, sources);
        output.commit();
        print_warnings(ctx.err, warnings);
    };
    if (!o.impact.empty()) {
        if (!o.from.empty() || !o.to.empty()) {
            throw UsageError("give either --from and --to (two period files) or --impact (an "
                             "impact report), not both");
        }
        for (const char* name : kConversionOptions) {
            if (cmd.count(name) > 0) {
                throw UsageError(fmt::format("{} applies to period files: an impact report "
                                             "carries converted figures",
                                             name));
            }
        }
        const ImpactReportPeriods periods =
            read_impact_report_periods(read_input(o.impact, o.dataset.encoding, ctx), o.impact);
        sources.impact = true;
        sources.scenario = periods.scenario;
        sources.hold = periods.hold;
        sources.uncovered = periods.uncovered;
        result = decompose_energy(periods.baseline, periods.upgraded, options);
        write_report();
        return;
    }
    if (o.from.empty() || o.to.empty()) {
        throw UsageError("give --from and --to (two period files), or --impact (an impact "
                         "report)");
    }
    if (o.from == "-" && o.to == "-") {
        throw UsageError("--from and --to cannot both read standard input");
    }
    const Currency currency = [&] {
        try {
            return Currency(o.dataset.currency);
        } catch (const UnitError& e) {
            throw UsageError("--currency: " + e.message());
        }
    }();
    const Dataset from = load_period(o, o.from, ctx);
    const Dataset to = load_period(o, o.to, ctx);
    sources.coefficients_from = &from.coefficients;
    sources.coefficients_to = &to.coefficients;
    sources.fx_from = &from.fx;
    sources.fx_to = &to.fx;
    result = decompose_energy(decomposition_period(from, currency),
                              decomposition_period(to, currency), options);
    write_report();
}

} // namespace

void add_energy_decompose_command(CLI::App& energy, Context& ctx) {
    auto opts = std::make_shared<DecomposeOptions>();
    CLI::App* cmd = energy.add_subcommand(
        "decompose", "LMDI-I decomposition of the change in energy or CO2 between two periods "
                     "into activity, structure and intensity effects");
    cmd->add_option("--from", opts->from,
                    "Factory data of the first period, JSON or CSV (data/schema/"
                    "dataset.schema.json; '-' = standard input)");
    cmd->add_option("--to", opts->to, "Factory data of the second period, JSON or CSV");
    cmd->add_option("--impact", opts->impact,
                    "An impact report (smartkpi impact --format json): decompose its baseline -> "
                    "upgraded change instead of two period files");
    add_choice_option(*cmd, "--by", opts->by,
                      "Groups of the structure effect: sector, region or factory",
                      {"sector", "region", "factory"});
    add_choice_option(*cmd, "--quantity", opts->quantity,
                      "What to decompose: energy (tce, GB/T 2589) or co2 (t)", {"energy", "co2"});
    add_dataset_options(*cmd, opts->dataset, "unused");
    // The periods are --from and --to; the shared options' --data has no meaning here.
    cmd->remove_option(cmd->get_option("--data"));
    cmd->get_option("--input-format")
        ->description("Format of --from and --to: auto (by extension), json or csv");
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx, cmd] { run_decompose(*opts, ctx, *cmd); });
}

} // namespace smartkpi::cli
