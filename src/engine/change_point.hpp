// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

// Balance-point screening for the change-point forms (conventions §33). Only ranks grid
// candidates; the winner of each form is refitted with QR by the caller, and every reported
// number comes from that refit.

#include <smartkpi/engine/energy_baseline.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace smartkpi::detail {

/// The best balance point(s) of one change-point form.
struct ScreenedBalance {
    bool found = false;       ///< some grid candidate satisfies the segment rule
    bool qualified = false;   ///< its screened slopes are > 0 (CalTRACK rule, energy.md §2.2)
    double heating_c = 0;     ///< Th (3ph, 5p) or Tb (4p)
    double cooling_c = 0;     ///< Tc (3pc, 5p) or Tb (4p)
    std::size_t searched = 0; ///< grid candidates (pairs for 5p) that satisfy the segment rule
};

/// Screens every balance point on the grid k·step inside the temperature range that leaves at
/// least `min_points` points on each side (5p: Th < Tc and each outer segment has the minimum).
///
/// How (conventions §33): the linear part (intercept + linear drivers) is fitted once; the
/// points are sorted by temperature and prefix sums of w·z, w·T·z (z = each linear column), of
/// w·e and w·T·e (e = residual of the linear fit) and of w·T² give each hinge column's cross
/// products in O(1). By Frisch–Waugh–Lovell the hinge terms then reduce the SSE by r'S⁻¹r, with
/// r the hinge columns' products with e and S their Gram matrix after projecting out the
/// linear part: a 1×1 or 2×2 system per candidate. Among candidates whose hinge slopes are
/// positive the one with the largest reduction wins; when no candidate has positive slopes, the
/// largest reduction overall (reported as not qualified). Ties keep the lower balance point.
class ChangePointScreen {
  public:
    /// `linear` are the linear driver columns (without the intercept), all of length
    /// temperature.size(); `weights` empty for an unweighted fit.
    ChangePointScreen(std::span<const double> temperature,
                      std::span<const std::span<const double>> linear,
                      std::span<const double> y,
                      std::span<const double> weights,
                      double step,
                      std::size_t min_points);

    /// The intercept and linear drivers are collinear (a constant driver): nothing is screened.
    [[nodiscard]] bool linear_part_singular() const noexcept { return singular_; }

    /// Why the grid was not searched at all because it is too large (a temperature range of
    /// thousands of degrees, from a damaged column or one in the wrong unit); empty otherwise.
    [[nodiscard]] const std::string& grid_too_large() const noexcept { return too_large_; }

    /// Most balance points one form searches: 5p looks at pairs, so the time grows with the
    /// square of the grid. -50 to 50 °C at the finest sensible step (0.01 °C) fits.
    static constexpr double kMaxGrid = 10'000;

    /// Best candidate of a change-point form (not ModelType::ols).
    [[nodiscard]] ScreenedBalance best(ModelType type) const;

  private:
    struct Hinge {
        bool usable = false; ///< the hinge column is not in the span of the linear part
        double s = 0;        ///< its residual sum of squares after the linear part
        double r = 0;        ///< its product with the linear fit's residuals
    };

    std::size_t n_ = 0;
    std::size_t q_ = 0; ///< linear columns incl. intercept
    std::size_t min_points_ = 0;
    bool singular_ = false;
    std::string too_large_;
    std::vector<double> grid_;         ///< balance points k·step, ascending
    std::vector<std::size_t> below_;   ///< points with T < grid value
    std::vector<std::size_t> at_most_; ///< points with T <= grid value
    std::vector<Hinge> heating_;
    std::vector<Hinge> cooling_;
    std::vector<double> heating_u_; ///< L⁻¹ X'W h per grid value, q_ each
    std::vector<double> cooling_u_; ///< L⁻¹ X'W c per grid value, q_ each
};

} // namespace smartkpi::detail
