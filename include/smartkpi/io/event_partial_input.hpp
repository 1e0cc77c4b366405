// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/event_rollup.hpp>

#include <string>
#include <string_view>

namespace smartkpi {

/// Reads a partial file written by write_event_partial() (`events kpi --emit-partials`)
/// back into an equal, unclosed table. Errors name the file, line and field: ParseError for
/// broken text, SchemaError for a wrong record, DataError for inconsistent sums.
EventTable read_event_partial(std::string_view text, const std::string& source);

} // namespace smartkpi
