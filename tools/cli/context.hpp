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
    /// Exit code of a command that ended normally with a verdict (check: 1 = a rule failed).
    int exit_code = 0;
};

} // namespace smartkpi::cli
