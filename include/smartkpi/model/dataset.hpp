// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <string>
#include <vector>

namespace smartkpi {

/// A set of factory records together with the coefficient and FX tables it was read with
/// (the defaults, overridden by the file's own `coefficients` and `fx`).
struct Dataset {
    std::string name;
    bool illustrative = false;
    std::string note;
    std::vector<Factory> factories; ///< in input order
    Coefficients coefficients = Coefficients::defaults();
    FxTable fx = FxTable::defaults();
};

} // namespace smartkpi
