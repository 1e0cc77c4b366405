// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/io/energy_series_input.hpp>
#include <smartkpi/report/baseline_chart.hpp>
#include <smartkpi/report/baseline_report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smartkpi::cli {

namespace {

struct BaselineCliOptions {
    std::string data;
    std::string input_format = "auto";
    EncodingOption encoding;
    std::string upgrade_date;
    std::string model = "auto";
    std::vector<std::string> drivers;
    std::string energy_unit;
    bool weighted = false;
    bool per_day = false;
    std::string acceptance;
    std::optional<double> balance_step;
    std::string fsu_method = "g14";
    std::string factory;
    std::string plot;
    bool periods = false;
    unsigned threads = 0;
    OutputOptions output;
};

BaselineOptions engine_options(const BaselineCliOptions& o) {
    BaselineOptions b;
    try {
        b.upgrade = parse_timestamp_ms(o.upgrade_date);
    } catch (const ParseError& e) {
        throw UsageError("--upgrade-date: " + e.message());
    }
    b.model = parse_model_choice(o.model);
    for (const auto& d : o.drivers) {
        if (d.empty()) {
            throw UsageError("--drivers: empty driver name");
        }
        b.drivers.push_back(d);
    }
    b.weighted = o.weighted;
    b.per_day = o.per_day;
    if (!o.acceptance.empty()) {
        b.acceptance = find_acceptance_preset(o.acceptance).name;
    }
    if (o.balance_step) {
        if (!(*o.balance_step > 0) || !std::isfinite(*o.balance_step)) {
            throw UsageError("--balance-step: must be a positive number of °C");
        }
        b.balance_step = *o.balance_step;
    }
    b.fsu_method = o.fsu_method == "g14" ? FsuMethod::g14 : FsuMethod::sun_baltazar;
    return b;
}

/// Keeps only the factory `id` asks for; DataError naming a few that exist otherwise.
void select_factory(std::vector<EnergySeries>& series,
                    const std::string& id,
                    const std::string& source) {
    const auto it = std::find_if(series.begin(), series.end(),
                                 [&](const EnergySeries& s) { return s.factory == id; });
    if (it == series.end()) {
        if (series.empty() || series.front().factory.empty()) {
            throw DataError(
                fmt::format("--factory {}: {} has no factory column (one factory)", id, source));
        }
        constexpr std::size_t kListed = 5;
        std::string ids;
        for (std::size_t i = 0; i < series.size() && i < kListed; ++i) {
            ids += fmt::format("{}{}", i == 0 ? "" : ", ", series[i].factory);
        }
        if (series.size() > kListed) {
            ids += fmt::format(", ... ({} in all)", series.size());
        }
        throw DataError(
            fmt::format("--factory {}: no such factory in {}; it has: {}", id, source, ids));
    }
    EnergySeries kept = std::move(*it);
    series.clear();
    series.push_back(std::move(kept));
}

void run_energy_baseline(const BaselineCliOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    const BaselineOptions options = engine_options(o);
    if (o.plot == "-" && (o.output.output.empty() || o.output.output == "-")) {
        throw UsageError("--plot -: the report already goes to standard output; give --output");
    }
    EnergySeriesReadOptions read;
    if (!o.energy_unit.empty()) {
        read.energy_unit = o.energy_unit;
        read.energy_unit_given = true;
    }
    const std::string text = read_input(o.data, o.encoding, ctx);
    EnergySeriesSet set = is_csv(o.data, o.input_format)
                              ? read_energy_series_csv(text, o.data, read)
                              : read_energy_series_json(text, o.data, read);
    if (!o.factory.empty()) {
        select_factory(set.series, o.factory, o.data);
    }
    if (!o.plot.empty() && set.series.size() != 1) {
        throw UsageError(fmt::format("--plot charts one factory and {} has {}; choose one with "
                                     "--factory",
                                     o.data, set.series.size()));
    }
    const std::vector<BaselineResult> results = fit_baselines(set.series, options, o.threads);

    BaselineReportOptions report;
    report.source = o.data;
    report.series = set.series;
    report.periods = o.periods;
    report.warnings = std::move(set.warnings);
    // Both files appear together or not at all: each is renamed into place only at commit.
    OutputFile output(o.output.output, ctx.out);
    std::optional<OutputFile> plot;
    if (!o.plot.empty()) {
        plot.emplace(o.plot, ctx.out);
        write_baseline_svg(plot->stream(), set.series.front(), results.front());
    }
    write_baseline_report(output.stream(), format, results, report);
    if (plot) {
        plot->commit();
    }
    output.commit();
    print_warnings(ctx.err, baseline_report_warnings(results, report));
}

} // namespace

void add_energy_baseline_command(CLI::App& energy, Context& ctx) {
    auto opts = std::make_shared<BaselineCliOptions>();
    CLI::App* cmd = energy.add_subcommand(
        "baseline", "Statistical energy baseline (IPMVP Option C, ASHRAE Guideline 14): model, "
                    "fit statistics and verdict, avoided energy with its uncertainty, EnPIs");
    cmd->add_option("-d,--data", opts->data,
                    "Energy series, CSV or JSON ('-' = standard input): start,end,energy plus "
                    "drivers (production, hdd, cdd, temperature_c, ...), optional factory column")
        ->required();
    add_data_format_options(*cmd, opts->input_format, opts->encoding);
    cmd->add_option("--upgrade-date", opts->upgrade_date,
                    "Date (or date-time) of the upgrade: periods before it form the baseline, "
                    "periods from it the reporting period")
        ->required();
    add_choice_option(*cmd, "--model", opts->model,
                      "Model form: auto (select by adjusted R² among passing models), ols, 3pc, "
                      "3ph, 4p, 5p",
                      {"auto", "ols", "3pc", "3ph", "4p", "5p"});
    cmd->add_option("--drivers", opts->drivers,
                    "Comma-separated driver columns entering linearly; default: production, "
                    "hdd and cdd, those the data have (no hdd/cdd with change-point models)")
        ->delimiter(',');
    cmd->add_option("--energy-unit", opts->energy_unit,
                    "Unit of the energy column when the header names none (kWh, MWh, GJ, tce, "
                    "...); a header naming another unit is an error; default: kWh");
    cmd->add_flag("--weighted", opts->weighted,
                  "Weighted least squares, weight = period length in days");
    cmd->add_flag("--per-day", opts->per_day,
                  "Model energy per day of each period (weighted by days), for billing periods of "
                  "unequal length");
    cmd->add_option("--acceptance", opts->acceptance,
                    "Acceptance preset: g14-monthly, g14-hourly, nmec-ca, enpi-sep, caltrack; "
                    "default: by granularity (daily data use g14-hourly, noted)");
    cmd->add_option("--balance-step", opts->balance_step,
                    "Grid step of the balance-point search in °C (default 0.5)");
    add_choice_option(*cmd, "--fsu-method", opts->fsu_method,
                      "Fractional savings uncertainty: g14 (factor 1.26) or sun-baltazar",
                      {"g14", "sun-baltazar"});
    cmd->add_option("--factory", opts->factory,
                    "Only this factory of a file with a factory column");
    cmd->add_option("--plot", opts->plot,
                    "Also write an SVG chart of actual energy vs the baseline model (one "
                    "factory)");
    cmd->add_flag("--periods", opts->periods,
                  "Per-period detail (actual, predicted, baseline|reporting|excluded); in CSV "
                  "instead of the summary rows");
    cmd->add_option("--threads", opts->threads,
                    "Threads for fitting several factories (0: one per processor); the report "
                    "does not depend on it")
        ->capture_default_str();
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_energy_baseline(*opts, ctx); });
}

} // namespace smartkpi::cli
