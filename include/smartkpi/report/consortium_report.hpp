// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/model/consortium.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/report/format.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace smartkpi {

/// Writes the consortium: members with type, region, founding flag, roles and owned
/// factories (named from `factories` when given; unknown ids become warnings), counts by type,
/// and the founding members named vs announced. Returns the report's warnings.
std::vector<std::string> write_consortium_report(std::ostream& out,
                                                 Format format,
                                                 const Consortium& consortium,
                                                 const Dataset* factories = nullptr);

} // namespace smartkpi
