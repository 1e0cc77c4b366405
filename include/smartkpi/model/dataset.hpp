// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// A set of factory records together with the coefficient and FX tables it was read with
/// (the defaults, overridden by the file's own `coefficients` and `fx`).
struct Dataset {
    std::string source;   ///< file name the records were read from (for error locations)
    bool tabular = false; ///< read from CSV: locations name columns, not JSON pointers
    std::string name;
    bool illustrative = false;
    std::string note;
    std::vector<Factory> factories; ///< in input order
    Coefficients coefficients = Coefficients::defaults();
    FxTable fx = FxTable::defaults();

    /// The place of `field` ("value_added") of `factory` in the input.
    [[nodiscard]] Location location_of(const Factory& factory, std::string_view field) const;
};

/// Checks that every amount of money in `dataset` can be converted to `reporting` with the
/// dataset's FX table; throws UnitError::no_fx_rate naming the first place that cannot
/// (conventions §11: a factory in an unknown currency is a data error).
void check_currencies(const Dataset& dataset, Currency reporting);
/// The same for `factories` read from `dataset`'s source with its FX table (streamed input).
void check_currencies(const Dataset& dataset,
                      std::span<const Factory> factories,
                      Currency reporting);

} // namespace smartkpi
