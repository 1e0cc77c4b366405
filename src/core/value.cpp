// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/value.hpp>

#include <algorithm>

namespace smartkpi {

KpiValue KpiValue::missing(std::vector<std::string> elements) {
    KpiValue v(Status::not_available, 0);
    std::sort(elements.begin(), elements.end());
    elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
    v.missing_ = std::move(elements);
    return v;
}

KpiValue KpiValue::undefined(std::string reason) {
    KpiValue v(Status::undefined, 0);
    v.reason_ = std::move(reason);
    return v;
}

std::string_view to_string(KpiValue::Status status) {
    switch (status) {
    case KpiValue::Status::available:
        return "available";
    case KpiValue::Status::not_available:
        return "not_available";
    case KpiValue::Status::undefined:
        return "undefined";
    }
    return "undefined";
}

KpiValue ratio(double numerator, double denominator, std::string_view denominator_name) {
    if (denominator == 0) {
        std::string reason = "zero denominator: ";
        reason += denominator_name;
        reason += " = 0";
        return KpiValue::undefined(std::move(reason));
    }
    return KpiValue::of(numerator / denominator);
}

} // namespace smartkpi
