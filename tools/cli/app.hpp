// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace smartkpi::cli {

/// The whole command-line program: parses `args` (without the program name), runs the
/// command, writes only to the given streams, and returns the exit code (0 ok, 64 usage,
/// 65 data, 66 input missing, 70 internal, 73/74 output).
int run(const std::vector<std::string>& args,
        std::istream& in,
        std::ostream& out,
        std::ostream& err);

} // namespace smartkpi::cli
