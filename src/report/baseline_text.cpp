// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers

// Placeholder: the table and Markdown writers of the energy baseline report move here.
