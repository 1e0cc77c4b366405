// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// One fitted coefficient with its standard error, t-value and two-sided p-value (Student t
/// with n - p degrees of freedom). Standard error, t and p are NaN-free: when the fit cannot
/// support inference (LinearFit::has_inference() is false: no residual degree of freedom, or
/// a perfect fit) they hold the placeholders std_error = 0, t_value = 0, p_value = 1, which
/// the caller reports as undefined.
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
    double f_statistic = 0;     ///< overall F test of the slopes (0: no slope or no inference)
    double f_p_value = 1;       ///< upper tail of F(p - 1, n - p); F(p, n - p) without intercept
    bool weighted = false;
    /// The residuals are at rounding level (sqrt(sse) <= 1e-12 * sqrt(sum w y^2)): the data
    /// lie exactly on the model, so no residual variance can be estimated.
    bool perfect_fit = false;

    [[nodiscard]] std::size_t dof() const noexcept { return n > p ? n - p : 0; }
    /// True when standard errors, t, p and the F test mean something: dof() > 0 and not a
    /// perfect fit. When false they hold placeholders (0, 0, 1; F = 0, its p = 1) that
    /// reports must show as undefined, never as numbers.
    [[nodiscard]] bool has_inference() const noexcept { return dof() > 0 && !perfect_fit; }
};

/// A design matrix by columns. `intercept` adds a leading column of ones named "intercept".
struct Design {
    bool intercept = true;
    std::vector<std::string> names;           ///< one per column (without the intercept)
    std::vector<std::vector<double>> columns; ///< columns[k][i]
};

/// Fits y on the design. `weights` (empty = unweighted) must be positive. Throws DataError
/// when there are fewer points than coefficients (n == p is allowed: dof() == 0), when the
/// columns do not match y in length or names repeat, or when the design is rank-deficient (a
/// constant or collinear driver; the message names the first column that is a linear
/// combination of the ones before it). Throws DomainError for a non-finite value or weight
/// and for a weight <= 0.
///
/// Without an intercept, sst and mean_y stay about the (weighted) mean, but the F test is
/// the uncentred one of all p coefficients: F((sum w y^2 - sse) / p, sse / (n - p)).
LinearFit
fit_linear(const Design& design, std::span<const double> y, std::span<const double> weights = {});

/// Two-sided Student t quantile: t such that P(|T| <= t) = confidence, with `dof` degrees of
/// freedom (0 < confidence < 1, dof > 0 and finite; Boost.Math, conventions §34). Throws
/// DomainError otherwise.
double student_t_two_sided(double confidence, double dof);
/// Two-sided p-value P(|T| >= |t|) of a t statistic (t = ±infinity gives 0; NaN throws
/// DomainError).
double student_t_p_value(double t, double dof);
/// Upper-tail p-value P(F >= f) of an F statistic with (d1, d2) degrees of freedom (f >= 0;
/// f = infinity gives 0).
double f_p_value(double f, double d1, double d2);

} // namespace smartkpi
