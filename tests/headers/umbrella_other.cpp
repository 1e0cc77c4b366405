// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/smartkpi.hpp>

#include <string_view>

namespace smartkpi::header_check {

std::string_view other_translation_unit();

std::string_view other_translation_unit() {
    return version();
}

} // namespace smartkpi::header_check
