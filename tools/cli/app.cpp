// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "app.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "exit_codes.hpp"

#include <smartkpi/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>

namespace smartkpi::cli {

int run(const std::vector<std::string>& args,
        std::istream& in,
        std::ostream& out,
        std::ostream& err) {
    Context ctx{in, out, err};
    CLI::App app{"smartkpi: smart-factory KPI analytics (ISO 22400, energy, upgrade impact)",
                 "smartkpi"};
    app.set_version_flag("--version", std::string("smartkpi ") + std::string(version()));
    app.require_subcommand(1);
    app.fallthrough(false);
    add_impact_command(app, ctx);
    add_consortium_command(app, ctx);
    add_targets_command(app, ctx);
    add_validate_command(app, ctx);
    add_kpi_command(app, ctx);
    add_check_command(app, ctx);
    add_events_command(app, ctx);
    add_energy_command(app, ctx);

    // `smartkpi help [command]` prints the same help as `--help`.
    std::string help_topic;
    CLI::App* help = app.add_subcommand("help", "Show help for smartkpi or one command");
    help->add_option("command", help_topic, "Command to explain");
    help->callback([&] {
        if (help_topic.empty()) {
            throw CLI::CallForHelp();
        }
        CLI::App* sub = nullptr;
        for (CLI::App* s : app.get_subcommands({})) {
            if (s->get_name() == help_topic) {
                sub = s;
            }
        }
        if (sub == nullptr) {
            throw CLI::ValidationError("help", "unknown command '" + help_topic + "'");
        }
        out << sub->help(app.get_name());
    });

    // An unknown first word is named as such (CLI11 would only say a subcommand is required).
    if (!args.empty() && !args.front().empty() && args.front().front() != '-') {
        bool known = false;
        for (CLI::App* s : app.get_subcommands({})) {
            known = known || s->get_name() == args.front();
        }
        if (!known) {
            err << "smartkpi: error: unknown command '" << args.front()
                << "'; commands: impact, consortium, targets, validate, kpi, check, events, "
                   "energy, help\n"
                   "Run 'smartkpi --help' for usage.\n";
            return kExitUsage;
        }
    }
    // CLI11 wants arguments in reverse order.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    const int code = run_guarded(app, out, err, [&] { app.parse(reversed); });
    return code == kExitOk ? ctx.exit_code : code;
}

} // namespace smartkpi::cli
