// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/model/energy_series.hpp>

#include <iosfwd>

namespace smartkpi {

/// Writes a chart of one factory's baseline as a standalone SVG 1.1 document (plain text, no
/// dependency): the metered energy of each period (points joined by a line) against the
/// baseline model over the baseline and the reporting periods (after the upgrade it is the
/// adjusted baseline), the upgrade date as a labelled dashed vertical line, the reporting
/// period shaded, date ticks on the x axis, energy ticks in the series' unit on the y axis, a
/// title with the factory, the model form and the acceptance verdict, and a legend. A
/// missing value leaves a gap in its line. Each period is drawn at its midpoint. The text is
/// deterministic (coordinates with fixed decimals), so a golden file can pin it.
///
/// `result` must come from fitting `series` (its `predicted` has one value per period).
void write_baseline_svg(std::ostream& out,
                        const EnergySeries& series,
                        const BaselineResult& result);

} // namespace smartkpi
