// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/regression.hpp>
#include <smartkpi/error.hpp>

#include <Eigen/Dense>
#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <string_view>

namespace smartkpi {

namespace {

// Boost.Math reports problems through its policies; by default it throws std::domain_error
// and friends, which must never leave the library (only smartkpi::Error does). With
// ignore_error it returns NaN or infinity instead, and checked() turns that into a
// DomainError. The inputs are validated first, so this is a second line of defence.
using BoostPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::rounding_error<boost::math::policies::ignore_error>,
    // Double is exact enough for p-values and quantiles (the tests check tables to 1e-9);
    // Boost's default long-double internals halved the speed of 10,000 baseline fits.
    boost::math::policies::promote_double<false>>;
using StudentT = boost::math::students_t_distribution<double, BoostPolicy>;
using FisherF = boost::math::fisher_f_distribution<double, BoostPolicy>;

// |R_kk| <= kRankTolerance * |R_00| of the column-scaled design counts as a dependent
// column. Columns are scaled to (about) unit norm first, so units do not matter: 1e-10 flags
// drivers equal to within ~10 significant digits of a combination of the others (a constant
// or duplicated meter reading, a driver in two units), while ill-conditioned but genuine
// designs stay full rank (NIST Longley, condition number 5e9 unscaled and 4e4 scaled, has
// a smallest pivot ratio of 9e-5).
constexpr double kRankTolerance = 1e-10;

// Residual norm <= kPerfectFitTolerance * |y| means the data lie on the model to within
// rounding: sigma^2 = sse / dof would measure floating-point noise, not the data, and t
// values of 1e15 are as meaningless as infinite ones.
constexpr double kPerfectFitTolerance = 1e-12;

double checked(double value, std::string_view what) {
    if (!std::isfinite(value)) {
        throw DomainError(fmt::format("{} could not be computed", what));
    }
    return value;
}

void require_dof(double dof, std::string_view what) {
    if (!(dof > 0) || !std::isfinite(dof)) {
        throw DomainError(fmt::format("{} must be positive and finite, not {}", what, dof));
    }
}

// The design as a whole: the intercept (if any) is column 0 and has no storage.
class Columns {
  public:
    explicit Columns(const Design& design)
        : design_(design), offset_(design.intercept ? 1 : 0), p_(design.columns.size() + offset_) {}

    [[nodiscard]] std::size_t size() const noexcept { return p_; }
    [[nodiscard]] bool is_intercept(std::size_t j) const noexcept { return j < offset_; }
    [[nodiscard]] std::string_view name(std::size_t j) const {
        return is_intercept(j) ? std::string_view("intercept")
                               : std::string_view(design_.names[j - offset_]);
    }
    [[nodiscard]] Eigen::Map<const Eigen::VectorXd> values(std::size_t j) const {
        const auto& column = design_.columns[j - offset_];
        return {column.data(), static_cast<Eigen::Index>(column.size())};
    }

  private:
    const Design& design_;
    std::size_t offset_;
    std::size_t p_;
};

void check_shape(const Design& design, std::size_t n, std::size_t weights) {
    if (design.names.size() != design.columns.size()) {
        throw DataError(fmt::format("the design has {} column names for {} columns",
                                    design.names.size(), design.columns.size()));
    }
    for (std::size_t k = 0; k < design.columns.size(); ++k) {
        const std::string& name = design.names[k];
        if (design.columns[k].size() != n) {
            throw DataError(fmt::format("driver '{}' has {} values for {} points", name,
                                        design.columns[k].size(), n));
        }
        if (design.intercept && name == "intercept") {
            throw DataError("a driver cannot be named 'intercept' when the model has one");
        }
        if (std::find(design.names.begin(), design.names.begin() + static_cast<long>(k), name) !=
            design.names.begin() + static_cast<long>(k)) {
            throw DataError(fmt::format("driver '{}' appears twice in the design", name));
        }
    }
    if (weights != 0 && weights != n) {
        throw DataError(fmt::format("{} weights for {} points", weights, n));
    }
}

void check_values(const Columns& columns,
                  std::span<const double> y,
                  std::span<const double> weights) {
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i])) {
            throw DomainError::not_finite(fmt::format("the dependent variable at point {}", i + 1),
                                          {});
        }
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (columns.is_intercept(j)) {
            continue;
        }
        const auto values = columns.values(j);
        for (Eigen::Index i = 0; i < values.size(); ++i) {
            if (!std::isfinite(values[i])) {
                throw DomainError::not_finite(
                    fmt::format("driver '{}' at point {}", columns.name(j), i + 1), {});
            }
        }
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (!std::isfinite(weights[i])) {
            throw DomainError::not_finite(fmt::format("the weight at point {}", i + 1), {});
        }
        if (!(weights[i] > 0)) {
            throw DomainError(fmt::format("the weight at point {} is {}: weights must be positive",
                                          i + 1, weights[i]));
        }
    }
}

// sqrt(W) X S: rows scaled by the square roots of the weights (so that QR minimises
// sum w e^2) and columns by powers of two close to 1 / norm (exact in binary, so the scaling
// adds no rounding; it makes the rank test unit-free and equilibrates the columns).
Eigen::MatrixXd scaled_design(const Columns& columns,
                              Eigen::Index n,
                              const Eigen::VectorXd& sqrt_w,
                              Eigen::VectorXd& scale) {
    const auto p = static_cast<Eigen::Index>(columns.size());
    Eigen::MatrixXd x(n, p);
    scale.resize(p);
    for (Eigen::Index j = 0; j < p; ++j) {
        const auto column = static_cast<std::size_t>(j);
        if (columns.is_intercept(column)) {
            if (sqrt_w.size() == 0) {
                x.col(j).setOnes();
            } else {
                x.col(j) = sqrt_w;
            }
        } else if (sqrt_w.size() == 0) {
            x.col(j) = columns.values(column);
        } else {
            x.col(j) = columns.values(column).cwiseProduct(sqrt_w);
        }
        const double norm = x.col(j).norm();
        if (!std::isfinite(norm)) {
            throw DomainError(fmt::format("the values of '{}' are too large to fit (their sum "
                                          "of squares overflows)",
                                          columns.name(column)));
        }
        int exponent = 0;
        std::frexp(norm, &exponent);
        scale[j] = norm > 0 ? std::ldexp(1.0, -exponent) : 1.0;
        x.col(j) *= scale[j];
    }
    return x;
}

Eigen::Index rank_of(const Eigen::MatrixXd& x) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
    qr.setThreshold(kRankTolerance);
    return qr.rank();
}

std::string quoted_list(const Columns& columns, std::size_t count) {
    std::string out;
    for (std::size_t j = 0; j < count; ++j) {
        out +=
            fmt::format("{}'{}'", j == 0 ? "" : (j + 1 == count ? " and " : ", "), columns.name(j));
    }
    return out;
}

// Rare path: name the first column that is (numerically) a combination of the ones before
// it, which is the one a user would drop; the pivoted QR's own order depends on rounding.
[[noreturn]] void
throw_rank_deficient(const Columns& columns, Eigen::Index n, const Eigen::VectorXd& sqrt_w) {
    Eigen::VectorXd scale;
    const Eigen::MatrixXd x = scaled_design(columns, n, sqrt_w, scale);
    const auto p = static_cast<Eigen::Index>(columns.size());
    for (Eigen::Index k = 0; k < p; ++k) {
        if (rank_of(x.leftCols(k + 1)) > k) {
            continue;
        }
        const auto j = static_cast<std::size_t>(k);
        const std::string_view name = columns.name(j);
        if (!columns.is_intercept(j)) {
            const auto values = columns.values(j);
            if ((values.array() == values[0]).all()) {
                if (values[0] == 0) {
                    throw DataError(fmt::format("driver '{}' is zero at every point: the design is "
                                                "rank-deficient",
                                                name));
                }
                if (columns.is_intercept(0)) {
                    throw DataError(fmt::format("driver '{}' is constant (every point is {}): "
                                                "with the intercept, the design is rank-deficient",
                                                name, values[0]));
                }
            }
        }
        throw DataError(fmt::format("driver '{}' is constant or collinear with {} (a linear "
                                    "combination of them to within rounding): the design is "
                                    "rank-deficient",
                                    name, quoted_list(columns, j)));
    }
    // Every prefix was full rank but the whole was not: the threshold is relative to the
    // largest pivot, which can differ between the prefixes and the whole design.
    throw DataError(fmt::format("the drivers {} are collinear: the design is rank-deficient",
                                quoted_list(columns, columns.size())));
}

} // namespace

LinearFit
fit_linear(const Design& design, std::span<const double> y, std::span<const double> weights) {
    const std::size_t n = y.size();
    check_shape(design, n, weights.size());
    const Columns columns(design);
    const std::size_t p = columns.size();
    if (p == 0) {
        throw DataError("the design has no coefficients to fit (no intercept and no drivers)");
    }
    if (n < p) {
        throw DataError(fmt::format("too few points: {} point{} for the {} coefficients {}", n,
                                    n == 1 ? "" : "s", p, quoted_list(columns, p)));
    }
    check_values(columns, y, weights);

    const auto rows = static_cast<Eigen::Index>(n);
    const auto cols = static_cast<Eigen::Index>(p);
    const Eigen::Map<const Eigen::VectorXd> y_map(y.data(), rows);
    const bool weighted = !weights.empty();
    Eigen::VectorXd sqrt_w;
    if (weighted) {
        sqrt_w = Eigen::Map<const Eigen::VectorXd>(weights.data(), rows).cwiseSqrt();
    }

    Eigen::VectorXd scale;
    Eigen::MatrixXd x = scaled_design(columns, rows, sqrt_w, scale);
    // In place: the decomposition overwrites x instead of copying it (26,280 x 5 hourly).
    Eigen::ColPivHouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(x);
    qr.setThreshold(kRankTolerance);
    if (qr.rank() < cols) {
        throw_rank_deficient(columns, rows, sqrt_w);
    }
    Eigen::VectorXd c;
    if (weighted) {
        c = qr.solve(y_map.cwiseProduct(sqrt_w));
    } else {
        c = qr.solve(y_map);
    }
    const Eigen::VectorXd b = c.cwiseProduct(scale);

    // (X'WX)^-1 = P R^-1 R^-T P' for sqrt(W) X P = Q R, so its diagonal is the squared row
    // norms of G = P R^-1: standard errors without ever forming X'X.
    Eigen::MatrixXd r_inv = Eigen::MatrixXd::Identity(cols, cols);
    qr.matrixR().topLeftCorner(cols, cols).triangularView<Eigen::Upper>().solveInPlace(r_inv);
    const Eigen::MatrixXd g = qr.colsPermutation() * r_inv;

    LinearFit fit;
    fit.n = n;
    fit.p = p;
    fit.weighted = weighted;
    fit.fitted.resize(n);
    Eigen::Map<Eigen::VectorXd> fitted(fit.fitted.data(), rows);
    fitted.setZero();
    for (std::size_t j = 0; j < p; ++j) {
        const auto k = static_cast<Eigen::Index>(j);
        if (columns.is_intercept(j)) {
            fitted.array() += b[k];
        } else {
            fitted += b[k] * columns.values(j);
        }
    }

    auto sum_w = static_cast<double>(n);
    double sum_wyy = 0;
    if (weighted) {
        const Eigen::Map<const Eigen::VectorXd> w(weights.data(), rows);
        sum_w = w.sum();
        fit.mean_y = w.dot(y_map) / sum_w;
        fit.sse = w.dot((y_map - fitted).cwiseAbs2());
        fit.sst = w.dot((y_map.array() - fit.mean_y).matrix().cwiseAbs2());
        sum_wyy = w.dot(y_map.cwiseAbs2());
    } else {
        fit.mean_y = y_map.mean();
        fit.sse = (y_map - fitted).squaredNorm();
        fit.sst = (y_map.array() - fit.mean_y).matrix().squaredNorm();
        sum_wyy = y_map.squaredNorm();
    }
    if (!std::isfinite(fit.sse) || !std::isfinite(fit.sst) || !std::isfinite(sum_wyy) ||
        !b.allFinite()) {
        throw DomainError("the values are too large to fit (a sum of squares overflows)");
    }
    fit.perfect_fit = fit.sse <= kPerfectFitTolerance * kPerfectFitTolerance * sum_wyy;

    const bool inference = fit.has_inference();
    const auto dof = static_cast<double>(fit.dof());
    const double sigma2 = inference ? fit.sse / dof : 0;
    fit.coefficients.reserve(p);
    for (std::size_t j = 0; j < p; ++j) {
        const auto k = static_cast<Eigen::Index>(j);
        CoefficientEstimate& estimate = fit.coefficients.emplace_back();
        estimate.name = columns.name(j);
        estimate.value = b[k];
        if (inference) {
            estimate.std_error = std::sqrt(sigma2 * g.row(k).squaredNorm()) * scale[k];
            estimate.t_value = estimate.value / estimate.std_error;
            estimate.p_value = student_t_p_value(estimate.t_value, dof);
        }
    }

    // The slopes' F test; without an intercept every coefficient is a "slope" and the
    // regression sum of squares is uncentred.
    const auto d1 = static_cast<double>(design.intercept ? p - 1 : p);
    if (inference && d1 > 0) {
        const double regression_ss =
            std::max(0.0, (design.intercept ? fit.sst : sum_wyy) - fit.sse);
        fit.f_statistic = (regression_ss / d1) / sigma2;
        fit.f_p_value = f_p_value(fit.f_statistic, d1, dof);
    }
    return fit;
}

double student_t_two_sided(double confidence, double dof) {
    if (!(confidence > 0 && confidence < 1)) {
        throw DomainError(fmt::format(
            "the confidence level must lie strictly between 0 and 1, not {}", confidence));
    }
    require_dof(dof, "the degrees of freedom of Student's t");
    // The upper-tail form: 1 - confidence is exact for confidence >= 0.5 (Sterbenz), whereas
    // (1 + confidence) / 2 would round away the digits of a small tail.
    const StudentT dist(dof);
    return checked(boost::math::quantile(boost::math::complement(dist, (1 - confidence) / 2)),
                   "the Student t quantile");
}

double student_t_p_value(double t, double dof) {
    if (std::isnan(t)) {
        throw DomainError::not_finite("the t statistic", {});
    }
    require_dof(dof, "the degrees of freedom of Student's t");
    if (std::isinf(t)) {
        return 0;
    }
    const StudentT dist(dof);
    const double tail = checked(boost::math::cdf(boost::math::complement(dist, std::abs(t))),
                                "the Student t p-value");
    return std::min(1.0, 2 * tail);
}

double f_p_value(double f, double d1, double d2) {
    if (std::isnan(f) || f < 0) {
        throw DomainError(fmt::format("an F statistic must be >= 0, not {}", f));
    }
    require_dof(d1, "the numerator degrees of freedom of F");
    require_dof(d2, "the denominator degrees of freedom of F");
    if (std::isinf(f)) {
        return 0;
    }
    const FisherF dist(d1, d2);
    return checked(boost::math::cdf(boost::math::complement(dist, f)), "the F p-value");
}

} // namespace smartkpi
