// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The ISO 22400-2 engine against values worked by hand (exact fractions where possible) and
// against the published OEE examples of reference iso22400-oee.md §0 item 5 and §4.
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/engine/kpi_registry.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using smartkpi::Carrier;
using smartkpi::complete_and_check;
using smartkpi::compute_kpis;
using smartkpi::Element;
using smartkpi::ElementProblem;
using smartkpi::GroupBy;
using smartkpi::GroupKpis;
using smartkpi::Kpi;
using smartkpi::KpiOptions;
using smartkpi::KpiResult;
using smartkpi::KpiValue;
using smartkpi::Measurements;
using smartkpi::WorkUnit;
using Status = KpiValue::Status;
using Names = std::vector<std::string>;
using E = Element;

constexpr double kTol = 1e-12;

smartkpi::TimeInterval day(const char* start, const char* end) {
    smartkpi::TimeInterval t;
    t.start = smartkpi::parse_timestamp(start);
    t.end = smartkpi::parse_timestamp(end);
    t.start_text = start;
    t.end_text = end;
    return t;
}

WorkUnit make_unit(std::string id, std::initializer_list<std::pair<Element, double>> elements) {
    WorkUnit u;
    u.id = std::move(id);
    for (const auto& [e, v] : elements) {
        u[e] = v;
    }
    return u;
}

// Runs complete_and_check and expects a consistent unit.
WorkUnit checked(WorkUnit u) {
    const std::vector<ElementProblem> problems = complete_and_check(u);
    for (const ElementProblem& p : problems) {
        ADD_FAILURE() << u.id << ": " << p.element << ": " << p.message;
    }
    return u;
}

GroupKpis compute(const std::vector<const WorkUnit*>& units,
                  std::initializer_list<Kpi> which,
                  const KpiOptions& options = {}) {
    const std::vector<Kpi> list(which);
    return compute_kpis(units, options, list);
}

KpiResult
result(const std::vector<const WorkUnit*>& units, Kpi kpi, const KpiOptions& options = {}) {
    const GroupKpis g = compute(units, {kpi}, options);
    const KpiResult* r = g.find(kpi);
    EXPECT_NE(r, nullptr);
    return r != nullptr ? *r : KpiResult{};
}

std::string describe(const KpiValue& v) {
    std::string text = v.reason();
    for (const std::string& name : v.missing_inputs()) {
        text += " missing " + name;
    }
    return text;
}

KpiValue kpi_of(const WorkUnit& u, Kpi kpi, const KpiOptions& options = {}) {
    return result({&u}, kpi, options).value;
}

double value_of(const WorkUnit& u, Kpi kpi, const KpiOptions& options = {}) {
    const KpiValue v = kpi_of(u, kpi, options);
    EXPECT_TRUE(v.available()) << smartkpi::definition(kpi).id << ": " << describe(v);
    return v.value();
}

void expect_undefined(const KpiValue& v, const std::string& reason) {
    EXPECT_EQ(v.status(), Status::undefined);
    EXPECT_EQ(v.reason(), reason);
}

void expect_missing(const KpiValue& v, const Names& names) {
    EXPECT_EQ(v.status(), Status::not_available);
    EXPECT_EQ(v.missing_inputs(), names);
}

bool has_problem(const std::vector<ElementProblem>& problems, const std::string& element) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const ElementProblem& p) { return p.element == element; });
}

// ---------------------------------------------------------------------------------------
// The worked unit: one machine over one day with a single 8-hour shift, every element given
// (times in seconds).
//   POT 30,000  PBT 28,800  APT 21,600  AUST 1,800  ADET 2,700  ADOT 2,700
//   → AUPT = APT + AUST = 23,400;  AUBT = AUPT + ADET = 26,100 (= PBT − ADOT)
//   AOET 36,000 (the order took 10 h)  APWT 25,200  APAT 27,000
//   PRI 2 s  PQ 9,000  GQ 8,550  SQ 300  RQ 150  PSQ 200  GP 8,400  IP 9,000
//   CM 10,000  IGQ 9,200  PL 500  STL 200  OL 100  EPC 12,000
//   TH 9,000  WIP 1,500  FGI 1,500  CMT 3,600  PMT 1,200  FE 3
//   TBF {7,200, 9,000, 5,400}  TTF {6,600, 8,100, 4,200}  TTR {600, 900, 1,200}
//   energy: electricity 2,000 kWh, natural gas 100 m3; period 2026-01-05/2026-01-06 (86,400 s)
WorkUnit worked_unit() {
    WorkUnit u = make_unit(
        "M01",
        {{E::pot, 30000}, {E::pbt, 28800},  {E::apt, 21600},  {E::aust, 1800},  {E::adet, 2700},
         {E::adot, 2700}, {E::aoet, 36000}, {E::apwt, 25200}, {E::apat, 27000}, {E::pri, 2},
         {E::poq, 9000},  {E::pq, 9000},    {E::gq, 8550},    {E::sq, 300},     {E::rq, 150},
         {E::psq, 200},   {E::gp, 8400},    {E::ip, 9000},    {E::cm, 10000},   {E::igq, 9200},
         {E::pl, 500},    {E::stl, 200},    {E::ol, 100},     {E::epc, 12000},  {E::th, 9000},
         {E::wip, 1500},  {E::fgi, 1500},   {E::cmt, 3600},   {E::pmt, 1200},   {E::fe, 3}});
    u.line = "L1";
    u.site = "S1";
    u.region = "Shanghai";
    u.period = day("2026-01-05", "2026-01-06");
    u.tbf = {7200, 9000, 5400};
    u.ttf = {6600, 8100, 4200};
    u.ttr = {600, 900, 1200};
    u.has_tbf = u.has_ttf = u.has_ttr = true;
    smartkpi::EnergyUse energy;
    energy[Carrier::electricity] = 2000;
    energy[Carrier::natural_gas] = 100;
    u.energy = energy;
    // Three subgroups of two: {9.9, 10.1}, {10.0, 10.2}, {9.8, 10.0}; LSL 9.5, USL 10.6.
    Measurements m;
    m.lsl = 9.5;
    m.usl = 10.6;
    m.subgroup_size = 2;
    m.values = {9.9, 10.1, 10.0, 10.2, 9.8, 10.0};
    u.measurements = m;
    return checked(std::move(u));
}

struct HandCase {
    Kpi kpi;
    double expected;
};

TEST(KpiEngine, EveryIsoKpiOfTheWorkedUnit) {
    const WorkUnit u = worked_unit();
    const double sqrt_pi = std::sqrt(std::numbers::pi);
    const HandCase cases[] = {
        // 1 worker efficiency = APWT / APAT = 25,200 / 27,000 = 14/15
        {Kpi::worker_efficiency, 14.0 / 15.0},
        // 2 allocation ratio = AUBT / AOET = 26,100 / 36,000 = 0.725
        {Kpi::allocation_ratio, 0.725},
        // 3 throughput rate = PQ / AOET = 9,000 / 36,000 = 0.25 items/s
        {Kpi::throughput_rate, 0.25},
        // 4 allocation efficiency = AUBT / PBT = 26,100 / 28,800 = 0.90625
        {Kpi::allocation_efficiency, 0.90625},
        // 5 utilization efficiency = APT / AUBT = 21,600 / 26,100 = 24/29
        {Kpi::utilization_efficiency, 24.0 / 29.0},
        // 6 OEE = A × E × QR = 0.75 × 5/6 × 0.95 = 0.59375 = PRI·GQ/PBT = 17,100 / 28,800
        {Kpi::oee_index, 0.59375},
        // 7 NEE = AUPT/PBT × E × QR = 23,400/28,800 × 5/6 × 0.95 = 247/384
        {Kpi::nee_index, 247.0 / 384.0},
        // 8 availability = APT / PBT = 21,600 / 28,800 = 0.75
        {Kpi::availability, 0.75},
        // 9 effectiveness = PRI × PQ / APT = 18,000 / 21,600 = 5/6
        {Kpi::effectiveness, 5.0 / 6.0},
        // 10 quality ratio = GQ / PQ = 8,550 / 9,000 = 0.95
        {Kpi::quality_ratio, 0.95},
        // 11 setup ratio = AUST / AUPT = 1,800 / 23,400 = 1/13
        {Kpi::setup_ratio, 1.0 / 13.0},
        // 12 technical efficiency = APT / (APT + ADET) = 21,600 / 24,300 = 8/9
        {Kpi::technical_efficiency, 8.0 / 9.0},
        // 13 production process ratio = APT / AOET = 21,600 / 36,000 = 0.6
        {Kpi::production_process_ratio, 0.6},
        // 14 actual to planned scrap ratio = SQ / PSQ = 300 / 200 = 1.5
        {Kpi::actual_to_planned_scrap_ratio, 1.5},
        // 15 first pass yield = GP / IP = 8,400 / 9,000 = 14/15
        {Kpi::first_pass_yield, 14.0 / 15.0},
        // 16 scrap ratio = SQ / PQ = 300 / 9,000 = 1/30
        {Kpi::scrap_ratio, 1.0 / 30.0},
        // 17 rework ratio = RQ / PQ = 150 / 9,000 = 1/60
        {Kpi::rework_ratio, 1.0 / 60.0},
        // 18 fall off ratio = SQ / CM = 300 / 10,000 = 0.03
        {Kpi::fall_off_ratio, 0.03},
        // 19–22: x̄ = x̿ = 10.0; deviations −.1 .1 0 .2 −.2 0 → Σd² = 0.10, s = √(0.10/5) = √0.02;
        // each pair differs by 0.2 → subgroup s = 0.2/√2, σ̂ = (0.2/√2)/c4(2) = 0.1·√π.
        // Cm = 1.1/(6√0.02); Cmk = min(0.6, 0.5)/(3√0.02); Cp = 1.1/(0.6√π); Cpk = 0.5/(0.3√π)
        {Kpi::cm, 1.1 / (6 * std::sqrt(0.02))},
        {Kpi::cmk, 0.5 / (3 * std::sqrt(0.02))},
        {Kpi::cp, 1.1 / (0.6 * sqrt_pi)},
        {Kpi::cpk, 0.5 / (0.3 * sqrt_pi)},
        // 23 comprehensive energy consumption = (2,000 kWh × 0.1229 + 100 m3 × 1.2143) kgce
        //    / 9,000 items = (245.8 + 121.43) / 9,000 = 367.23 / 9,000 kgce/item
        {Kpi::comprehensive_energy_consumption, 367.23 / 9000},
        // 24 inventory turns = TH / (WIP + FGI) = 9,000 / 3,000 = 3
        {Kpi::inventory_turns, 3.0},
        // 25 finished goods ratio = GQ / CM = 8,550 / 10,000
        {Kpi::finished_goods_ratio, 0.855},
        // 26 integrated goods ratio = IGQ / CM = 9,200 / 10,000
        {Kpi::integrated_goods_ratio, 0.92},
        // 27–29 loss ratios PL, STL, OL over CM (IGR + the three = 1)
        {Kpi::production_loss_ratio, 0.05},
        {Kpi::storage_and_transportation_loss_ratio, 0.02},
        {Kpi::other_loss_ratio, 0.01},
        // 30 equipment load ratio = PQ / EPC = 9,000 / 12,000
        {Kpi::equipment_load_ratio, 0.75},
        // 31 MTBF = ΣTBF / FE = 21,600 / 3 s
        {Kpi::mtbf, 7200.0},
        // 32 MTTF = ΣTTF / FE = 18,900 / 3 s
        {Kpi::mttf, 6300.0},
        // 33 MTTR = ΣTTR / FE = 2,700 / 3 s
        {Kpi::mttr, 900.0},
        // 34 corrective maintenance ratio = CMT / (CMT + PMT) = 3,600 / 4,800
        {Kpi::corrective_maintenance_ratio, 0.75},
        // TEEP = PRI × GQ / calendar = 17,100 / 86,400 = 19/96
        {Kpi::teep, 19.0 / 96.0},
        // Pp/Ppk use the overall s = √0.02 like Cm/Cmk
        {Kpi::pp, 1.1 / (6 * std::sqrt(0.02))},
        {Kpi::ppk, 0.5 / (3 * std::sqrt(0.02))},
    };
    // Every ISO KPI and the non-loss-view extras are covered above.
    EXPECT_EQ(std::size(cases), smartkpi::kIsoKpiCount + 3);
    const GroupKpis all = compute_kpis(std::vector<const WorkUnit*>{&u});
    ASSERT_EQ(all.kpis.size(), smartkpi::kKpiCount);
    for (const HandCase& c : cases) {
        SCOPED_TRACE(std::string(smartkpi::definition(c.kpi).id));
        const KpiResult* r = all.find(c.kpi);
        ASSERT_NE(r, nullptr);
        ASSERT_TRUE(r->value.available()) << r->value.reason();
        EXPECT_NEAR(r->value.value(), c.expected, kTol * std::max(1.0, std::abs(c.expected)));
        EXPECT_EQ(r->covered, 1U);
        EXPECT_EQ(r->of, 1U);
    }
    // The worked unit has no six-big-loss data.
    expect_missing(all.find(Kpi::loss_view_oee)->value,
                   {"breakdowns", "production_rejects", "setup_adjustments", "startup_rejects"});
}

TEST(KpiEngine, ResultsComeInTheOrderAskedFor) {
    const WorkUnit u = worked_unit();
    const GroupKpis g = compute({&u}, {Kpi::quality_ratio, Kpi::oee_index, Kpi::availability});
    ASSERT_EQ(g.kpis.size(), 3U);
    EXPECT_EQ(g.kpis[0].definition->kpi, Kpi::quality_ratio);
    EXPECT_EQ(g.kpis[1].definition->kpi, Kpi::oee_index);
    EXPECT_EQ(g.kpis[2].definition->kpi, Kpi::availability);
    EXPECT_EQ(g.find(Kpi::mttr), nullptr);
}

TEST(KpiEngine, InventoryTurnsSumsTheInventoriesGiven) {
    // TH 9,000 over RMI 1,000 + WIP 500 + FGI 1,000 + CI 500 = 3,000 → 3 turns.
    WorkUnit u = make_unit(
        "M", {{E::th, 9000}, {E::rmi, 1000}, {E::wip, 500}, {E::fgi, 1000}, {E::ci, 500}});
    EXPECT_NEAR(value_of(checked(u), Kpi::inventory_turns), 3.0, kTol);
    // Only RMI: 9,000 / 1,000.
    u = make_unit("M", {{E::th, 9000}, {E::rmi, 1000}});
    EXPECT_NEAR(value_of(checked(u), Kpi::inventory_turns), 9.0, kTol);
    // No inventory at all: not available.
    u = make_unit("M", {{E::th, 9000}});
    expect_missing(kpi_of(checked(u), Kpi::inventory_turns), {"inventory"});
}

TEST(KpiEngine, EnergyUsesTheCalorificElectricityCoefficient) {
    // 1,000 kWh × 0.1229 kgce/kWh (GB/T 2589-2020, calorific basis; conventions §12) = 122.9
    // kgce over 100 items = 1.229 kgce/item — not the physical 0.12283.
    WorkUnit u = make_unit("M", {{E::pq, 100}});
    smartkpi::EnergyUse energy;
    energy[Carrier::electricity] = 1000;
    u.energy = energy;
    EXPECT_NEAR(value_of(checked(u), Kpi::comprehensive_energy_consumption), 1.229, kTol);
    // A carrier of unknown amount leaves the total unknown.
    u.energy->unknown.push_back(Carrier::coal);
    expect_missing(kpi_of(u, Kpi::comprehensive_energy_consumption), {"energy"});
}

TEST(KpiEngine, MtbfFallsBackToProcessingTimeOverFailures) {
    // No TBF list: MTBF = AUPT / FE = (21,600 + 1,800) / 3 = 7,800 s.
    WorkUnit u = make_unit("M", {{E::apt, 21600}, {E::aust, 1800}, {E::fe, 3}});
    EXPECT_NEAR(value_of(checked(u), Kpi::mtbf), 7800.0, kTol);
}

TEST(KpiEngine, ReliabilityCountsTheListWhenFeIsMissing) {
    // FE defaults to the number of values: MTBF = (7,200 + 9,000 + 5,400) / 3 = 7,200 s,
    // MTTR = (600 + 900 + 1,200) / 3 = 900 s, MTTF = (6,600 + 8,100 + 4,200) / 3 = 6,300 s.
    WorkUnit u;
    u.id = "M";
    u.tbf = {7200, 9000, 5400};
    u.ttf = {6600, 8100, 4200};
    u.ttr = {600, 900, 1200};
    u.has_tbf = u.has_ttf = u.has_ttr = true;
    u = checked(u);
    EXPECT_NEAR(value_of(u, Kpi::mtbf), 7200.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::mttf), 6300.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::mttr), 900.0, kTol);
    // A given FE wins over the count: 21,600 / 4.
    u[E::fe] = 4.0;
    EXPECT_NEAR(value_of(u, Kpi::mtbf), 5400.0, kTol);
}

TEST(KpiEngine, MtbfRollsUpListsAndFallbacks) {
    // A: TBF list 21,600 s, FE from the count (3); B: no list, AUPT 23,400 s, FE 3.
    // Group MTBF = (21,600 + 23,400) / (3 + 3) = 7,500 s.
    WorkUnit a;
    a.id = "A";
    a.tbf = {7200, 9000, 5400};
    a.has_tbf = true;
    a = checked(a);
    const WorkUnit b = checked(make_unit("B", {{E::apt, 21600}, {E::aust, 1800}, {E::fe, 3}}));
    const KpiResult r = result({&a, &b}, Kpi::mtbf);
    EXPECT_NEAR(r.value.value(), 7500.0, kTol);
    EXPECT_EQ(r.covered, 2U);
}

TEST(KpiEngine, ReliabilityWithoutFailuresIsUndefined) {
    // FE = 0 given: MTBF = ΣTBF / 0.
    WorkUnit u = make_unit("M", {{E::apt, 3600}, {E::aust, 0}, {E::fe, 0}});
    const KpiValue v = kpi_of(checked(u), Kpi::mtbf);
    EXPECT_EQ(v.status(), Status::undefined);
    EXPECT_EQ(v.reason().rfind("zero denominator", 0), 0U) << v.reason();
}

// ---------------------------------------------------------------------------------------
// Published examples.

// Vorne/oee.com "Calculate OEE" shift (reference §0 item 5, §4): 480-min shift, two 15-min
// breaks and a 30-min meal → planned production time 420 min; 47 min down → run time 373 min;
// ideal cycle 1.0 s; total count 19,271, reject 423, good 18,848.
WorkUnit vorne_shift() {
    return checked(make_unit("vorne", {{E::pbt, 420 * 60.0},
                                       {E::apt, 373 * 60.0},
                                       {E::pri, 1.0},
                                       {E::pq, 19271},
                                       {E::gq, 18848},
                                       {E::sq, 423}}));
}

TEST(KpiEngine, VorneShiftExampleToTheDigit) {
    const WorkUnit u = vorne_shift();
    // A = 373/420 = 0.888095…; E = 19,271/22,380 = 0.861081…; QR = 18,848/19,271 = 0.978049…
    EXPECT_NEAR(value_of(u, Kpi::availability), 373.0 / 420.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::effectiveness), 19271.0 / 22380.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::quality_ratio), 18848.0 / 19271.0, kTol);
    // OEE = 18,848 s / 25,200 s = 1178/1575 = 74.7937 %
    const double oee = value_of(u, Kpi::oee_index);
    EXPECT_NEAR(oee, 1178.0 / 1575.0, kTol);
    EXPECT_NEAR(oee, 0.747937, 5e-7);
    EXPECT_EQ(std::round(oee * 1e6), 747937.0);
}

// Nakajima, Introduction to TPM (1988), pp. 22–28 (reference §4, [2nd]): loading time 460 min,
// downtime 60 min (failures 20, setup 20, adjustment 20) → operating time 400 min; 400 units
// processed, ideal cycle 0.5 min, actual cycle 0.8 min, defects 2 % (8 units).
WorkUnit nakajima() {
    WorkUnit u = make_unit("nakajima", {{E::pbt, 460 * 60.0},
                                        {E::apt, 400 * 60.0},
                                        {E::pri, 30.0},
                                        {E::pq, 400},
                                        {E::gq, 392},
                                        {E::sq, 8}});
    // Six big losses: breakdowns 20 min, setup and adjustment 40 min, small stops 80 min
    // (operating 400 − net operating 400 × 0.8 = 320), reduced speed 120 min (net operating 320
    // − ideal 400 × 0.5 = 200, left to be derived), production rejects 8 items.
    u.losses.breakdowns = 20 * 60.0;
    u.losses.setup_adjustments = 40 * 60.0;
    u.losses.small_stops = 80 * 60.0;
    u.losses.startup_rejects = 0.0;
    u.losses.production_rejects = 8.0;
    return checked(std::move(u));
}

TEST(KpiEngine, NakajimaExampleToTheDigit) {
    const WorkUnit u = nakajima();
    // A = 400/460; performance = 0.5 × 400 / 400 = 0.5; quality = 392/400 = 0.98
    EXPECT_NEAR(value_of(u, Kpi::availability), 400.0 / 460.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::effectiveness), 0.5, kTol);
    EXPECT_NEAR(value_of(u, Kpi::quality_ratio), 0.98, kTol);
    // OEE = 400/460 × 0.5 × 0.98 = 9.8/23 = 42.6087 %
    const double oee = value_of(u, Kpi::oee_index);
    EXPECT_NEAR(oee, 9.8 / 23.0, kTol);
    EXPECT_EQ(std::round(oee * 1e6), 426087.0);
}

TEST(KpiEngine, NakajimaLossView) {
    const WorkUnit u = nakajima();
    // Operating time = 460 − 20 − 40 = 400 min → A = 400/460; P = ideal 200 / 400 = 0.5;
    // Q = (400 − 8) / 400 = 0.98; OEE = fully productive 196 min / loading 460 min.
    EXPECT_NEAR(value_of(u, Kpi::loss_view_availability), 400.0 / 460.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_performance), 0.5, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_quality), 0.98, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_oee), 196.0 / 460.0, kTol);
    // The loss view agrees with the OEE index when the loss data agree with the elements.
    EXPECT_NEAR(value_of(u, Kpi::loss_view_oee), value_of(u, Kpi::oee_index), kTol);
}

TEST(KpiEngine, NakajimaLossTimeClosure) {
    const WorkUnit u = nakajima();
    const GroupKpis g = compute({&u}, {Kpi::loss_view_oee});
    ASSERT_TRUE(g.losses.has_value());
    const smartkpi::LossBreakdown& b = *g.losses;
    EXPECT_NEAR(b.loading_time, 460 * 60.0, kTol);
    EXPECT_NEAR(b.breakdowns, 20 * 60.0, kTol);
    EXPECT_NEAR(b.setup_adjustments, 40 * 60.0, kTol);
    EXPECT_NEAR(b.small_stops, 80 * 60.0, kTol);
    // Reduced speed = 460 − 20 − 40 − 80 − 200 (ideal time) = 120 min, derived.
    EXPECT_NEAR(b.reduced_speed, 120 * 60.0, kTol);
    EXPECT_TRUE(b.reduced_speed_derived);
    EXPECT_NEAR(b.startup_rejects, 0.0, kTol);
    // 8 rejects × 0.5 min = 4 min
    EXPECT_NEAR(b.production_rejects, 4 * 60.0, kTol);
    // 392 good × 0.5 min = 196 min
    EXPECT_NEAR(b.fully_productive, 196 * 60.0, kTol);
    // Closure: 196 + 20 + 40 + 80 + 120 + 0 + 4 = 460 min.
    EXPECT_NEAR(b.fully_productive + b.breakdowns + b.setup_adjustments + b.small_stops +
                    b.reduced_speed + b.startup_rejects + b.production_rejects,
                b.loading_time, 1e-9);
}

TEST(KpiEngine, NakajimaWithReducedSpeedGiven) {
    WorkUnit u = nakajima();
    u.losses.reduced_speed = 120 * 60.0;
    u = checked(u);
    const GroupKpis g = compute({&u}, {Kpi::loss_view_oee});
    ASSERT_TRUE(g.losses.has_value());
    EXPECT_FALSE(g.losses->reduced_speed_derived);
    EXPECT_NEAR(g.losses->reduced_speed, 7200.0, kTol);
    EXPECT_NEAR(g.find(Kpi::loss_view_oee)->value.value(), 196.0 / 460.0, kTol);
}

TEST(KpiEngine, LossViewOptions) {
    const WorkUnit u = nakajima();
    KpiOptions minor;
    minor.minor_stops = KpiOptions::MinorStops::availability_loss;
    // Small stops move to availability: A = (460 − 20 − 40 − 80)/460 = 320/460,
    // P = 200/320 = 0.625; OEE unchanged 196/460 (finding 2).
    EXPECT_NEAR(value_of(u, Kpi::loss_view_availability, minor), 320.0 / 460.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_performance, minor), 0.625, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_oee, minor), 196.0 / 460.0, kTol);

    KpiOptions no_setup;
    no_setup.setup = KpiOptions::Setup::not_a_loss;
    // Setup leaves the base: A = 400/(460 − 40) = 400/420; OEE = 196/420.
    EXPECT_NEAR(value_of(u, Kpi::loss_view_availability, no_setup), 400.0 / 420.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::loss_view_oee, no_setup), 196.0 / 420.0, kTol);
}

TEST(KpiEngine, PlannedDowntimeAsAvailabilityLossUsesPot) {
    const WorkUnit u = worked_unit();
    KpiOptions smrp;
    smrp.planned_downtime = KpiOptions::PlannedDowntime::availability_loss;
    // A = APT / POT = 21,600 / 30,000 = 0.72; OEE = PRI·GQ / POT = 17,100 / 30,000 = 0.57
    EXPECT_NEAR(value_of(u, Kpi::availability, smrp), 0.72, kTol);
    EXPECT_NEAR(value_of(u, Kpi::oee_index, smrp), 0.57, kTol);
    // Effectiveness and quality do not change.
    EXPECT_NEAR(value_of(u, Kpi::effectiveness, smrp), 5.0 / 6.0, kTol);
    // Without POT the availability is not available.
    WorkUnit no_pot = u;
    no_pot[E::pot].reset();
    expect_missing(kpi_of(no_pot, Kpi::availability, smrp), {"pot"});
}

TEST(KpiEngine, VarianceDivisorOptionReachesTheCapabilityIndices) {
    const WorkUnit u = worked_unit();
    KpiOptions iso;
    iso.variance_divisor = KpiOptions::VarianceDivisor::n;
    // s with divisor n = √(0.10/6): Cm = 1.1 / (6 √(0.1/6))
    EXPECT_NEAR(value_of(u, Kpi::cm, iso), 1.1 / (6 * std::sqrt(0.1 / 6)), kTol);
    // σ̂ stays unbiased: Cp unchanged.
    EXPECT_NEAR(value_of(u, Kpi::cp, iso), 1.1 / (0.6 * std::sqrt(std::numbers::pi)), kTol);
}

// ---------------------------------------------------------------------------------------
// Edge cases.

TEST(KpiEngine, ZeroProduction) {
    // The machine never ran: APT = 0, PQ = GQ = 0.
    WorkUnit idle = checked(make_unit(
        "idle", {{E::pbt, 28800}, {E::apt, 0}, {E::pri, 2}, {E::pq, 0}, {E::gq, 0}, {E::sq, 0}}));
    expect_undefined(kpi_of(idle, Kpi::effectiveness), "zero denominator: apt = 0");
    expect_undefined(kpi_of(idle, Kpi::quality_ratio), "zero denominator: pq = 0");
    expect_undefined(kpi_of(idle, Kpi::scrap_ratio), "zero denominator: pq = 0");
    EXPECT_NEAR(value_of(idle, Kpi::availability), 0.0, kTol);
    // OEE = PRI·GQ/PBT = 0 / 28,800: nothing good was made in planned time.
    EXPECT_NEAR(value_of(idle, Kpi::oee_index), 0.0, kTol);

    // It ran for an hour but made nothing: E = 0 / 3,600 = 0, QR still undefined.
    WorkUnit ran = checked(
        make_unit("ran", {{E::pbt, 28800}, {E::apt, 3600}, {E::pri, 2}, {E::pq, 0}, {E::gq, 0}}));
    EXPECT_NEAR(value_of(ran, Kpi::effectiveness), 0.0, kTol);
    expect_undefined(kpi_of(ran, Kpi::quality_ratio), "zero denominator: pq = 0");
    EXPECT_NEAR(value_of(ran, Kpi::oee_index), 0.0, kTol);
}

TEST(KpiEngine, ZeroPlannedBusyTimeIsUndefined) {
    WorkUnit u =
        checked(make_unit("u", {{E::pbt, 0}, {E::apt, 0}, {E::pri, 2}, {E::pq, 0}, {E::gq, 0}}));
    expect_undefined(kpi_of(u, Kpi::availability), "zero denominator: pbt = 0");
    expect_undefined(kpi_of(u, Kpi::oee_index), "zero denominator: pbt = 0");
}

TEST(KpiEngine, AllScrap) {
    // 100 made, all scrapped: QR = 0 / 100 = 0, OEE = 0 (A = 0.5, E = 200/14,400).
    WorkUnit u = checked(make_unit(
        "u",
        {{E::pbt, 28800}, {E::apt, 14400}, {E::pri, 2}, {E::pq, 100}, {E::gq, 0}, {E::sq, 100}}));
    EXPECT_NEAR(value_of(u, Kpi::quality_ratio), 0.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::oee_index), 0.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::scrap_ratio), 1.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::availability), 0.5, kTol);
}

TEST(KpiEngine, NoDowntimeGivesFullAvailability) {
    // APT = PBT = 28,800: A = 1; OEE = E × QR = (2 × 12,000 / 28,800) × 1 = 5/6.
    WorkUnit u = checked(make_unit(
        "u", {{E::pbt, 28800}, {E::apt, 28800}, {E::pri, 2}, {E::pq, 12000}, {E::gq, 12000}}));
    EXPECT_EQ(value_of(u, Kpi::availability), 1.0);
    EXPECT_NEAR(value_of(u, Kpi::oee_index), 5.0 / 6.0, kTol);
}

TEST(KpiEngine, EffectivenessAbove100PercentIsFlaggedNotClamped) {
    // PRI 3 s but the machine made 12,000 in 28,800 s (2.4 s each): E = 36,000/28,800 = 1.25.
    WorkUnit u = checked(make_unit(
        "u", {{E::pbt, 28800}, {E::apt, 28800}, {E::pri, 3}, {E::pq, 12000}, {E::gq, 12000}}));
    const GroupKpis g = compute({&u}, {Kpi::effectiveness});
    EXPECT_NEAR(g.find(Kpi::effectiveness)->value.value(), 1.25, kTol);
    EXPECT_FALSE(g.warnings.empty());
}

TEST(KpiEngine, MissingInputsAreNamed) {
    WorkUnit u = checked(make_unit("u", {{E::pbt, 28800}, {E::apt, 21600}}));
    EXPECT_NEAR(value_of(u, Kpi::availability), 0.75, kTol);
    const KpiResult r = result({&u}, Kpi::oee_index);
    expect_missing(r.value, {"gq", "pq", "pri"});
    EXPECT_EQ(r.covered, 0U);
    EXPECT_EQ(r.of, 1U);
    expect_missing(kpi_of(u, Kpi::quality_ratio), {"gq", "pq"});
    expect_missing(kpi_of(u, Kpi::worker_efficiency), {"apat", "apwt"});
    expect_missing(kpi_of(u, Kpi::teep), {"gq", "period", "pq", "pri"});
    expect_missing(kpi_of(u, Kpi::cpk), {"measurements"});
    // FE defaults to the list's length, so the list is what is missing.
    const KpiValue mttr = kpi_of(u, Kpi::mttr);
    EXPECT_EQ(mttr.status(), Status::not_available);
    const Names& missing = mttr.missing_inputs();
    EXPECT_NE(std::find(missing.begin(), missing.end(), "ttr"), missing.end());
}

TEST(KpiEngine, IdealTimeMayReplacePri) {
    // Two products with PRI 2 s × 6,000 and 4 s × 1,500: ideal time 18,000 s given directly.
    WorkUnit u = make_unit("u", {{E::pbt, 28800}, {E::apt, 21600}, {E::pq, 7500}, {E::gq, 7125}});
    u.ideal_time = 18000;
    u = checked(u);
    // E = 18,000 / 21,600 = 5/6; OEE = 0.75 × 5/6 × 0.95 = 0.59375
    EXPECT_NEAR(value_of(u, Kpi::effectiveness), 5.0 / 6.0, kTol);
    EXPECT_NEAR(value_of(u, Kpi::oee_index), 0.59375, kTol);
}

// ---------------------------------------------------------------------------------------
// Properties.

struct RandomUnits {
    std::vector<WorkUnit> units;
};

RandomUnits random_units(unsigned seed, int count) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit01(0.0, 1.0);
    RandomUnits out;
    for (int i = 0; i < count; ++i) {
        const double pbt = 3600 + std::floor(unit01(rng) * 25200);
        const double apt = std::floor(pbt * (0.3 + 0.7 * unit01(rng)));
        const double aust = std::floor((pbt - apt) * 0.4 * unit01(rng));
        const double adet = std::floor((pbt - apt - aust) * unit01(rng));
        const double pri = 0.5 + std::floor(unit01(rng) * 95) / 10;
        const double pq = std::floor(apt / pri * (0.5 + 0.5 * unit01(rng)));
        const double gq = std::floor(pq * (0.8 + 0.2 * unit01(rng)));
        const double sq = std::floor((pq - gq) * unit01(rng));
        WorkUnit u = make_unit("R" + std::to_string(i), {{E::pbt, pbt},
                                                         {E::apt, apt},
                                                         {E::aust, aust},
                                                         {E::adet, adet},
                                                         {E::pri, pri},
                                                         {E::pq, pq},
                                                         {E::gq, gq},
                                                         {E::sq, sq},
                                                         {E::rq, pq - gq - sq}});
        out.units.push_back(checked(std::move(u)));
    }
    return out;
}

TEST(KpiEngineProperty, OeeIsTheProductAndTheTopLineForm) {
    const RandomUnits r = random_units(20260105U, 25);
    for (const WorkUnit& u : r.units) {
        SCOPED_TRACE(u.id);
        const GroupKpis g = compute(
            {&u}, {Kpi::oee_index, Kpi::availability, Kpi::effectiveness, Kpi::quality_ratio});
        const double oee = g.find(Kpi::oee_index)->value.value();
        const double a = g.find(Kpi::availability)->value.value();
        const double e = g.find(Kpi::effectiveness)->value.value();
        const double q = g.find(Kpi::quality_ratio)->value.value();
        EXPECT_NEAR(oee, a * e * q, kTol);
        // Uniform PRI: OEE = PRI·GQ / PBT (conventions §20).
        EXPECT_NEAR(oee, *u[E::pri] * *u[E::gq] / *u[E::pbt], kTol);
    }
}

TEST(KpiEngineProperty, RatiosStayWithinZeroAndOneOnConsistentData) {
    const RandomUnits r = random_units(7U, 25);
    const Kpi ratios[] = {Kpi::oee_index,
                          Kpi::nee_index,
                          Kpi::availability,
                          Kpi::effectiveness,
                          Kpi::quality_ratio,
                          Kpi::allocation_efficiency,
                          Kpi::utilization_efficiency,
                          Kpi::setup_ratio,
                          Kpi::technical_efficiency,
                          Kpi::scrap_ratio,
                          Kpi::rework_ratio};
    for (const WorkUnit& u : r.units) {
        const GroupKpis g = compute_kpis(std::vector<const WorkUnit*>{&u}, {}, ratios);
        for (const smartkpi::KpiResult& k : g.kpis) {
            SCOPED_TRACE(u.id + " " + std::string(k.definition->id));
            ASSERT_TRUE(k.value.available()) << k.value.reason();
            EXPECT_GE(k.value.value(), 0.0);
            EXPECT_LE(k.value.value(), 1.0);
        }
        EXPECT_TRUE(g.warnings.empty());
    }
}

TEST(KpiEngineProperty, RollUpOfOneUnitEqualsTheUnit) {
    const std::vector<WorkUnit> units{worked_unit()};
    const smartkpi::KpiRollup r = smartkpi::roll_up(units, GroupBy::all);
    ASSERT_EQ(r.groups.size(), 1U);
    ASSERT_EQ(r.units.size(), 1U);
    const GroupKpis& group = r.groups[0].kpis;
    const GroupKpis& unit = r.units[0].kpis;
    ASSERT_EQ(group.kpis.size(), unit.kpis.size());
    for (std::size_t i = 0; i < group.kpis.size(); ++i) {
        SCOPED_TRACE(std::string(group.kpis[i].definition->id));
        EXPECT_EQ(group.kpis[i].value.status(), unit.kpis[i].value.status());
        EXPECT_EQ(group.kpis[i].value.value(), unit.kpis[i].value.value());
    }
}

TEST(KpiEngineProperty, RollUpIsTheRatioOfSumsNotTheAverageOfRatios) {
    // A: PBT 28,800, APT 21,600, PRI 2 s, PQ 9,000, GQ 8,550 → ideal 18,000; OEE 0.59375
    // B: PBT 28,800, APT 25,200, PRI 5 s, PQ 4,000, GQ 3,900 → ideal 20,000; OEE 0.677083…
    // Sums: PBT 57,600, APT 46,800, ideal 38,000, PQ 13,000, GQ 12,450.
    //   A = 46,800/57,600 = 0.8125; E = 38,000/46,800; QR = 12,450/13,000
    //   OEE = 38,000/57,600 × 12,450/13,000 = 1577/2496 = 0.631810897…
    // The average of the two OEEs (here also ΣPRI·GQ/ΣPBT) is 0.635416…, which is wrong.
    const WorkUnit a = checked(make_unit(
        "A", {{E::pbt, 28800}, {E::apt, 21600}, {E::pri, 2}, {E::pq, 9000}, {E::gq, 8550}}));
    const WorkUnit b = checked(make_unit(
        "B", {{E::pbt, 28800}, {E::apt, 25200}, {E::pri, 5}, {E::pq, 4000}, {E::gq, 3900}}));
    const GroupKpis g = compute(
        {&a, &b}, {Kpi::oee_index, Kpi::availability, Kpi::effectiveness, Kpi::quality_ratio});
    EXPECT_NEAR(g.find(Kpi::availability)->value.value(), 0.8125, kTol);
    EXPECT_NEAR(g.find(Kpi::effectiveness)->value.value(), 38000.0 / 46800.0, kTol);
    EXPECT_NEAR(g.find(Kpi::quality_ratio)->value.value(), 12450.0 / 13000.0, kTol);
    const double oee = g.find(Kpi::oee_index)->value.value();
    EXPECT_NEAR(oee, 1577.0 / 2496.0, kTol);
    const double average = (value_of(a, Kpi::oee_index) + value_of(b, Kpi::oee_index)) / 2;
    EXPECT_NEAR(average, 0.63541666666666667, kTol);
    EXPECT_GT(std::abs(oee - average), 1e-3);
    // The summed elements are reported too.
    EXPECT_EQ(g.elements[static_cast<std::size_t>(E::pbt)].sum, 57600.0);
    EXPECT_EQ(g.elements[static_cast<std::size_t>(E::pbt)].covered, 2U);
    EXPECT_EQ(g.ideal_time.sum, 38000.0);
    EXPECT_EQ(g.ideal_time.covered, 2U);
    EXPECT_EQ(g.find(Kpi::oee_index)->covered, 2U);
}

TEST(KpiEngineProperty, CoverageWhenOneUnitLacksAnElement) {
    // A as above; C lacks GQ. Quality and OEE cover A only; availability covers both:
    //   A = (21,600 + 14,400) / (28,800 + 28,800) = 0.625; QR = 8,550 / 9,000 = 0.95.
    const WorkUnit a = checked(make_unit(
        "A", {{E::pbt, 28800}, {E::apt, 21600}, {E::pri, 2}, {E::pq, 9000}, {E::gq, 8550}}));
    const WorkUnit c =
        checked(make_unit("C", {{E::pbt, 28800}, {E::apt, 14400}, {E::pri, 2}, {E::pq, 5000}}));
    const GroupKpis g = compute({&a, &c}, {Kpi::availability, Kpi::quality_ratio, Kpi::oee_index});
    const KpiResult* av = g.find(Kpi::availability);
    EXPECT_NEAR(av->value.value(), 0.625, kTol);
    EXPECT_EQ(av->covered, 2U);
    EXPECT_EQ(av->of, 2U);
    const KpiResult* qr = g.find(Kpi::quality_ratio);
    EXPECT_NEAR(qr->value.value(), 0.95, kTol);
    EXPECT_EQ(qr->covered, 1U);
    EXPECT_EQ(qr->of, 2U);
    const KpiResult* oee = g.find(Kpi::oee_index);
    EXPECT_NEAR(oee->value.value(), 0.59375, kTol);
    EXPECT_EQ(oee->covered, 1U);
    // Element sums count the units that carry them.
    EXPECT_EQ(g.elements[static_cast<std::size_t>(E::gq)].covered, 1U);
    EXPECT_EQ(g.elements[static_cast<std::size_t>(E::apt)].sum, 36000.0);
}

TEST(KpiEngineProperty, TeepRollsUpOverCalendarTime) {
    // Two days, same unit data: TEEP = ΣPRI·GQ / Σcalendar = 34,200 / 172,800 = 19/96.
    WorkUnit d1 = worked_unit();
    WorkUnit d2 = worked_unit();
    d2.period = day("2026-01-06", "2026-01-07");
    const GroupKpis g = compute({&d1, &d2}, {Kpi::teep, Kpi::oee_index});
    EXPECT_NEAR(g.find(Kpi::teep)->value.value(), 19.0 / 96.0, kTol);
    EXPECT_EQ(g.calendar_time.sum, 172800.0);
    // TEEP ≤ OEE always.
    EXPECT_LE(g.find(Kpi::teep)->value.value(), g.find(Kpi::oee_index)->value.value());
}

// ---------------------------------------------------------------------------------------
// complete_and_check.

TEST(CompleteAndCheck, DerivesProcessingBusyAndIdealTime) {
    WorkUnit u = make_unit("u", {{E::pbt, 28800},
                                 {E::apt, 21600},
                                 {E::aust, 1800},
                                 {E::adet, 2700},
                                 {E::pri, 2},
                                 {E::pq, 9000}});
    EXPECT_TRUE(complete_and_check(u).empty());
    // AUPT = 21,600 + 1,800; AUBT = 23,400 + 2,700; ideal = 2 × 9,000
    EXPECT_EQ(u[E::aupt], 23400.0);
    EXPECT_EQ(u[E::aubt], 26100.0);
    EXPECT_EQ(u.ideal_time, 18000.0);
}

TEST(CompleteAndCheck, DerivesProducedQuantityFromItsParts) {
    // PQ = GQ + SQ + RQ (ISO: good + scrap + rework).
    WorkUnit u = make_unit("u", {{E::gq, 90}, {E::sq, 6}, {E::rq, 4}});
    EXPECT_TRUE(complete_and_check(u).empty());
    EXPECT_EQ(u[E::pq], 100.0);
}

TEST(CompleteAndCheck, LeavesTheFailureCountToEachReliabilityKpi) {
    // FE is not derived: each of MTBF, MTTF, MTTR counts its own list when FE is absent, and
    // the lists may differ in length.
    WorkUnit u;
    u.id = "u";
    u.tbf = {7200, 9000, 5400};
    u.has_tbf = true;
    EXPECT_TRUE(complete_and_check(u).empty());
    EXPECT_FALSE(u[E::fe].has_value());
}

TEST(CompleteAndCheck, ConsistentWorkedUnitHasNoProblem) {
    WorkUnit u = worked_unit();
    EXPECT_TRUE(complete_and_check(u).empty());
}

TEST(CompleteAndCheck, ProductionTimeAbovePlannedBusyTime) {
    WorkUnit u = make_unit("u", {{E::pbt, 28800}, {E::apt, 30000}});
    const auto problems = complete_and_check(u);
    EXPECT_TRUE(has_problem(problems, "apt"));
    EXPECT_EQ(problems.front().unit, "u");
}

TEST(CompleteAndCheck, BusyAndDownTimeAbovePlannedBusyTime) {
    // ISO time model: PBT ≈ AUBT + ADOT. 24,000 + 1,800 + 2,400 = 28,200 busy, + 1,000 idle
    // = 29,200 > 28,800; with 600 idle (28,800) it fits exactly.
    WorkUnit bad = make_unit(
        "u", {{E::pbt, 28800}, {E::apt, 24000}, {E::aust, 1800}, {E::adet, 2400}, {E::adot, 1000}});
    EXPECT_TRUE(has_problem(complete_and_check(bad), "adot"));
    WorkUnit fits = make_unit(
        "u", {{E::pbt, 28800}, {E::apt, 24000}, {E::aust, 1800}, {E::adet, 2400}, {E::adot, 600}});
    EXPECT_TRUE(complete_and_check(fits).empty());
}

TEST(CompleteAndCheck, GoodAboveProduced) {
    WorkUnit u = make_unit("u", {{E::pq, 100}, {E::gq, 101}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "gq"));
}

TEST(CompleteAndCheck, PartsAboveProduced) {
    // 90 + 8 + 4 = 102 > 100, although each part alone fits.
    WorkUnit u = make_unit("u", {{E::pq, 100}, {E::gq, 90}, {E::sq, 8}, {E::rq, 4}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "pq"));
}

TEST(CompleteAndCheck, GivenProcessingTimeDisagrees) {
    // AUPT 25,000 given but APT + AUST = 23,400.
    WorkUnit u = make_unit("u", {{E::apt, 21600}, {E::aust, 1800}, {E::aupt, 25000}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "aupt"));
    // Within rounding it agrees.
    u[E::aupt] = 23400.0000000001;
    EXPECT_TRUE(complete_and_check(u).empty());
}

TEST(CompleteAndCheck, PlannedBusyTimeAboveThePeriod) {
    // PBT 90,000 s in a 86,400-s day.
    WorkUnit u = make_unit("u", {{E::pbt, 90000}});
    u.period = day("2026-01-05", "2026-01-06");
    EXPECT_TRUE(has_problem(complete_and_check(u), "pbt"));
}

TEST(CompleteAndCheck, OtherWholesAndParts) {
    WorkUnit u = make_unit("u", {{E::pbt, 30000}, {E::pot, 28800}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "pbt"));
    u = make_unit("u", {{E::gp, 10}, {E::ip, 9}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "gp"));
    u = make_unit("u", {{E::apwt, 10}, {E::apat, 9}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "apwt"));
    u = make_unit("u", {{E::apt, 20000}, {E::aust, 5000}, {E::adet, 5000}, {E::pbt, 28800}});
    EXPECT_TRUE(has_problem(complete_and_check(u), "aubt"));
}

TEST(CompleteAndCheck, SpecificationLimitsInTheWrongOrder) {
    WorkUnit u = make_unit("u", {});
    Measurements m;
    m.lsl = 10.5;
    m.usl = 9.5;
    m.values = {10, 10.1};
    u.measurements = m;
    EXPECT_TRUE(has_problem(complete_and_check(u), "measurements"));
}

// ---------------------------------------------------------------------------------------
// Grouping (conventions §5, §21).

WorkUnit placed(std::string id, std::string region, std::string site, std::string line) {
    WorkUnit u = make_unit(std::move(id), {{E::pbt, 28800}, {E::apt, 21600}});
    u.region = std::move(region);
    u.site = std::move(site);
    u.line = std::move(line);
    return u;
}

std::vector<std::string> ids(const smartkpi::UnitGroup& g) {
    std::vector<std::string> out;
    for (const WorkUnit* u : g.units) {
        out.push_back(u->id);
    }
    return out;
}

TEST(GroupUnits, ByLineGroupsSiteAndLinePaths) {
    const std::vector<WorkUnit> units{
        placed("M3", "Jiangsu", "S2", "L1"), placed("M1", "Shanghai", "S1", "L1"),
        placed("M2", "Shanghai", "S1", "L2"), placed("M4", "Shanghai", "S1", "L1")};
    const auto groups = smartkpi::group_units(units, GroupBy::line);
    // L1 exists under S1 and S2: two groups; sorted by key; input order inside a group.
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_EQ(groups[0].id, "S1/L1");
    EXPECT_EQ(ids(groups[0]), (Names{"M1", "M4"}));
    EXPECT_EQ(groups[1].id, "S1/L2");
    EXPECT_EQ(groups[2].id, "S2/L1");
    EXPECT_EQ(ids(groups[2]), (Names{"M3"}));
    ASSERT_EQ(groups[0].key.size(), 2U);
    EXPECT_EQ(groups[0].key[0].first, "site");
    EXPECT_EQ(groups[0].key[0].second, "S1");
    EXPECT_EQ(groups[0].key[1].first, "line");
    EXPECT_EQ(groups[0].key[1].second, "L1");
    EXPECT_EQ(groups[0].level, GroupBy::line);
}

TEST(GroupUnits, BySiteRegionAllAndUnit) {
    const std::vector<WorkUnit> units{
        placed("M3", "Jiangsu", "S2", "L1"), placed("M1", "Shanghai", "S1", "L1"),
        placed("M2", "Shanghai", "S1", "L2"), placed("M1", "Shanghai", "S1", "L1")};
    auto groups = smartkpi::group_units(units, GroupBy::site);
    ASSERT_EQ(groups.size(), 2U);
    EXPECT_EQ(groups[0].id, "Jiangsu/S2");
    EXPECT_EQ(groups[1].id, "Shanghai/S1");
    EXPECT_EQ(ids(groups[1]), (Names{"M1", "M2", "M1"}));

    groups = smartkpi::group_units(units, GroupBy::region);
    ASSERT_EQ(groups.size(), 2U);
    EXPECT_EQ(groups[0].id, "Jiangsu");
    EXPECT_EQ(groups[1].id, "Shanghai");

    groups = smartkpi::group_units(units, GroupBy::all);
    ASSERT_EQ(groups.size(), 1U);
    EXPECT_EQ(groups[0].id, "all");
    EXPECT_EQ(groups[0].units.size(), 4U);

    // By unit: M1's two records (two periods) form one group.
    groups = smartkpi::group_units(units, GroupBy::unit);
    ASSERT_EQ(groups.size(), 3U);
    EXPECT_EQ(groups[0].id, "M1");
    EXPECT_EQ(groups[0].units.size(), 2U);
    EXPECT_EQ(groups[1].id, "M2");
    EXPECT_EQ(groups[2].id, "M3");
}

TEST(GroupUnits, UnitOnTwoLinesIsADataError) {
    const std::vector<WorkUnit> units{placed("M1", "Shanghai", "S1", "L1"),
                                      placed("M1", "Shanghai", "S1", "L2")};
    EXPECT_THROW((void)smartkpi::group_units(units, GroupBy::unit), smartkpi::DomainError);
    // Other levels do not care.
    EXPECT_EQ(smartkpi::group_units(units, GroupBy::line).size(), 2U);
}

TEST(GroupUnits, RollUpByLineSumsEachGroup) {
    std::vector<WorkUnit> units{placed("M1", "Shanghai", "S1", "L1"),
                                placed("M2", "Shanghai", "S1", "L1")};
    units[1][E::apt] = 14400;
    // A of S1/L1 = (21,600 + 14,400) / 57,600 = 0.625
    const Kpi which[] = {Kpi::availability};
    const smartkpi::KpiRollup r = smartkpi::roll_up(units, GroupBy::line, {}, which);
    ASSERT_EQ(r.groups.size(), 1U);
    EXPECT_NEAR(r.groups[0].kpis.find(Kpi::availability)->value.value(), 0.625, kTol);
    ASSERT_EQ(r.units.size(), 2U);
    EXPECT_NEAR(r.units[1].kpis.find(Kpi::availability)->value.value(), 0.5, kTol);
}

TEST(GroupUnits, ParseGroupBy) {
    EXPECT_EQ(smartkpi::parse_group_by("unit"), GroupBy::unit);
    EXPECT_EQ(smartkpi::parse_group_by("machine"), GroupBy::unit);
    EXPECT_EQ(smartkpi::parse_group_by("line"), GroupBy::line);
    EXPECT_EQ(smartkpi::parse_group_by("site"), GroupBy::site);
    EXPECT_EQ(smartkpi::parse_group_by("region"), GroupBy::region);
    EXPECT_EQ(smartkpi::parse_group_by("all"), GroupBy::all);
    EXPECT_THROW((void)smartkpi::parse_group_by("plant"), smartkpi::UsageError);
    EXPECT_THROW((void)smartkpi::parse_group_by(""), smartkpi::UsageError);
    for (GroupBy by :
         {GroupBy::unit, GroupBy::line, GroupBy::site, GroupBy::region, GroupBy::all}) {
        EXPECT_EQ(smartkpi::parse_group_by(smartkpi::to_string(by)), by);
    }
}

} // namespace
