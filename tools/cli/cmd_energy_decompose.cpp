// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"

namespace smartkpi::cli {

// Placeholder: filled in by issue 5's work.
void add_energy_decompose_command(CLI::App& energy, Context& ctx) {
    (void)ctx;
    energy.add_subcommand("decompose", "(not yet implemented)");
}

} // namespace smartkpi::cli
