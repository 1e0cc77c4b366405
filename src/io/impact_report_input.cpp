// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/io/impact_report_input.hpp>

// Placeholder: filled in by issue 5's work.
