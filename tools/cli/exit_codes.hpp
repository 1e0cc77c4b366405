// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <functional>
#include <iosfwd>

namespace CLI {
class App;
}

namespace smartkpi::cli {

/// Exit codes (sysexits.h), decided here and nowhere else.
enum ExitCode : int {
    kExitOk = 0,
    kExitGateFailed = 1, ///< smartkpi check: a rule failed (a verdict, not an error)
    kExitUsage = 64,
    kExitData = 65,
    kExitNoInput = 66,
    kExitSoftware = 70,
    kExitCantCreate = 73,
    kExitIo = 74
};

/// Runs `body` and maps whatever it throws to an exit code and one line on `err`
/// ("smartkpi: error: <what>", plus a hint where one helps).
int run_guarded(CLI::App& app,
                std::ostream& out,
                std::ostream& err,
                const std::function<void()>& body);

} // namespace smartkpi::cli
