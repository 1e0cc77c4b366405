// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/oee.hpp>

#include <fmt/format.h>

namespace smartkpi {

OeeKpis oee_kpis(const OeeSums& s) {
    OeeKpis k;
    k.availability = ratio(s.apt, s.base, s.base_name);
    k.effectiveness = ratio(s.ideal, s.apt, "apt");
    k.quality_ratio = ratio(s.gq, s.pq, "pq");
    if (!k.availability.available()) {
        k.oee = k.availability;
    } else if (s.ideal == 0 && k.availability.value() >= 0) {
        // Nothing produced in a non-empty base: OEE = PRI·GQ/PBT = 0, although E and QR
        // have zero denominators.
        k.oee = KpiValue::of(0.0);
    } else if (!k.effectiveness.available()) {
        k.oee = k.quality_ratio.available() && k.availability.value() == 0 ? KpiValue::of(0.0)
                                                                           : k.effectiveness;
    } else if (!k.quality_ratio.available()) {
        k.oee = k.quality_ratio;
    } else {
        k.oee = KpiValue::of(k.availability.value() * k.effectiveness.value() *
                             k.quality_ratio.value());
    }
    return k;
}

} // namespace smartkpi
