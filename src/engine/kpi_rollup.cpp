// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The roll-up of the ISO 22400-2 engine: units grouped into lines, sites, regions or all
// (conventions §21: groups are paths), and the KPIs of each group and unit record.
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <map>

namespace smartkpi {

std::string_view to_string(GroupBy by) {
    switch (by) {
    case GroupBy::unit:
        return "unit";
    case GroupBy::line:
        return "line";
    case GroupBy::site:
        return "site";
    case GroupBy::region:
        return "region";
    case GroupBy::all:
        return "all";
    }
    return "all";
}

GroupBy parse_group_by(std::string_view text) {
    if (text == "unit" || text == "machine")
        return GroupBy::unit;
    if (text == "line")
        return GroupBy::line;
    if (text == "site")
        return GroupBy::site;
    if (text == "region")
        return GroupBy::region;
    if (text == "all" || text == "consortium")
        return GroupBy::all;
    throw UsageError(
        fmt::format("unknown grouping '{}' (expected unit, line, site, region or all)", text));
}

namespace {

std::string part(const std::string& s) {
    return s.empty() ? "-" : s;
}

} // namespace

std::vector<UnitGroup> group_units(std::span<const WorkUnit> units, GroupBy by) {
    std::map<std::vector<std::string>, UnitGroup> groups;
    for (const WorkUnit& u : units) {
        std::vector<std::string> sort_key;
        std::vector<std::pair<std::string_view, std::string>> key;
        std::string id;
        switch (by) {
        case GroupBy::unit:
            sort_key = {u.id};
            key = {{"site", u.site}, {"line", u.line}, {"unit", u.id}};
            id = u.id;
            break;
        case GroupBy::line:
            sort_key = {u.site, u.line};
            key = {{"site", u.site}, {"line", u.line}};
            id = part(u.site) + "/" + part(u.line);
            break;
        case GroupBy::site:
            sort_key = {u.region, u.site};
            key = {{"region", u.region}, {"site", u.site}};
            id = part(u.region) + "/" + part(u.site);
            break;
        case GroupBy::region:
            sort_key = {u.region};
            key = {{"region", u.region}};
            id = part(u.region);
            break;
        case GroupBy::all:
            id = "all";
            break;
        }
        auto [it, inserted] = groups.try_emplace(sort_key);
        UnitGroup& g = it->second;
        if (inserted) {
            g.level = by;
            g.id = std::move(id);
            g.key = std::move(key);
        } else if (by == GroupBy::unit) {
            const WorkUnit& first = *g.units.front();
            if (first.site != u.site || first.line != u.line) {
                Location where{u.origin.source, static_cast<std::size_t>(u.origin.line), 0,
                               u.origin.pointer};
                throw DomainError(
                    fmt::format("unit {} is on line {}/{} here but on line {}/{} in an earlier "
                                "record",
                                u.id, part(u.site), part(u.line), part(first.site),
                                part(first.line)),
                    std::move(where));
            }
        }
        g.units.push_back(&u);
    }
    std::vector<UnitGroup> out;
    out.reserve(groups.size());
    for (auto& [k, g] : groups) {
        out.push_back(std::move(g));
    }
    return out;
}

KpiRollup roll_up(std::span<const WorkUnit> units,
                  GroupBy by,
                  const KpiOptions& options,
                  std::span<const Kpi> which,
                  bool keep) {
    KpiRollup r;
    r.by = by;
    r.records = units;
    r.options = options;
    r.which.assign(which.begin(), which.end());
    r.kept = keep;
    for (UnitGroup& g : group_units(units, by)) {
        GroupKpis k = keep ? compute_kpis(g.units, options, which) : GroupKpis{};
        r.groups.push_back({std::move(g), std::move(k)});
    }
    if (keep) {
        r.units.reserve(units.size());
        for (std::size_t i = 0; i < units.size(); ++i) {
            r.units.push_back({&units[i], r.record_kpis(i)});
        }
    }
    return r;
}

GroupKpis KpiRollup::group_kpis(std::size_t i) const {
    if (kept) {
        return groups[i].kpis;
    }
    return compute_kpis(groups[i].group.units, options, which);
}

GroupKpis KpiRollup::record_kpis(std::size_t i) const {
    if (i < units.size()) {
        return units[i].kpis;
    }
    const WorkUnit* one[] = {&records[i]};
    return compute_kpis(one, options, which);
}

} // namespace smartkpi
