// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "core/ascii.hpp"

#include <smartkpi/model/work_unit.hpp>

#include <algorithm>
#include <array>

namespace smartkpi {
namespace {

using enum Element;
constexpr auto kTime = ElementKind::time;
constexpr auto kQty = ElementKind::quantity;
constexpr auto kCount = ElementKind::count;

// Definitions in our words after ISO 22400-2:2014 §5 (reference iso22400-oee.md §2.1).
constexpr std::array<ElementInfo, kElementCount> kElements{{
    {pot, "pot", "", "POT", "planned operation time", kTime,
     "scheduled time in which the work unit can be used"},
    {pbt, "pbt", "", "PBT", "planned busy time", kTime,
     "planned operation time minus planned down time (e.g. planned maintenance)"},
    {poet, "poet", "", "POET", "planned order execution time", kTime,
     "scheduled time to execute an order: PRI × order quantity + planned setup time"},
    {pust, "pust", "psut", "PUST", "planned unit setup time", kTime,
     "scheduled setup time of the work unit for an order"},
    {pri, "pri", "pru", "PRI", "planned run time per item", kTime,
     "ideal time to produce one quantity unit (ideal cycle time); not summable"},
    {apt, "apt", "", "APT", "actual production time", kTime,
     "time the work unit actually produces (value-adding functions only)"},
    {aust, "aust", "asut", "AUST", "actual unit setup time", kTime,
     "time actually spent preparing the work unit for an order"},
    {adet, "adet", "", "ADET", "actual unit delay time", kTime,
     "malfunction interruptions, minor stoppages and other unplanned delays of an order"},
    {aupt, "aupt", "", "AUPT", "actual unit processing time", kTime, "APT + AUST"},
    {aubt, "aubt", "", "AUBT", "actual unit busy time", kTime, "AUPT + ADET"},
    {adot, "adot", "", "ADOT", "actual unit down time", kTime,
     "time the work unit is available but executes no order"},
    {att, "att", "", "ATT", "actual transport time", kTime,
     "time for transport between work units"},
    {aqt, "aqt", "", "AQT", "actual queuing time", kTime,
     "time material waits, neither processed nor transported"},
    {aoet, "aoet", "", "AOET", "actual order execution time", kTime,
     "from the start to the end of an order: busy, transport and queuing time"},
    {apwt, "apwt", "", "APWT", "actual personnel work time", kTime,
     "time workers spend executing production orders"},
    {apat, "apat", "", "APAT", "actual personnel attendance time", kTime,
     "workers' login-to-logout time without authorised breaks"},
    {poq, "poq", "", "POQ", "planned order quantity", kQty, "lot size of the production order"},
    {pq, "pq", "", "PQ", "produced quantity", kQty,
     "quantity produced by the work unit: good + scrap + rework"},
    {gq, "gq", "", "GQ", "good quantity", kQty, "produced quantity that meets the requirements"},
    {sq, "sq", "", "SQ", "scrap quantity", kQty,
     "produced quantity that fails the requirements and is scrapped or recycled"},
    {rq, "rq", "", "RQ", "rework quantity", kQty,
     "produced quantity that fails the requirements but can meet them with more work"},
    {psq, "psq", "", "PSQ", "planned scrap quantity", kQty,
     "process-related scrap expected (start-up, ramp-up)"},
    {gp, "gp", "", "GP", "good parts", kQty,
     "serialised parts that met the requirements the first time"},
    {ip, "ip", "", "IP", "inspected parts", kQty, "serialised parts that were inspected"},
    {cm, "cm", "", "CM", "consumed material", kQty,
     "material that entered the process (the base of the process-industry ratios)"},
    {igq, "igq", "", "IGQ", "integrated good quantity", kQty,
     "good quantity of all grades converted to one unit"},
    {pl, "pl", "", "PL", "production loss", kQty, "quantity lost in production"},
    {stl, "stl", "", "STL", "storage and transportation loss", kQty,
     "quantity lost in storage and transport"},
    {ol, "ol", "", "OL", "other loss", kQty, "quantity lost in extraordinary incidents"},
    {epc, "epc", "", "EPC", "equipment production capacity", kQty,
     "maximum (rated) production quantity of the equipment in the period"},
    {th, "th", "", "TH", "throughput", kQty, "quantity passed on in the period"},
    {fgi, "fgi", "", "FGI", "finished goods inventory", kQty,
     "average inventory of goods ready for delivery"},
    {wip, "wip", "", "WIP", "work-in-process inventory", kQty,
     "average inventory between the start and end stock points"},
    {rmi, "rmi", "", "RMI", "raw materials inventory", kQty, "average raw material inventory"},
    {ci, "ci", "", "CI", "consumables inventory", kQty, "average consumables inventory"},
    {cmt, "cmt", "", "CMT", "corrective maintenance time", kTime,
     "time spent on corrective maintenance, technical and logistic delays included"},
    {pmt, "pmt", "", "PMT", "preventive maintenance time", kTime,
     "time spent on preventive maintenance, technical and logistic delays included"},
    {fe, "fe", "", "FE", "failure events", kCount, "number of failures in the period"},
}};

} // namespace

std::span<const ElementInfo> all_elements() {
    return kElements;
}

const ElementInfo& info(Element element) {
    return kElements[static_cast<std::size_t>(element)];
}

const ElementInfo* find_element(std::string_view key) {
    for (const ElementInfo& e : kElements) {
        if (detail::iequals(key, e.key) || (!e.alias.empty() && detail::iequals(key, e.alias))) {
            return &e;
        }
    }
    return nullptr;
}

double seconds_per(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::s:
        return 1.0;
    case TimeUnit::min:
        return 60.0;
    case TimeUnit::h:
        return 3600.0;
    case TimeUnit::d:
        return 86400.0;
    }
    return 1.0;
}

std::string_view to_string(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::s:
        return "s";
    case TimeUnit::min:
        return "min";
    case TimeUnit::h:
        return "h";
    case TimeUnit::d:
        return "d";
    }
    return "s";
}

TimeUnit parse_time_unit(std::string_view text, const Location& where) {
    struct Name {
        std::string_view text;
        TimeUnit unit;
    };
    static constexpr std::array<Name, 13> kNames{{{"s", TimeUnit::s},
                                                  {"second", TimeUnit::s},
                                                  {"seconds", TimeUnit::s},
                                                  {"min", TimeUnit::min},
                                                  {"minute", TimeUnit::min},
                                                  {"minutes", TimeUnit::min},
                                                  {"h", TimeUnit::h},
                                                  {"hour", TimeUnit::h},
                                                  {"hours", TimeUnit::h},
                                                  {"d", TimeUnit::d},
                                                  {"day", TimeUnit::d},
                                                  {"days", TimeUnit::d},
                                                  {"sec", TimeUnit::s}}};
    for (const Name& n : kNames) {
        if (n.text == text) {
            return n.unit;
        }
    }
    throw UnitError::unknown_unit(text, {"s", "min", "h", "d"}, where);
}

} // namespace smartkpi
