// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/figure_table.hpp"

#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/engine/lmdi.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace smartkpi {

namespace {

constexpr std::array kEffects{DecompositionEffect::activity, DecompositionEffect::structure,
                              DecompositionEffect::intensity};

std::string_view quantity_name(DecomposedQuantity q) {
    return q == DecomposedQuantity::energy ? "energy" : "CO2";
}

const std::optional<double>& quantity_of(const DecompositionRecord& r, DecomposedQuantity q) {
    return q == DecomposedQuantity::energy ? r.energy_tce : r.co2_t;
}

bool usable(const DecompositionRecord& r, DecomposedQuantity q) {
    return r.value_added.has_value() && quantity_of(r, q).has_value();
}

// What a record lacks, for the warning that leaves it out.
std::string missing_text(const DecompositionRecord& r, DecomposedQuantity q) {
    std::vector<std::string> names;
    if (!r.value_added) {
        names.emplace_back("value_added");
    }
    if (!quantity_of(r, q)) {
        const auto& inputs = q == DecomposedQuantity::energy ? r.missing_energy : r.missing_co2;
        if (inputs.empty()) {
            names.emplace_back(q == DecomposedQuantity::energy ? "energy" : "co2");
        } else {
            names.insert(names.end(), inputs.begin(), inputs.end());
        }
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string group_key(const DecompositionRecord& r, DecompositionGrouping g) {
    switch (g) {
    case DecompositionGrouping::sector:
        return r.sector.empty() ? "(no sector)" : r.sector;
    case DecompositionGrouping::region:
        return r.region.empty() ? "(no region)" : r.region;
    case DecompositionGrouping::factory:
        break;
    }
    return r.id;
}

// Values LMDI can take: finite and not negative (a negative value added or energy would need
// the sign-change treatment of Ang & Liu 2007, which smartkpi does not apply; energy.md §4.3).
void check_value(const DecompositionRecord& r,
                 const DecompositionPeriod& p,
                 const std::optional<double>& v,
                 std::string_view what) {
    if (!v) {
        return;
    }
    if (!std::isfinite(*v)) {
        throw DomainError(
            fmt::format("factory \"{}\" in {}: {} is not a finite number (beyond the double "
                        "range once converted)",
                        r.id, p.label, what),
            r.where);
    }
    if (*v < 0) {
        throw DomainError(fmt::format("factory \"{}\" in {}: {} is negative ({}); the LMDI "
                                      "decomposition needs values of one sign in both periods "
                                      "(a sign change has no logarithmic mean)",
                                      r.id, p.label, what, *v),
                          r.where);
    }
}

// Index of each factory id in a period; an id given twice is a data error (conventions §14).
std::unordered_map<std::string_view, std::size_t> index_ids(const DecompositionPeriod& p) {
    std::unordered_map<std::string_view, std::size_t> ids;
    ids.reserve(p.records.size());
    for (std::size_t i = 0; i < p.records.size(); ++i) {
        const DecompositionRecord& r = p.records[i];
        if (!ids.emplace(r.id, i).second) {
            throw SchemaError(fmt::format("factory \"{}\" appears twice in {}; a period holds one "
                                          "record per factory",
                                          r.id, p.label),
                              r.where);
        }
    }
    return ids;
}

struct GroupSums {
    std::size_t factories[2] = {0, 0};
    double value_added[2] = {0, 0};
    double quantity[2] = {0, 0};
};

// S and I of a group in one period. A group without value added there (it opens or closes)
// has S = 0; its intensity is then taken from the other period, which leaves the limit
// L(vᵀ, δ)·ln(Iᵀ/I⁰) = 0 for any finite I⁰, so the whole change falls to structure, the one
// factor that appears or vanishes (energy.md §4.3, cases 1-4).
void shares_and_intensity(const GroupSums& g,
                          const double total_value_added[2],
                          double share[2],
                          double intensity[2]) {
    for (int p = 0; p < 2; ++p) {
        share[p] = g.value_added[p] > 0 ? g.value_added[p] / total_value_added[p] : 0.0;
        intensity[p] = g.value_added[p] > 0 ? g.quantity[p] / g.value_added[p] : 0.0;
    }
    for (int p = 0; p < 2; ++p) {
        if (g.value_added[p] == 0) {
            intensity[p] = intensity[1 - p];
        }
    }
}

} // namespace

std::string_view to_string(DecompositionGrouping grouping) {
    switch (grouping) {
    case DecompositionGrouping::sector:
        return "sector";
    case DecompositionGrouping::region:
        return "region";
    case DecompositionGrouping::factory:
        break;
    }
    return "factory";
}

DecompositionGrouping parse_decomposition_grouping(std::string_view name) {
    for (auto g : {DecompositionGrouping::sector, DecompositionGrouping::region,
                   DecompositionGrouping::factory}) {
        if (name == to_string(g)) {
            return g;
        }
    }
    throw UsageError(
        fmt::format("unknown grouping \"{}\"; use one of: sector, region, factory", name));
}

std::string_view to_string(DecomposedQuantity quantity) {
    return quantity == DecomposedQuantity::energy ? "energy" : "co2";
}

DecomposedQuantity parse_decomposed_quantity(std::string_view name) {
    if (name == "energy") {
        return DecomposedQuantity::energy;
    }
    if (name == "co2") {
        return DecomposedQuantity::co2;
    }
    throw UsageError(fmt::format("unknown quantity \"{}\"; use one of: energy, co2", name));
}

std::string_view unit_text(DecomposedQuantity quantity) {
    return quantity == DecomposedQuantity::energy ? "tce" : "tCO2";
}

std::span<const DecompositionEffect> all_decomposition_effects() {
    return kEffects;
}

std::string_view to_string(DecompositionEffect effect) {
    switch (effect) {
    case DecompositionEffect::activity:
        return "activity";
    case DecompositionEffect::structure:
        return "structure";
    case DecompositionEffect::intensity:
        break;
    }
    return "intensity";
}

std::string_view to_string(DecompositionGroup::Presence presence) {
    switch (presence) {
    case DecompositionGroup::Presence::both:
        return "both";
    case DecompositionGroup::Presence::from_only:
        return "from_only";
    case DecompositionGroup::Presence::to_only:
        break;
    }
    return "to_only";
}

KpiValue EnergyDecomposition::ratio() const {
    return smartkpi::ratio(to, from, "from");
}

KpiValue EnergyDecomposition::share(DecompositionEffect effect) const {
    KpiValue s = smartkpi::ratio(additive[detail::index_of(effect)], change(), "change");
    // A zero effect of a fall is -0, which reads "-0.0%".
    return s.available() && s.value() == 0 ? KpiValue::of(0.0) : s;
}

DecompositionPeriod decomposition_period(const Dataset& dataset, Currency currency) {
    check_currencies(dataset, currency);
    DecompositionPeriod p;
    p.source = dataset.source;
    p.currency = std::string(currency.code());
    std::optional<Period> common;
    bool one_period = !dataset.factories.empty();
    p.records.reserve(dataset.factories.size());
    for (const Factory& f : dataset.factories) {
        const Figures figures = factory_figures(f, dataset.coefficients, dataset.fx, currency);
        DecompositionRecord r;
        r.id = f.id;
        r.sector = f.sector;
        r.region = f.region;
        r.value_added = figures.quantity(Metric::value_added);
        r.energy_tce = figures.quantity(Metric::energy_tce);
        r.co2_t = figures.quantity(Metric::co2_t);
        if (!r.energy_tce) {
            r.missing_energy = figures.missing_inputs(Metric::energy_tce);
        }
        if (!r.co2_t) {
            r.missing_co2 = figures.missing_inputs(Metric::co2_t);
        }
        r.where = dataset.location_of(f, "id");
        p.records.push_back(std::move(r));
        if (f.period && (!common || *common == *f.period)) {
            common = f.period;
        } else {
            one_period = false;
        }
    }
    p.label = one_period && common ? common->to_string()
                                   : (dataset.source.empty() ? "the data" : dataset.source);
    return p;
}

EnergyDecomposition decompose_energy(const DecompositionPeriod& from,
                                     const DecompositionPeriod& to,
                                     const DecompositionOptions& options) {
    const DecomposedQuantity q = options.quantity;
    if (from.currency != to.currency) {
        throw DataError(fmt::format("the periods give value added in different currencies ({} "
                                    "and {}); convert both to one reporting currency",
                                    from.currency, to.currency));
    }
    const DecompositionPeriod* periods[2] = {&from, &to};
    for (const DecompositionPeriod* p : periods) {
        for (const DecompositionRecord& r : p->records) {
            check_value(r, *p, r.value_added, "value added");
            check_value(r, *p, quantity_of(r, q), quantity_name(q));
        }
    }
    const auto ids_from = index_ids(from);
    const auto ids_to = index_ids(to);

    EnergyDecomposition d;
    d.grouping = options.grouping;
    d.quantity = q;
    d.currency = from.currency;
    d.from_label = from.label;
    d.to_label = to.label;
    d.from_source = from.source;
    d.to_source = to.source;
    d.coverage_from.of = from.records.size();
    d.coverage_to.of = to.records.size();

    // A factory in both periods enters both sums or neither: with its data missing in one
    // period it would otherwise look like a factory that opened or closed.
    std::vector<bool> include[2] = {std::vector<bool>(from.records.size()),
                                    std::vector<bool>(to.records.size())};
    for (int p = 0; p < 2; ++p) {
        const auto& other_ids = p == 0 ? ids_to : ids_from;
        const DecompositionPeriod& self = *periods[p];
        const DecompositionPeriod& other = *periods[1 - p];
        for (std::size_t i = 0; i < self.records.size(); ++i) {
            const DecompositionRecord& r = self.records[i];
            const auto it = other_ids.find(r.id);
            const DecompositionRecord* twin =
                it == other_ids.end() ? nullptr : &other.records[it->second];
            const bool ok = usable(r, q) && (twin == nullptr || usable(*twin, q));
            include[p][i] = ok;
            if (ok || (p == 1 && twin != nullptr)) {
                continue; // a pair is reported once, from the first period
            }
            std::vector<std::string> parts;
            const bool same_gap = twin != nullptr && !usable(r, q) && !usable(*twin, q) &&
                                  missing_text(r, q) == missing_text(*twin, q);
            if (same_gap) {
                parts.push_back(fmt::format("{} missing in both", missing_text(r, q)));
            } else {
                if (!usable(r, q)) {
                    parts.push_back(
                        fmt::format("{} missing in {}", missing_text(r, q), self.label));
                }
                if (twin != nullptr && !usable(*twin, q)) {
                    parts.push_back(
                        fmt::format("{} missing in {}", missing_text(*twin, q), other.label));
                }
            }
            d.warnings.push_back(fmt::format("factory \"{}\" is left out of {}: {}", r.id,
                                             twin == nullptr ? "the decomposition" : "both periods",
                                             fmt::join(parts, "; ")));
        }
    }

    std::map<std::string, GroupSums> groups;
    double total_value_added[2] = {0, 0};
    double total_quantity[2] = {0, 0};
    for (int p = 0; p < 2; ++p) {
        const DecompositionPeriod& self = *periods[p];
        for (std::size_t i = 0; i < self.records.size(); ++i) {
            if (!include[p][i]) {
                continue;
            }
            const DecompositionRecord& r = self.records[i];
            const double va = *r.value_added;
            const double v = *quantity_of(r, q);
            if (va == 0 && v > 0) {
                throw DomainError(
                    fmt::format("factory \"{}\" in {}: {} {} {} with no value added; its "
                                "intensity is undefined, so E = Q·S·I cannot hold",
                                r.id, self.label, quantity_name(q), v, unit_text(q)),
                    r.where);
            }
            GroupSums& g = groups[group_key(r, options.grouping)];
            ++g.factories[p];
            g.value_added[p] += va;
            g.quantity[p] += v;
            total_value_added[p] += va;
            total_quantity[p] += v;
        }
        auto& coverage = p == 0 ? d.coverage_from : d.coverage_to;
        coverage.factories =
            static_cast<std::size_t>(std::count(include[p].begin(), include[p].end(), true));
        if (coverage.factories == 0) {
            throw DataError(fmt::format("{} ({}) has no factory with both value added and {}: "
                                        "nothing to decompose",
                                        self.label, self.source.empty() ? "-" : self.source,
                                        quantity_name(q)));
        }
        if (total_value_added[p] == 0) {
            throw DataError(fmt::format("total value added is 0 in {}: the shares S = Qi/Q of "
                                        "the decomposition are undefined",
                                        self.label));
        }
    }

    for (int p = 0; p < 2; ++p) {
        if (!std::isfinite(total_value_added[p]) || !std::isfinite(total_quantity[p])) {
            throw DomainError(
                fmt::format("the total {} in {} is too large to add up",
                            std::isfinite(total_value_added[p]) ? quantity_name(q) : "value added",
                            periods[p]->label));
        }
    }
    // The report gives to/from; beyond the double range it would print as inf or 0.
    if (total_quantity[0] > 0 && total_quantity[1] > 0) {
        const double ratio = total_quantity[1] / total_quantity[0];
        if (!std::isnormal(ratio) || !std::isfinite(ratio)) {
            throw DomainError(fmt::format("the total {} changes from {} to {} {}, by a factor "
                                          "beyond the double range: too large to decompose",
                                          quantity_name(q), total_quantity[0], total_quantity[1],
                                          unit_text(q)));
        }
    }
    std::vector<LmdiCategory> categories;
    categories.reserve(groups.size());
    for (const auto& [key, g] : groups) {
        double share[2];
        double intensity[2];
        shares_and_intensity(g, total_value_added, share, intensity);
        // E = Q·S·I must hold for each group to the last digits, or the effects cannot add up
        // to the change: a share or intensity that overflows or loses its digits to underflow
        // (a denormal) breaks it.
        for (int p = 0; p < 2; ++p) {
            for (const double x : {share[p], intensity[p]}) {
                const bool lost =
                    x == 0 ? g.quantity[p] > 0 && g.value_added[p] > 0 : !std::isnormal(x);
                if (lost) {
                    throw DomainError(fmt::format(
                        "group \"{}\" in {}: {} {} {} against value added {} (total {}) spans "
                        "too many orders of magnitude for the share and intensity to be "
                        "represented",
                        key, periods[p]->label, quantity_name(q), g.quantity[p], unit_text(q),
                        g.value_added[p], total_value_added[p]));
                }
            }
        }
        categories.push_back({key,
                              {total_value_added[0], share[0], intensity[0]},
                              {total_value_added[1], share[1], intensity[1]}});
    }
    const LmdiResult lmdi = [&] {
        try {
            return lmdi_decompose(categories);
        } catch (const DomainError& e) {
            throw DomainError(fmt::format("{} from {} to {} by {}: {}", quantity_name(q),
                                          from.label, to.label, to_string(options.grouping),
                                          e.message()));
        }
    }();

    d.value_added_from = total_value_added[0];
    d.value_added_to = total_value_added[1];
    d.from = total_quantity[0];
    d.to = total_quantity[1];
    double sum = 0;
    for (std::size_t k = 0; k < kDecompositionEffectCount; ++k) {
        d.additive[k] = lmdi.additive[k];
        sum += d.additive[k];
    }
    // The identity's products Q·S·I equal the summed quantities only to rounding; the effects
    // must still add up to the change the report shows.
    const double scale = std::max(std::fabs(d.from), std::fabs(d.to));
    const double denormal_slack =
        8 * static_cast<double>(groups.size() * 4) * std::numeric_limits<double>::denorm_min();
    if (std::fabs(sum - d.change()) > kLmdiClosureTolerance * scale + denormal_slack) {
        throw InternalError(
            fmt::format("decomposition effects sum to {} but the change is {}", sum, d.change()));
    }
    if (lmdi.multiplicative) {
        std::array<double, kDecompositionEffectCount> m{};
        std::copy(lmdi.multiplicative->begin(), lmdi.multiplicative->end(), m.begin());
        d.multiplicative = m;
    }
    d.readings.lmdi = d.additive[detail::index_of(DecompositionEffect::intensity)];

    std::size_t i = 0;
    for (const auto& [key, g] : groups) {
        DecompositionGroup out;
        out.key = key;
        out.factories_from = g.factories[0];
        out.factories_to = g.factories[1];
        out.presence = g.factories[0] == 0   ? DecompositionGroup::Presence::to_only
                       : g.factories[1] == 0 ? DecompositionGroup::Presence::from_only
                                             : DecompositionGroup::Presence::both;
        out.value_added_from = g.value_added[0];
        out.value_added_to = g.value_added[1];
        out.from = g.quantity[0];
        out.to = g.quantity[1];
        std::copy(lmdi.contributions[i].begin(), lmdi.contributions[i].end(), out.effects.begin());
        if (g.value_added[0] > 0 && g.value_added[1] > 0) {
            const double i0 = g.quantity[0] / g.value_added[0];
            const double it = g.quantity[1] / g.value_added[1];
            d.readings.laspeyres += g.value_added[0] * (it - i0);
            d.readings.avoided_energy += g.value_added[1] * (it - i0);
        }
        d.groups.push_back(std::move(out));
        ++i;
    }
    // Σ Qᵢ·ΔIᵢ can leave the double range where the LMDI effects, weighted by logarithms, do
    // not (an intensity that grows by 1e300 on large value added).
    if (!std::isfinite(d.readings.laspeyres) || !std::isfinite(d.readings.avoided_energy)) {
        throw DomainError(fmt::format("the Laspeyres and avoided-{} readings of the intensity "
                                      "effect (value added × change of intensity) are beyond "
                                      "the double range: too large to decompose",
                                      quantity_name(q)));
    }
    return d;
}

} // namespace smartkpi
