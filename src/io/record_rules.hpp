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
#include <optional>
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

/// Record identity is (id, period) (conventions §14): remembers the identities seen, in an
/// open-addressing table of (hash, index) pairs, so that 500,000 records cost no allocation
/// beyond a copy of each id, and records can be handed on (streamed) as soon as they are read.
class RecordKeys {
  public:
    /// True when the identity of `factory` was seen before; otherwise remembers it.
    bool seen_or_add(const Factory& factory);

    /// seen_or_add, throwing SchemaError::duplicate at `where()` when the identity was seen.
    template <class Where> void check(const Factory& factory, Where&& where) {
        if (seen_or_add(factory)) {
            throw duplicate(factory, where());
        }
    }

  private:
    struct Identity {
        std::string id;
        std::optional<Period> period;
    };
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = 0;
        bool used = false;
    };

    static SchemaError duplicate(const Factory& factory, const Location& where);
    void grow();

    std::vector<Identity> identities_;
    std::vector<Slot> slots_;
};

} // namespace smartkpi::detail
