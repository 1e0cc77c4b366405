// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/trend.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Every figure the impact report shows: first the summable quantities, then the ratios
/// derived from them (conventions §8: intensities are what scenario effects act on).
enum class Metric {
    value_added,
    revenue,
    output,
    labour_hours,
    employees,
    operating_cost,
    energy_tce,
    energy_gj,
    co2_t,
    labour_productivity,
    labour_productivity_per_employee,
    unit_operating_cost,
    energy_intensity,
    energy_per_output,
    carbon_intensity
};

inline constexpr std::size_t kMetricCount = 15;
/// The first kQuantityCount metrics are summable quantities; the rest are ratios of them.
inline constexpr std::size_t kQuantityCount = 9;

/// Static description of a metric.
struct MetricInfo {
    Metric metric;
    std::string_view key;  ///< JSON key, e.g. "energy_intensity"
    std::string_view name; ///< readable name
    /// Unit pattern: "{cur}" is replaced by the reporting currency, "{out}" by the output unit.
    std::string_view unit;
    Trend trend;
    /// For ratios: numerator / (denominator / denominator_scale).
    std::optional<Metric> numerator;
    std::optional<Metric> denominator;
    double denominator_scale = 1.0;
    std::string_view definition;
};

std::span<const MetricInfo> all_metrics();
const MetricInfo& info(Metric metric);
/// Looks a metric up by its JSON key; nullptr when unknown.
const MetricInfo* find_metric(std::string_view key);
[[nodiscard]] inline bool is_ratio(Metric m) {
    return static_cast<std::size_t>(m) >= kQuantityCount;
}
/// The unit text of `metric` for a reporting currency and output unit ("CNY/h", "tce/10^4 CNY").
std::string unit_text(Metric metric, std::string_view currency, std::string_view output_unit);

/// 1 tce in GJ (GB/T 2589-2020 §3.2), and 1 kWh in GJ: the "kWh-equivalent" of a standard-coal
/// figure is its GJ / 0.0036 (conventions §12).
inline constexpr double kGjPerTce = 29.3076;
inline constexpr double kGjPerKwh = 0.0036;

/// A factory's summable quantities in reporting units (money in the reporting currency,
/// hours, persons, tce, GJ of standard coal, t CO2), each present or missing.
class Figures {
  public:
    /// The quantity, or nullopt when the factory's data lack it.
    [[nodiscard]] const std::optional<double>& quantity(Metric m) const {
        return quantities_[static_cast<std::size_t>(m)];
    }
    void set(Metric m, std::optional<double> value) {
        quantities_[static_cast<std::size_t>(m)] = value;
    }
    /// The metric as a KPI value: missing inputs named, zero denominators undefined.
    [[nodiscard]] KpiValue value(Metric m) const;
    /// Names of the inputs a missing quantity lacks (e.g. "value_added", "energy.natural_gas").
    [[nodiscard]] std::vector<std::string> missing_inputs(Metric m) const;

    [[nodiscard]] const std::string& output_unit() const noexcept { return output_unit_; }
    void set_output_unit(std::string unit) { output_unit_ = std::move(unit); }
    /// Inputs missing from the energy figures (whole "energy", or single carriers).
    void set_energy_missing(std::vector<std::string> names) { energy_missing_ = std::move(names); }

  private:
    std::array<std::optional<double>, kQuantityCount> quantities_{};
    std::string output_unit_;
    std::vector<std::string> energy_missing_;
};

/// Builds a factory's figures: money converted to `currency` with `fx` (UnitError when a rate
/// is missing), energy converted to tce and CO2 with `coefficients` (electricity CO2 by the
/// factory's region).
Figures factory_figures(const Factory& factory,
                        const Coefficients& coefficients,
                        const FxTable& fx,
                        Currency currency);

} // namespace smartkpi
