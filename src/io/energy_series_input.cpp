// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/energy_series_input.hpp>

// Placeholder: filled in by issue 5's work.
