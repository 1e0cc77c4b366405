// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the checks every input format applies to a factory record, written once so
// that JSON and CSV input agree on what is valid.
#pragma once

#include <smartkpi/error.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/factory.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

/// Throws `error` again, same type, with `where` as its place.
[[noreturn]] void rethrow_at(const DataError& error, Location where);

/// Throws DomainError unless `value` is finite and >= 0; returns it.
double non_negative(double value, std::string_view what, const Location& where = {});

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

/// Record identity is (id, period) (conventions §14): finds a record whose identity was seen
/// before among the records kept so far. An open-addressing table of (hash, index) pairs: no
/// allocation per record, which matters at 500,000 records.
class RecordKeys {
  public:
    /// The index in `kept` of a record with the identity of `factory`, or -1. When -1 is
    /// returned, `factory` is remembered as the record at index kept.size().
    long find_or_add(const Factory& factory, const std::vector<Factory>& kept);

    /// find_or_add, throwing SchemaError::duplicate at `where()` when the identity was seen.
    template <class Where>
    void check(const Factory& factory, const std::vector<Factory>& kept, Where&& where) {
        if (find_or_add(factory, kept) >= 0) {
            throw duplicate(factory, where());
        }
    }

  private:
    static SchemaError duplicate(const Factory& factory, const Location& where);
    void grow(const std::vector<Factory>& kept);

    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = 0;
        bool used = false;
    };
    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

} // namespace smartkpi::detail
