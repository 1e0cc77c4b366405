// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/report/energy_accounts_report.hpp>

// Placeholder: filled in by issue 5's work.
