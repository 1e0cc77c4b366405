// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/consortium.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/programme_target.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// The JSON input formats smartkpi reads (data/schema/<kind>.schema.json).
/// `units` is read by read_work_units_json() (io/work_unit_input.hpp).
enum class InputKind { dataset, scenario, consortium, targets, coefficients, fx, units };

std::string_view to_string(InputKind kind);
/// Parses "dataset", "scenario", ... ; throws UsageError otherwise.
InputKind parse_input_kind(std::string_view name);
/// Guesses the kind of a JSON text from its "format" member ("smartkpi-dataset/1") or, without
/// one, from its top-level keys. Throws DataError when it cannot tell.
InputKind detect_input_kind(std::string_view text, const std::string& source);

/// Reads a dataset (data/schema/dataset.schema.json). The file's own "coefficients" and "fx"
/// override the defaults. Records are read one at a time, so memory stays proportional to the
/// compact records, not to the text. Throws DataError (with file, line, column and JSON
/// pointer) at the first problem, or records every problem in `problems` when given.
Dataset
read_dataset_json(std::string_view text, const std::string& source, Problems* problems = nullptr);

/// Receives factories in input order, a chunk at a time (for streaming large datasets).
using FactorySink = std::function<void(std::vector<Factory>&& chunk)>;

/// Reads a dataset's header: everything but its factories (name, coefficients, fx), whose
/// syntax is still checked. A quick pass: the factories are skipped, not interpreted.
Dataset read_dataset_header_json(std::string_view text, const std::string& source);

/// Reads a dataset's factories in input order and hands them to `sink` in chunks of
/// `chunk_size`, so that they can be processed while the rest is read. Checks as
/// read_dataset_json does; throws at the first problem.
void read_dataset_factories_json(std::string_view text,
                                 const std::string& source,
                                 std::size_t chunk_size,
                                 const FactorySink& sink);

/// Reads a scenario (data/schema/scenario.schema.json).
Scenario
read_scenario_json(std::string_view text, const std::string& source, Problems* problems = nullptr);

/// Reads a consortium description (data/schema/consortium.schema.json).
Consortium read_consortium_json(std::string_view text,
                                const std::string& source,
                                Problems* problems = nullptr);

/// Reads programme targets (data/schema/targets.schema.json).
ProgrammeTargets
read_targets_json(std::string_view text, const std::string& source, Problems* problems = nullptr);

/// Applies a coefficients file (data/schema/coefficients.schema.json) over `coefficients`.
void read_coefficients_json(std::string_view text,
                            const std::string& source,
                            Coefficients& coefficients,
                            Problems* problems = nullptr);

/// Adds the rates of an FX file (data/schema/fx.schema.json) to `fx`.
void read_fx_json(std::string_view text,
                  const std::string& source,
                  FxTable& fx,
                  Problems* problems = nullptr);

} // namespace smartkpi
