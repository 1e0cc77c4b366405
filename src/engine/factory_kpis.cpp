// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/figure_table.hpp"

#include <smartkpi/engine/factory_kpis.hpp>

#include <fmt/format.h>

namespace smartkpi {

namespace {

using M = Metric;
constexpr auto kUp = Trend::higher_is_better;
constexpr auto kDown = Trend::lower_is_better;
constexpr auto kNone = Trend::none;

const std::array<MetricInfo, kMetricCount> kMetrics{{
    {M::value_added,
     "value_added",
     "Value added",
     "{cur}",
     kUp,
     {},
     {},
     1.0,
     "industrial value added in the reporting currency"},
    {M::revenue, "revenue", "Revenue", "{cur}", kUp, {}, {}, 1.0, "revenue"},
    {M::output, "output", "Output", "{out}", kUp, {}, {}, 1.0, "physical output"},
    {M::labour_hours, "labour_hours", "Labour hours", "h", kNone, {}, {}, 1.0, "hours worked"},
    {M::employees,
     "employees",
     "Employees",
     "persons",
     kNone,
     {},
     {},
     1.0,
     "persons employed (scale with labour hours)"},
    {M::operating_cost,
     "operating_cost",
     "Operating cost",
     "{cur}",
     kDown,
     {},
     {},
     1.0,
     "total operating cost"},
    {M::energy_tce,
     "energy_tce",
     "Energy use",
     "tce",
     kDown,
     {},
     {},
     1.0,
     "comprehensive energy consumption, sum of carriers x GB/T 2589 coefficients"},
    {M::energy_gj,
     "energy_gj",
     "Energy use (GJ)",
     "GJ",
     kDown,
     {},
     {},
     1.0,
     "energy_tce x 29.3076 GJ/tce"},
    {M::co2_t,
     "co2_t",
     "CO2 emissions",
     "tCO2",
     kDown,
     {},
     {},
     1.0,
     "sum of carriers x emission factors"},
    {M::labour_productivity, "labour_productivity", "Labour productivity", "{cur}/h", kUp,
     M::value_added, M::labour_hours, 1.0, "value_added / labour_hours"},
    {M::labour_productivity_per_employee, "labour_productivity_per_employee",
     "Labour productivity per employee", "{cur}/person", kUp, M::value_added, M::employees, 1.0,
     "value_added / employees"},
    {M::unit_operating_cost, "unit_operating_cost", "Unit operating cost", "{cur}/{out}", kDown,
     M::operating_cost, M::output, 1.0, "operating_cost / output"},
    {M::energy_intensity, "energy_intensity", "Energy intensity", "tce/10^4 {cur}", kDown,
     M::energy_tce, M::value_added, 1.0e4, "energy_tce / (value_added / 10^4)"},
    {M::energy_per_output, "energy_per_output", "Energy per output unit", "tce/{out}", kDown,
     M::energy_tce, M::output, 1.0, "energy_tce / output"},
    {M::carbon_intensity, "carbon_intensity", "Carbon intensity", "tCO2/10^4 {cur}", kDown,
     M::co2_t, M::value_added, 1.0e4, "co2_t / (value_added / 10^4)"},
}};

using detail::index_of;

} // namespace

std::string detail::expand_unit_pattern(std::string_view pattern,
                                        std::string_view currency,
                                        std::string_view output_unit) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 5, "{cur}") == 0) {
            out += currency;
            i += 4;
        } else if (pattern.compare(i, 5, "{out}") == 0) {
            out += output_unit.empty() ? std::string_view("unit") : output_unit;
            i += 4;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::span<const MetricInfo> all_metrics() {
    return kMetrics;
}

const MetricInfo& info(Metric metric) {
    return kMetrics[index_of(metric)];
}

const MetricInfo* find_metric(std::string_view key) {
    for (const auto& m : kMetrics) {
        if (m.key == key) {
            return &m;
        }
    }
    return nullptr;
}

std::string unit_text(Metric metric, std::string_view currency, std::string_view output_unit) {
    return detail::expand_unit_pattern(info(metric).unit, currency, output_unit);
}

std::vector<std::string> Figures::missing_inputs(Metric m) const {
    const MetricInfo& mi = info(m);
    if (mi.numerator) {
        std::vector<std::string> out = missing_inputs(*mi.numerator);
        auto den = missing_inputs(*mi.denominator);
        out.insert(out.end(), den.begin(), den.end());
        return out;
    }
    if (quantities_[index_of(m)]) {
        return {};
    }
    if ((m == M::energy_tce || m == M::energy_gj || m == M::co2_t) && !energy_missing_.empty()) {
        return energy_missing_;
    }
    return {std::string(mi.key)};
}

KpiValue Figures::value(Metric m) const {
    const MetricInfo& mi = info(m);
    if (!mi.numerator) {
        const auto& q = quantities_[index_of(m)];
        return q ? KpiValue::of(*q) : KpiValue::missing(missing_inputs(m));
    }
    const auto& num = quantities_[index_of(*mi.numerator)];
    const auto& den = quantities_[index_of(*mi.denominator)];
    if (!num || !den) {
        return KpiValue::missing(missing_inputs(m));
    }
    return ratio(*num, *den / mi.denominator_scale, info(*mi.denominator).key);
}

Figures factory_figures(const Factory& factory,
                        const Coefficients& coefficients,
                        const FxTable& fx,
                        Currency currency) {
    Figures f;
    auto money = [&](const std::optional<Money>& m) -> std::optional<double> {
        if (!m) {
            return std::nullopt;
        }
        return fx.convert(*m, currency);
    };
    f.set(M::value_added, money(factory.value_added));
    f.set(M::revenue, money(factory.revenue));
    f.set(M::operating_cost, money(factory.operating_cost));
    if (factory.output) {
        f.set(M::output, factory.output->amount);
        f.set_output_unit(factory.output->unit);
    }
    f.set(M::labour_hours, factory.labour_hours);
    f.set(M::employees, factory.employees);

    if (!factory.energy) {
        f.set_energy_missing({"energy"});
        return f;
    }
    const EnergyUse& use = *factory.energy;
    if (!use.unknown.empty()) {
        std::vector<std::string> names;
        for (Carrier c : use.unknown) {
            names.push_back(fmt::format("energy.{}", to_string(c)));
        }
        f.set_energy_missing(std::move(names));
        return f;
    }
    double kgce = 0;
    double kg_co2 = 0;
    for (Carrier c : all_carriers()) {
        if (const auto& amount = use[c]) {
            kgce += coefficients.kgce(c, *amount);
            kg_co2 += *amount * coefficients.co2(c, factory.region).value;
        }
    }
    f.set(M::energy_tce, kgce / 1000.0);
    f.set(M::energy_gj, kgce / 1000.0 * kGjPerTce);
    f.set(M::co2_t, kg_co2 / 1000.0);
    return f;
}

} // namespace smartkpi
