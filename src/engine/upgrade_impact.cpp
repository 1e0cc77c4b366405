// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/figure_table.hpp"

#include <smartkpi/engine/upgrade_impact.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace smartkpi {

namespace {

constexpr std::array kSavings{Saving::operating_cost, Saving::energy_tce, Saving::energy_kwh_eq,
                              Saving::co2_t, Saving::labour_hours};
constexpr std::array<std::string_view, kSavingCount> kSavingNames{
    "operating_cost", "energy_tce", "energy_kwh_eq", "co2_t", "labour_hours"};

double saving_scale(Saving s) {
    return s == Saving::energy_kwh_eq ? 1.0 / kGjPerKwh : 1.0;
}

KpiValue difference(const KpiValue& base, const KpiValue& up) {
    if (!base.available()) {
        return base;
    }
    if (!up.available()) {
        return up;
    }
    return KpiValue::of(up.value() - base.value());
}

KpiValue relative(const KpiValue& base, const KpiValue& up) {
    if (!base.available()) {
        return base;
    }
    if (!up.available()) {
        return up;
    }
    if (base.value() == 0) {
        return KpiValue::undefined("zero denominator: baseline = 0");
    }
    return KpiValue::of((up.value() - base.value()) / base.value());
}

Figures scale(const Figures& base, const ScalingFactors& f) {
    Figures up = base;
    auto apply = [&](Metric m, double factor) {
        if (const auto& q = base.quantity(m)) {
            up.set(m, *q * factor);
        }
    };
    apply(Metric::value_added, f.activity);
    apply(Metric::revenue, f.activity);
    apply(Metric::output, f.activity);
    apply(Metric::labour_hours, f.labour);
    apply(Metric::employees, f.labour);
    apply(Metric::operating_cost, f.operating_cost);
    apply(Metric::energy_tce, f.energy);
    apply(Metric::energy_gj, f.energy);
    apply(Metric::co2_t, f.energy);
    return up;
}

} // namespace

std::span<const Saving> all_savings() {
    return kSavings;
}

std::string_view to_string(Saving saving) {
    return kSavingNames[static_cast<std::size_t>(saving)];
}

Metric source_metric(Saving saving) {
    switch (saving) {
    case Saving::operating_cost:
        return Metric::operating_cost;
    case Saving::energy_tce:
        return Metric::energy_tce;
    case Saving::energy_kwh_eq:
        return Metric::energy_gj;
    case Saving::co2_t:
        return Metric::co2_t;
    case Saving::labour_hours:
        return Metric::labour_hours;
    }
    throw InternalError("unknown saving");
}

std::string unit_text(Saving saving, std::string_view currency) {
    switch (saving) {
    case Saving::operating_cost:
        return std::string(currency);
    case Saving::energy_tce:
        return "tce";
    case Saving::energy_kwh_eq:
        return "kWh";
    case Saving::co2_t:
        return "tCO2";
    case Saving::labour_hours:
        return "h";
    }
    return {};
}

namespace {

// Savings relative to the baseline quantity they are computed from.
KpiValue relative_saving(const KpiValue& saving, const KpiValue& base, Saving s) {
    if (!saving.available()) {
        return saving;
    }
    if (!base.available()) {
        return base;
    }
    double b = base.value();
    if (s == Saving::energy_kwh_eq) {
        b /= kGjPerKwh;
    }
    if (b == 0) {
        return KpiValue::undefined("zero denominator: baseline = 0");
    }
    return KpiValue::of(saving.value() / b);
}

} // namespace

KpiValue FactoryImpact::savings_relative(Saving s) const {
    return relative_saving(savings(s), baseline.value(source_metric(s)), s);
}

KpiValue ImpactTotals::savings_relative(Saving s) const {
    return relative_saving(savings(s), baseline(source_metric(s)), s);
}

KpiValue FactoryImpact::change_absolute(Metric m) const {
    return difference(baseline.value(m), upgraded.value(m));
}

KpiValue FactoryImpact::change_relative(Metric m) const {
    return relative(baseline.value(m), upgraded.value(m));
}

KpiValue FactoryImpact::savings(Saving s) const {
    const Metric m = source_metric(s);
    const auto& base = baseline.quantity(m);
    const auto& up = upgraded.quantity(m);
    if (!base || !up) {
        return KpiValue::missing(baseline.missing_inputs(m));
    }
    return KpiValue::of((*base * factors.activity - *up) * saving_scale(s));
}

void ImpactTotals::add(const FactoryImpact& impact) {
    ++factories_;
    if (impact.covered) {
        ++covered_;
    }
    const Figures& b = impact.baseline;
    const Figures& u = impact.upgraded;
    if (b.quantity(Metric::output)) {
        const std::string& unit = b.output_unit();
        if (std::find(output_units_.begin(), output_units_.end(), unit) == output_units_.end()) {
            output_units_.push_back(unit);
        }
    }
    for (const auto& mi : all_metrics()) {
        const std::size_t i = detail::index_of(mi.metric);
        if (!mi.numerator) {
            if (b.quantity(mi.metric) && u.quantity(mi.metric)) {
                base_num_[i] += *b.quantity(mi.metric);
                up_num_[i] += *u.quantity(mi.metric);
                ++count_[i];
            }
            continue;
        }
        const auto& bn = b.quantity(*mi.numerator);
        const auto& bd = b.quantity(*mi.denominator);
        const auto& un = u.quantity(*mi.numerator);
        const auto& ud = u.quantity(*mi.denominator);
        if (bn && bd && un && ud) {
            base_num_[i] += *bn;
            base_den_[i] += *bd;
            up_num_[i] += *un;
            up_den_[i] += *ud;
            ++count_[i];
        }
    }
    for (Saving s : kSavings) {
        const KpiValue v = impact.savings(s);
        if (v.available()) {
            savings_[static_cast<std::size_t>(s)] += v.value();
            ++savings_count_[static_cast<std::size_t>(s)];
        }
    }
}

std::string ImpactTotals::output_unit() const {
    return output_units_.size() == 1 ? output_units_.front() : std::string();
}

KpiValue ImpactTotals::value(Metric m, bool upgraded) const {
    const std::size_t i = detail::index_of(m);
    const MetricInfo& mi = info(m);
    if (count_[i] == 0) {
        std::vector<std::string> missing;
        if (mi.numerator) {
            missing = {std::string(info(*mi.numerator).key),
                       std::string(info(*mi.denominator).key)};
        } else {
            missing = {std::string(mi.key)};
        }
        return KpiValue::missing(std::move(missing));
    }
    const bool per_output = m == Metric::output || mi.denominator == Metric::output;
    if (per_output && mixed_output_units()) {
        return KpiValue::undefined(fmt::format("output units differ across factories: {}",
                                               fmt::join(output_units_, ", ")));
    }
    const double num = upgraded ? up_num_[i] : base_num_[i];
    if (!mi.numerator) {
        return KpiValue::of(num);
    }
    const double den = upgraded ? up_den_[i] : base_den_[i];
    return ratio(num, den / mi.denominator_scale, info(*mi.denominator).key);
}

KpiValue ImpactTotals::change_absolute(Metric m) const {
    return difference(baseline(m), upgraded(m));
}

KpiValue ImpactTotals::change_relative(Metric m) const {
    return relative(baseline(m), upgraded(m));
}

KpiValue ImpactTotals::savings(Saving s) const {
    const auto i = static_cast<std::size_t>(s);
    if (savings_count_[i] == 0) {
        // The kWh-equivalent comes from the energy figures, which is what the user supplies.
        return KpiValue::missing({s == Saving::energy_kwh_eq
                                      ? std::string("energy")
                                      : std::string(info(source_metric(s)).key)});
    }
    return KpiValue::of(savings_[i]);
}

ImpactAssessor::ImpactAssessor(Scenario scenario,
                               Coefficients coefficients,
                               FxTable fx,
                               Currency currency)
    : scenario_(std::move(scenario)), coefficients_(std::move(coefficients)), fx_(std::move(fx)),
      currency_(currency), override_used_(scenario_.overrides.size(), false) {}

FactoryImpact ImpactAssessor::assess(const Factory& factory) {
    FactoryImpact fi = evaluate(factory);
    add(fi);
    return fi;
}

FactoryImpact ImpactAssessor::evaluate(const Factory& factory) const {
    FactoryImpact fi;
    fi.factory = &factory;
    fi.covered = scenario_.applies_to.matches(factory);
    fi.hold = scenario_.hold;
    fi.effects = scenario_.effects;
    for (std::size_t i = 0; i < scenario_.overrides.size(); ++i) {
        const auto& o = scenario_.overrides[i];
        if (o.id == factory.id) {
            fi.override_index = static_cast<int>(i);
            // An override names the factory, so it is covered even outside applies_to.
            fi.covered = true;
            fi.effects = fi.effects.merged_with(o.effects);
            if (o.hold) {
                fi.hold = *o.hold;
            }
        }
    }
    fi.baseline = factory_figures(factory, coefficients_, fx_, currency_);
    if (fi.covered) {
        fi.factors = scaling_factors(fi.effects, fi.hold);
        fi.upgraded = scale(fi.baseline, fi.factors);
    } else {
        fi.upgraded = fi.baseline;
    }
    return fi;
}

void ImpactAssessor::add(const FactoryImpact& impact) {
    if (impact.override_index >= 0) {
        override_used_[static_cast<std::size_t>(impact.override_index)] = true;
    }
    const Factory& factory = *impact.factory;
    all_.add(impact);
    by_region_[factory.region].add(impact);
    by_level_[std::string(to_string(factory.level))].add(impact);
}

std::vector<std::string> ImpactAssessor::warnings() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < override_used_.size(); ++i) {
        if (!override_used_[i]) {
            out.push_back(fmt::format("scenario override for \"{}\" matches no factory",
                                      scenario_.overrides[i].id));
        }
    }
    if (all_.covered() < all_.factories()) {
        out.push_back(fmt::format("{} of {} factories are not covered by the scenario ({}) and "
                                  "are shown unchanged",
                                  all_.factories() - all_.covered(), all_.factories(),
                                  scenario_.applies_to.describe()));
    }
    return out;
}

ImpactResult assess_impact(const Dataset& dataset, const Scenario& scenario, Currency currency) {
    check_currencies(dataset, currency);
    ImpactAssessor assessor(scenario, dataset.coefficients, dataset.fx, currency);
    ImpactResult result;
    result.factories.reserve(dataset.factories.size());
    for (const auto& f : dataset.factories) {
        result.factories.push_back(assessor.assess(f));
    }
    result.totals = assessor.totals();
    result.by_region = assessor.by_region();
    result.by_level = assessor.by_level();
    result.warnings = assessor.warnings();
    return result;
}

} // namespace smartkpi
