// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/io/work_unit_input.hpp>
#include <smartkpi/report/kpi_report.hpp>

#include <memory>

namespace smartkpi::cli {

namespace {

struct ListOptions {
    OutputOptions output;
};

struct ComputeOptions {
    std::string input;
    std::string input_format = "auto";
    EncodingOption encoding;
    std::string by = "unit";
    std::vector<std::string> kpis;
    bool lenient = false;
    std::string planned_downtime = "excluded";
    std::string minor_stops = "performance-loss";
    std::string setup = "availability-loss";
    std::string variance_divisor = "n-1";
    OutputOptions output;
};

void run_list(const ListOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    OutputFile output(o.output.output, ctx.out);
    write_kpi_list(output.stream(), format);
    output.commit();
}

template <class E>
E choose(std::string_view option,
         const std::string& value,
         std::initializer_list<std::pair<std::string_view, E>> choices) {
    std::string accepted;
    for (const auto& [name, e] : choices) {
        if (name == value) {
            return e;
        }
        accepted += accepted.empty() ? "" : ", ";
        accepted += name;
    }
    throw UsageError(std::string(option) + ": unknown value '" + value + "' (expected " + accepted +
                     ")");
}

KpiOptions kpi_options(const ComputeOptions& o) {
    using K = KpiOptions;
    K k;
    k.planned_downtime =
        choose<K::PlannedDowntime>("--planned-downtime", o.planned_downtime,
                                   {{"excluded", K::PlannedDowntime::excluded},
                                    {"availability-loss", K::PlannedDowntime::availability_loss}});
    k.minor_stops =
        choose<K::MinorStops>("--minor-stops", o.minor_stops,
                              {{"performance-loss", K::MinorStops::performance_loss},
                               {"availability-loss", K::MinorStops::availability_loss}});
    k.setup = choose<K::Setup>(
        "--setup", o.setup,
        {{"availability-loss", K::Setup::availability_loss}, {"not-a-loss", K::Setup::not_a_loss}});
    k.variance_divisor = choose<K::VarianceDivisor>(
        "--variance-divisor", o.variance_divisor,
        {{"n-1", K::VarianceDivisor::n_minus_1}, {"n", K::VarianceDivisor::n}});
    return k;
}

std::vector<Kpi> selected_kpis(const std::vector<std::string>& names) {
    std::vector<Kpi> out;
    for (const std::string& name : names) {
        const KpiDefinition* d = find_kpi(name);
        if (d == nullptr) {
            throw UsageError("--kpi: unknown KPI '" + name +
                             "' (`smartkpi kpi list` shows the identifiers)");
        }
        if (std::find(out.begin(), out.end(), d->kpi) == out.end()) {
            out.push_back(d->kpi);
        }
    }
    return out;
}

void run_compute(const ComputeOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    const GroupBy by = parse_group_by(o.by);
    const std::vector<Kpi> which = selected_kpis(o.kpis);
    KpiReportContext report;
    report.input = o.input;
    report.options = kpi_options(o);
    report.lenient = o.lenient;

    const std::string text = read_input(o.input, o.encoding, ctx);
    WorkUnitSet set = is_csv(o.input, o.input_format) ? read_work_units_csv(text, o.input)
                                                      : read_work_units_json(text, o.input);
    report.warnings = check_work_units(set.units, o.lenient);
    const KpiRollup rollup = roll_up(set.units, by, report.options, which, false);

    OutputFile output(o.output.output, ctx.out);
    const auto warnings = write_kpi_report(output.stream(), format, rollup, report);
    output.commit();
    print_warnings(ctx.err, warnings);
}

} // namespace

void add_kpi_command(CLI::App& app, Context& ctx) {
    CLI::App* kpi = app.add_subcommand("kpi", "ISO 22400-2 KPIs: the catalogue and their values");
    kpi->require_subcommand(1);

    auto list = std::make_shared<ListOptions>();
    CLI::App* cmd_list =
        kpi->add_subcommand("list", "Every KPI with its formula, unit, range, trend and inputs");
    add_output_options(*cmd_list, list->output);
    cmd_list->callback([list, &ctx] { run_list(*list, ctx); });

    auto opts = std::make_shared<ComputeOptions>();
    CLI::App* cmd = kpi->add_subcommand(
        "compute", "KPIs per unit, line, site, region or all, from elementary data");
    cmd->add_option("-i,--input", opts->input,
                    "Work units with their ISO 22400-2 elements (JSON or CSV; - for stdin)")
        ->required();
    cmd->add_option("--input-format", opts->input_format, "auto (by file name), json or csv");
    add_encoding_option(*cmd, opts->encoding);
    cmd->add_option("--by", opts->by, "Roll-up level: unit, line, site, region or all")
        ->capture_default_str();
    cmd->add_option("--kpi", opts->kpis,
                    "KPI identifiers to compute (comma-separated); default all")
        ->delimiter(',');
    cmd->add_flag("--lenient", opts->lenient,
                  "Compute despite inconsistent elements, listing them as warnings");
    cmd->add_option("--planned-downtime", opts->planned_downtime,
                    "excluded (ISO, Nakajima: availability over PBT) or availability-loss "
                    "(SMRP: over POT)")
        ->capture_default_str();
    cmd->add_option("--minor-stops", opts->minor_stops,
                    "Loss view: performance-loss (Nakajima) or availability-loss (ISO ADET)")
        ->capture_default_str();
    cmd->add_option("--setup", opts->setup,
                    "Loss view: availability-loss (Nakajima) or not-a-loss (as NEE)")
        ->capture_default_str();
    cmd->add_option("--variance-divisor", opts->variance_divisor,
                    "Variance of individual values: n-1 (sample) or n (ISO note)")
        ->capture_default_str();
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_compute(*opts, ctx); });
}

} // namespace smartkpi::cli
