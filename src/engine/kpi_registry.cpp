// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The KPI catalogue. Formulas, units, ranges and trends of ISO 22400-2:2014 as transcribed in
// reference iso22400-oee.md §2.3 (the normative text is paywalled; three machine-readable
// transcriptions agree); where sources disagree the choice of §3 there is taken and named in
// the description. doc/kpis.md is the output of `smartkpi kpi list --format markdown` and a
// test keeps the two equal.
#include "core/ascii.hpp"

#include <smartkpi/engine/kpi_registry.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace smartkpi {
namespace {

using enum Kpi;
using sv = std::string_view;
constexpr auto kUp = Trend::higher_is_better;
constexpr auto kDown = Trend::lower_is_better;
constexpr sv kIso = "ISO 22400-2:2014";

// Inputs as element keys; "pri" stands for the ideal time PRI·PQ, which a unit may also give
// directly as "ideal_time" (conventions §20).
constexpr std::array<sv, 2> kApwtApat{"apwt", "apat"};
constexpr std::array<sv, 2> kAubtAoet{"aubt", "aoet"};
constexpr std::array<sv, 2> kPqAoet{"pq", "aoet"};
constexpr std::array<sv, 2> kAubtPbt{"aubt", "pbt"};
constexpr std::array<sv, 2> kAptAubt{"apt", "aubt"};
constexpr std::array<sv, 5> kOee{"pbt", "apt", "pri", "pq", "gq"};
constexpr std::array<sv, 5> kNee{"pbt", "aupt", "pri", "pq", "gq"};
constexpr std::array<sv, 2> kAptPbt{"apt", "pbt"};
constexpr std::array<sv, 3> kPriPqApt{"pri", "pq", "apt"};
constexpr std::array<sv, 2> kGqPq{"gq", "pq"};
constexpr std::array<sv, 2> kAustAupt{"aust", "aupt"};
constexpr std::array<sv, 2> kAptAdet{"apt", "adet"};
constexpr std::array<sv, 2> kAptAoet{"apt", "aoet"};
constexpr std::array<sv, 2> kSqPsq{"sq", "psq"};
constexpr std::array<sv, 2> kGpIp{"gp", "ip"};
constexpr std::array<sv, 2> kSqPq{"sq", "pq"};
constexpr std::array<sv, 2> kRqPq{"rq", "pq"};
constexpr std::array<sv, 2> kSqCm{"sq", "cm"};
constexpr std::array<sv, 1> kMeasurements{"measurements"};
constexpr std::array<sv, 2> kEnergyPq{"energy", "pq"};
constexpr std::array<sv, 2> kThInventory{"th", "inventory"};
constexpr std::array<sv, 2> kGqCm{"gq", "cm"};
constexpr std::array<sv, 2> kIgqCm{"igq", "cm"};
constexpr std::array<sv, 2> kPlCm{"pl", "cm"};
constexpr std::array<sv, 2> kStlCm{"stl", "cm"};
constexpr std::array<sv, 2> kOlCm{"ol", "cm"};
constexpr std::array<sv, 2> kPqEpc{"pq", "epc"};
constexpr std::array<sv, 2> kTbfFe{"tbf", "fe"};
constexpr std::array<sv, 2> kTtfFe{"ttf", "fe"};
constexpr std::array<sv, 2> kTtrFe{"ttr", "fe"};
constexpr std::array<sv, 2> kCmtPmt{"cmt", "pmt"};
constexpr std::array<sv, 4> kTeep{"period", "pri", "pq", "gq"};
constexpr std::array<sv, 4> kLossA{"pbt", "breakdowns", "setup_adjustments", "small_stops"};
constexpr std::array<sv, 5> kLossP{"pbt", "breakdowns", "setup_adjustments", "pri", "pq"};
constexpr std::array<sv, 3> kLossQ{"pq", "startup_rejects", "production_rejects"};
constexpr std::array<sv, 7> kLossOee{"pbt", "breakdowns",      "setup_adjustments", "pri",
                                     "pq",  "startup_rejects", "production_rejects"};

constexpr sv kTpm = "Nakajima, Introduction to TPM (1988): six-big-loss view (not ISO 22400-2)";

constexpr std::array<KpiDefinition, kKpiCount> kKpis{{
    {worker_efficiency, "worker_efficiency", 1, "Worker efficiency", "APWT / APAT", "%", "0–100 %",
     kUp, kApwtApat, "Share of the workers' attendance time spent executing production orders.",
     kIso},
    {allocation_ratio, "allocation_ratio", 2, "Allocation ratio", "ΣAUBT / AOET", "%", "0–>100 %",
     kUp, kAubtAoet,
     "Busy time of the work units of an order relative to its execution time; above 100 % "
     "with overlapping operations.",
     kIso},
    {throughput_rate, "throughput_rate", 3, "Throughput rate", "PQ / AOET", "items/s",
     "0–product-dependent", kUp, kPqAoet, "Quantity produced per unit of order execution time.",
     kIso},
    {allocation_efficiency, "allocation_efficiency", 4, "Allocation efficiency", "AUBT / PBT", "%",
     "0–100 %", kUp, kAubtPbt, "Share of the planned busy time the work unit was busy.", kIso},
    {utilization_efficiency, "utilization_efficiency", 5, "Utilization efficiency", "APT / AUBT",
     "%", "0–100 %", kUp, kAptAubt, "Share of the busy time spent producing.", kIso},
    {oee_index, "oee_index", 6, "OEE index",
     "A × E × QR = (APT / PBT) × (PRI × PQ / APT) × (GQ / PQ)", "%", "0–100 %", kUp, kOee,
     "Overall equipment effectiveness; from summed elements it is ΣPRI·PQ / ΣPBT × ΣGQ / ΣPQ.",
     kIso},
    {nee_index, "nee_index", 7, "NEE index", "(AUPT / PBT) × E × QR", "%", "0–100 %", kUp, kNee,
     "Net equipment effectiveness: like OEE, but setup is not a loss.", kIso},
    {availability, "availability", 8, "Availability", "APT / PBT", "%", "0–100 %", kUp, kAptPbt,
     "Setup, delays (minor stops included) and down time all reduce it.", kIso},
    {effectiveness, "effectiveness", 9, "Effectiveness", "PRI × PQ / APT", "%", "0–100 %", kUp,
     kPriPqApt,
     "Ideal time of the produced quantity over the production time; may exceed 100 % when the "
     "planned run time is too long (flagged, not clamped).",
     kIso},
    {quality_ratio, "quality_ratio", 10, "Quality ratio", "GQ / PQ", "%", "0–100 %", kUp, kGqPq,
     "Share of the produced quantity that is good.", kIso},
    {setup_ratio, "setup_ratio", 11, "Setup ratio", "AUST / AUPT", "%", "0–100 %", kDown, kAustAupt,
     "Share of the processing time spent on setup.", kIso},
    {technical_efficiency, "technical_efficiency", 12, "Technical efficiency", "APT / (APT + ADET)",
     "%", "0–100 %", kUp, kAptAdet,
     "Production time relative to production plus delay time; setup is ignored.", kIso},
    {production_process_ratio, "production_process_ratio", 13, "Production process ratio",
     "ΣAPT / AOET", "%", "0–>100 %", kUp, kAptAoet,
     "Production time of an order relative to its execution time.", kIso},
    {actual_to_planned_scrap_ratio, "actual_to_planned_scrap_ratio", 14,
     "Actual to planned scrap ratio", "SQ / PSQ", "%", "0–100 % (target below 100 %)", kDown,
     kSqPsq, "Scrap relative to the scrap planned for the process.", kIso},
    {first_pass_yield, "first_pass_yield", 15, "First pass yield", "GP / IP", "%", "0–100 %", kUp,
     kGpIp, "Share of the inspected serialised parts that were good the first time.", kIso},
    {scrap_ratio, "scrap_ratio", 16, "Scrap ratio", "SQ / PQ", "%", "0–100 %", kDown, kSqPq,
     "Share of the produced quantity that is scrapped.", kIso},
    {rework_ratio, "rework_ratio", 17, "Rework ratio", "RQ / PQ", "%", "0–100 %", kDown, kRqPq,
     "Share of the produced quantity that needs rework.", kIso},
    {fall_off_ratio, "fall_off_ratio", 18, "Fall off ratio", "SQ / CM", "%", "0–100 %", kDown,
     kSqCm,
     "Scrap of an operation relative to the quantity that entered the first operation of the "
     "routing (ISO: SQi / PQ of the first operation; CM in the process industry), given as CM.",
     kIso},
    {cm, "cm", 19, "Machine capability index (Cm)", "(USL − LSL) / (6 × s)", "1", "0–∞", kUp,
     kMeasurements,
     "Short-term machine capability; s of the individual values (divisor n − 1 by default, n "
     "per the ISO note: --variance-divisor). Typical requirement Cm > 1.66.",
     kIso},
    {cmk, "cmk", 20, "Critical machine capability index (Cmk)", "min(USL − x̄, x̄ − LSL) / (3 × s)",
     "1", "<0–∞", kUp, kMeasurements,
     "Machine capability allowing for the mean's position; negative when the mean is outside "
     "the limits.",
     kIso},
    {cp, "cp", 21, "Process capability index (Cp)", "(USL − LSL) / (6 × σ̂)", "1", "0–∞", kUp,
     kMeasurements,
     "σ̂ within subgroups: s̄ / c4(m) for subgroups of m ≥ 2, MR̄ / d2(2) for individual values. "
     "Capable if above 1.33.",
     kIso},
    {cpk, "cpk", 22, "Critical process capability index (Cpk)", "min(USL − x̿, x̿ − LSL) / (3 × σ̂)",
     "1", "0–∞", kUp, kMeasurements, "Process capability allowing for the mean's position.", kIso},
    {comprehensive_energy_consumption, "comprehensive_energy_consumption", 23,
     "Comprehensive energy consumption", "Σ(energy carrier i × coefficient i) / PQ", "kgce/item",
     "0–product-dependent", kDown, kEnergyPq,
     "Energy per produced item in standard coal, carriers converted with the GB/T 2589-2020 "
     "coefficients (as China's 综合能耗).",
     kIso},
    {inventory_turns, "inventory_turns", 24, "Inventory turns",
     "TH / (RMI + WIP + FGI + CI, those given)", "1", "0–product-dependent", kUp, kThInventory,
     "Throughput over the average inventory; the inventory is the sum of the inventories the "
     "unit gives (raw materials, work in process, finished goods, consumables).",
     kIso},
    {finished_goods_ratio, "finished_goods_ratio", 25, "Finished goods ratio", "GQ / CM", "%",
     "0–100 %", kUp, kGqCm, "Good quantity relative to the material consumed.", kIso},
    {integrated_goods_ratio, "integrated_goods_ratio", 26, "Integrated goods ratio", "IGQ / CM",
     "%", "0–100 %", kUp, kIgqCm,
     "Good quantity of all grades relative to the material consumed; with the loss ratios it "
     "adds up to 1.",
     kIso},
    {production_loss_ratio, "production_loss_ratio", 27, "Production loss ratio", "PL / CM", "%",
     "0–100 %", kDown, kPlCm, "Production loss relative to the material consumed.", kIso},
    {storage_and_transportation_loss_ratio, "storage_and_transportation_loss_ratio", 28,
     "Storage and transportation loss ratio", "STL / CM", "%", "0–100 %", kDown, kStlCm,
     "Storage and transport loss relative to the material consumed.", kIso},
    {other_loss_ratio, "other_loss_ratio", 29, "Other loss ratio", "OL / CM", "%", "0–100 %", kDown,
     kOlCm, "Other losses relative to the material consumed.", kIso},
    {equipment_load_ratio, "equipment_load_ratio", 30, "Equipment load ratio", "PQ / EPC", "%",
     "0–100 %", kUp, kPqEpc,
     "Produced quantity relative to the equipment's production capacity; higher is better up "
     "to the rated capacity.",
     kIso},
    {mtbf, "mtbf", 31, "Mean operating time between failures (MTBF)", "ΣTBF / FE", "s", "0–∞", kUp,
     kTbfFe,
     "TBF is operating time (setup and production, no delay). FE defaults to the number of TBF "
     "values; without a TBF list AUPT / FE.",
     kIso},
    {mttf, "mttf", 32, "Mean time to failure (MTTF)", "ΣTTF / FE", "s", "0–∞", kUp, kTtfFe,
     "Mean operating time to failure; FE defaults to the number of TTF values.", kIso},
    {mttr, "mttr", 33, "Mean time to restoration (MTTR)", "ΣTTR / FE", "s", "0–∞", kDown, kTtrFe,
     "Restoration (IEC 60050-191): the whole down state after a failure, detection and "
     "logistic delays included. FE defaults to the number of TTR values.",
     kIso},
    {corrective_maintenance_ratio, "corrective_maintenance_ratio", 34,
     "Corrective maintenance ratio", "CMT / (CMT + PMT)", "%", "0–100 %", kDown, kCmtPmt,
     "Share of maintenance time that is corrective.", kIso},
    {teep, "teep", 0, "Total effective equipment performance (TEEP)",
     "OEE × PBT / calendar time = PRI × GQ / calendar time", "%", "0–100 %", kUp, kTeep,
     "OEE over all calendar time; calendar time is the period's length (conventions §22).",
     "oee.com / Vorne (not ISO 22400-2)"},
    {pp, "pp", 0, "Process performance index (Pp)", "(USL − LSL) / (6 × s_total)", "1", "0–∞", kUp,
     kMeasurements, "Long-term performance from the overall s of all values.",
     "ISO 22514 / AIAG SPC (not ISO 22400-2)"},
    {ppk, "ppk", 0, "Critical process performance index (Ppk)",
     "min(USL − x̄, x̄ − LSL) / (3 × s_total)", "1", "<0–∞", kUp, kMeasurements,
     "Long-term performance allowing for the mean's position.",
     "ISO 22514 / AIAG SPC (not ISO 22400-2)"},
    {loss_view_availability, "loss_view_availability", 0, "Availability (loss view)",
     "(PBT − breakdowns − setup/adjustment) / PBT", "%", "0–100 %", kUp, kLossA,
     "Operating time over loading time. Minor stops count here only with --minor-stops "
     "availability; with --setup not-a-loss setup leaves the base instead.",
     kTpm},
    {loss_view_performance, "loss_view_performance", 0, "Performance (loss view)",
     "PRI × PQ / (PBT − breakdowns − setup/adjustment)", "%", "0–100 %", kUp, kLossP,
     "Ideal time over operating time: minor stops and reduced speed are its losses.", kTpm},
    {loss_view_quality, "loss_view_quality", 0, "Quality (loss view)",
     "(PQ − start-up rejects − production rejects) / PQ", "%", "0–100 %", kUp, kLossQ,
     "Share of the produced quantity not rejected at start-up or in production.", kTpm},
    {loss_view_oee, "loss_view_oee", 0, "OEE (loss view)",
     "PRI × (PQ − rejects) / PBT = fully productive time / loading time", "%", "0–100 %", kUp,
     kLossOee,
     "Availability × performance × quality of the six-big-loss view; equals the OEE index "
     "when the loss data agree with the elements.",
     kTpm},
}};

struct Alias {
    sv name;
    Kpi kpi;
};
constexpr std::array<Alias, 9> kAliases{{{"oee", oee_index},
                                         {"nee", nee_index},
                                         {"a", availability},
                                         {"e", effectiveness},
                                         {"performance", effectiveness},
                                         {"qr", quality_ratio},
                                         {"quality_rate", quality_ratio},
                                         {"setup_rate", setup_ratio},
                                         {"fpy", first_pass_yield}}};

} // namespace

std::span<const KpiDefinition> all_kpis() {
    return kKpis;
}

const KpiDefinition& definition(Kpi kpi) {
    return kKpis[static_cast<std::size_t>(kpi)];
}

const KpiDefinition* find_kpi(std::string_view id) {
    for (const KpiDefinition& d : kKpis) {
        if (detail::iequals(id, d.id)) {
            return &d;
        }
    }
    for (const Alias& a : kAliases) {
        if (detail::iequals(id, a.name)) {
            return &definition(a.kpi);
        }
    }
    return nullptr;
}

} // namespace smartkpi
