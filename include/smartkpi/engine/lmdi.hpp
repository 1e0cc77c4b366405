// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// LMDI-I index decomposition (Ang, Zhang & Choi 1998; Ang 2005 and 2015 guides): the change of
// an aggregate V = Σᵢ Πₖ xₖ,ᵢ between two periods split into one effect per factor k, additive
// (effects sum to Vᵀ − V⁰) and multiplicative (effects multiply to Vᵀ / V⁰). Zero values use the
// analytical limits of Ang, Zhang & Choi (1998) Table 2, not a small-number substitution
// (Wood & Lenzen 2006). reference: energy.md §4.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// The logarithmic mean L(a, b) = (a − b) / ln(a / b), with L(a, a) = a and L(a, 0) =
/// L(0, b) = 0. Near-equal arguments use the series m·(1 − u²/3 − 4u⁴/45 − 44u⁶/945) with
/// m = (a + b)/2, u = (a − b)/(a + b), where the quotient form loses digits (log1p within a
/// factor 2, so that every branch keeps a few ulps). A pair of negative
/// numbers gives −L(−a, −b) (Ang & Liu 2007). Throws DomainError for a sign change or a
/// non-finite argument.
[[nodiscard]] double logarithmic_mean(double a, double b);

/// The LMDI-I contribution of one sub-category to one factor's effect:
/// L(vᵀ, v⁰)·ln(xᵀ / x⁰), or its limit where a value is zero (Ang, Zhang & Choi 1998 Table 2):
/// the factor that appears (v⁰ = x⁰ = 0 < vᵀ, xᵀ) contributes vᵀ, the factor that vanishes
/// (vᵀ = xᵀ = 0 < v⁰, x⁰) contributes −v⁰, and every other pattern with a zero contributes 0.
/// Values must be non-negative, or negative in both periods (then the same formula, with the
/// logarithmic mean of the negative pair). Throws DomainError for a sign change between the
/// periods and for a pattern that no limit covers (a zero factor under a non-zero value).
[[nodiscard]] double lmdi_contribution(double v0, double vt, double x0, double xt);

/// One sub-category of the aggregate: its factor values in period 0 and period T (the same
/// number of factors in both). Its value vᵢ is the product of its factors.
struct LmdiCategory {
    std::string name; ///< named in error messages
    std::vector<double> x0;
    std::vector<double> xt;
};

/// The decomposition of Vᵀ − V⁰ (and Vᵀ / V⁰).
struct LmdiResult {
    double v0 = 0; ///< Σᵢ vᵢ⁰
    double vt = 0; ///< Σᵢ vᵢᵀ
    /// ΔV_k, one per factor; their sum equals vt − v0 (checked to 1e-12 of max(|V⁰|, |Vᵀ|)).
    std::vector<double> additive;
    /// D_k = exp(ΔV_k / L(Vᵀ, V⁰)), one per factor; their product equals Vᵀ / V⁰. Absent when
    /// V⁰ or Vᵀ is 0: the ratio is then 0 or unbounded and has no multiplicative split.
    std::optional<std::vector<double>> multiplicative;
    /// contributions[i][k]: sub-category i's part of ΔV_k.
    std::vector<std::vector<double>> contributions;

    [[nodiscard]] double change() const { return vt - v0; }
};

/// LMDI-I, additive and multiplicative, for any number of factors (at least one). A
/// sub-category whose value appears or vanishes must have exactly one factor that is zero in
/// that period (which factor takes the change is otherwise not determined); categories that are
/// zero in both periods contribute nothing. Throws DomainError naming the category for a sign
/// change, a non-finite value or an undetermined zero, UsageError for malformed input (factor
/// counts that differ), and InternalError if the result does not close.
[[nodiscard]] LmdiResult lmdi_decompose(std::span<const LmdiCategory> categories);

/// Relative tolerance of the closure checks: |Σ ΔV_k − ΔV| ≤ kLmdiClosureTolerance ·
/// max(|V⁰|, |Vᵀ|), and the same for ln Π D_k against ln(Vᵀ/V⁰).
inline constexpr double kLmdiClosureTolerance = 1e-12;

} // namespace smartkpi
