// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/energy_series.hpp>

// Placeholder: filled in by issue 5's work.
