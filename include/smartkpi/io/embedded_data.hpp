// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/model/consortium.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/programme_target.hpp>

#include <string_view>
#include <vector>

namespace smartkpi {

/// The data shipped with smartkpi (data/), compiled into the library so it works from any
/// install prefix. Sources are named "<bundled>/<path>" in error messages.

/// The illustrative Yangtze River Delta dataset (data/datasets/yrd-illustrative.json).
Dataset bundled_dataset();
/// The consortium as announced (data/consortium/yrd-consortium.json).
Consortium bundled_consortium();
/// Shanghai's programme figures (data/targets/shanghai-2025.json).
ProgrammeTargets bundled_targets();

/// Names of the preset scenarios; the first is the default.
std::vector<std::string_view> preset_scenario_names();
/// A preset scenario by name ("shanghai-smart-factory"); UsageError listing the presets
/// when unknown.
Scenario preset_scenario(std::string_view name);
/// The raw JSON text of a preset scenario (for `validate` and documentation).
std::string_view preset_scenario_text(std::string_view name);

} // namespace smartkpi
