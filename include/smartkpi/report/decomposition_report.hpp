// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/report/format.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace smartkpi {

/// Where the periods of a decomposition came from, for the report to say so.
struct DecompositionSources {
    /// Period files (`--from`, `--to`): the tables their figures were converted with, printed
    /// with issuer and year (conventions §13). Null for an impact report.
    const Coefficients* coefficients_from = nullptr;
    const Coefficients* coefficients_to = nullptr;
    const FxTable* fx_from = nullptr;
    const FxTable* fx_to = nullptr;
    /// An impact report (`--impact`): its scenario, hold rule and uncovered factories.
    bool impact = false;
    std::string scenario;
    std::string hold;
    std::size_t uncovered = 0;
};

/// Writes the decomposition as a table, Markdown, CSV or JSON (format tag
/// "smartkpi-energy-decomposition-report/1", data/schema/energy-decomposition-report.schema.json):
/// totals, additive and multiplicative effects, their shares of the change, the intensity effect
/// in the three readings of energy.md §0 item 7, and each group's contributions (sorted by key).
/// Returns the warnings (the decomposition's and the report's own), also written into it, for
/// the caller to repeat on its error stream (conventions §6).
std::vector<std::string> write_decomposition_report(std::ostream& out,
                                                    Format format,
                                                    const EnergyDecomposition& decomposition,
                                                    const DecompositionSources& sources = {});

} // namespace smartkpi
