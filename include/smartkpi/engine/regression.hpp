// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// One fitted coefficient with its standard error, t-value and two-sided p-value (Student t
/// with n - p degrees of freedom). Standard error, t and p are NaN-free: with no residual
/// degree of freedom they are reported as undefined by the caller (dof() == 0).
struct CoefficientEstimate {
    std::string name; ///< "intercept" or the driver's name
    double value = 0;
    double std_error = 0;
    double t_value = 0;
    double p_value = 1;
};

/// A least-squares fit y = X b (+ e), solved by column-pivoting Householder QR (never by the
/// normal equations), with the coefficient statistics. Weighted fits minimise sum w e^2.
struct LinearFit {
    std::vector<CoefficientEstimate> coefficients;
    std::vector<double> fitted; ///< X b for every point
    std::size_t n = 0;          ///< points
    std::size_t p = 0;          ///< fitted coefficients, intercept included
    double sse = 0;             ///< sum of (weighted) squared residuals
    double sst = 0;             ///< sum of (weighted) squares about the (weighted) mean
    double mean_y = 0;          ///< (weighted) mean of y
    double f_statistic = 0;     ///< overall F test of the slopes (0 when p < 2)
    double f_p_value = 1;       ///< upper tail of F(p - 1, n - p)
    bool weighted = false;

    [[nodiscard]] std::size_t dof() const noexcept { return n > p ? n - p : 0; }
};

/// A design matrix by columns. `intercept` adds a leading column of ones named "intercept".
struct Design {
    bool intercept = true;
    std::vector<std::string> names;           ///< one per column (without the intercept)
    std::vector<std::vector<double>> columns; ///< columns[k][i]
};

/// Fits y on the design. `weights` (empty = unweighted) must be positive. Throws DataError
/// when there are fewer points than coefficients, or when the design is rank-deficient (a
/// constant or collinear driver; the message names the column QR found dependent).
LinearFit
fit_linear(const Design& design, std::span<const double> y, std::span<const double> weights = {});

/// Two-sided Student t quantile: t such that P(|T| <= t) = confidence, with `dof` degrees of
/// freedom (dof > 0; Boost.Math, conventions §34).
double student_t_two_sided(double confidence, double dof);
/// Two-sided p-value of a t statistic.
double student_t_p_value(double t, double dof);
/// Upper-tail p-value of an F statistic with (d1, d2) degrees of freedom.
double f_p_value(double f, double d1, double d2);

} // namespace smartkpi
