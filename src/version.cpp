// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/version.hpp>

namespace smartkpi {

std::string_view version() {
    return SMARTKPI_VERSION_STRING;
}

} // namespace smartkpi
