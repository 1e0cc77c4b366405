// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/model/energy_carrier.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// The scalar elementary elements of ISO 22400-2:2014 §5 (times, quantities, maintenance
/// counts), in the order of the input contract. Keys are the standard's
/// abbreviations in lower case.
enum class Element {
    pot,  ///< planned operation time
    pbt,  ///< planned busy time
    poet, ///< planned order execution time
    pust, ///< planned unit setup time (older: PSUT)
    pri,  ///< planned run time per item (older: PRU); not summable (conventions §20)
    apt,  ///< actual production time
    aust, ///< actual unit setup time (older: ASUT)
    adet, ///< actual unit delay time
    aupt, ///< actual unit processing time = APT + AUST
    aubt, ///< actual unit busy time = AUPT + ADET
    adot, ///< actual unit down time
    att,  ///< actual transport time
    aqt,  ///< actual queuing time
    aoet, ///< actual order execution time
    apwt, ///< actual personnel work time
    apat, ///< actual personnel attendance time
    poq,  ///< planned order quantity
    pq,   ///< produced quantity
    gq,   ///< good quantity
    sq,   ///< scrap quantity
    rq,   ///< rework quantity
    psq,  ///< planned scrap quantity
    gp,   ///< good parts (first pass)
    ip,   ///< inspected parts
    cm,   ///< consumed material
    igq,  ///< integrated good quantity
    pl,   ///< production loss
    stl,  ///< storage and transportation loss
    ol,   ///< other loss
    epc,  ///< equipment production capacity
    th,   ///< throughput (for inventory turns)
    fgi,  ///< finished goods inventory
    wip,  ///< work-in-process inventory
    rmi,  ///< raw materials inventory
    ci,   ///< consumables inventory
    cmt,  ///< corrective maintenance time
    pmt,  ///< preventive maintenance time
    fe,   ///< failure events
};
inline constexpr std::size_t kElementCount = 38;

/// What an element measures: a duration (converted to seconds), a quantity of items or
/// material, or a count of events.
enum class ElementKind { time, quantity, count };

/// Static description of an element.
struct ElementInfo {
    Element element;
    std::string_view key;    ///< "pbt"
    std::string_view alias;  ///< older abbreviation accepted on input ("pru"), or empty
    std::string_view symbol; ///< "PBT"
    std::string_view name;   ///< "planned busy time"
    ElementKind kind;
    std::string_view definition;
};

std::span<const ElementInfo> all_elements();
const ElementInfo& info(Element element);
/// Looks an element up by key or older alias, case-insensitively ("PRU" finds pri).
const ElementInfo* find_element(std::string_view key);

/// Units of the time elements on input; everything is held in seconds.
enum class TimeUnit { s, min, h, d };
/// Seconds per unit.
double seconds_per(TimeUnit unit);
std::string_view to_string(TimeUnit unit);
/// Parses "s", "min", "h", "d" (and "second(s)", "minute(s)", "hour(s)", "day(s)"); throws
/// UnitError otherwise.
TimeUnit parse_time_unit(std::string_view text, const Location& where = {});

/// Measurements of one characteristic for the capability indices (ISO 22400-2 KPIs 19–22):
/// individual values in production order, read as consecutive subgroups of `subgroup_size`
/// (1 = individual values).
struct Measurements {
    std::optional<double> usl; ///< upper specification limit
    std::optional<double> lsl; ///< lower specification limit
    std::size_t subgroup_size = 1;
    std::vector<double> values;
};

/// Six-big-loss data for the loss view of OEE (Nakajima; conventions §22), times in seconds,
/// quantities in items. Each is optional; reduced speed may be left to be derived.
struct SixBigLosses {
    std::optional<double> breakdowns;         ///< equipment failure time
    std::optional<double> setup_adjustments;  ///< setup and adjustment time
    std::optional<double> small_stops;        ///< idling and minor stoppage time
    std::optional<double> reduced_speed;      ///< speed loss time
    std::optional<double> startup_rejects;    ///< items rejected during start-up
    std::optional<double> production_rejects; ///< items rejected in stable production
    [[nodiscard]] bool any() const {
        return breakdowns || setup_adjustments || small_stops || reduced_speed || startup_rejects ||
               production_rejects;
    }
};

/// Where a work unit record came from, for messages ("units.csv:14", "/units/3").
struct UnitOrigin {
    std::string source;
    std::string pointer; ///< JSON pointer of the record, or empty for CSV
    int line = 0;
};

/// The elementary data of one work unit (machine) for one period: the input of the
/// ISO 22400-2 engine. Times in seconds. A missing element is nullopt, never 0.
struct WorkUnit {
    std::string id;
    std::string line;
    std::string site;
    std::string region;
    std::optional<TimeInterval> period;

    std::array<std::optional<double>, kElementCount> elements{};
    /// Σ PRI·PQ, the ideal (planned) run time of the produced quantity, when the input gives
    /// it directly instead of `pri` (conventions §20).
    std::optional<double> ideal_time;

    /// Reliability lists (seconds): times between failures, times to failure, times to
    /// restoration. Empty when not given.
    std::vector<double> tbf;
    std::vector<double> ttf;
    std::vector<double> ttr;
    bool has_tbf = false;
    bool has_ttf = false;
    bool has_ttr = false;

    std::optional<Measurements> measurements;
    SixBigLosses losses;
    /// Energy consumed in the period by carrier (for comprehensive energy consumption).
    std::optional<EnergyUse> energy;

    UnitOrigin origin;

    [[nodiscard]] const std::optional<double>& operator[](Element e) const {
        return elements[static_cast<std::size_t>(e)];
    }
    std::optional<double>& operator[](Element e) { return elements[static_cast<std::size_t>(e)]; }
};

/// The work units of one input file, in input order.
struct WorkUnitSet {
    std::string source;
    std::vector<WorkUnit> units;
};

} // namespace smartkpi
