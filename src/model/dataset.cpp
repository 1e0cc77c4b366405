// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/dataset.hpp>

#include <fmt/format.h>

namespace smartkpi {

Location Dataset::location_of(const Factory& factory, std::string_view field) const {
    Location where{source, factory.origin.line, factory.origin.column, {}};
    where.json_pointer =
        tabular ? std::string(field) : fmt::format("/factories/{}/{}", factory.origin.index, field);
    return where;
}

void check_currencies(const Dataset& dataset, Currency reporting) {
    check_currencies(dataset, dataset.factories, reporting);
}

void check_currencies(const Dataset& dataset,
                      std::span<const Factory> factories,
                      Currency reporting) {
    for (const auto& f : factories) {
        for (const auto& [money, field] :
             {std::pair{&f.revenue, "revenue"}, std::pair{&f.value_added, "value_added"},
              std::pair{&f.operating_cost, "operating_cost"}}) {
            if (*money) {
                // Throws with the place of the amount when no rate converts it.
                (void)dataset.fx.rate((*money)->currency, reporting, dataset.location_of(f, field));
            }
        }
    }
}

} // namespace smartkpi
