// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"

#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/work_unit_input.hpp>

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace smartkpi::cli {

namespace {

struct ValidateOptions {
    std::vector<std::string> files;
    std::string type = "auto";
    EncodingOption encoding;
};

/// Checks one file; returns a one-line summary of what it holds. Problems go to `problems`.
std::string
check_file(const std::string& path, const ValidateOptions& o, Problems& problems, Context& ctx) {
    const std::string text = read_input(path, o.encoding, ctx);
    if (o.type == "csv" || (o.type == "auto" && is_csv(path, "auto"))) {
        const Dataset ds = read_dataset_csv(text, path, &problems);
        return fmt::format("dataset (CSV), {} factories", ds.factories.size());
    }
    const InputKind kind =
        o.type == "auto" ? detect_input_kind(text, path) : parse_input_kind(o.type);
    switch (kind) {
    case InputKind::dataset: {
        const Dataset ds = read_dataset_json(text, path, &problems);
        return fmt::format("dataset, {} factories", ds.factories.size());
    }
    case InputKind::scenario: {
        const Scenario s = read_scenario_json(text, path, &problems);
        return fmt::format("scenario \"{}\"", s.name);
    }
    case InputKind::consortium: {
        const Consortium c = read_consortium_json(text, path, &problems);
        return fmt::format("consortium, {} members", c.members.size());
    }
    case InputKind::targets: {
        const ProgrammeTargets t = read_targets_json(text, path, &problems);
        return fmt::format("targets, {} programmes", t.programmes.size());
    }
    case InputKind::coefficients: {
        Coefficients c = Coefficients::defaults();
        read_coefficients_json(text, path, c, &problems);
        return "coefficients";
    }
    case InputKind::fx: {
        FxTable fx;
        read_fx_json(text, path, fx, &problems);
        return fmt::format("exchange rates, {} rate{}", fx.rates().size(),
                           fx.rates().size() == 1 ? "" : "s");
    }
    case InputKind::units: {
        WorkUnitSet set = read_work_units_json(text, path, &problems);
        // Inconsistent elements are errors of `kpi compute` too (without --lenient).
        for (std::string& line : check_work_units(set.units, true)) {
            problems.add(DataError(std::move(line)));
        }
        return fmt::format("work units, {} record{}", set.units.size(),
                           set.units.size() == 1 ? "" : "s");
    }
    }
    return {};
}

void run_validate(const ValidateOptions& o, Context& ctx) {
    std::size_t total = 0;
    std::string first_bad;
    for (const auto& path : o.files) {
        Problems problems;
        std::string summary;
        try {
            summary = check_file(path, o, problems, ctx);
        } catch (const DataError& e) {
            // A syntax error ends the reading of a file; it is still one of its problems.
            problems.add(e);
        }
        for (const auto& line : problems.messages()) {
            ctx.out << line << '\n';
        }
        if (problems.count() > problems.messages().size()) {
            ctx.out << path << ": ... and " << problems.count() - problems.messages().size()
                    << " more problems\n";
        }
        if (problems.empty()) {
            ctx.out << path << ": valid " << summary << '\n';
        } else if (first_bad.empty()) {
            first_bad = path;
        }
        total += problems.count();
    }
    if (total > 0) {
        throw DataError(fmt::format("{} problem{} found{}", total, total == 1 ? "" : "s",
                                    o.files.size() > 1 ? "" : " in " + first_bad));
    }
}

} // namespace

void add_validate_command(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "validate", "Check input files and report every problem found (exit 65 if any)");
    cmd->add_option("files", opts->files, "Files to check ('-' = standard input)")->required();
    cmd->add_option("--type", opts->type,
                    "Kind of input: auto (from \"format\" or the keys), dataset, scenario, "
                    "consortium, targets, coefficients, fx, units, csv")
        ->check(CLI::IsMember({"auto", "dataset", "scenario", "consortium", "targets",
                               "coefficients", "fx", "units", "csv"}))
        ->capture_default_str();
    add_encoding_option(*cmd, opts->encoding);
    cmd->callback([opts, &ctx] { run_validate(*opts, ctx); });
}

} // namespace smartkpi::cli
