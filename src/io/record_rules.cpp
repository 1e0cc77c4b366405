// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/record_rules.hpp"

#include <cmath>

namespace smartkpi {

void Problems::add(const DataError& error) {
    if (messages_.size() < limit_) {
        messages_.emplace_back(error.what());
    }
    ++count_;
}

namespace detail {

double non_negative(double value, std::string_view what, const Location& where) {
    if (!std::isfinite(value)) {
        throw DomainError::not_finite(what, where);
    }
    if (value < 0) {
        throw DomainError::negative(what, value, where);
    }
    return value;
}

void RecordKeys::check(const Factory& factory, const Location& where) {
    std::string key = factory.id;
    key += '\x1f';
    if (factory.period) {
        key += factory.period->to_string();
    }
    if (!seen_.insert(std::move(key)).second) {
        const std::string what = factory.period ? "factory id and period" : "factory id";
        const std::string value =
            factory.period ? factory.id + " " + factory.period->to_string() : factory.id;
        throw SchemaError::duplicate(what, value, where);
    }
}

} // namespace detail
} // namespace smartkpi
