// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the checks every input format applies to a factory record, written once so
// that JSON and CSV input agree on what is valid.
#pragma once

#include <smartkpi/error.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/factory.hpp>

#include <string>
#include <string_view>
#include <unordered_set>

namespace smartkpi::detail {

/// Throws DomainError unless `value` is finite and >= 0; returns it.
double non_negative(double value, std::string_view what, const Location& where);

/// Runs `f`; with `problems`, a DataError it throws is recorded and false returned.
template <class F> bool guarded(Problems* problems, F&& f) {
    if (problems == nullptr) {
        f();
        return true;
    }
    try {
        f();
        return true;
    } catch (const DataError& e) {
        problems->add(e);
        return false;
    }
}

/// Record identity is (id, period) (conventions §14): remembers the keys seen.
class RecordKeys {
  public:
    /// Throws SchemaError::duplicate when the factory's (id, period) was seen before.
    void check(const Factory& factory, const Location& where);

  private:
    std::unordered_set<std::string> seen_;
};

} // namespace smartkpi::detail
