// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "core/ascii.hpp"

#include <smartkpi/model/machine_state.hpp>

namespace smartkpi {

namespace {
constexpr std::array<std::string_view, kMachineStateCount> kNames = {"PRODUCING", "SETUP", "DOWN",
                                                                     "PLANNED_STOP", "IDLE"};
} // namespace

std::string_view to_string(MachineState state) noexcept {
    return kNames[static_cast<std::size_t>(state)];
}

std::optional<MachineState> parse_machine_state(std::string_view text) noexcept {
    // Exact upper case first: the hot path of a log reader.
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (text == kNames[i]) {
            return kMachineStates[i];
        }
    }
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (detail::iequals(text, kNames[i])) {
            return kMachineStates[i];
        }
    }
    return std::nullopt;
}

} // namespace smartkpi
