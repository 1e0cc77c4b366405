// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/record_rules.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>

namespace smartkpi {

namespace detail {

void rethrow_at(const DataError& error, Location where) {
    if (dynamic_cast<const ParseError*>(&error) != nullptr) {
        throw ParseError(error.message(), std::move(where));
    }
    if (dynamic_cast<const SchemaError*>(&error) != nullptr) {
        throw SchemaError(error.message(), std::move(where));
    }
    if (dynamic_cast<const UnitError*>(&error) != nullptr) {
        throw UnitError(error.message(), std::move(where));
    }
    if (dynamic_cast<const DomainError*>(&error) != nullptr) {
        throw DomainError(error.message(), std::move(where));
    }
    throw DataError(error.message(), std::move(where));
}

double non_negative(double value, std::string_view what, const Location& where) {
    if (!std::isfinite(value)) {
        throw DomainError::not_finite(what, where);
    }
    if (value < 0) {
        throw DomainError::negative(what, value, where);
    }
    return value;
}

namespace {

std::uint64_t identity_hash(const Factory& f) {
    std::uint64_t h = std::hash<std::string_view>{}(f.id);
    if (f.period) {
        // Mix the period's days in (boost::hash_combine's constant, 64-bit).
        for (long days : {f.period->start.days_since_epoch(), f.period->end.days_since_epoch()}) {
            h ^= static_cast<std::uint64_t>(days) + 0x9e3779b97f4a7c15ULL + (h << 6U) + (h >> 2U);
        }
    }
    return h;
}

} // namespace

bool RecordKeys::seen_or_add(const Factory& factory) {
    if ((identities_.size() + 1) * 2 > slots_.size()) {
        grow();
    }
    const std::uint64_t h = identity_hash(factory);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (!slot.used) {
            slot = {h, static_cast<std::uint32_t>(identities_.size()), true};
            identities_.push_back({factory.id, factory.period});
            return false;
        }
        const Identity& seen = identities_[slot.index];
        if (slot.hash == h && seen.id == factory.id && seen.period == factory.period) {
            return true;
        }
    }
}

void RecordKeys::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (s.used) {
            std::size_t i = s.hash & mask;
            while (slots_[i].used) {
                i = (i + 1) & mask;
            }
            slots_[i] = s;
        }
    }
}

SchemaError RecordKeys::duplicate(const Factory& factory, const Location& where) {
    const std::string what = factory.period ? "factory id and period" : "factory id";
    const std::string value =
        factory.period ? factory.id + " " + factory.period->to_string() : factory.id;
    return SchemaError::duplicate(what, value, where);
}

} // namespace detail
} // namespace smartkpi
