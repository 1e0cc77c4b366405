// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

// Fitting the candidate forms of a baseline and choosing one (energy.md §2.2, conventions
// §33). Apart from the data set-up so that the selection rules (qualification, acceptance,
// adjusted R²) read in one place, and so that the savings can refit a form on the reporting
// period the same way.

#include "engine/baseline_problem.hpp"

#include <smartkpi/engine/energy_baseline.hpp>

#include <optional>
#include <string>
#include <vector>

namespace smartkpi::detail {

/// Fits one form with given balance points by QR (fit_linear): the fit every reported number
/// comes from (conventions §33). Throws DataError when the design cannot be fitted.
BaselineModel fit_form(const Problem& problem,
                       const Sample& sample,
                       ModelType type,
                       std::optional<double> heating_c,
                       std::optional<double> cooling_c);

/// The chosen model with every candidate's verdict.
struct Selection {
    BaselineModel model;
    std::vector<Candidate> candidates;
    std::string reason;
    std::vector<std::string> warnings;
};

/// Fits the problem's forms on the baseline sample and picks one: among those that pass the
/// acceptance preset, else among the qualified, else among the fitted, the highest adjusted
/// R². Throws DataError when no form can be fitted (or the one requested explicitly cannot).
Selection select_model(const Problem& problem, const Sample& sample);

} // namespace smartkpi::detail
