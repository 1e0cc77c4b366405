// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <iosfwd>

namespace smartkpi::cli {

/// The streams a command may use; nothing else is global.
struct Context {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

} // namespace smartkpi::cli
