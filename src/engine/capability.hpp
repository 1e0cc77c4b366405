// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the capability and performance indices (ISO 22400-2 KPIs 19–22 and the
// extras Pp/Ppk) of pooled measurement sets, used by the KPI engine.
#pragma once

#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <cstddef>
#include <span>

namespace smartkpi::detail {

/// d2(2) = 2/√π: expected range of two independent standard normal values, the divisor of the
/// mean moving range for individual values (reference iso22400-oee.md §5.1).
inline constexpr double kD2Of2 = 1.1283791670955126;

/// The unbiasing constant c4(m) = √(2/(m−1))·Γ(m/2)/Γ((m−1)/2) of a subgroup standard
/// deviation with divisor m − 1, for m ≥ 2 (exact formula via lgamma, so any subgroup size
/// works, not only the tabulated ones).
double c4(std::size_t m);

/// The six indices of one group; each is available, not available (a specification limit
/// is missing, named) or undefined (with the reason).
struct CapabilityIndices {
    KpiValue cm, cmk, cp, cpk, pp, ppk;
};

/// Pools the measurement sets of a group's units. They must share usl, lsl and
/// subgroup_size; otherwise every index is undefined ("units differ in specification
/// limits" / "units differ in subgroup sizes").
///
///   Cm  = (USL − LSL)/(6s),  Cmk = min(USL − x̄, x̄ − LSL)/(3s)      s: all individual values
///   Cp  = (USL − LSL)/(6σ̂),  Cpk = min(USL − x̿, x̿ − LSL)/(3σ̂)      σ̂: within subgroups
///   Pp  = (USL − LSL)/(6s),  Ppk = min(USL − x̄, x̄ − LSL)/(3s)      s: all individual values
///
/// s uses `divisor` (n − 1 by default, n per the ISO 22400-2 note). σ̂ = s̄/c4(m) for
/// subgroups of m ≥ 2 and MR̄/d2(2) for individual values (m = 1), where moving ranges are
/// taken inside each set only. Subgroups never span two sets, so a set whose value count is
/// not a multiple of m leaves Cp/Cpk undefined. With only one limit, the two-sided indices
/// are not available (missing "lsl" or "usl") and the critical ones use the given side.
CapabilityIndices capability_indices(std::span<const Measurements* const> sets,
                                     KpiOptions::VarianceDivisor divisor);

} // namespace smartkpi::detail
