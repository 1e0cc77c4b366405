// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/version_config.hpp>

#include <string_view>

namespace smartkpi {

/// The library's version, "major.minor.patch" (from CMake's project version).
std::string_view version();

} // namespace smartkpi
