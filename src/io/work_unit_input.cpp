// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/csv_reader.hpp"
#include "io/json_fields.hpp"
#include "io/record_rules.hpp"

#include <smartkpi/core/quantity.hpp>
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/io/work_unit_input.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace smartkpi {

using detail::at;
using detail::guarded;
using detail::Interpreter;
using detail::is_annotation;
using detail::JsonNode;
using detail::JsonPath;
using detail::JsonReader;
using detail::JsonTree;
using detail::JsonType;
using detail::Keys;

namespace {

constexpr std::string_view kFormat = "smartkpi-units/1";

std::string_view label(std::string_view id) {
    return id.empty() ? std::string_view("(no id)") : id;
}

// Every number of a unit passes here: finite, non-negative and, for counts, whole. The message
// names the unit and the element, because a file holds hundreds of units with the same keys.
double checked(double value,
               std::string_view unit,
               std::string_view what,
               bool whole = false,
               const Location& where = {}) {
    if (!std::isfinite(value)) {
        throw DomainError(fmt::format("unit {}: {} is not a finite number", label(unit), what),
                          where);
    }
    if (value < 0) {
        throw DomainError(fmt::format("unit {}: {} is negative ({})", label(unit), what, value),
                          where);
    }
    if (whole && value != std::floor(value)) {
        throw DomainError(fmt::format("unit {}: {} must be a whole number of events ({})",
                                      label(unit), what, value),
                          where);
    }
    return value;
}

std::string element_what(const ElementInfo& e) {
    return fmt::format("element {}", e.key);
}

// Every accepted element key with its older alias, for unknown-key messages.
const Keys& element_keys() {
    static const Keys kKeys = [] {
        Keys keys;
        for (const ElementInfo& e : all_elements()) {
            keys.push_back(e.key);
        }
        keys.emplace_back("ideal_time");
        for (const ElementInfo& e : all_elements()) {
            if (!e.alias.empty()) {
                keys.push_back(e.alias);
            }
        }
        return keys;
    }();
    return kKeys;
}

// An element given twice through its key and its older alias ("pri" and "pru").
SchemaError element_twice(const ElementInfo& e,
                          std::string_view first,
                          std::string_view second,
                          Location where) {
    return SchemaError(
        fmt::format("element {} is given twice, as \"{}\" and as \"{}\"{}", e.key, first, second,
                    e.alias.empty() ? ""
                                    : fmt::format(" ({} is the older name of {})", e.alias, e.key)),
        std::move(where));
}

// Multiplies every time value of a unit by `factor` (a time unit given after the units that
// use it). False if a value overflows.
bool scale_times(WorkUnit& u, double factor) {
    bool finite = true;
    auto scale = [&](std::optional<double>& v) {
        if (v) {
            *v *= factor;
            finite = finite && std::isfinite(*v);
        }
    };
    for (const ElementInfo& e : all_elements()) {
        if (e.kind == ElementKind::time) {
            scale(u[e.element]);
        }
    }
    scale(u.ideal_time);
    for (auto* list : {&u.tbf, &u.ttf, &u.ttr}) {
        for (double& v : *list) {
            v *= factor;
            finite = finite && std::isfinite(v);
        }
    }
    scale(u.losses.breakdowns);
    scale(u.losses.setup_adjustments);
    scale(u.losses.small_stops);
    scale(u.losses.reduced_speed);
    return finite;
}

std::string period_text(const std::optional<TimeInterval>& p) {
    if (!p) {
        return "without a period";
    }
    return fmt::format("for period {}/{}", format_timestamp(p->start), format_timestamp(p->end));
}

// Record identity is (id, period) (conventions §14). The dataset's RecordKeys works on
// factories and dates; units have instants, and a duplicate names the first place too.
class UnitKeys {
  public:
    /// Throws DomainError at `where` when (id, period) of `u` was seen; otherwise remembers it.
    void check(const WorkUnit& u, const Location& where) {
        std::string key = u.id;
        key += '\0';
        if (u.period) {
            key += fmt::format("{}/{}", u.period->start, u.period->end);
        }
        const auto [it, added] = seen_.try_emplace(std::move(key), u.origin);
        if (added) {
            return;
        }
        const UnitOrigin& first = it->second;
        std::string place = fmt::format("line {}", first.line);
        if (!first.pointer.empty()) {
            place += fmt::format(" ({})", first.pointer);
        }
        throw DomainError(fmt::format("duplicate unit \"{}\" {}: it is already given at {}", u.id,
                                      period_text(u.period), place),
                          where);
    }

  private:
    std::unordered_map<std::string, UnitOrigin> seen_;
};

/// Interprets the JSON of one unit.
class UnitInterpreter {
  public:
    explicit UnitInterpreter(Problems* problems) : in_(problems), problems_(problems) {}

    /// `file_scale` is the seconds per time unit of the file, when known so far;
    /// `uses_file_unit` tells whether the unit has no time unit of its own.
    WorkUnit unit(const JsonNode& n, std::optional<double> file_scale, bool& uses_file_unit) const {
        n.expect(JsonType::object, "a unit object");
        static const Keys kKeys = {"id",           "line",     "site",  "region", "period",
                                   "time_unit",    "elements", "tbf",   "ttf",    "ttr",
                                   "measurements", "losses",   "energy"};
        WorkUnit u;
        // The id and time unit first: every message names the unit, and every time value
        // needs its unit, wherever they stand in the object.
        const bool has_id = in_.member(
            n, "id", [&](const JsonNode& v) { u.id = Interpreter::non_empty_string(v); });
        if (!has_id) {
            guarded(problems_, [&] { throw SchemaError::missing_key("id", n.location()); });
        }
        std::optional<double> own_scale;
        in_.member(n, "time_unit", [&](const JsonNode& v) { own_scale = time_unit(v); });
        uses_file_unit = !own_scale;
        const double scale = own_scale ? *own_scale : file_scale.value_or(1.0);

        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (v.is(JsonType::null) || key == "id" || key == "time_unit") {
                return; // null = missing, like an absent key
            }
            guarded(problems_, [&] {
                if (key == "line") {
                    u.line = Interpreter::string(v);
                } else if (key == "site") {
                    u.site = Interpreter::string(v);
                } else if (key == "region") {
                    u.region = Interpreter::string(v);
                } else if (key == "period") {
                    u.period = period(v);
                } else if (key == "elements") {
                    elements(v, u, scale);
                } else if (key == "tbf") {
                    u.tbf = times(v, u.id, "tbf", scale);
                    u.has_tbf = true;
                } else if (key == "ttf") {
                    u.ttf = times(v, u.id, "ttf", scale);
                    u.has_ttf = true;
                } else if (key == "ttr") {
                    u.ttr = times(v, u.id, "ttr", scale);
                    u.has_ttr = true;
                } else if (key == "measurements") {
                    u.measurements = measurements(v);
                } else if (key == "losses") {
                    u.losses = losses(v, u.id, scale);
                } else if (key == "energy") {
                    u.energy = in_.energy(v);
                } else if (!is_annotation(key)) {
                    throw SchemaError::unknown_key(key, kKeys, v.location());
                }
            });
        });
        return u;
    }

    static double time_unit(const JsonNode& v) {
        v.expect(JsonType::string, "a time unit (s, min, h, d)");
        return seconds_per(at(v, [&] { return parse_time_unit(v.string()); }));
    }

  private:
    static std::string timestamp_text(const JsonNode& v, UnixSeconds& out) {
        v.expect(JsonType::string, "an ISO 8601 timestamp (\"2026-01-05T06:00:00Z\")");
        out = at(v, [&] { return parse_timestamp(v.string()); });
        return std::string(v.string());
    }

    // One period is one problem at most: a bad timestamp is not also reported as missing.
    TimeInterval period(const JsonNode& n) const {
        n.expect(JsonType::object, "a period {\"start\": \"2026-01-05T06:00:00Z\", \"end\": ...}");
        in_.check_keys(n, {"start", "end"});
        TimeInterval p;
        bool has_start = false;
        bool has_end = false;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "start") {
                p.start_text = timestamp_text(v, p.start);
                has_start = true;
            } else if (key == "end") {
                p.end_text = timestamp_text(v, p.end);
                has_end = true;
            }
        });
        if (!has_start) {
            throw SchemaError::missing_key("start", n.location());
        }
        if (!has_end) {
            throw SchemaError::missing_key("end", n.location());
        }
        if (p.end <= p.start) {
            throw DomainError(fmt::format("period end {} is not after its start {} (the end is "
                                          "exclusive)",
                                          p.end_text, p.start_text),
                              n.location());
        }
        return p;
    }

    void elements(const JsonNode& n, WorkUnit& u, double scale) const {
        n.expect(JsonType::object, "an object of elements {\"pbt\": 28800, ...}");
        std::array<std::string_view, kElementCount> given{};
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (is_annotation(key) || v.is(JsonType::null)) {
                return;
            }
            guarded(problems_, [&] {
                if (key == "ideal_time") {
                    v.expect(JsonType::number, "a number");
                    u.ideal_time =
                        at(v, [&] { return checked(v.number(), u.id, "ideal_time"); }) * scale;
                    return;
                }
                const ElementInfo* e = find_element(key);
                if (e == nullptr) {
                    throw SchemaError::unknown_key(key, element_keys(), v.location());
                }
                auto& first = given[static_cast<std::size_t>(e->element)];
                if (!first.empty()) {
                    throw element_twice(*e, first, key, v.location());
                }
                first = key;
                v.expect(JsonType::number, "a number");
                const double value = at(v, [&] {
                    return checked(v.number(), u.id, element_what(*e),
                                   e->kind == ElementKind::count);
                });
                u[e->element] = e->kind == ElementKind::time ? value * scale : value;
            });
        });
    }

    static std::vector<double>
    times(const JsonNode& n, std::string_view unit, std::string_view what, double scale) {
        n.expect(JsonType::array, "an array of times");
        std::vector<double> out;
        out.reserve(n.size());
        std::size_t i = 0;
        n.for_each_element([&](const JsonNode& v) {
            v.expect(JsonType::number, "a number");
            out.push_back(
                at(v, [&] { return checked(v.number(), unit, fmt::format("{}[{}]", what, i)); }) *
                scale);
            ++i;
        });
        return out;
    }

    static std::vector<double> numbers(const JsonNode& n, std::string_view what) {
        n.expect(JsonType::array, what);
        std::vector<double> out;
        out.reserve(n.size());
        n.for_each_element([&](const JsonNode& v) {
            // Measurements may be negative (a deviation from nominal); JSON has no NaN.
            v.expect(JsonType::number, "a number");
            out.push_back(v.number());
        });
        return out;
    }

    Measurements measurements(const JsonNode& n) const {
        n.expect(JsonType::object, "a measurements object {\"usl\", \"lsl\", \"values\"}");
        in_.check_keys(n, {"usl", "lsl", "subgroup_size", "values", "subgroups"});
        Measurements m;
        const bool has_usl = in_.member(n, "usl", [&](const JsonNode& v) {
            v.expect(JsonType::number, "a number");
            m.usl = v.number();
        });
        const bool has_lsl = in_.member(n, "lsl", [&](const JsonNode& v) {
            v.expect(JsonType::number, "a number");
            m.lsl = v.number();
        });
        if (!has_usl && !has_lsl) {
            throw SchemaError("measurements need a specification limit: give usl, lsl or both",
                              n.location());
        }
        std::optional<std::size_t> size;
        in_.member(n, "subgroup_size", [&](const JsonNode& v) {
            v.expect(JsonType::number, "a number");
            const double s = v.number();
            if (s < 1 || s != std::floor(s) || s > 1e6) {
                throw DomainError(
                    fmt::format("subgroup_size must be a whole number from 1 (got {})", s),
                    v.location());
            }
            size = static_cast<std::size_t>(s);
        });
        const bool has_values = in_.member(n, "values", [&](const JsonNode& v) {
            m.values = numbers(v, "an array of measured values");
            m.subgroup_size = size.value_or(1);
            if (m.values.empty()) {
                throw SchemaError("measurements need at least one value", v.location());
            }
            if (m.values.size() % m.subgroup_size != 0) {
                throw SchemaError(fmt::format("{} values do not make whole subgroups of "
                                              "subgroup_size {}",
                                              m.values.size(), m.subgroup_size),
                                  v.location());
            }
        });
        const bool has_subgroups = in_.member(n, "subgroups", [&](const JsonNode& v) {
            if (has_values) {
                throw SchemaError("measurements take \"values\" or \"subgroups\", not both",
                                  v.location());
            }
            v.expect(JsonType::array, "an array of subgroups (arrays of values)");
            std::size_t length = 0;
            v.for_each_element([&](const JsonNode& g) {
                const std::vector<double> values = numbers(g, "a subgroup (an array of values)");
                if (values.empty()) {
                    throw SchemaError("a subgroup needs at least one value", g.location());
                }
                if (length == 0) {
                    length = values.size();
                } else if (values.size() != length) {
                    throw SchemaError(fmt::format("subgroup has {} values; the first has {} (all "
                                                  "subgroups have the same size)",
                                                  values.size(), length),
                                      g.location());
                }
                m.values.insert(m.values.end(), values.begin(), values.end());
            });
            if (length == 0) {
                throw SchemaError("measurements need at least one subgroup", v.location());
            }
            if (size && *size != length) {
                throw SchemaError(fmt::format("subgroup_size {} does not match the subgroups, "
                                              "which have {} values each",
                                              *size, length),
                                  v.location());
            }
            m.subgroup_size = length;
        });
        if (!has_values && !has_subgroups) {
            throw SchemaError::missing_key("values", n.location());
        }
        return m;
    }

    SixBigLosses losses(const JsonNode& n, std::string_view unit, double scale) const {
        n.expect(JsonType::object, "a losses object (seconds and items per loss class)");
        struct Loss {
            std::string_view key;
            std::optional<double> SixBigLosses::*field;
            bool is_time;
        };
        static constexpr std::array<Loss, 6> kLosses{{
            {"breakdowns", &SixBigLosses::breakdowns, true},
            {"setup_adjustments", &SixBigLosses::setup_adjustments, true},
            {"small_stops", &SixBigLosses::small_stops, true},
            {"reduced_speed", &SixBigLosses::reduced_speed, true},
            {"startup_rejects", &SixBigLosses::startup_rejects, false},
            {"production_rejects", &SixBigLosses::production_rejects, false},
        }};
        static const Keys kKeys = [] {
            Keys keys;
            for (const Loss& l : kLosses) {
                keys.push_back(l.key);
            }
            return keys;
        }();
        in_.check_keys(n, kKeys);
        SixBigLosses out;
        for (const Loss& l : kLosses) {
            in_.member(n, l.key, [&](const JsonNode& v) {
                v.expect(JsonType::number, "a number");
                const double value =
                    at(v, [&] { return checked(v.number(), unit, fmt::format("loss {}", l.key)); });
                out.*l.field = l.is_time ? value * scale : value;
            });
        }
        return out;
    }

    Interpreter in_;
    Problems* problems_;
};

} // namespace

WorkUnitSet
read_work_units_json(std::string_view text, const std::string& source, Problems* problems) {
    const UnitInterpreter in(problems);
    JsonReader reader(text, source);
    JsonTree tree(text);
    tree.set_source(source);
    const JsonPath root;
    WorkUnitSet set;
    set.source = source;
    UnitKeys keys;
    std::optional<double> file_scale;
    // Units read before the file's time_unit (JSON members have no order): scaled at the end.
    std::vector<std::size_t> pending;
    bool has_units = false;
    const Location top = reader.location();
    reader.begin_object("a units object {\"units\": [...]}");
    static const Keys kTop = {"format", "name",         "description", "source",
                              "note",   "illustrative", "time_unit",   "units"};
    while (reader.next_member()) {
        const std::string key = reader.key();
        const JsonPath path = root.member(key);
        if (key == "units" && reader.peek() == JsonType::array) {
            has_units = true;
            reader.begin_array();
            while (reader.next_element()) {
                const JsonPath element = path.element(reader.index());
                const JsonNode n = tree.build(reader, element);
                const std::size_t before = problems != nullptr ? problems->count() : 0;
                guarded(problems, [&] {
                    bool uses_file_unit = false;
                    WorkUnit u = in.unit(n, file_scale, uses_file_unit);
                    u.origin = {source, element.pointer(), static_cast<int>(n.line_column().first)};
                    // A unit with a problem is reported, never half-kept.
                    if (problems == nullptr || problems->count() == before) {
                        keys.check(u, n.location());
                        if (uses_file_unit && !file_scale) {
                            pending.push_back(set.units.size());
                        }
                        set.units.push_back(std::move(u));
                    }
                });
            }
            continue;
        }
        const JsonNode n = tree.build(reader, path);
        if (is_annotation(key) && key != "note") {
            continue;
        }
        guarded(problems, [&] {
            if (key == "units") {
                has_units = true;
                n.expect(JsonType::array, "an array of units");
            } else if (key == "format") {
                detail::check_format(n, kFormat);
            } else if (key == "time_unit") {
                file_scale = UnitInterpreter::time_unit(n);
            } else if (key == "name" || key == "description" || key == "source" || key == "note") {
                (void)Interpreter::string(n);
            } else if (key == "illustrative") {
                (void)Interpreter::boolean(n);
            } else {
                throw SchemaError::unknown_key(key, kTop, n.location());
            }
        });
    }
    reader.expect_end();
    if (!has_units) {
        guarded(problems, [&] { throw SchemaError::missing_key("units", top); });
    }
    if (file_scale && *file_scale != 1.0) {
        for (std::size_t i : pending) {
            WorkUnit& u = set.units[i];
            if (!scale_times(u, *file_scale)) {
                guarded(problems, [&] {
                    throw DomainError(fmt::format("unit {}: a time value overflows when "
                                                  "converted to seconds",
                                                  u.id),
                                      Location{source, static_cast<std::size_t>(u.origin.line), 0,
                                               u.origin.pointer});
                });
            }
        }
    }
    return set;
}

namespace {

enum class Field {
    id,
    line,
    site,
    region,
    period_start,
    period_end,
    time_unit,
    ideal_time,
    element,
    annotation
};

struct Column {
    Field field = Field::annotation;
    std::string name;
    const ElementInfo* element = nullptr;
};

const Keys& csv_keys() {
    static const Keys kKeys = [] {
        Keys keys = {"id",         "line",  "site", "region",    "period_start",
                     "period_end", "start", "end",  "time_unit", "ideal_time"};
        for (const ElementInfo& e : all_elements()) {
            keys.push_back(e.key);
        }
        return keys;
    }();
    return kKeys;
}

Column parse_header(std::string_view name, const Location& where) {
    Column c;
    c.name = std::string(name);
    // "unit" and "machine" (issue 4's name for a unit) are accepted for the id; the
    // period also as "period.start"/"period.end", the JSON member paths.
    static constexpr std::array<std::pair<std::string_view, Field>, 18> kPlain{{
        {"id", Field::id},
        {"unit", Field::id},
        {"machine", Field::id},
        {"period.start", Field::period_start},
        {"period.end", Field::period_end},
        {"line", Field::line},
        {"site", Field::site},
        {"region", Field::region},
        {"period_start", Field::period_start},
        {"start", Field::period_start},
        {"period_end", Field::period_end},
        {"end", Field::period_end},
        {"time_unit", Field::time_unit},
        {"ideal_time", Field::ideal_time},
        {"note", Field::annotation},
        {"comment", Field::annotation},
        {"name", Field::annotation},
        {"description", Field::annotation},
    }};
    for (const auto& [plain, field] : kPlain) {
        if (name == plain) {
            c.field = field;
            return c;
        }
    }
    if (!name.empty() && (name.front() == '_' || name.front() == '#')) {
        return c;
    }
    if (const ElementInfo* e = find_element(name)) {
        c.field = Field::element;
        c.element = e;
        return c;
    }
    for (std::string_view list : {"tbf", "ttf", "ttr", "measurements", "usl", "lsl",
                                  "subgroup_size", "values", "subgroups", "losses", "energy"}) {
        if (name == list) {
            throw SchemaError(fmt::format("column \"{}\" cannot be given in a table: tables carry "
                                          "scalar elements only; lists (tbf, ttf, ttr), "
                                          "measurements, losses and energy need JSON input "
                                          "(conventions §22)",
                                          name),
                              where);
        }
    }
    throw SchemaError::unknown_key(name, csv_keys(), where);
}

double number_cell(std::string_view text, const Location& where) {
    double v = 0;
    if (!parse_number(text, v)) {
        throw ParseError(fmt::format("\"{}\" is not a number", text), where);
    }
    return v;
}

} // namespace

WorkUnitSet
read_work_units_csv(std::string_view text, const std::string& source, Problems* problems) {
    detail::CsvReader reader(text, source);
    WorkUnitSet set;
    set.source = source;
    std::vector<std::string> cells;
    if (!reader.next_record(cells)) {
        throw ParseError("empty file; expected a header row", Location{source, 1, 1, ""});
    }
    std::vector<Column> columns;
    bool header_ok = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        header_ok &= guarded(problems, [&] {
            const Location where = reader.location(i, cells[i]);
            Column c = parse_header(cells[i], where);
            for (const Column& other : columns) {
                if (c.field == Field::annotation || other.field != c.field ||
                    other.element != c.element) {
                    continue;
                }
                if (other.name == c.name) {
                    throw SchemaError::duplicate("column", c.name, where);
                }
                throw SchemaError(fmt::format("column \"{}\" repeats column \"{}\" under another "
                                              "name",
                                              c.name, other.name),
                                  where);
            }
            columns.push_back(std::move(c));
        });
    }
    if (!header_ok) {
        return set; // cannot interpret rows against a broken header
    }
    std::optional<std::size_t> id_column;
    std::optional<std::size_t> unit_column;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].field == Field::id) {
            id_column = i;
        } else if (columns[i].field == Field::time_unit) {
            unit_column = i;
        }
    }
    if (!id_column) {
        guarded(problems, [&] {
            throw SchemaError::missing_key("id", Location{source, reader.line(), 0, "header"});
        });
        return set;
    }

    UnitKeys keys;
    while (reader.next_record(cells)) {
        if (cells.size() != columns.size()) {
            guarded(problems, [&] {
                throw ParseError(fmt::format("row has {} fields; the header has {}", cells.size(),
                                             columns.size()),
                                 Location{source, reader.line(), 1, ""});
            });
            continue;
        }
        const Location row{source, reader.line(), 1, ""};
        WorkUnit u;
        u.id = cells[*id_column];
        u.origin = {source, "", static_cast<int>(reader.line())};
        bool row_ok = true;
        double scale = 1.0;
        if (unit_column && !cells[*unit_column].empty()) {
            row_ok &= guarded(problems, [&] {
                scale = seconds_per(parse_time_unit(cells[*unit_column],
                                                    reader.location(*unit_column, "time_unit")));
            });
        }
        std::optional<UnixSeconds> start;
        std::optional<UnixSeconds> end;
        std::size_t start_column = 0;
        std::size_t end_column = 0;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Column& c = columns[i];
            const std::string& cell = cells[i];
            if (cell.empty()) {
                continue;
            }
            row_ok &= guarded(problems, [&] {
                const Location where = reader.location(i, c.name);
                switch (c.field) {
                case Field::line:
                    u.line = cell;
                    break;
                case Field::site:
                    u.site = cell;
                    break;
                case Field::region:
                    u.region = cell;
                    break;
                case Field::period_start:
                    start = parse_timestamp(cell, where);
                    start_column = i;
                    break;
                case Field::period_end:
                    end = parse_timestamp(cell, where);
                    end_column = i;
                    break;
                case Field::ideal_time:
                    u.ideal_time =
                        checked(number_cell(cell, where), u.id, "ideal_time", false, where) * scale;
                    break;
                case Field::element: {
                    const ElementInfo& e = *c.element;
                    const double v = checked(number_cell(cell, where), u.id, element_what(e),
                                             e.kind == ElementKind::count, where);
                    u[e.element] = e.kind == ElementKind::time ? v * scale : v;
                    break;
                }
                case Field::id:
                case Field::time_unit:
                case Field::annotation:
                    break;
                }
            });
        }
        row_ok &= guarded(problems, [&] {
            if (u.id.empty()) {
                throw SchemaError::missing_key("id", reader.location(*id_column, "id"));
            }
            if (start.has_value() != end.has_value()) {
                throw SchemaError::missing_key(start ? "period_end" : "period_start", row);
            }
            if (start && end) {
                TimeInterval p{*start, *end, cells[start_column], cells[end_column]};
                if (p.end <= p.start) {
                    throw DomainError(fmt::format("period end {} is not after its start {} (the "
                                                  "end is exclusive)",
                                                  p.end_text, p.start_text),
                                      reader.location(end_column, columns[end_column].name));
                }
                u.period = std::move(p);
            }
        });
        if (row_ok) {
            row_ok &= guarded(problems, [&] { keys.check(u, row); });
        }
        if (row_ok) {
            set.units.push_back(std::move(u));
        }
    }
    return set;
}

} // namespace smartkpi
