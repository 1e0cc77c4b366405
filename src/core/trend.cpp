// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/trend.hpp>

namespace smartkpi {

std::string_view to_string(Trend trend) {
    switch (trend) {
    case Trend::higher_is_better:
        return "higher_is_better";
    case Trend::lower_is_better:
        return "lower_is_better";
    case Trend::none:
        return "none";
    }
    return "none";
}

} // namespace smartkpi
