// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/problems.hpp>

namespace smartkpi {

void Problems::add(const DataError& error) {
    if (messages_.size() < limit_) {
        messages_.emplace_back(error.what());
    }
    ++count_;
}

} // namespace smartkpi
