// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/lmdi.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace smartkpi {

namespace {

// Below this |u| = |a − b|/(a + b) the series truncated after u⁶ is off by less than
// 0.031·u⁸ ≈ 3e-18 of L (energy.md §4.1), so it is exact to the last bit.
constexpr double kSeriesBelow = 1e-2;

bool opposite_signs(double a, double b) {
    return (a < 0 && b > 0) || (a > 0 && b < 0);
}

// Neumaier's compensated sum: closure is checked to 1e-12, and a plain sum of many
// contributions of both signs can lose more than that.
class CompensatedSum {
  public:
    void add(double x) {
        const double t = sum_ + x;
        if (std::fabs(sum_) >= std::fabs(x)) {
            carry_ += (sum_ - t) + x;
        } else {
            carry_ += (x - t) + sum_;
        }
        sum_ = t;
    }
    [[nodiscard]] double value() const { return sum_ + carry_; }

  private:
    double sum_ = 0;
    double carry_ = 0;
};

double positive_logarithmic_mean(double a, double b) {
    if (a == b) {
        return a;
    }
    if (a == 0 || b == 0) {
        return 0;
    }
    const double u = (a - b) / (a + b);
    if (std::fabs(u) < kSeriesBelow) {
        // L = m·u/atanh(u) = m/(1 + u²/3 + u⁴/5 + u⁶/7 + …), expanded (energy.md §4.1).
        const double u2 = u * u;
        const double m = 0.5 * (a + b);
        return m * (1.0 - u2 * (1.0 / 3.0 + u2 * (4.0 / 45.0 + u2 * (44.0 / 945.0))));
    }
    // Within a factor 2, a − b is exact (Sterbenz) and log1p keeps ln(a/b) to an ulp or two;
    // log(a/b) would lose eps/|ln(a/b)| of relative precision just above the series range.
    if (a <= 2 * b && b <= 2 * a) {
        return (a - b) / std::log1p((a - b) / b);
    }
    return (a - b) / std::log(a / b);
}

[[noreturn]] void throw_not_finite(std::string_view what) {
    throw DomainError::not_finite(what, Location{});
}

} // namespace

double logarithmic_mean(double a, double b) {
    if (!std::isfinite(a) || !std::isfinite(b)) {
        throw_not_finite("argument of the logarithmic mean");
    }
    if (opposite_signs(a, b)) {
        throw DomainError(fmt::format("logarithmic mean of {} and {}: the values change sign, "
                                      "so their ratio has no logarithm",
                                      a, b));
    }
    if (a < 0 || b < 0) {
        return -positive_logarithmic_mean(-a, -b);
    }
    return positive_logarithmic_mean(a, b);
}

double lmdi_contribution(double v0, double vt, double x0, double xt) {
    if (opposite_signs(x0, xt) || opposite_signs(v0, vt)) {
        throw DomainError(fmt::format("a value changes sign between the periods ({} -> {}): "
                                      "LMDI needs values of one sign (Ang & Liu 2007)",
                                      v0 != 0 && vt != 0 ? v0 : x0, v0 != 0 && vt != 0 ? vt : xt));
    }
    // Ang, Zhang & Choi (1998) Table 2, as the limits of L(vᵀ, δ)·ln(xᵀ/δ) for δ → 0
    // (energy.md §4.3); cases numbered as in MatthewHeun/LMDIR R/util.R.
    if (v0 == 0 && vt == 0) {
        return 0; // cases 5-8
    }
    if (v0 == 0) {
        return x0 == 0 ? vt : 0.0; // case 1 (the factor that appears), case 3
    }
    if (vt == 0) {
        return xt == 0 ? -v0 : 0.0; // case 2 (the factor that vanishes), case 4
    }
    if (x0 == 0 || xt == 0) {
        throw DomainError(fmt::format("a factor is 0 while the value it multiplies into is not "
                                      "({} -> {}): the factors do not give the value",
                                      v0, vt));
    }
    // A ratio beyond the double range (1e300 / 1e-300) would make the logarithm ±inf; the
    // difference of the logarithms is the same number without the overflow.
    const double ratio = xt / x0;
    const double log_ratio = std::isnormal(ratio) && std::isfinite(ratio)
                                 ? std::log(ratio)
                                 : std::log(std::fabs(xt)) - std::log(std::fabs(x0));
    const double c = logarithmic_mean(vt, v0) * log_ratio;
    if (!std::isfinite(c)) {
        throw DomainError(fmt::format("the contribution L({}, {})·ln({}/{}) is too large to "
                                      "represent as a double",
                                      vt, v0, xt, x0));
    }
    return c;
}

LmdiResult lmdi_decompose(std::span<const LmdiCategory> categories) {
    if (categories.empty()) {
        throw DomainError("nothing to decompose: no sub-categories");
    }
    const std::size_t factors = categories.front().x0.size();
    if (factors == 0) {
        throw UsageError("LMDI needs at least one factor");
    }
    LmdiResult r;
    r.additive.assign(factors, 0.0);
    r.contributions.reserve(categories.size());
    std::vector<CompensatedSum> effect(factors);
    CompensatedSum v0_sum;
    CompensatedSum vt_sum;
    for (const LmdiCategory& c : categories) {
        if (c.x0.size() != factors || c.xt.size() != factors) {
            throw UsageError(fmt::format("sub-category \"{}\" has {} and {} factors, not {}",
                                         c.name, c.x0.size(), c.xt.size(), factors));
        }
        double v0 = 1;
        double vt = 1;
        std::size_t zeros0 = 0;
        std::size_t zerost = 0;
        for (std::size_t k = 0; k < factors; ++k) {
            if (!std::isfinite(c.x0[k]) || !std::isfinite(c.xt[k])) {
                throw DomainError(fmt::format(
                    "sub-category \"{}\": factor {} is not a finite number", c.name, k + 1));
            }
            if (opposite_signs(c.x0[k], c.xt[k])) {
                throw DomainError(fmt::format(
                    "sub-category \"{}\": factor {} changes sign ({} -> {}); LMDI needs values "
                    "of one sign in both periods (Ang & Liu 2007)",
                    c.name, k + 1, c.x0[k], c.xt[k]));
            }
            v0 *= c.x0[k];
            vt *= c.xt[k];
            zeros0 += c.x0[k] == 0 ? 1 : 0;
            zerost += c.xt[k] == 0 ? 1 : 0;
        }
        // With two factors vanishing together the limit depends on how fast each one goes,
        // so Table 2 does not say which takes the change.
        if ((v0 == 0) != (vt == 0) && std::max(zeros0, zerost) > 1) {
            throw DomainError(fmt::format(
                "sub-category \"{}\": {} factors are 0 in period {}; the zero-value limits of "
                "LMDI need exactly one factor that appears or vanishes",
                c.name, std::max(zeros0, zerost), zeros0 > zerost ? "0" : "T"));
        }
        std::vector<double> row(factors);
        for (std::size_t k = 0; k < factors; ++k) {
            try {
                row[k] = lmdi_contribution(v0, vt, c.x0[k], c.xt[k]);
            } catch (const DomainError& e) {
                throw DomainError(fmt::format("sub-category \"{}\": {}", c.name, e.message()));
            }
            effect[k].add(row[k]);
        }
        v0_sum.add(v0);
        vt_sum.add(vt);
        r.contributions.push_back(std::move(row));
    }
    r.v0 = v0_sum.value();
    r.vt = vt_sum.value();
    CompensatedSum total;
    for (std::size_t k = 0; k < factors; ++k) {
        r.additive[k] = effect[k].value();
        total.add(r.additive[k]);
    }
    // Finite terms can still add up to more than the double range; that is the data's
    // magnitude, not a failed closure.
    const bool finite = std::all_of(r.additive.begin(), r.additive.end(),
                                    [](double x) { return std::isfinite(x); });
    if (!finite || !std::isfinite(r.v0) || !std::isfinite(r.vt) || !std::isfinite(total.value())) {
        throw DomainError("the values or their effects add up to more than the double range: "
                          "too large to decompose");
    }
    const double scale = std::max(std::fabs(r.v0), std::fabs(r.vt));
    const double gap = std::fabs(total.value() - r.change());
    // Values near the bottom of the double range round to whole denormals (absolute steps of
    // 4.9e-324), which no relative tolerance covers: a few of them per term are allowed.
    const double denormal_slack = 8 * static_cast<double>(categories.size() * (factors + 1)) *
                                  std::numeric_limits<double>::denorm_min();
    if (gap > kLmdiClosureTolerance * scale + denormal_slack) {
        throw InternalError(fmt::format("LMDI additive effects sum to {} but the change is {} "
                                        "(gap {}, more than {} of {})",
                                        total.value(), r.change(), gap, kLmdiClosureTolerance,
                                        scale));
    }
    if (r.v0 * r.vt > 0) {
        // The link ln D_k = ΔV_k / L(Vᵀ, V⁰) (Ang 2005) makes Π D_k = Vᵀ/V⁰ follow from the
        // additive closure, and applies the zero-value limits inside the exponent too.
        const double weight = logarithmic_mean(r.vt, r.v0);
        std::vector<double> d(factors);
        double log_product = 0;
        for (std::size_t k = 0; k < factors; ++k) {
            const double log_d = r.additive[k] / weight;
            d[k] = std::exp(log_d);
            log_product += log_d;
        }
        const double quotient = r.vt / r.v0;
        const double log_ratio = std::isnormal(quotient) && std::isfinite(quotient)
                                     ? std::log(quotient)
                                     : std::log(std::fabs(r.vt)) - std::log(std::fabs(r.v0));
        const double log_gap = std::fabs(log_product - log_ratio);
        const double allowed =
            kLmdiClosureTolerance * scale / std::fabs(weight) +
            8 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(log_ratio));
        if (log_gap > allowed) {
            throw InternalError(fmt::format("LMDI multiplicative effects multiply to exp({}) but "
                                            "the ratio is exp({})",
                                            log_product, log_ratio));
        }
        // |ln D_k| is at most the largest |ln(xᵀ/x⁰)| of the categories, so D_k overflows
        // only when a factor changes by nearly the whole double range.
        for (std::size_t k = 0; k < factors; ++k) {
            if (!std::isfinite(d[k]) || d[k] == 0) {
                throw DomainError(fmt::format("multiplicative effect {} is exp({}), beyond the "
                                              "double range: a factor changes too much between "
                                              "the periods to decompose",
                                              k + 1, r.additive[k] / weight));
            }
        }
        r.multiplicative = std::move(d);
    }
    return r;
}

} // namespace smartkpi
