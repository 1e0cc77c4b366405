// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/energy_accounts.hpp>
#include <smartkpi/report/format.hpp>

#include <ostream>

namespace smartkpi {

/// Writes the energy accounts (issue 5 §1).
///
/// JSON (data/schema/energy-accounts-report.schema.json, format
/// "smartkpi-energy-accounts-report/1"): {"format", "by", "currency", "electricity_basis",
/// "grid_factor_set", "definitions", "factories" (by factory) | "groups" (by sector or region),
/// "total", "coefficients", "grid_regions", "fx", "warnings"}; every value in the encoding of
/// conventions §1, shares and ratios as fractions, numbers unrounded (conventions §2, §4); each
/// factory's carriers list the coefficients applied with their issuer, year and source.
/// CSV: one row per value: scope,key,period,carrier,figure,value,unit,status,detail,covered,of;
/// then the coefficients (scope "coefficient").
/// Table and Markdown round for reading and say so.
void write_energy_accounts_report(std::ostream& out, Format format, const EnergyAccounts& accounts);

} // namespace smartkpi
