// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/period.hpp>
#include <smartkpi/model/programme_target.hpp>
#include <smartkpi/report/format.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace smartkpi {

/// Writes each programme's progress, remaining count, years left and required rate as of
/// `as_of` (the file's own as_of when empty), and the indicators with their value converted
/// to USD with `fx`. Returns the report's warnings (also written into it), for the caller to
/// repeat on its error stream (conventions §6).
std::vector<std::string> write_targets_report(std::ostream& out,
                                              Format format,
                                              const ProgrammeTargets& targets,
                                              std::optional<Date> as_of,
                                              const FxTable& fx = FxTable::defaults());

} // namespace smartkpi
