// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/value.hpp>

#include <string_view>

namespace smartkpi {

/// The summed elements OEE needs (conventions §20): the availability base (PBT, or POT when
/// planned downtime counts as a loss), APT, the ideal time Σ PRI·PQ, PQ and GQ. Times in
/// one unit (seconds).
struct OeeSums {
    double base = 0;
    double apt = 0;
    double ideal = 0;
    double pq = 0;
    double gq = 0;
    std::string_view base_name = "pbt"; ///< names the base in "zero denominator" reasons
};

/// Availability, effectiveness, quality ratio and OEE of ISO 22400-2 (KPIs 8, 9, 10, 6).
struct OeeKpis {
    KpiValue availability;  ///< APT / base
    KpiValue effectiveness; ///< Σ PRI·PQ / APT (not clamped)
    KpiValue quality_ratio; ///< GQ / PQ
    KpiValue oee;           ///< A × E × QR; 0 when nothing was produced in a non-empty base
};

/// The one place these four are computed: the KPI engine (work units) and the event-log
/// roll-up both call it, so the two can never disagree.
OeeKpis oee_kpis(const OeeSums& sums);

} // namespace smartkpi
