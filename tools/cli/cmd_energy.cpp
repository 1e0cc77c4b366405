// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"

namespace smartkpi::cli {

void add_energy_command(CLI::App& app, Context& ctx) {
    CLI::App* energy = app.add_subcommand(
        "energy", "Energy accounts, statistical baselines with savings, and LMDI decomposition");
    energy->require_subcommand(1);
    add_energy_accounts_command(*energy, ctx);
    add_energy_baseline_command(*energy, ctx);
    add_energy_decompose_command(*energy, ctx);
}

} // namespace smartkpi::cli
