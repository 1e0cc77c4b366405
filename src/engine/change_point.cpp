// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/change_point.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace smartkpi::detail {

namespace {

// A pivot (or a hinge's leftover sum of squares) below this fraction of its original size
// means the column is, to rounding, a combination of the others.
constexpr double kCollinear = 1e-10;

// In-place Cholesky A = L L' of a q×q row-major matrix (lower triangle used); false when A is
// singular to kCollinear relative to its diagonal.
bool cholesky(std::vector<double>& a, std::size_t q) {
    for (std::size_t j = 0; j < q; ++j) {
        const double original = a[j * q + j];
        double d = original;
        for (std::size_t k = 0; k < j; ++k) {
            d -= a[j * q + k] * a[j * q + k];
        }
        if (!(d > kCollinear * original)) {
            return false;
        }
        const double l = std::sqrt(d);
        a[j * q + j] = l;
        for (std::size_t i = j + 1; i < q; ++i) {
            double v = a[i * q + j];
            for (std::size_t k = 0; k < j; ++k) {
                v -= a[i * q + k] * a[j * q + k];
            }
            a[i * q + j] = v / l;
        }
    }
    return true;
}

// Solves L x = b in place (forward substitution).
void forward(const std::vector<double>& l, std::size_t q, double* b) {
    for (std::size_t i = 0; i < q; ++i) {
        double v = b[i];
        for (std::size_t k = 0; k < i; ++k) {
            v -= l[i * q + k] * b[k];
        }
        b[i] = v / l[i * q + i];
    }
}

// Solves L' x = b in place (back substitution).
void backward(const std::vector<double>& l, std::size_t q, double* b) {
    for (std::size_t i = q; i-- > 0;) {
        double v = b[i];
        for (std::size_t k = i + 1; k < q; ++k) {
            v -= l[k * q + i] * b[k];
        }
        b[i] = v / l[i * q + i];
    }
}

double dot(const double* a, const double* b, std::size_t q) {
    double s = 0;
    for (std::size_t k = 0; k < q; ++k) {
        s += a[k] * b[k];
    }
    return s;
}

struct Moments {
    double mean = 0;
    double sd = 0;
};

Moments moments(std::span<const double> x) {
    Moments m;
    if (x.empty()) {
        return m;
    }
    for (const double v : x) {
        m.mean += v;
    }
    m.mean /= static_cast<double>(x.size());
    for (const double v : x) {
        m.sd += (v - m.mean) * (v - m.mean);
    }
    m.sd = std::sqrt(m.sd / static_cast<double>(x.size()));
    return m;
}

} // namespace

ChangePointScreen::ChangePointScreen(std::span<const double> temperature,
                                     std::span<const std::span<const double>> linear,
                                     std::span<const double> y,
                                     std::span<const double> weights,
                                     double step,
                                     std::size_t min_points)
    : n_(temperature.size()), q_(linear.size() + 1), min_points_(min_points) {
    const std::size_t n = n_;
    const std::size_t q = q_;
    if (n == 0) {
        singular_ = true;
        return;
    }
    auto weight = [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };

    // Centred (and scaled) coordinates keep the sums below well conditioned; the hinge
    // columns are invariant to shifting T together with the balance point.
    const Moments t_moments = moments(temperature);
    std::vector<Moments> x_moments(linear.size());
    for (std::size_t j = 0; j < linear.size(); ++j) {
        x_moments[j] = moments(linear[j]);
    }
    const Moments y_moments = moments(y);
    const double y_scale = y_moments.sd > 0 ? y_moments.sd : 1.0;

    // Rows of the linear design [1, x̃...] and the weighted Gram matrix A = Z'WZ.
    std::vector<double> z(n * q);
    std::vector<double> ys(n);
    std::vector<double> a(q * q, 0.0);
    std::vector<double> zy(q, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        double* row = &z[i * q];
        row[0] = 1;
        for (std::size_t j = 0; j < linear.size(); ++j) {
            const Moments& m = x_moments[j];
            row[j + 1] = m.sd > 0 ? (linear[j][i] - m.mean) / m.sd : 0.0;
        }
        ys[i] = (y[i] - y_moments.mean) / y_scale;
        const double w = weight(i);
        for (std::size_t r = 0; r < q; ++r) {
            zy[r] += w * row[r] * ys[i];
            for (std::size_t c = 0; c <= r; ++c) {
                a[r * q + c] += w * row[r] * row[c];
            }
        }
    }
    if (!cholesky(a, q)) {
        singular_ = true;
        return;
    }
    forward(a, q, zy.data());
    backward(a, q, zy.data()); // zy now holds the linear part's coefficients

    // Temperature order, ties kept in input order so that the result is reproducible.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t l, std::size_t r) { return temperature[l] < temperature[r]; });
    std::vector<double> sorted_t(n);
    for (std::size_t k = 0; k < n; ++k) {
        sorted_t[k] = temperature[order[k]];
    }

    // Prefix sums over the first k sorted points, per k: Σ w z (q), Σ w t z (q), Σ w e,
    // Σ w t e, Σ w t², with t the centred temperature and e the linear fit's residual.
    const std::size_t stride = 2 * q + 3;
    std::vector<double> prefix((n + 1) * stride, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = order[k];
        const double* row = &z[i * q];
        const double w = weight(i);
        const double t = temperature[i] - t_moments.mean;
        const double e = ys[i] - dot(row, zy.data(), q);
        const double* from = &prefix[k * stride];
        double* to = &prefix[(k + 1) * stride];
        for (std::size_t j = 0; j < q; ++j) {
            to[j] = from[j] + w * row[j];
            to[q + j] = from[q + j] + w * t * row[j];
        }
        to[2 * q] = from[2 * q] + w * e;
        to[2 * q + 1] = from[2 * q + 1] + w * t * e;
        to[2 * q + 2] = from[2 * q + 2] + w * t * t;
    }

    // Every form needs min_points on each side of its balance point(s), so only the range from
    // the m-th lowest to the m-th highest temperature can hold a candidate: a few outlying
    // temperatures then do not stretch the grid.
    const std::size_t m = std::max<std::size_t>(min_points, 1);
    if (n < 2 * m) {
        return;
    }
    const double lo = std::ceil(sorted_t[m - 1] / step);
    const double hi = std::floor(sorted_t[n - m] / step);
    if (!(hi >= lo)) {
        return; // also NaN: an overflowing t/step
    }
    if (!(hi - lo < kMaxGrid)) {
        too_large_ = fmt::format("temperature_c spans {} to {} °C between the {} lowest and "
                                 "highest baseline values: more than {} balance points at the "
                                 "{} °C step (is the column in °C?)",
                                 sorted_t[m - 1], sorted_t[n - m], m, kMaxGrid, step);
        return;
    }
    const auto count = static_cast<std::size_t>(hi - lo) + 1;
    grid_.resize(count);
    below_.resize(count);
    at_most_.resize(count);
    heating_.assign(count, Hinge{});
    cooling_.assign(count, Hinge{});
    heating_u_.assign(count * q, 0.0);
    cooling_u_.assign(count * q, 0.0);
    const double* total = &prefix[n * stride];
    for (std::size_t g = 0; g < count; ++g) {
        const double balance = (lo + static_cast<double>(g)) * step;
        grid_[g] = balance;
        below_[g] = static_cast<std::size_t>(
            std::lower_bound(sorted_t.begin(), sorted_t.end(), balance) - sorted_t.begin());
        at_most_[g] = static_cast<std::size_t>(
            std::upper_bound(sorted_t.begin(), sorted_t.end(), balance) - sorted_t.begin());
        const double b = balance - t_moments.mean;

        // Heating hinge max(b - t, 0) is non-zero on the first below_[g] sorted points.
        if (below_[g] > 0) {
            const double* s = &prefix[below_[g] * stride];
            double* u = &heating_u_[g * q];
            for (std::size_t j = 0; j < q; ++j) {
                u[j] = b * s[j] - s[q + j];
            }
            const double hh = b * b * s[0] - 2 * b * s[q] + s[2 * q + 2];
            forward(a, q, u);
            const double rest = hh - dot(u, u, q);
            heating_[g] = {rest > kCollinear * hh, rest, b * s[2 * q] - s[2 * q + 1]};
        }
        // Cooling hinge max(t - b, 0) is non-zero on the sorted points from at_most_[g] on.
        if (at_most_[g] < n) {
            const double* s = &prefix[at_most_[g] * stride];
            double* u = &cooling_u_[g * q];
            for (std::size_t j = 0; j < q; ++j) {
                u[j] = (total[q + j] - s[q + j]) - b * (total[j] - s[j]);
            }
            const double cc = (total[2 * q + 2] - s[2 * q + 2]) - 2 * b * (total[q] - s[q]) +
                              b * b * (total[0] - s[0]);
            forward(a, q, u);
            const double rest = cc - dot(u, u, q);
            cooling_[g] = {rest > kCollinear * cc, rest,
                           (total[2 * q + 1] - s[2 * q + 1]) - b * (total[2 * q] - s[2 * q])};
        }
    }
}

ScreenedBalance ChangePointScreen::best(ModelType type) const {
    ScreenedBalance best_any;
    ScreenedBalance best_qualified;
    double gain_any = -1;
    double gain_qualified = -1;
    std::size_t searched = 0;
    auto consider = [&](double gain, bool qualified, double heating_c, double cooling_c) {
        ++searched;
        if (gain > gain_any) {
            gain_any = gain;
            best_any = {true, false, heating_c, cooling_c, 0};
        }
        if (qualified && gain > gain_qualified) {
            gain_qualified = gain;
            best_qualified = {true, true, heating_c, cooling_c, 0};
        }
    };
    // Two hinges with disjoint supports: their Gram matrix after the linear part is
    // [[s_h, -u_h·u_c], [-u_h·u_c, s_c]].
    auto pair = [&](std::size_t gh, std::size_t gc) {
        const Hinge& h = heating_[gh];
        const Hinge& c = cooling_[gc];
        const double off = -dot(&heating_u_[gh * q_], &cooling_u_[gc * q_], q_);
        const double det = h.s * c.s - off * off;
        if (!(det > kCollinear * h.s * c.s)) {
            return;
        }
        const double slope_h = (c.s * h.r - off * c.r) / det;
        const double slope_c = (h.s * c.r - off * h.r) / det;
        consider(slope_h * h.r + slope_c * c.r, slope_h > 0 && slope_c > 0, grid_[gh], grid_[gc]);
    };
    const std::size_t count = grid_.size();
    const std::size_t n = n_;
    const std::size_t m = min_points_;
    if (singular_) {
        return best_any;
    }
    switch (type) {
    case ModelType::ols:
        break;
    case ModelType::cp3_heating:
        for (std::size_t g = 0; g < count; ++g) {
            const Hinge& h = heating_[g];
            if (below_[g] >= m && n - below_[g] >= m && h.usable) {
                consider(h.r * h.r / h.s, h.r > 0, grid_[g], grid_[g]);
            }
        }
        break;
    case ModelType::cp3_cooling:
        for (std::size_t g = 0; g < count; ++g) {
            const Hinge& c = cooling_[g];
            if (n - at_most_[g] >= m && at_most_[g] >= m && c.usable) {
                consider(c.r * c.r / c.s, c.r > 0, grid_[g], grid_[g]);
            }
        }
        break;
    case ModelType::cp4:
        for (std::size_t g = 0; g < count; ++g) {
            if (below_[g] >= m && n - at_most_[g] >= m && heating_[g].usable &&
                cooling_[g].usable) {
                pair(g, g);
            }
        }
        break;
    case ModelType::cp5:
        for (std::size_t gh = 0; gh < count; ++gh) {
            if (below_[gh] < m || !heating_[gh].usable) {
                continue;
            }
            // at_most_ grows with the grid value: once the cooling side is too small it stays so.
            for (std::size_t gc = gh + 1; gc < count && n - at_most_[gc] >= m; ++gc) {
                if (cooling_[gc].usable) {
                    pair(gh, gc);
                }
            }
        }
        break;
    }
    ScreenedBalance result = best_qualified.found ? best_qualified : best_any;
    result.searched = searched;
    return result;
}

} // namespace smartkpi::detail
