// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Uses the installed library through the umbrella header; exits 0 only if the numbers match.
#include <smartkpi/smartkpi.hpp>

#include <cmath>
#include <cstdio>
#include <string>

namespace {

// By hand from data/datasets/yrd-illustrative.csv and the GB/T 2589-2020 coefficients of
// data/README.md: the 11 factories with energy data use 91106.66705 tce; under the preset
// (hold output, energy intensity -13.8 %) each saves 13.8 % of it (conventions §9).
constexpr double kExpectedTce = 91106.66705;
constexpr double kExpectedSaved = 0.138 * kExpectedTce;

bool check(const char* what, const smartkpi::KpiValue& got, double expected) {
    if (!got.available()) {
        std::printf("%s: not available (expected %.17g)  MISMATCH\n", what, expected);
        return false;
    }
    const bool ok = std::fabs(got.value() - expected) <= 1e-9 * std::fabs(expected);
    std::printf("%s = %.17g (expected %.17g)%s\n", what, got.value(), expected,
                ok ? "" : "  MISMATCH");
    return ok;
}

} // namespace

int main() {
    // 1 MWh = 3.6 GJ.
    const double gj = smartkpi::Quantity(42000, smartkpi::find_unit("MWh")).in("GJ");
    const smartkpi::Dataset dataset = smartkpi::bundled_dataset();
    const smartkpi::ImpactResult impact =
        smartkpi::assess_impact(dataset, smartkpi::preset_scenario("shanghai-smart-factory"));
    bool ok = check("42000 MWh in GJ", smartkpi::KpiValue::of(gj), 151200.0);
    ok &= check("baseline energy, tce", impact.totals.baseline(smartkpi::Metric::energy_tce),
                kExpectedTce);
    ok &= check("energy savings, tce", impact.totals.savings(smartkpi::Saving::energy_tce),
                kExpectedSaved);
    std::printf("smartkpi %s: %s\n", std::string(smartkpi::version()).c_str(),
                ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
