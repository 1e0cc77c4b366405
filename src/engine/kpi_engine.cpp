// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The ISO 22400-2 engine: element completion and checks, and the KPI formulas over summed
// elements (the grouping is in kpi_rollup.cpp).
#include "engine/capability.hpp"

#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/engine/oee.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace smartkpi {

std::string_view to_string(KpiOptions::PlannedDowntime v) {
    return v == KpiOptions::PlannedDowntime::excluded ? "excluded" : "availability-loss";
}
std::string_view to_string(KpiOptions::MinorStops v) {
    return v == KpiOptions::MinorStops::performance_loss ? "performance-loss" : "availability-loss";
}
std::string_view to_string(KpiOptions::Setup v) {
    return v == KpiOptions::Setup::availability_loss ? "availability-loss" : "not-a-loss";
}
std::string_view to_string(KpiOptions::VarianceDivisor v) {
    return v == KpiOptions::VarianceDivisor::n_minus_1 ? "n-1" : "n";
}

namespace {

using enum Element;

// Relations between elements hold up to rounding in the user's data: a part may exceed its
// whole by 1e-9 relative (and 1 µs absolute) before it is a problem.
bool exceeds(double part, double whole) {
    return part > whole + 1e-9 * std::max(std::abs(part), std::abs(whole)) + 1e-6;
}
bool differs(double a, double b) {
    return exceeds(a, b) || exceeds(b, a);
}

std::string show(double v, const ElementInfo& e) {
    return fmt::format("{} = {}{}", e.key, v, e.kind == ElementKind::time ? " s" : "");
}

class Checker {
  public:
    explicit Checker(WorkUnit& u) : u_(u) {}

    std::vector<ElementProblem> problems;

    void problem(std::string_view element, std::string message) {
        problems.push_back({u_.id, std::string(element), std::move(message)});
    }

    // part <= whole, both given; reported on `part`.
    void at_most(Element part, Element whole) {
        const auto& p = u_[part];
        const auto& w = u_[whole];
        if (p && w && exceeds(*p, *w)) {
            problem(info(part).key,
                    fmt::format("{} ({}) exceeds {} ({})", info(part).name, show(*p, info(part)),
                                info(whole).name, show(*w, info(whole))));
        }
    }

    // derived = a + b: derived when absent, checked when given.
    void sum_of(Element derived, Element a, Element b) {
        auto& d = u_[derived];
        const auto& x = u_[a];
        const auto& y = u_[b];
        if (!x || !y) {
            return;
        }
        const double expected = *x + *y;
        if (!d) {
            d = expected;
        } else if (differs(*d, expected)) {
            problem(info(derived).key,
                    fmt::format("{} ({}) is not {} + {} = {}", info(derived).name,
                                show(*d, info(derived)), info(a).key, info(b).key, expected));
        }
    }

  private:
    WorkUnit& u_;
};

} // namespace

std::vector<ElementProblem> complete_and_check(WorkUnit& u) {
    Checker c(u);
    c.sum_of(aupt, apt, aust);
    c.sum_of(aubt, aupt, adet);
    if (!u[pq] && u[gq] && u[sq] && u[rq]) {
        u[pq] = *u[gq] + *u[sq] + *u[rq];
    }
    if (u[pri] && u[pq]) {
        const double ideal = *u[pri] * *u[pq];
        if (!u.ideal_time) {
            u.ideal_time = ideal;
        } else if (differs(*u.ideal_time, ideal)) {
            c.problem("ideal_time", fmt::format("ideal_time ({} s) is not pri × pq = {} s",
                                                *u.ideal_time, ideal));
        }
    }

    // The ISO time model: APT ≤ AUPT ≤ AUBT ≤ PBT ≤ POT (reference §2.1).
    c.at_most(apt, pbt);
    c.at_most(aupt, pbt);
    c.at_most(aubt, pbt);
    c.at_most(pbt, pot);
    c.at_most(aust, pbt);
    c.at_most(adet, pbt);
    c.at_most(apwt, apat);
    // PBT ≈ AUBT + ADOT (+ unaccounted time): busy and idle time together fit in it.
    if (u[aubt] && u[adot] && u[pbt] && exceeds(*u[aubt] + *u[adot], *u[pbt])) {
        c.problem("adot", fmt::format("actual unit busy time and down time (aubt + adot = {} s) "
                                      "exceed planned busy time (pbt = {} s)",
                                      *u[aubt] + *u[adot], *u[pbt]));
    }
    for (Element part : {gq, sq, rq}) {
        c.at_most(part, pq);
    }
    if (u[gq] && u[sq] && u[pq]) {
        const double parts = *u[gq] + *u[sq] + u[rq].value_or(0.0);
        if (exceeds(parts, *u[pq])) {
            c.problem("pq", fmt::format("good, scrap and rework quantities ({}) exceed the "
                                        "produced quantity (pq = {})",
                                        parts, *u[pq]));
        }
    }
    c.at_most(gp, ip);
    c.at_most(igq, cm);
    if (u.period) {
        const auto calendar = static_cast<double>(u.period->seconds());
        for (Element e : {pot, pbt, aubt}) {
            if (u[e] && exceeds(*u[e], calendar)) {
                c.problem(info(e).key, fmt::format("{} ({}) exceeds the period's length ({} s)",
                                                   info(e).name, show(*u[e], info(e)), calendar));
                break;
            }
        }
    }
    if (u.measurements && u.measurements->usl && u.measurements->lsl &&
        !(*u.measurements->lsl < *u.measurements->usl)) {
        c.problem("measurements", fmt::format("lower specification limit ({}) is not below the "
                                              "upper one ({})",
                                              *u.measurements->lsl, *u.measurements->usl));
    }
    const SixBigLosses& l = u.losses;
    if (u[pbt] && l.breakdowns && l.setup_adjustments) {
        const double stops = *l.breakdowns + *l.setup_adjustments + l.small_stops.value_or(0.0) +
                             l.reduced_speed.value_or(0.0);
        if (exceeds(stops, *u[pbt])) {
            c.problem("losses", fmt::format("loss times ({} s) exceed planned busy time (pbt = "
                                            "{} s)",
                                            stops, *u[pbt]));
        }
    }
    if (u[pq] && (l.startup_rejects || l.production_rejects)) {
        const double rejects = l.startup_rejects.value_or(0.0) + l.production_rejects.value_or(0.0);
        if (exceeds(rejects, *u[pq])) {
            c.problem("losses", fmt::format("rejects ({}) exceed the produced quantity (pq = {})",
                                            rejects, *u[pq]));
        }
    }
    return std::move(c.problems);
}

std::vector<std::string> check_work_units(std::span<WorkUnit> units, bool lenient) {
    std::vector<std::string> warnings;
    for (WorkUnit& u : units) {
        for (ElementProblem& p : complete_and_check(u)) {
            const bool in_elements =
                find_element(p.element) != nullptr || p.element == "ideal_time";
            Location where;
            where.source = u.origin.source;
            where.line = static_cast<std::size_t>(u.origin.line);
            where.json_pointer =
                u.origin.pointer.empty()
                    ? p.element
                    : u.origin.pointer + (in_elements ? "/elements/" : "/") + p.element;
            std::string message = fmt::format("unit {}: {}", u.id, p.message);
            if (!lenient) {
                throw DomainError(std::move(message), std::move(where));
            }
            warnings.push_back(fmt::format("{}: {}", where.to_string(), message));
        }
    }
    return warnings;
}

// ---------------------------------------------------------------------------------------
// KPI formulas over summed elements.

namespace {

using Units = std::span<const WorkUnit* const>;

double inventory_of(const WorkUnit& u) {
    double s = 0;
    for (Element e : {rmi, wip, fgi, ci}) {
        s += u[e].value_or(0.0);
    }
    return s;
}

bool has_inventory(const WorkUnit& u) {
    return u[rmi] || u[wip] || u[fgi] || u[ci];
}

bool energy_known(const WorkUnit& u) {
    return u.energy && u.energy->unknown.empty();
}

double kgce_of(const WorkUnit& u, const Coefficients& coefficients) {
    double s = 0;
    for (Carrier c : all_carriers()) {
        if (const auto& amount = (*u.energy)[c]) {
            s += coefficients.kgce(c, *amount);
        }
    }
    return s;
}

// An input of a KPI, resolved once per KPI rather than once per unit: an element, or one of
// the composite inputs of the registry ("period", "energy", "tbf", the loss classes, ...).
struct Input {
    std::string_view name;
    const ElementInfo* element = nullptr;
};

Input resolve(std::string_view name) {
    return {name, find_element(name)};
}

// Whether a unit carries the input.
bool has_input(const WorkUnit& u, const Input& in) {
    if (in.element != nullptr) {
        if (in.element->element == pri) {
            return u.ideal_time.has_value(); // PRI stands for the ideal time PRI·PQ
        }
        return u[in.element->element].has_value();
    }
    const std::string_view name = in.name;
    const SixBigLosses& l = u.losses;
    if (name == "period")
        return u.period.has_value();
    if (name == "energy")
        return energy_known(u);
    if (name == "inventory")
        return has_inventory(u);
    if (name == "measurements")
        return u.measurements.has_value();
    if (name == "tbf")
        return u.has_tbf;
    if (name == "ttf")
        return u.has_ttf;
    if (name == "ttr")
        return u.has_ttr;
    if (name == "breakdowns")
        return l.breakdowns.has_value();
    if (name == "setup_adjustments")
        return l.setup_adjustments.has_value();
    if (name == "small_stops")
        return l.small_stops.has_value();
    if (name == "startup_rejects")
        return l.startup_rejects.has_value();
    if (name == "production_rejects")
        return l.production_rejects.has_value();
    return false;
}

// The inputs of a KPI under the options: the registry's list, with POT for PBT when planned
// downtime is a loss, and the special cases of the loss view and the reliability fallbacks.
std::vector<std::string_view> inputs_of(const KpiDefinition& d, const KpiOptions& o) {
    std::vector<std::string_view> in(d.inputs.begin(), d.inputs.end());
    const bool uses_base = d.kpi == Kpi::oee_index || d.kpi == Kpi::nee_index ||
                           d.kpi == Kpi::availability || d.kpi == Kpi::loss_view_availability ||
                           d.kpi == Kpi::loss_view_performance || d.kpi == Kpi::loss_view_oee;
    if (uses_base && o.planned_downtime == KpiOptions::PlannedDowntime::availability_loss) {
        std::replace(in.begin(), in.end(), std::string_view("pbt"), std::string_view("pot"));
        if (d.kpi != Kpi::availability && d.kpi != Kpi::oee_index && d.kpi != Kpi::nee_index) {
            in.emplace_back("pbt");
        }
    }
    if (d.kpi == Kpi::loss_view_availability &&
        o.minor_stops == KpiOptions::MinorStops::performance_loss) {
        std::erase(in, std::string_view("small_stops"));
    }
    if (d.kpi == Kpi::loss_view_performance || d.kpi == Kpi::loss_view_oee) {
        if (o.minor_stops == KpiOptions::MinorStops::availability_loss) {
            in.emplace_back("small_stops");
        }
    }
    return in;
}

// The resolved inputs of every KPI for each combination of the options that change inputs,
// built once: a roll-up computes thousands of groups and unit records.
const std::vector<Input>& resolved_inputs(const KpiDefinition& d, const KpiOptions& o) {
    using Table = std::array<std::vector<std::vector<Input>>, 4>;
    static const Table table = [] {
        Table t;
        for (std::size_t combo = 0; combo < t.size(); ++combo) {
            KpiOptions k;
            k.planned_downtime = (combo & 1U) != 0 ? KpiOptions::PlannedDowntime::availability_loss
                                                   : KpiOptions::PlannedDowntime::excluded;
            k.minor_stops = (combo & 2U) != 0 ? KpiOptions::MinorStops::availability_loss
                                              : KpiOptions::MinorStops::performance_loss;
            for (const KpiDefinition& def : all_kpis()) {
                std::vector<Input> in;
                for (std::string_view name : inputs_of(def, k)) {
                    in.push_back(resolve(name));
                }
                t[combo].push_back(std::move(in));
            }
        }
        return t;
    }();
    const std::size_t combo =
        (o.planned_downtime == KpiOptions::PlannedDowntime::availability_loss ? 1U : 0U) |
        (o.minor_stops == KpiOptions::MinorStops::availability_loss ? 2U : 0U);
    return table[combo][static_cast<std::size_t>(d.kpi)];
}

// Failures for a reliability KPI: FE when given, else the number of values in the list.
double failures(const WorkUnit& u, const std::vector<double>& list) {
    return u[fe] ? *u[fe] : static_cast<double>(list.size());
}

double total(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
}

// Built once: a roll-up computes thousands of groups and unit records.
const Coefficients& default_coefficients() {
    static const Coefficients defaults = Coefficients::defaults();
    return defaults;
}

class GroupComputer {
  public:
    GroupComputer(Units units, const KpiOptions& options)
        : units_(units), options_(options),
          coefficients_(options.coefficients != nullptr ? *options.coefficients
                                                        : default_coefficients()) {}

    KpiResult compute(const KpiDefinition& d, std::vector<std::string>& warnings) {
        KpiResult r;
        r.definition = &d;
        r.of = units_.size();
        const std::vector<Input>& in = resolved_inputs(d, options_);
        subset_.clear();
        std::vector<std::string> missing;
        for (const WorkUnit* u : units_) {
            bool all = true;
            for (const Input& input : in) {
                if (!has_input(*u, input) && !fallback(d.kpi, *u, input.name)) {
                    all = false;
                    // FE is optional next to a reliability list: name the list only.
                    const bool optional_fe =
                        input.name == "fe" &&
                        (d.kpi == Kpi::mtbf || d.kpi == Kpi::mttf || d.kpi == Kpi::mttr);
                    if (!optional_fe &&
                        std::find(missing.begin(), missing.end(), input.name) == missing.end()) {
                        missing.emplace_back(input.name);
                    }
                }
            }
            if (all) {
                subset_.push_back(u);
            }
        }
        r.covered = subset_.size();
        if (subset_.empty()) {
            r.value = KpiValue::missing(std::move(missing));
            if (units_.empty()) {
                r.value = KpiValue::undefined("no units in the group");
            }
            return r;
        }
        r.value = formula(d.kpi, warnings);
        return r;
    }

  private:
    // MTBF without a TBF list: AUPT / FE (TBF is operating time: setup and production,
    // no delay; reference §2.1).
    // FE defaults to the number of values in the KPI's own list.
    static bool fallback(Kpi kpi, const WorkUnit& u, std::string_view name) {
        if (name == "fe") {
            return (kpi == Kpi::mtbf && u.has_tbf) || (kpi == Kpi::mttf && u.has_ttf) ||
                   (kpi == Kpi::mttr && u.has_ttr);
        }
        return kpi == Kpi::mtbf && name == "tbf" && u[aupt].has_value() && u[fe].has_value();
    }

    double sum(Element e) const {
        double s = 0;
        for (const WorkUnit* u : subset_) {
            s += u->elements[static_cast<std::size_t>(e)].value_or(0.0);
        }
        return s;
    }
    template <class F> double sum(F&& f) const {
        double s = 0;
        for (const WorkUnit* u : subset_) {
            s += f(*u);
        }
        return s;
    }
    double ideal() const {
        return sum([](const WorkUnit& u) { return u.ideal_time.value_or(0.0); });
    }
    bool pot_base() const {
        return options_.planned_downtime == KpiOptions::PlannedDowntime::availability_loss;
    }
    // The availability base: PBT, or POT when planned downtime is a loss.
    KpiValue of_base(double numerator) const {
        return pot_base() ? ratio(numerator, sum(pot), "pot") : ratio(numerator, sum(pbt), "pbt");
    }

    static KpiValue product(std::initializer_list<KpiValue> factors) {
        double v = 1;
        for (const KpiValue& f : factors) {
            if (!f.available()) {
                return f;
            }
            v *= f.value();
        }
        return KpiValue::of(v);
    }

    // A, E, QR and OEE through the one shared implementation (engine/oee.hpp), with APT
    // replaced by `numerator_time` where a KPI asks for it.
    OeeKpis oee_parts(double numerator_time) const {
        OeeSums s;
        s.base = pot_base() ? sum(pot) : sum(pbt);
        s.base_name = pot_base() ? "pot" : "pbt";
        s.apt = numerator_time;
        s.ideal = ideal();
        s.pq = sum(pq);
        s.gq = sum(gq);
        return oee_kpis(s);
    }

    // Σ list / FE: MTTF and MTTR.
    KpiValue reliability(const std::vector<double> WorkUnit::*list) const {
        const double failures_sum = sum([&](const WorkUnit& u) { return failures(u, u.*list); });
        const double time = sum([&](const WorkUnit& u) { return total(u.*list); });
        return ratio(time, failures_sum, "fe");
    }

    struct LossView {
        KpiValue availability, performance, quality, oee;
    };
    LossView loss_view() const;

    KpiValue capability(Kpi kpi) const {
        std::vector<const Measurements*> sets;
        for (const WorkUnit* u : subset_) {
            sets.push_back(&*u->measurements);
        }
        const detail::CapabilityIndices c =
            detail::capability_indices(sets, options_.variance_divisor);
        switch (kpi) {
        case Kpi::cm:
            return c.cm;
        case Kpi::cmk:
            return c.cmk;
        case Kpi::cp:
            return c.cp;
        case Kpi::cpk:
            return c.cpk;
        case Kpi::pp:
            return c.pp;
        default:
            return c.ppk;
        }
    }

    KpiValue formula(Kpi kpi, std::vector<std::string>& warnings) const;

    Units units_;
    const KpiOptions& options_;
    const Coefficients& coefficients_;
    std::vector<const WorkUnit*> subset_;
};

GroupComputer::LossView GroupComputer::loss_view() const {
    const bool minor_in_a = options_.minor_stops == KpiOptions::MinorStops::availability_loss;
    const bool setup_loss = options_.setup == KpiOptions::Setup::availability_loss;
    const double base_all = pot_base() ? sum(pot) : sum(pbt);
    const double planned = sum(pbt);
    const double breakdowns = sum([](const WorkUnit& u) { return *u.losses.breakdowns; });
    const double setup = sum([](const WorkUnit& u) { return *u.losses.setup_adjustments; });
    const double small = sum([](const WorkUnit& u) { return u.losses.small_stops.value_or(0.0); });
    const double base = setup_loss ? base_all : base_all - setup;
    const double operating = planned - breakdowns - setup - (minor_in_a ? small : 0.0);
    const double produced = sum(pq);
    const double rejects = sum([](const WorkUnit& u) {
        return u.losses.startup_rejects.value_or(0.0) + u.losses.production_rejects.value_or(0.0);
    });
    LossView v;
    v.availability = ratio(operating, base, setup_loss ? "loading time" : "loading time − setup");
    v.performance = ratio(ideal(), operating, "operating time");
    v.quality = ratio(produced - rejects, produced, "pq");
    v.oee = product({v.availability, v.performance, v.quality});
    return v;
}

KpiValue GroupComputer::formula(Kpi kpi, std::vector<std::string>& warnings) const {
    switch (kpi) {
    case Kpi::worker_efficiency:
        return ratio(sum(apwt), sum(apat), "apat");
    case Kpi::allocation_ratio:
        return ratio(sum(aubt), sum(aoet), "aoet");
    case Kpi::throughput_rate:
        return ratio(sum(pq), sum(aoet), "aoet");
    case Kpi::allocation_efficiency:
        return ratio(sum(aubt), sum(pbt), "pbt");
    case Kpi::utilization_efficiency:
        return ratio(sum(apt), sum(aubt), "aubt");
    case Kpi::oee_index:
        return oee_parts(sum(apt)).oee;
    case Kpi::nee_index: {
        // NEE = AUPT/PBT × E × QR: setup is not a loss.
        const KpiValue a = of_base(sum(aupt));
        const KpiValue e = ratio(ideal(), sum(apt), "apt");
        const KpiValue q = ratio(sum(gq), sum(pq), "pq");
        if (a.available() && ideal() == 0) {
            return KpiValue::of(0.0);
        }
        return product({a, e, q});
    }
    case Kpi::availability:
        return oee_parts(sum(apt)).availability;
    case Kpi::effectiveness: {
        KpiValue e = oee_parts(sum(apt)).effectiveness;
        if (e.available() && e.value() > 1 + 1e-9) {
            warnings.push_back(fmt::format(
                "effectiveness {:.4f} exceeds 100 %: the planned run time per item (pri) is "
                "longer than the actual cycle; not clamped",
                e.value()));
        }
        return e;
    }
    case Kpi::quality_ratio:
        return oee_parts(sum(apt)).quality_ratio;
    case Kpi::setup_ratio:
        return ratio(sum(aust), sum(aupt), "aupt");
    case Kpi::technical_efficiency:
        return ratio(sum(apt), sum(apt) + sum(adet), "apt + adet");
    case Kpi::production_process_ratio:
        return ratio(sum(apt), sum(aoet), "aoet");
    case Kpi::actual_to_planned_scrap_ratio:
        return ratio(sum(sq), sum(psq), "psq");
    case Kpi::first_pass_yield:
        return ratio(sum(gp), sum(ip), "ip");
    case Kpi::scrap_ratio:
        return ratio(sum(sq), sum(pq), "pq");
    case Kpi::rework_ratio:
        return ratio(sum(rq), sum(pq), "pq");
    case Kpi::fall_off_ratio:
        return ratio(sum(sq), sum(cm), "cm");
    case Kpi::cm:
    case Kpi::cmk:
    case Kpi::cp:
    case Kpi::cpk:
    case Kpi::pp:
    case Kpi::ppk:
        return capability(kpi);
    case Kpi::comprehensive_energy_consumption:
        return ratio(sum([&](const WorkUnit& u) { return kgce_of(u, coefficients_); }), sum(pq),
                     "pq");
    case Kpi::inventory_turns:
        return ratio(sum(th), sum(inventory_of), "inventory");
    case Kpi::finished_goods_ratio:
        return ratio(sum(gq), sum(cm), "cm");
    case Kpi::integrated_goods_ratio:
        return ratio(sum(igq), sum(cm), "cm");
    case Kpi::production_loss_ratio:
        return ratio(sum(pl), sum(cm), "cm");
    case Kpi::storage_and_transportation_loss_ratio:
        return ratio(sum(stl), sum(cm), "cm");
    case Kpi::other_loss_ratio:
        return ratio(sum(ol), sum(cm), "cm");
    case Kpi::equipment_load_ratio:
        return ratio(sum(pq), sum(epc), "epc");
    case Kpi::mtbf: {
        const double time =
            sum([](const WorkUnit& u) { return u.has_tbf ? total(u.tbf) : *u[aupt]; });
        const double n = sum([](const WorkUnit& u) { return failures(u, u.tbf); });
        return ratio(time, n, "fe");
    }
    case Kpi::mttf:
        return reliability(&WorkUnit::ttf);
    case Kpi::mttr:
        return reliability(&WorkUnit::ttr);
    case Kpi::corrective_maintenance_ratio:
        return ratio(sum(cmt), sum(cmt) + sum(pmt), "cmt + pmt");
    case Kpi::teep: {
        const double calendar =
            sum([](const WorkUnit& u) { return static_cast<double>(u.period->seconds()); });
        const KpiValue q = ratio(sum(gq), sum(pq), "pq");
        const KpiValue t = ratio(ideal(), calendar, "calendar time");
        if (t.available() && ideal() == 0) {
            return KpiValue::of(0.0);
        }
        return product({t, q});
    }
    case Kpi::loss_view_availability:
        return loss_view().availability;
    case Kpi::loss_view_performance:
        return loss_view().performance;
    case Kpi::loss_view_quality:
        return loss_view().quality;
    case Kpi::loss_view_oee:
        return loss_view().oee;
    }
    return KpiValue::undefined("unknown KPI");
}

bool complete_losses(const WorkUnit& u) {
    const SixBigLosses& l = u.losses;
    return u[pbt] && u.ideal_time && u[pri] && u[pq] && l.breakdowns && l.setup_adjustments &&
           l.small_stops && l.startup_rejects && l.production_rejects;
}

} // namespace

const KpiResult* GroupKpis::find(Kpi kpi) const {
    for (const KpiResult& r : kpis) {
        if (r.definition != nullptr && r.definition->kpi == kpi) {
            return &r;
        }
    }
    return nullptr;
}

GroupKpis compute_kpis(Units units, const KpiOptions& options, std::span<const Kpi> which) {
    GroupKpis out;
    GroupComputer computer(units, options);
    if (which.empty()) {
        for (const KpiDefinition& d : all_kpis()) {
            out.kpis.push_back(computer.compute(d, out.warnings));
        }
    } else {
        for (Kpi k : which) {
            out.kpis.push_back(computer.compute(definition(k), out.warnings));
        }
    }
    for (std::size_t i = 0; i < kElementCount; ++i) {
        if (i == static_cast<std::size_t>(pri)) {
            continue; // not summable (conventions §20): shown below only where uniform
        }
        for (const WorkUnit* u : units) {
            if (u->elements[i]) {
                ElementSum& s = out.elements[i];
                s.sum = s.sum.value_or(0.0) + *u->elements[i];
                ++s.covered;
            }
        }
    }
    ElementSum& uniform_pri = out.elements[static_cast<std::size_t>(pri)];
    for (const WorkUnit* u : units) {
        if (const auto& v = (*u)[pri]) {
            if (uniform_pri.covered == 0 || (uniform_pri.sum && *uniform_pri.sum == *v)) {
                uniform_pri.sum = *v;
            } else {
                uniform_pri.sum.reset();
            }
            ++uniform_pri.covered;
        }
    }
    for (const WorkUnit* u : units) {
        if (u->ideal_time) {
            out.ideal_time.sum = out.ideal_time.sum.value_or(0.0) + *u->ideal_time;
            ++out.ideal_time.covered;
        }
        if (u->period) {
            out.calendar_time.sum =
                out.calendar_time.sum.value_or(0.0) + static_cast<double>(u->period->seconds());
            ++out.calendar_time.covered;
        }
    }
    // Six-big-loss breakdown of the planned busy time over the units that carry loss data:
    // fully productive time + the six losses = loading time (reduced speed as the residual
    // when not given).
    LossBreakdown b;
    bool any = false;
    for (const WorkUnit* u : units) {
        if (!complete_losses(*u)) {
            continue;
        }
        any = true;
        const SixBigLosses& l = u->losses;
        const double p = *(*u)[pri];
        const double good_time = p * (*(*u)[pq] - *l.startup_rejects - *l.production_rejects);
        b.loading_time += *(*u)[pbt];
        b.breakdowns += *l.breakdowns;
        b.setup_adjustments += *l.setup_adjustments;
        b.small_stops += *l.small_stops;
        b.startup_rejects += p * *l.startup_rejects;
        b.production_rejects += p * *l.production_rejects;
        b.fully_productive += good_time;
        if (l.reduced_speed) {
            b.reduced_speed += *l.reduced_speed;
        } else {
            b.reduced_speed_derived = true;
            b.reduced_speed +=
                *(*u)[pbt] - *l.breakdowns - *l.setup_adjustments - *l.small_stops - *u->ideal_time;
        }
    }
    if (any) {
        out.losses = b;
    }
    return out;
}

} // namespace smartkpi
