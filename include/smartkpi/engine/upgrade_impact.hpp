// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/model/dataset.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Quantities for which savings are reported (conventions §9).
enum class Saving { operating_cost, energy_tce, energy_kwh_eq, co2_t, labour_hours };
inline constexpr std::size_t kSavingCount = 5;
std::span<const Saving> all_savings();
std::string_view to_string(Saving saving);
/// Unit text of a saving for a reporting currency ("CNY", "tce", "kWh", "tCO2", "h").
std::string unit_text(Saving saving, std::string_view currency);
/// The quantity a saving is computed from (energy_kwh_eq: energy_gj, divided by 0.0036 GJ/kWh).
Metric source_metric(Saving saving);

/// The impact of a scenario on one factory.
struct FactoryImpact {
    const Factory* factory = nullptr;
    bool covered = false;
    HoldRule hold = HoldRule::output;
    Effects effects;         ///< the effects applied (scenario merged with the factory's override)
    int override_index = -1; ///< index of the scenario override applied, -1 for none
    ScalingFactors factors;
    Figures baseline;
    Figures upgraded;

    /// upgraded − baseline.
    [[nodiscard]] KpiValue change_absolute(Metric m) const;
    /// (upgraded − baseline) / baseline; undefined when the baseline is 0.
    [[nodiscard]] KpiValue change_relative(Metric m) const;
    /// Avoided quantity: baseline intensity x upgraded activity − upgraded quantity
    /// (IPMVP avoided energy, GB/T 13234; conventions §9). Under hold output it is −change.
    [[nodiscard]] KpiValue savings(Saving s) const;
    /// Savings as a fraction of the baseline quantity they are computed from.
    [[nodiscard]] KpiValue savings_relative(Saving s) const;
};

/// Sums over a group of factories: totals of quantities, ratios of summed quantities (never
/// averages of ratios), coverage of each, summed savings (conventions §10).
class ImpactTotals {
  public:
    void add(const FactoryImpact& impact);

    [[nodiscard]] std::size_t factories() const noexcept { return factories_; }
    [[nodiscard]] std::size_t covered() const noexcept { return covered_; }
    [[nodiscard]] KpiValue baseline(Metric m) const { return value(m, false); }
    [[nodiscard]] KpiValue upgraded(Metric m) const { return value(m, true); }
    [[nodiscard]] KpiValue change_absolute(Metric m) const;
    [[nodiscard]] KpiValue change_relative(Metric m) const;
    [[nodiscard]] KpiValue savings(Saving s) const;
    /// Summed savings as a fraction of the summed baseline quantity.
    [[nodiscard]] KpiValue savings_relative(Saving s) const;
    /// How many factories contribute to the metric's total.
    [[nodiscard]] std::size_t coverage(Metric m) const {
        return count_[static_cast<std::size_t>(m)];
    }
    /// The common output unit, or empty when factories use several (or none).
    [[nodiscard]] std::string output_unit() const;

  private:
    [[nodiscard]] KpiValue value(Metric m, bool upgraded) const;
    [[nodiscard]] bool mixed_output_units() const { return output_units_.size() > 1; }

    std::size_t factories_ = 0;
    std::size_t covered_ = 0;
    // Per metric: sums of the numerator and denominator (for quantities: the quantity, den 1).
    std::array<double, kMetricCount> base_num_{};
    std::array<double, kMetricCount> base_den_{};
    std::array<double, kMetricCount> up_num_{};
    std::array<double, kMetricCount> up_den_{};
    std::array<std::size_t, kMetricCount> count_{};
    std::array<double, kSavingCount> savings_{};
    std::array<std::size_t, kSavingCount> savings_count_{};
    std::vector<std::string> output_units_;
};

/// Assesses factories one at a time (so large inputs can be streamed to a writer) and keeps
/// the totals: all, by region, by level.
class ImpactAssessor {
  public:
    ImpactAssessor(Scenario scenario,
                   Coefficients coefficients,
                   FxTable fx,
                   Currency currency = Currency("CNY"));

    /// The impact on `factory` (which must outlive the result); adds it to the totals.
    /// Throws UnitError when its money cannot be converted to the reporting currency.
    FactoryImpact assess(const Factory& factory);
    /// The impact on `factory` without adding it to the totals; safe to call from several
    /// threads at once.
    [[nodiscard]] FactoryImpact evaluate(const Factory& factory) const;
    /// Adds an evaluated impact to the totals. Totals are sums in the order of the calls, so
    /// adding in input order gives the same digits whatever the number of threads.
    void add(const FactoryImpact& impact);

    [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
    [[nodiscard]] const Coefficients& coefficients() const noexcept { return coefficients_; }
    [[nodiscard]] const FxTable& fx() const noexcept { return fx_; }
    [[nodiscard]] Currency currency() const noexcept { return currency_; }
    [[nodiscard]] const ImpactTotals& totals() const noexcept { return all_; }
    /// Totals per region and per level, keyed and ordered by their names (byte order).
    [[nodiscard]] const std::map<std::string, ImpactTotals>& by_region() const noexcept {
        return by_region_;
    }
    [[nodiscard]] const std::map<std::string, ImpactTotals>& by_level() const noexcept {
        return by_level_;
    }
    /// Warnings found so far or at the end: overrides naming no assessed factory.
    [[nodiscard]] std::vector<std::string> warnings() const;

  private:
    Scenario scenario_;
    Coefficients coefficients_;
    FxTable fx_;
    Currency currency_;
    ImpactTotals all_;
    std::map<std::string, ImpactTotals> by_region_;
    std::map<std::string, ImpactTotals> by_level_;
    std::vector<bool> override_used_;
};

/// The whole result for a dataset held in memory.
struct ImpactResult {
    std::vector<FactoryImpact> factories; ///< in input order; point into the dataset
    ImpactTotals totals;
    std::map<std::string, ImpactTotals> by_region;
    std::map<std::string, ImpactTotals> by_level;
    std::vector<std::string> warnings;
};

/// Assesses every factory of `dataset` (which must outlive the result) under `scenario`.
ImpactResult assess_impact(const Dataset& dataset,
                           const Scenario& scenario,
                           Currency currency = Currency("CNY"));

} // namespace smartkpi
