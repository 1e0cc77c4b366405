// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace smartkpi {

/// Collects the problems of an input instead of stopping at the first, for `smartkpi validate`.
/// Readers given a Problems record each data error here and go on with the next field or
/// record; a syntax error still ends the reading (nothing after it can be trusted).
class Problems {
  public:
    /// Keeps the first `limit` messages; counts all.
    explicit Problems(std::size_t limit = 1000) : limit_(limit) {}

    void add(const DataError& error);

    [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
    [[nodiscard]] std::size_t count() const noexcept { return count_; }
    /// One line per problem, `file:line:column (pointer): message`, in the order found.
    [[nodiscard]] const std::vector<std::string>& messages() const noexcept { return messages_; }

  private:
    std::size_t limit_;
    std::size_t count_ = 0;
    std::vector<std::string> messages_;
};

} // namespace smartkpi
