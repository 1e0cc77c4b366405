// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/capability.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace smartkpi::detail {

namespace {

constexpr std::string_view kTooFew = "at least 2 values needed";

/// Mean and sum of squared deviations of some values.
struct Moments {
    std::size_t n = 0;
    double mean = 0;
    double ss = 0; ///< Σ (x − mean)²
};

/// Corrected two-pass algorithm (Chan, Golub & LeVeque 1983): the second pass corrects the
/// mean by the mean deviation and subtracts (Σd)²/n, so neither a large offset nor many
/// values cost precision the way the textbook Σx² − (Σx)²/n does. Identical values give an
/// exact zero, so a constant process is reported as "s = 0" rather than as a huge index
/// built on rounding noise.
template <typename Values> Moments moments(const Values& values) {
    Moments m;
    double sum = 0;
    double lo = 0;
    double hi = 0;
    for (const double x : values) {
        if (m.n == 0) {
            lo = hi = x;
        }
        lo = std::min(lo, x);
        hi = std::max(hi, x);
        sum += x;
        ++m.n;
    }
    if (m.n == 0) {
        return m;
    }
    if (lo == hi) {
        m.mean = lo;
        return m;
    }
    const double first = sum / static_cast<double>(m.n);
    double d_sum = 0;
    double d_sq = 0;
    for (const double x : values) {
        const double d = x - first;
        d_sum += d;
        d_sq += d * d;
    }
    const double n = static_cast<double>(m.n);
    m.mean = first + d_sum / n;
    m.ss = std::max(0.0, d_sq - d_sum * d_sum / n);
    return m;
}

/// Every value of every set, in set order.
class AllValues {
  public:
    explicit AllValues(std::span<const Measurements* const> sets) : sets_(sets) {}

    class Iterator {
      public:
        Iterator(std::span<const Measurements* const> sets, std::size_t set, std::size_t pos)
            : sets_(sets), set_(set), pos_(pos) {
            skip_empty();
        }
        double operator*() const { return sets_[set_]->values[pos_]; }
        Iterator& operator++() {
            ++pos_;
            skip_empty();
            return *this;
        }
        bool operator==(const Iterator& other) const {
            return set_ == other.set_ && pos_ == other.pos_;
        }

      private:
        void skip_empty() {
            while (set_ < sets_.size() && pos_ >= sets_[set_]->values.size()) {
                ++set_;
                pos_ = 0;
            }
        }
        std::span<const Measurements* const> sets_;
        std::size_t set_;
        std::size_t pos_;
    };

    [[nodiscard]] Iterator begin() const { return {sets_, 0, 0}; }
    [[nodiscard]] Iterator end() const { return {sets_, sets_.size(), 0}; }

  private:
    std::span<const Measurements* const> sets_;
};

/// A spread estimate and the centre it goes with, or why there is none.
struct Spread {
    std::optional<double> sigma;
    double centre = 0;
    std::string reason; ///< when !sigma
};

Spread failed(std::string reason) {
    Spread s;
    s.reason = std::move(reason);
    return s;
}

Spread overall_spread(std::span<const Measurements* const> sets,
                      KpiOptions::VarianceDivisor divisor) {
    const Moments m = moments(AllValues(sets));
    if (m.n < 2) {
        return failed(std::string(kTooFew));
    }
    if (m.ss == 0) {
        return failed("zero denominator: s = 0");
    }
    const double n = static_cast<double>(m.n);
    const double d = divisor == KpiOptions::VarianceDivisor::n ? n : n - 1;
    return Spread{std::sqrt(m.ss / d), m.mean, {}};
}

/// σ̂ from subgroups of m ≥ 2: s̄/c4(m), centre x̿. The subgroup s use divisor m − 1 whatever
/// the divisor option: with divisor m one would divide s̄ by c4(m)·√((m−1)/m) to keep σ̂
/// unbiased, which is the same number, so the option cannot change Cp/Cpk.
Spread subgroup_spread(std::span<const Measurements* const> sets, std::size_t m) {
    double s_sum = 0;
    double mean_sum = 0;
    std::size_t groups = 0;
    for (const Measurements* set : sets) {
        const std::span<const double> values(set->values);
        if (values.size() % m != 0) {
            return failed(fmt::format(
                "{} values of a unit are not a whole number of subgroups of {}", values.size(), m));
        }
        for (std::size_t i = 0; i < values.size(); i += m) {
            const Moments g = moments(values.subspan(i, m));
            s_sum += std::sqrt(g.ss / static_cast<double>(m - 1));
            mean_sum += g.mean;
            ++groups;
        }
    }
    if (groups == 0) {
        return failed(std::string(kTooFew));
    }
    if (s_sum == 0) {
        return failed("zero denominator: sigma_hat = 0");
    }
    const double k = static_cast<double>(groups);
    return Spread{s_sum / k / c4(m), mean_sum / k, {}};
}

/// σ̂ from individual values: MR̄/d2(2). Moving ranges stay inside one set: the step from
/// one unit's last value to the next unit's first would add between-unit variation to a
/// within-process estimate.
Spread moving_range_spread(std::span<const Measurements* const> sets) {
    double mr_sum = 0;
    std::size_t ranges = 0;
    for (const Measurements* set : sets) {
        for (std::size_t i = 1; i < set->values.size(); ++i) {
            mr_sum += std::abs(set->values[i] - set->values[i - 1]);
            ++ranges;
        }
    }
    if (ranges == 0) {
        return failed(std::string(kTooFew));
    }
    if (mr_sum == 0) {
        return failed("zero denominator: sigma_hat = 0");
    }
    // x̿ of subgroups of one value is the plain mean.
    const Moments all = moments(AllValues(sets));
    return Spread{mr_sum / static_cast<double>(ranges) / kD2Of2, all.mean, {}};
}

/// (USL − LSL)/(6σ).
KpiValue two_sided(const Measurements& spec, const Spread& spread) {
    std::vector<std::string> missing;
    if (!spec.lsl) {
        missing.emplace_back("lsl");
    }
    if (!spec.usl) {
        missing.emplace_back("usl");
    }
    if (!missing.empty()) {
        return KpiValue::missing(std::move(missing));
    }
    if (!spread.sigma) {
        return KpiValue::undefined(spread.reason);
    }
    return KpiValue::of((*spec.usl - *spec.lsl) / (6 * *spread.sigma));
}

/// min(USL − centre, centre − LSL)/(3σ) over the limits that are given.
KpiValue critical(const Measurements& spec, const Spread& spread) {
    if (!spec.lsl && !spec.usl) {
        return KpiValue::missing({"lsl", "usl"});
    }
    if (!spread.sigma) {
        return KpiValue::undefined(spread.reason);
    }
    double distance = std::numeric_limits<double>::infinity();
    if (spec.usl) {
        distance = std::min(distance, *spec.usl - spread.centre);
    }
    if (spec.lsl) {
        distance = std::min(distance, spread.centre - *spec.lsl);
    }
    return KpiValue::of(distance / (3 * *spread.sigma));
}

CapabilityIndices all_undefined(const std::string& reason) {
    const KpiValue v = KpiValue::undefined(reason);
    return {v, v, v, v, v, v};
}

} // namespace

double c4(std::size_t m) {
    // lgamma keeps the ratio of gamma functions finite for large m, where Γ itself overflows.
    const double n = static_cast<double>(m);
    return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}

CapabilityIndices capability_indices(std::span<const Measurements* const> sets,
                                     KpiOptions::VarianceDivisor divisor) {
    if (sets.empty()) {
        const KpiValue v = KpiValue::missing({"measurements"});
        return {v, v, v, v, v, v};
    }
    const Measurements& spec = *sets.front();
    for (const Measurements* set : sets) {
        if (set->usl != spec.usl || set->lsl != spec.lsl) {
            return all_undefined("units differ in specification limits");
        }
        if (set->subgroup_size != spec.subgroup_size) {
            return all_undefined("units differ in subgroup sizes");
        }
    }

    // Cm and Pp share one formula here: which one a number is depends on the data (a
    // short-term machine run vs a long-term process record), not on the arithmetic.
    const Spread overall = overall_spread(sets, divisor);
    Spread within;
    if (spec.subgroup_size == 0) {
        within = failed("subgroup size 0");
    } else if (spec.subgroup_size == 1) {
        within = moving_range_spread(sets);
    } else {
        within = subgroup_spread(sets, spec.subgroup_size);
    }

    CapabilityIndices out;
    out.cm = two_sided(spec, overall);
    out.cmk = critical(spec, overall);
    out.cp = two_sided(spec, within);
    out.cpk = critical(spec, within);
    out.pp = two_sided(spec, overall);
    out.ppk = critical(spec, overall);
    return out;
}

} // namespace smartkpi::detail
