// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace smartkpi {

/// The state of a machine during one interval of an event log (issue 4). Its time goes to
/// one ISO 22400 element (conventions §26): PRODUCING → APT, SETUP → AUST, DOWN → ADET (the
/// actual unit delay time), IDLE → ADOT (the actual unit down time); PLANNED_STOP is
/// outside the planned busy time PBT = PRODUCING + SETUP + DOWN + IDLE.
enum class MachineState : std::uint8_t { producing, setup, down, planned_stop, idle };

inline constexpr std::size_t kMachineStateCount = 5;

inline constexpr std::array<MachineState, kMachineStateCount> kMachineStates = {
    MachineState::producing, MachineState::setup, MachineState::down, MachineState::planned_stop,
    MachineState::idle};

/// "PRODUCING", "SETUP", "DOWN", "PLANNED_STOP", "IDLE": the names logs use.
std::string_view to_string(MachineState state) noexcept;

/// Reads a state name, ASCII case-insensitive; nullopt when unknown.
std::optional<MachineState> parse_machine_state(std::string_view text) noexcept;

/// True for the states inside the planned busy time.
constexpr bool in_planned_busy_time(MachineState state) noexcept {
    return state != MachineState::planned_stop;
}

} // namespace smartkpi
