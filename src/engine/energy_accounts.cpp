// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/figure_table.hpp"

#include <smartkpi/engine/energy_accounts.hpp>
#include <smartkpi/engine/factory_kpis.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace smartkpi {

namespace {

using F = AccountFigure;
using CF = CarrierFigure;

const std::array<AccountFigureInfo, kAccountFigureCount> kFigures{{
    {F::energy_tce,
     "energy_tce",
     "Energy (standard coal)",
     "tce",
     {},
     {},
     1.0,
     "comprehensive energy consumption: sum of carrier amounts x GB/T 2589 coefficients"},
    {F::final_energy_gj,
     "final_energy_gj",
     "Final energy",
     "GJ",
     {},
     {},
     1.0,
     "physical energy content: electricity 3.6 MJ/kWh, fuels and steam by net calorific value"},
    {F::standard_coal_gj,
     "standard_coal_gj",
     "Standard-coal energy",
     "GJ",
     {},
     {},
     1.0,
     "energy_tce x 29.3076 GJ/tce (primary-equivalent for electricity on the equal-value basis)"},
    {F::co2_t,
     "co2_t",
     "CO2 emissions",
     "tCO2",
     {},
     {},
     1.0,
     "sum of carrier amounts x emission factors (electricity by the region's grid factor)"},
    {F::value_added,
     "value_added",
     "Value added",
     "{cur}",
     {},
     {},
     1.0,
     "industrial value added in the reporting currency"},
    {F::output, "output", "Output", "{out}", {}, {}, 1.0, "physical output"},
    {F::energy_intensity, "energy_intensity", "Energy intensity", "tce/10^4 {cur}", F::energy_tce,
     F::value_added, 1.0e4, "energy_tce / (value_added / 10^4)"},
    {F::energy_per_output, "energy_per_output", "Energy per output unit", "tce/{out}",
     F::energy_tce, F::output, 1.0, "energy_tce / output"},
    {F::carbon_intensity, "carbon_intensity", "Carbon intensity", "tCO2/10^4 {cur}", F::co2_t,
     F::value_added, 1.0e4, "co2_t / (value_added / 10^4)"},
}};

constexpr std::array kCarrierFigures{CF::amount,           CF::energy_tce, CF::final_energy_gj,
                                     CF::standard_coal_gj, CF::co2_t,      CF::share};

constexpr std::array<std::string_view, kAccountQuantityCount> kQuantityMissing{
    "energy", "energy", "energy", "energy", "value_added", "output"};

using detail::index_of;

bool is_energy(AccountFigure f) {
    return f == F::energy_tce || f == F::final_energy_gj || f == F::standard_coal_gj ||
           f == F::co2_t;
}

// Physical quantities of one line; meaningful only when the amount is known.
std::array<double, kCarrierFigureCount> line_quantities(const CarrierLine& line) {
    std::array<double, kCarrierFigureCount> q{};
    const double amount = *line.amount;
    const double tce = amount * line.tce.value / 1000.0;
    q[index_of(CF::amount)] = amount;
    q[index_of(CF::energy_tce)] = tce;
    q[index_of(CF::final_energy_gj)] = amount * line.calorific_value.value / 1000.0;
    q[index_of(CF::standard_coal_gj)] = tce * kGjPerTce;
    q[index_of(CF::co2_t)] = amount * line.co2.value / 1000.0;
    return q;
}

KpiValue share_of(double part, const KpiValue& total) {
    if (!total.available()) {
        return total;
    }
    return ratio(part, total.value(), "energy_tce");
}

// A standard-coal coefficient is the carrier's NCV / 7000 kcal (energy.md §5.2), so its NCV in
// MJ is about coefficient x 29.3076. When one of the two was overridden alone they disagree,
// and final-energy GJ would not match tce: say so.
std::optional<std::string> calorific_mismatch(Carrier carrier, const Coefficients& c) {
    if (carrier == Carrier::electricity || carrier == Carrier::heat) {
        return std::nullopt;
    }
    const Coefficient& k = c.tce(carrier);
    const Coefficient& ncv = c.calorific_value(carrier);
    const double implied = k.value * kGjPerTce; // MJ per native unit
    const double gap = ncv.value / implied - 1.0;
    if (std::fabs(gap) <= 0.01) {
        return std::nullopt;
    }
    return fmt::format("{}: the calorific value {} {} and the standard-coal coefficient {} {} "
                       "(= {:.4g} MJ per unit) differ by {:.1f} %; final-energy GJ uses the "
                       "calorific value, energy_tce the coefficient",
                       to_string(carrier), ncv.value, ncv.unit, k.value, k.unit, implied,
                       gap * 100.0);
}

} // namespace

std::span<const AccountFigureInfo> all_account_figures() {
    return kFigures;
}

const AccountFigureInfo& info(AccountFigure figure) {
    return kFigures[index_of(figure)];
}

std::string
unit_text(AccountFigure figure, std::string_view currency, std::string_view output_unit) {
    return detail::expand_unit_pattern(info(figure).unit, currency, output_unit);
}

std::span<const CarrierFigure> all_carrier_figures() {
    return kCarrierFigures;
}

std::string_view to_string(CarrierFigure figure) {
    switch (figure) {
    case CF::amount:
        return "amount";
    case CF::energy_tce:
        return "energy_tce";
    case CF::final_energy_gj:
        return "final_energy_gj";
    case CF::standard_coal_gj:
        return "standard_coal_gj";
    case CF::co2_t:
        return "co2_t";
    case CF::share:
        return "share";
    }
    return "amount";
}

std::string_view unit_text(CarrierFigure figure, Carrier carrier) {
    switch (figure) {
    case CF::amount:
        return native_unit(carrier).symbol;
    case CF::energy_tce:
        return "tce";
    case CF::final_energy_gj:
    case CF::standard_coal_gj:
        return "GJ";
    case CF::co2_t:
        return "tCO2";
    case CF::share:
        return "%";
    }
    return "";
}

// Factory accounts ---------------------------------------------------------------------------

const CarrierLine* FactoryAccount::line(Carrier carrier) const {
    for (const auto& l : carriers) {
        if (l.carrier == carrier) {
            return &l;
        }
    }
    return nullptr;
}

KpiValue FactoryAccount::value(AccountFigure figure) const {
    const AccountFigureInfo& fi = info(figure);
    const auto missing = [&](AccountFigure f) -> std::vector<std::string> {
        if (quantities[index_of(f)]) {
            return {};
        }
        if (is_energy(f)) {
            return energy_missing;
        }
        return {std::string(kQuantityMissing[index_of(f)])};
    };
    if (!fi.numerator) {
        const auto& q = quantities[index_of(figure)];
        return q ? KpiValue::of(*q) : KpiValue::missing(missing(figure));
    }
    const auto& num = quantities[index_of(*fi.numerator)];
    const auto& den = quantities[index_of(*fi.denominator)];
    if (!num || !den) {
        std::vector<std::string> names = missing(*fi.numerator);
        for (auto& n : missing(*fi.denominator)) {
            names.push_back(std::move(n));
        }
        return KpiValue::missing(std::move(names));
    }
    return ratio(*num, *den / fi.denominator_scale, info(*fi.denominator).key);
}

KpiValue FactoryAccount::carrier_value(Carrier carrier, CarrierFigure figure) const {
    const CarrierLine* l = line(carrier);
    if (l == nullptr) {
        return KpiValue::missing({fmt::format("energy.{}", to_string(carrier))});
    }
    if (!l->amount) {
        return KpiValue::missing({fmt::format("energy.{}", to_string(carrier))});
    }
    const auto q = line_quantities(*l);
    if (figure == CF::share) {
        return share_of(q[index_of(CF::energy_tce)], value(F::energy_tce));
    }
    return KpiValue::of(q[index_of(figure)]);
}

FactoryAccount account_factory(const Factory& factory,
                               const Coefficients& coefficients,
                               const FxTable& fx,
                               Currency currency) {
    FactoryAccount a;
    a.factory = &factory;
    // The same figures the impact report shows, so both reports agree digit for digit.
    const Figures figures = factory_figures(factory, coefficients, fx, currency);
    a.quantities[index_of(F::value_added)] = figures.quantity(Metric::value_added);
    a.quantities[index_of(F::output)] = figures.quantity(Metric::output);
    a.output_unit = figures.output_unit();
    if (!factory.energy) {
        a.energy_missing = {"energy"};
        return a;
    }
    const EnergyUse& use = *factory.energy;
    for (Carrier c : all_carriers()) {
        const bool unknown =
            std::find(use.unknown.begin(), use.unknown.end(), c) != use.unknown.end();
        if (!use[c] && !unknown) {
            continue;
        }
        CarrierLine line;
        line.carrier = c;
        line.amount = unknown ? std::nullopt : use[c];
        line.tce = coefficients.tce(c);
        line.calorific_value = coefficients.calorific_value(c);
        if (c == Carrier::electricity) {
            const GridFactorMatch grid = coefficients.grid_factor(factory.region);
            line.co2 = *grid.factor;
            line.grid_scope = grid.scope;
            line.grid_key = grid.key;
        } else {
            line.co2 = coefficients.co2(c);
        }
        if (unknown) {
            a.energy_missing.push_back(fmt::format("energy.{}", to_string(c)));
        }
        a.carriers.push_back(std::move(line));
    }
    if (!a.energy_missing.empty()) {
        return a;
    }
    double final_mj = 0;
    for (const auto& line : a.carriers) {
        final_mj += *line.amount * line.calorific_value.value;
    }
    a.quantities[index_of(F::energy_tce)] = figures.quantity(Metric::energy_tce);
    a.quantities[index_of(F::standard_coal_gj)] = figures.quantity(Metric::energy_gj);
    a.quantities[index_of(F::co2_t)] = figures.quantity(Metric::co2_t);
    a.quantities[index_of(F::final_energy_gj)] = final_mj / 1000.0;
    return a;
}

// Totals -------------------------------------------------------------------------------------

void AccountTotals::add(const FactoryAccount& account) {
    ++factories_;
    if (account.quantities[index_of(F::output)] &&
        std::find(output_units_.begin(), output_units_.end(), account.output_unit) ==
            output_units_.end()) {
        output_units_.push_back(account.output_unit);
    }
    for (const auto& fi : kFigures) {
        const std::size_t i = index_of(fi.figure);
        if (!fi.numerator) {
            if (const auto& q = account.quantities[i]) {
                num_[i] += *q;
                ++count_[i];
            } else {
                const KpiValue v = account.value(fi.figure);
                for (const auto& name : v.missing_inputs()) {
                    if (std::find(missing_.begin(), missing_.end(), name) == missing_.end()) {
                        missing_.push_back(name);
                    }
                }
            }
            continue;
        }
        const auto& num = account.quantities[index_of(*fi.numerator)];
        const auto& den = account.quantities[index_of(*fi.denominator)];
        if (num && den) {
            num_[i] += *num;
            den_[i] += *den;
            ++count_[i];
        }
    }
    if (!account.energy_missing.empty()) {
        return;
    }
    for (const auto& line : account.carriers) {
        const auto q = line_quantities(line);
        auto& sums = carrier_sums_[index_of(line.carrier)];
        for (std::size_t k = 0; k < kCarrierFigureCount; ++k) {
            sums[k] += q[k];
        }
        carrier_seen_[index_of(line.carrier)] = true;
    }
}

std::string AccountTotals::output_unit() const {
    return output_units_.size() == 1 ? output_units_.front() : std::string();
}

KpiValue AccountTotals::value(AccountFigure figure) const {
    const std::size_t i = index_of(figure);
    const AccountFigureInfo& fi = info(figure);
    if (count_[i] == 0) {
        std::vector<std::string> names;
        const auto add = [&](AccountFigure f) {
            // Names the factories gave for the gap ("energy.natural_gas"), else the figure.
            bool any = false;
            for (const auto& m : missing_) {
                const bool energy_name = m == "energy" || m.rfind("energy.", 0) == 0;
                if (is_energy(f) ? energy_name : m == kQuantityMissing[index_of(f)]) {
                    names.push_back(m);
                    any = true;
                }
            }
            if (!any) {
                names.emplace_back(kQuantityMissing[index_of(f)]);
            }
        };
        if (fi.numerator) {
            add(*fi.numerator);
            add(*fi.denominator);
        } else {
            add(figure);
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return KpiValue::missing(std::move(names));
    }
    const bool per_output = figure == F::output || fi.denominator == F::output;
    if (per_output && output_units_.size() > 1) {
        return KpiValue::undefined(fmt::format("output units differ across factories: {}",
                                               fmt::join(output_units_, ", ")));
    }
    if (!fi.numerator) {
        return KpiValue::of(num_[i]);
    }
    return ratio(num_[i], den_[i] / fi.denominator_scale, info(*fi.denominator).key);
}

KpiValue AccountTotals::carrier_value(Carrier carrier, CarrierFigure figure) const {
    if (count_[index_of(F::energy_tce)] == 0) {
        return value(F::energy_tce);
    }
    const auto& sums = carrier_sums_[index_of(carrier)];
    if (figure == CF::share) {
        return share_of(sums[index_of(CF::energy_tce)], value(F::energy_tce));
    }
    // A carrier no complete factory names was not consumed by them: zero, not missing.
    return KpiValue::of(sums[index_of(figure)]);
}

// Grouping -----------------------------------------------------------------------------------

std::string_view to_string(AccountsGrouping grouping) {
    switch (grouping) {
    case AccountsGrouping::factory:
        return "factory";
    case AccountsGrouping::sector:
        return "sector";
    case AccountsGrouping::region:
        return "region";
    case AccountsGrouping::all:
        return "all";
    }
    return "factory";
}

AccountsGrouping parse_accounts_grouping(std::string_view name) {
    for (AccountsGrouping g : {AccountsGrouping::factory, AccountsGrouping::sector,
                               AccountsGrouping::region, AccountsGrouping::all}) {
        if (to_string(g) == name) {
            return g;
        }
    }
    throw UsageError(
        fmt::format("unknown grouping \"{}\"; accepted: factory, sector, region, all", name));
}

EnergyAccounts
compute_energy_accounts(const Dataset& dataset, Currency currency, AccountsGrouping by) {
    check_currencies(dataset, currency);
    EnergyAccounts out;
    out.by = by;
    out.currency = currency;
    out.coefficients = dataset.coefficients;
    out.fx = dataset.fx;
    out.factories.reserve(dataset.factories.size());
    std::array<bool, kCarrierCount> used{};
    std::vector<std::string> incomplete;
    std::map<std::string, std::vector<std::string>> national_fallback; // region -> factory ids
    for (const auto& f : dataset.factories) {
        FactoryAccount a = account_factory(f, out.coefficients, out.fx, currency);
        out.total.add(a);
        if (by == AccountsGrouping::sector) {
            out.groups[f.sector].add(a);
        } else if (by == AccountsGrouping::region) {
            out.groups[f.region].add(a);
        }
        for (const auto& line : a.carriers) {
            used[index_of(line.carrier)] = true;
            if (line.carrier == Carrier::electricity && line.grid_scope == GridScope::national) {
                // A factory appears once per period (conventions §14): name it once.
                auto& ids = national_fallback[f.region];
                if (std::find(ids.begin(), ids.end(), f.id) == ids.end()) {
                    ids.push_back(f.id);
                }
            }
        }
        if (!a.energy_missing.empty()) {
            incomplete.push_back(fmt::format("{} ({})", f.id, fmt::join(a.energy_missing, ", ")));
        }
        out.factories.push_back(std::move(a));
    }
    for (Carrier c : all_carriers()) {
        if (used[index_of(c)]) {
            if (auto w = calorific_mismatch(c, out.coefficients)) {
                out.warnings.push_back(std::move(*w));
            }
        }
    }
    for (const auto& [region, ids] : national_fallback) {
        const Coefficient& national = *out.coefficients.grid_factor(region).factor;
        out.warnings.push_back(fmt::format(
            "no provincial or grid-region electricity factor for region \"{}\" in set {}: the "
            "national factor {} {} ({}) is used for {}",
            region, out.coefficients.grid_factor_set(), national.value, national.unit,
            national.year, fmt::join(ids, ", ")));
    }
    if (!incomplete.empty()) {
        out.warnings.push_back(fmt::format(
            "{} of {} factory records have incomplete energy data and are left out of the "
            "energy totals (see coverage): {}",
            incomplete.size(), dataset.factories.size(), fmt::join(incomplete, "; ")));
    }
    return out;
}

} // namespace smartkpi
