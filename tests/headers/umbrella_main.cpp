// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The umbrella header in two translation units linked together: a definition in a public
// header that is neither inline nor a template fails to link (multiple definition).
#include <smartkpi/smartkpi.hpp>

#include <cstdio>
#include <string_view>

namespace smartkpi::header_check {
std::string_view other_translation_unit();
} // namespace smartkpi::header_check

int main() {
    const std::string_view version = smartkpi::version();
    const std::string_view other = smartkpi::header_check::other_translation_unit();
    if (version.empty() || other != version) {
        std::fputs("umbrella check: the two translation units disagree\n", stderr);
        return 1;
    }
    std::printf("smartkpi %.*s: umbrella header compiles and links in two translation units\n",
                static_cast<int>(version.size()), version.data());
    return 0;
}
