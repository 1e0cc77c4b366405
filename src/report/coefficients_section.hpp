// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the "coefficients used" part every energy-related report carries.
#pragma once

#include "report/json_writer.hpp"

#include <smartkpi/core/money.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/report/text_table.hpp>

namespace smartkpi::detail {

/// {"electricity_basis", "grid_factor_set", "tce": {carrier: {value, unit, source, year}},
///  "co2": {carrier: {...}}, "grid": {region: {...}}}
void write_coefficients_json(JsonWriter& w, const Coefficients& c);
/// [{"from", "to", "rate", "source"}]
void write_fx_json(JsonWriter& w, const FxTable& fx);

/// Carrier | kgce per unit | CO2 per unit | source (grid factors as rows "electricity (<region>)").
TextTable coefficients_table(const Coefficients& c);
/// From | To | Rate | Source.
TextTable fx_table(const FxTable& fx);

} // namespace smartkpi::detail
