// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "app.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    return smartkpi::cli::run(args, std::cin, std::cout, std::cerr);
}
