// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
// Placeholder: filled in by issue 5's work.
