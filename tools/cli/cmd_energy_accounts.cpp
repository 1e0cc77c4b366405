// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/energy_accounts.hpp>
#include <smartkpi/report/energy_accounts_report.hpp>

#include <memory>

namespace smartkpi::cli {

namespace {

struct AccountsOptions {
    DatasetOptions dataset;
    OutputOptions output;
    std::string by = "factory";
};

void run_accounts(const AccountsOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    const AccountsGrouping by = parse_accounts_grouping(o.by);
    const Currency currency = [&] {
        try {
            return Currency(o.dataset.currency);
        } catch (const UnitError& e) {
            throw UsageError("--currency: " + e.message());
        }
    }();
    const Dataset dataset = load_dataset(o.dataset, ctx);
    const EnergyAccounts accounts = compute_energy_accounts(dataset, currency, by);
    OutputFile output(o.output.output, ctx.out);
    write_energy_accounts_report(output.stream(), format, accounts);
    output.commit();
    print_warnings(ctx.err, accounts.warnings);
}

} // namespace

void add_energy_accounts_command(CLI::App& energy, Context& ctx) {
    auto opts = std::make_shared<AccountsOptions>();
    CLI::App* cmd = energy.add_subcommand(
        "accounts", "Energy accounts per factory and period: carriers in native units, tce, GJ, "
                    "CO2, intensities and shares");
    add_dataset_options(*cmd, opts->dataset,
                        "Factory data, JSON or CSV ('-' = standard input); default: the bundled "
                        "illustrative dataset");
    add_choice_option(*cmd, "--by", opts->by,
                      "Roll-up: factory (each record), sector, region (province) or all",
                      {"factory", "sector", "region", "all"});
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_accounts(*opts, ctx); });
}

} // namespace smartkpi::cli
