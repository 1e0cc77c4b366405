// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/report/kpi_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace smartkpi {
namespace {

using detail::JsonWriter;

constexpr std::size_t kMaxUnitColumns = 6;

std::string_view element_unit(const ElementInfo& e) {
    switch (e.kind) {
    case ElementKind::time:
        return "s";
    case ElementKind::quantity:
        return "items";
    case ElementKind::count:
        return "1";
    }
    return "1";
}

// ---------------------------------------------------------------------------------------
// JSON

void write_value(JsonWriter& w, const KpiResult& r) {
    const KpiValue& v = r.value;
    w.begin_object(true);
    switch (v.status()) {
    case KpiValue::Status::available:
        w.key("value").number(v.value());
        w.key("unit").string(r.definition->unit);
        break;
    case KpiValue::Status::not_available:
        w.key("status").string("not_available");
        w.key("missing").strings(v.missing_inputs(), true);
        break;
    case KpiValue::Status::undefined:
        w.key("status").string("undefined");
        w.key("reason").string(v.reason());
        break;
    }
    if (v.status() != KpiValue::Status::not_available && r.covered < r.of) {
        w.key("coverage").begin_object(true);
        w.key("units").integer(static_cast<long long>(r.covered));
        w.key("of").integer(static_cast<long long>(r.of));
        w.end_object();
    }
    w.end_object();
}

void write_sum(JsonWriter& w,
               std::string_view key,
               const ElementSum& s,
               std::string_view unit,
               std::size_t of) {
    if (!s.sum) {
        return;
    }
    w.key(key).begin_object(true);
    w.key("value").number(*s.sum);
    w.key("unit").string(unit);
    if (s.covered < of) {
        w.key("coverage").begin_object(true);
        w.key("units").integer(static_cast<long long>(s.covered));
        w.key("of").integer(static_cast<long long>(of));
        w.end_object();
    }
    w.end_object();
}

void write_body(JsonWriter& w, const GroupKpis& k, std::size_t units) {
    w.key("elements").begin_object();
    for (const ElementInfo& e : all_elements()) {
        write_sum(w, e.key, k.elements[static_cast<std::size_t>(e.element)], element_unit(e),
                  units);
    }
    write_sum(w, "ideal_time", k.ideal_time, "s", units);
    write_sum(w, "calendar_time", k.calendar_time, "s", units);
    w.end_object();
    if (k.losses) {
        const LossBreakdown& l = *k.losses;
        w.key("losses").begin_object();
        const auto item = [&](std::string_view key, double v) {
            w.key(key).begin_object(true);
            w.key("value").number(v);
            w.key("unit").string("s");
            w.end_object();
        };
        item("loading_time", l.loading_time);
        item("breakdowns", l.breakdowns);
        item("setup_adjustments", l.setup_adjustments);
        item("small_stops", l.small_stops);
        item("reduced_speed", l.reduced_speed);
        item("startup_rejects", l.startup_rejects);
        item("production_rejects", l.production_rejects);
        item("fully_productive", l.fully_productive);
        w.key("reduced_speed_derived").boolean(l.reduced_speed_derived);
        w.end_object();
    }
    w.key("kpis").begin_object();
    for (const KpiResult& r : k.kpis) {
        w.key(r.definition->id);
        write_value(w, r);
    }
    w.end_object();
}

std::vector<std::string> unit_ids(const UnitGroup& g) {
    std::vector<std::string> ids;
    std::unordered_set<std::string_view> seen;
    for (const WorkUnit* u : g.units) {
        if (seen.insert(u->id).second) {
            ids.push_back(u->id);
        }
    }
    return ids;
}

// Index of a unit record in the roll-up's records.
std::size_t record_index(const KpiRollup& r, const WorkUnit* u) {
    return static_cast<std::size_t>(u - r.records.data());
}

void write_conventions(JsonWriter& w, const KpiReportContext& c) {
    w.key("conventions").begin_object();
    w.key("roll_up").string("ratio of summed elements");
    w.key("planned_downtime").string(to_string(c.options.planned_downtime));
    w.key("minor_stops").string(to_string(c.options.minor_stops));
    w.key("setup").string(to_string(c.options.setup));
    w.key("variance_divisor").string(to_string(c.options.variance_divisor));
    w.key("process_sigma").string("within subgroups: s-bar/c4(m); individual values: MR-bar/d2(2)");
    w.key("mttr").string("restoration");
    w.key("effectiveness_above_100").string("flagged, not clamped");
    w.key("lenient").boolean(c.lenient);
    w.end_object();
}

void write_json(std::ostream& out,
                const KpiRollup& r,
                const KpiReportContext& c,
                const std::vector<std::string>& warnings) {
    JsonWriter w(out);
    w.begin_object();
    w.key("format").string("smartkpi-kpi-report/1");
    w.key("input").string(c.input);
    w.key("by").string(to_string(r.by));
    write_conventions(w, c);
    w.key("groups").begin_array();
    for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
        const KpiRollup::Group& g = r.groups[gi];
        w.begin_object();
        w.key("level").string(to_string(g.group.level));
        w.key("id").string(g.group.id);
        w.key("key").begin_object(true);
        for (const auto& [name, value] : g.group.key) {
            w.key(name).string(value);
        }
        w.end_object();
        w.key("units").strings(unit_ids(g.group), true);
        write_body(w, r.group_kpis(gi), g.group.units.size());
        w.end_object();
    }
    w.end_array();
    w.key("units").begin_array();
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const WorkUnit& u = r.records[i];
        w.begin_object();
        w.key("level").string("unit");
        w.key("id").string(u.id);
        w.key("key").begin_object(true);
        w.key("region").string(u.region);
        w.key("site").string(u.site);
        w.key("line").string(u.line);
        w.end_object();
        if (u.period) {
            w.key("period").begin_object(true);
            w.key("start").string(u.period->start_text);
            w.key("end").string(u.period->end_text);
            w.end_object();
        }
        write_body(w, r.record_kpis(i), 1);
        w.end_object();
    }
    w.end_array();
    w.key("warnings").strings(warnings);
    w.end_object();
    w.flush();
    out << '\n';
}

// ---------------------------------------------------------------------------------------
// CSV: one row per (group or unit, KPI).

void csv_rows(std::ostream& out,
              std::string_view level,
              const std::string& id,
              const std::string& start,
              const std::string& end,
              const GroupKpis& k) {
    std::string line;
    for (const KpiResult& r : k.kpis) {
        const KpiValue& v = r.value;
        const std::string detail =
            v.status() == KpiValue::Status::not_available
                ? fmt::format("missing: {}", fmt::join(v.missing_inputs(), " "))
                : v.reason();
        const std::string cells[] = {std::string(level),
                                     id,
                                     start,
                                     end,
                                     std::string(r.definition->id),
                                     std::string(to_string(v.status())),
                                     v.available() ? detail::number_text(v.value()) : "",
                                     v.available() ? std::string(r.definition->unit) : "",
                                     detail,
                                     std::to_string(r.covered),
                                     std::to_string(r.of)};
        line.clear();
        for (const std::string& cell : cells) {
            if (!line.empty() || &cell != &cells[0]) {
                line += ',';
            }
            append_csv_cell(line, cell);
        }
        line += '\n';
        out << line;
    }
}

void write_csv(std::ostream& out, const KpiRollup& r) {
    out << "level,id,period_start,period_end,kpi,status,value,unit,detail,covered,of\n";
    for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
        const KpiRollup::Group& g = r.groups[gi];
        csv_rows(out, to_string(g.group.level), g.group.id, "", "", r.group_kpis(gi));
    }
    // By unit, a unit with one record has the same rows as its group: written once.
    std::unordered_map<std::string_view, std::size_t> records_of;
    if (r.by == GroupBy::unit) {
        for (const KpiRollup::Group& g : r.groups) {
            records_of[g.group.id] = g.group.units.size();
        }
    }
    for (std::size_t i = 0; i < r.records.size(); ++i) {
        const WorkUnit& u = r.records[i];
        if (r.by == GroupBy::unit && records_of[u.id] == 1) {
            continue;
        }
        const auto& p = u.period;
        csv_rows(out, "unit", u.id, p ? p->start_text : "", p ? p->end_text : "", r.record_kpis(i));
    }
}

// ---------------------------------------------------------------------------------------
// Table and Markdown: one section per group, its units side by side when few.

// Display form of a KPI value: ratios as percentages, times in hours, rates per hour.
std::string display(const KpiResult& r) {
    const KpiValue& v = r.value;
    if (!v.available()) {
        return v.status() == KpiValue::Status::undefined ? "undefined" : "n/a";
    }
    const std::string_view unit = r.definition->unit;
    std::string s;
    if (unit == "%") {
        s = fmt::format("{:.2f} %", v.value() * 100);
    } else if (unit == "s") {
        s = fmt::format("{:.2f} h", v.value() / 3600);
    } else if (unit == "items/s") {
        s = detail::display_number(v.value() * 3600) + " /h";
    } else if (unit == "1") {
        s = fmt::format("{:.3f}", v.value());
    } else {
        s = detail::display_number(v.value());
    }
    if (r.covered < r.of) {
        s += fmt::format(" ({}/{})", r.covered, r.of);
    }
    return s;
}

std::string display_unit(std::string_view unit) {
    if (unit == "s")
        return "h";
    if (unit == "items/s")
        return "items/h";
    return std::string(unit);
}

void write_sections(std::ostream& out,
                    Format format,
                    const KpiRollup& r,
                    const KpiReportContext& c,
                    const std::vector<std::string>& warnings) {
    const bool md = format == Format::markdown;
    const auto heading = [&](std::string_view text, int level) {
        if (md) {
            out << std::string(static_cast<std::size_t>(level), '#') << ' ' << text << "\n\n";
        } else {
            out << text << '\n'
                << std::string(display_width(text), level == 1 ? '=' : '-') << "\n\n";
        }
    };
    heading(fmt::format("ISO 22400-2 KPIs by {} — {}", to_string(r.by), c.input), 1);
    out << fmt::format(
        "Roll-up from summed elements. Conventions: planned downtime {}; minor stops {}; setup "
        "{}; variance divisor {}; MTTR = mean time to restoration{}.\n",
        to_string(c.options.planned_downtime), to_string(c.options.minor_stops),
        to_string(c.options.setup), to_string(c.options.variance_divisor),
        c.lenient ? "; lenient: element problems are warnings" : "");
    out << "Ratios in %, times in hours, rounded for display; (k/n) = computed over k of n "
           "units.\n\n";

    if (r.groups.empty()) {
        out << "No work units in the input.\n\n";
    }
    for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
        const KpiRollup::Group& g = r.groups[gi];
        const GroupKpis kpis = r.group_kpis(gi);
        const std::vector<std::string> ids = unit_ids(g.group);
        heading(fmt::format("{} {} ({} unit{}: {})", to_string(g.group.level), g.group.id,
                            ids.size(), ids.size() == 1 ? "" : "s", fmt::join(ids, ", ")),
                2);
        // Unit columns only when the group is a roll-up of a few unit records.
        std::vector<std::pair<const WorkUnit*, GroupKpis>> members;
        if (r.by != GroupBy::unit && g.group.units.size() <= kMaxUnitColumns) {
            for (const WorkUnit* u : g.group.units) {
                members.emplace_back(u, r.record_kpis(record_index(r, u)));
            }
        }
        TextTable t;
        t.add_column("KPI");
        t.add_column("Unit");
        t.add_column(g.group.id, TextTable::Align::right);
        for (const auto& m : members) {
            t.add_column(m.first->id, TextTable::Align::right);
        }
        std::vector<std::string> not_available;
        for (std::size_t i = 0; i < kpis.kpis.size(); ++i) {
            const KpiResult& k = kpis.kpis[i];
            if (k.value.status() == KpiValue::Status::not_available) {
                not_available.push_back(fmt::format("{} ({})", k.definition->id,
                                                    fmt::join(k.value.missing_inputs(), ", ")));
                continue;
            }
            std::vector<std::string> row{std::string(k.definition->id),
                                         display_unit(k.definition->unit), display(k)};
            for (const auto& m : members) {
                row.push_back(display(m.second.kpis[i]));
            }
            t.add_row(std::move(row));
        }
        if (t.rows() > 0) {
            t.write(out, format);
            out << '\n';
        }
        if (!not_available.empty()) {
            out << "Not available (missing inputs): "
                << fmt::format("{}", fmt::join(not_available, "; ")) << "\n\n";
        }
    }
    if (!warnings.empty()) {
        heading("Warnings", 2);
        for (const auto& w : warnings) {
            out << "- " << w << '\n';
        }
        out << '\n';
    }
}

std::vector<std::string> collect_warnings(const KpiRollup& r, const KpiReportContext& c) {
    std::vector<std::string> out = c.warnings;
    // The engine's warnings (an effectiveness above 100 %) need only the effectiveness of
    // each group and unit record, not all their KPIs.
    const bool effectiveness_asked =
        r.which.empty() ||
        std::find(r.which.begin(), r.which.end(), Kpi::effectiveness) != r.which.end();
    const Kpi only[] = {Kpi::effectiveness};
    for (const KpiRollup::Group& g : r.groups) {
        const std::vector<std::string> warnings =
            r.kept ? g.kpis.warnings
                   : (effectiveness_asked ? compute_kpis(g.group.units, r.options, only).warnings
                                          : std::vector<std::string>{});
        for (const auto& w : warnings) {
            out.push_back(fmt::format("{} {}: {}", to_string(g.group.level), g.group.id, w));
        }
    }
    if (r.by != GroupBy::unit && effectiveness_asked) {
        for (const WorkUnit& u : r.records) {
            const WorkUnit* one[] = {&u};
            for (const auto& w : compute_kpis(one, r.options, only).warnings) {
                out.push_back(fmt::format("unit {}: {}", u.id, w));
            }
        }
    }
    return out;
}

} // namespace

std::vector<std::string> write_kpi_report(std::ostream& out,
                                          Format format,
                                          const KpiRollup& rollup,
                                          const KpiReportContext& context) {
    std::vector<std::string> warnings = collect_warnings(rollup, context);
    switch (format) {
    case Format::json:
        write_json(out, rollup, context, warnings);
        break;
    case Format::csv:
        write_csv(out, rollup);
        break;
    case Format::table:
    case Format::markdown:
        write_sections(out, format, rollup, context, warnings);
        break;
    }
    return warnings;
}

// ---------------------------------------------------------------------------------------
// The catalogue.

namespace {

std::string inputs_text(const KpiDefinition& d) {
    return fmt::format("{}", fmt::join(d.inputs, ", "));
}

std::string_view trend_arrow(Trend t) {
    switch (t) {
    case Trend::higher_is_better:
        return "higher is better";
    case Trend::lower_is_better:
        return "lower is better";
    case Trend::none:
        return "none";
    }
    return "";
}

} // namespace

void write_kpi_list(std::ostream& out, Format format) {
    if (format == Format::json) {
        JsonWriter w(out);
        w.begin_object();
        w.key("format").string("smartkpi-kpi-list/1");
        w.key("kpis").begin_array();
        for (const KpiDefinition& d : all_kpis()) {
            w.begin_object();
            w.key("id").string(d.id);
            w.key("iso_number");
            if (d.is_iso()) {
                w.integer(d.iso_number);
            } else {
                w.null();
            }
            w.key("name").string(d.name);
            w.key("formula").string(d.formula);
            w.key("unit").string(d.unit);
            w.key("range").string(d.range);
            w.key("trend").string(to_string(d.trend));
            std::vector<std::string> in(d.inputs.begin(), d.inputs.end());
            w.key("inputs").strings(in, true);
            w.key("description").string(d.description);
            w.key("source").string(d.source);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.flush();
        out << '\n';
        return;
    }
    TextTable t;
    t.add_column("#", TextTable::Align::right);
    t.add_column("id");
    t.add_column("name");
    t.add_column("formula");
    t.add_column("unit");
    t.add_column("range");
    t.add_column("trend");
    t.add_column("inputs");
    if (format != Format::table) {
        t.add_column("description");
        t.add_column("source");
    }
    for (const KpiDefinition& d : all_kpis()) {
        std::vector<std::string> row{d.is_iso() ? std::to_string(d.iso_number) : "–",
                                     std::string(d.id),
                                     std::string(d.name),
                                     std::string(d.formula),
                                     std::string(d.unit),
                                     std::string(d.range),
                                     std::string(trend_arrow(d.trend)),
                                     inputs_text(d)};
        if (format != Format::table) {
            row.emplace_back(d.description);
            row.emplace_back(d.source);
        }
        t.add_row(std::move(row));
    }
    if (format == Format::markdown) {
        out << "# KPI reference\n\n"
               "The KPIs smartkpi computes: the 34 of ISO 22400-2:2014 in clause order, then the "
               "extras marked \"–\", which the standard does not define. Element abbreviations "
               "are those of ISO 22400-2 §5 (see `data/schema/units.schema.json`). Every ratio "
               "is computed from summed elements of the units in a group; ratios are fractions "
               "in JSON and CSV, times are seconds. This page is the output of `smartkpi kpi "
               "list --format markdown`; a test keeps the two equal.\n\n";
    }
    t.write(out, format);
}

} // namespace smartkpi
