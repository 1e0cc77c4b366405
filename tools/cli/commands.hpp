// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace smartkpi::cli {

// One file per command (cmd_<name>.cpp); each adds its subcommand and binds its callback.
void add_impact_command(CLI::App& app, Context& ctx);
void add_consortium_command(CLI::App& app, Context& ctx);
void add_targets_command(CLI::App& app, Context& ctx);
void add_validate_command(CLI::App& app, Context& ctx);
void add_kpi_command(CLI::App& app, Context& ctx);
void add_check_command(CLI::App& app, Context& ctx);
void add_events_command(CLI::App& app, Context& ctx);
void add_energy_command(CLI::App& app, Context& ctx);
// `energy` groups subcommands, one file each (cmd_energy_<name>.cpp).
void add_energy_baseline_command(CLI::App& energy, Context& ctx);
void add_energy_decompose_command(CLI::App& energy, Context& ctx);
void add_energy_accounts_command(CLI::App& energy, Context& ctx);

} // namespace smartkpi::cli
