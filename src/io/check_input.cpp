// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The inputs of `smartkpi check`: the rules file, and the JSON reports it gates. Each report
// format has a reader of its top-level members in kFormats; adding a format (events kpi,
// energy baseline) is adding a row there and a record reader.
#include "io/json_fields.hpp"

#include <smartkpi/io/check_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace smartkpi {

using detail::Document;
using detail::Interpreter;
using detail::JsonNode;
using detail::JsonPath;
using detail::JsonReader;
using detail::JsonTree;
using detail::JsonType;
using detail::Keys;

namespace {

double finite_number(const JsonNode& n) {
    n.expect(JsonType::number, "a number");
    return n.number(); // the JSON reader rejects numbers out of the double range
}

template <class E>
E enum_value(const JsonNode& n, const std::vector<std::pair<std::string_view, E>>& values) {
    n.expect(JsonType::string, "a string");
    for (const auto& [name, value] : values) {
        if (n.string() == name) {
            return value;
        }
    }
    std::vector<std::string_view> accepted;
    for (const auto& v : values) {
        accepted.push_back(v.first);
    }
    throw SchemaError::bad_enum(n.string(), accepted, n.location());
}

Rule read_rule(const Interpreter& in, const JsonNode& n, std::size_t number) {
    n.expect(JsonType::object, "a rule object {\"kpi\": ..., \"min\": ...}");
    static const Keys kKeys = {"name",    "kpi", "unit", "factory",        "section",
                               "measure", "min", "max",  "max_regression", "direction"};
    in.check_keys(n, kKeys);
    Rule rule;
    rule.where = n.location();
    in.member(n, "name", [&](const JsonNode& v) { rule.name = Interpreter::string(v); });
    in.required(n, "kpi", [&](const JsonNode& v) {
        const std::string kpi = Interpreter::non_empty_string(v);
        if (!is_known_kpi(kpi)) {
            Rule unknown;
            unknown.kpi = kpi;
            unknown.where = v.location();
            check_rule(unknown, number); // throws, worded once in the engine
        }
        rule.kpi = canonical_kpi(kpi);
    });
    std::optional<Location> unit_at;
    for (const std::string_view key : {"unit", "factory"}) {
        in.member(n, key, [&](const JsonNode& v) {
            if (unit_at) {
                throw SchemaError("give \"unit\" or its alias \"factory\", not both", v.location());
            }
            unit_at = v.location();
            rule.target = Interpreter::non_empty_string(v);
        });
    }
    in.member(n, "section", [&](const JsonNode& v) {
        rule.section = enum_value<ReportSection>(v, {{"baseline", ReportSection::baseline},
                                                     {"upgraded", ReportSection::upgraded},
                                                     {"change", ReportSection::change},
                                                     {"savings", ReportSection::savings}});
    });
    in.member(n, "measure", [&](const JsonNode& v) {
        rule.measure = enum_value<Measure>(
            v, {{"absolute", Measure::absolute}, {"relative", Measure::relative}});
    });
    in.member(n, "direction", [&](const JsonNode& v) {
        rule.direction = enum_value<Trend>(v, {{"higher_is_better", Trend::higher_is_better},
                                               {"lower_is_better", Trend::lower_is_better}});
    });
    in.member(n, "min", [&](const JsonNode& v) { rule.min = finite_number(v); });
    in.member(n, "max", [&](const JsonNode& v) { rule.max = finite_number(v); });
    in.member(n, "max_regression",
              [&](const JsonNode& v) { rule.max_regression = finite_number(v); });
    check_rule(rule, number);
    return rule;
}

class RecordReader {
  public:
    explicit RecordReader(std::span<const std::string> kpis) : kpis_(kpis) {}

    [[nodiscard]] bool wanted(std::string_view kpi) const {
        return kpis_.empty() || std::find(kpis_.begin(), kpis_.end(), kpi) != kpis_.end();
    }

    /// {"value": 0.71, "unit": "%"} | {"status": "not_available", "missing": [...]} |
    /// {"status": "undefined", "reason": "..."} (conventions §1).
    static KpiValue value(const JsonNode& n, std::string& unit) {
        static constexpr std::string_view kExpected =
            "a KPI value ({\"value\", \"unit\"} or {\"status\", ...})";
        n.expect(JsonType::object, kExpected);
        std::optional<double> number;
        std::string status;
        std::vector<std::string> missing;
        std::string reason;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "value") {
                number = finite_number(v);
            } else if (key == "unit") {
                unit = Interpreter::string(v);
            } else if (key == "status") {
                status = Interpreter::string(v);
            } else if (key == "missing") {
                missing = Interpreter::strings(v);
            } else if (key == "reason") {
                reason = Interpreter::string(v);
            }
        });
        if (number) {
            return KpiValue::of(*number);
        }
        if (status == "not_available") {
            return KpiValue::missing(std::move(missing));
        }
        if (status == "undefined") {
            return KpiValue::undefined(std::move(reason));
        }
        if (!status.empty()) {
            throw SchemaError::bad_enum(status, {"not_available", "undefined"}, n.location());
        }
        throw SchemaError::wrong_type(kExpected, "an object without \"value\" or \"status\"",
                                      n.location());
    }

    /// An object of KPI key -> value into `record`.
    void
    values(const JsonNode& n, ReportSection section, Measure measure, ReportRecord& record) const {
        n.expect(JsonType::object, "an object of KPI values");
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (!wanted(key)) {
                return;
            }
            ReportEntry e;
            e.section = section;
            e.measure = measure;
            e.kpi = std::string(key);
            e.value = value(v, e.unit);
            record.entries.push_back(std::move(e));
        });
    }

    /// The change section: metric -> {"absolute": value, "relative": value}.
    void changes(const JsonNode& n, ReportRecord& record) const {
        n.expect(JsonType::object, "an object of changes");
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (!wanted(key)) {
                return;
            }
            v.expect(JsonType::object, "a change {\"absolute\", \"relative\"}");
            v.for_each_member([&](std::string_view measure, const JsonNode& m) {
                if (measure != "absolute" && measure != "relative") {
                    return;
                }
                ReportEntry e;
                e.section = ReportSection::change;
                e.measure = measure == "relative" ? Measure::relative : Measure::absolute;
                e.kpi = std::string(key);
                e.value = value(m, e.unit);
                record.entries.push_back(std::move(e));
            });
        });
    }

    /// The members every record shares: its id and period.
    static void identity(const JsonNode& n, ReportRecord& record) {
        bool has_id = false;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "id") {
                record.id = Interpreter::string(v, "an id string");
                has_id = true;
            } else if (key == "period" && !v.is(JsonType::null)) {
                v.expect(JsonType::object, "a period {\"start\", \"end\"}");
                std::string start;
                std::string end;
                v.for_each_member([&](std::string_view k, const JsonNode& p) {
                    if (k == "start") {
                        start = Interpreter::string(p);
                    } else if (k == "end") {
                        end = Interpreter::string(p);
                    }
                });
                record.period = start + "/" + end;
            }
        });
        if (!has_id) {
            throw SchemaError::missing_key("id", n.location());
        }
    }

    ReportRecord kpi_record(const JsonNode& n, RecordLevel level) const {
        n.expect(JsonType::object, "a record object");
        ReportRecord r;
        r.level = level;
        identity(n, r);
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "kpis") {
                values(v, ReportSection::none, Measure::absolute, r);
            }
        });
        return r;
    }

    /// A factory or the totals of an impact report.
    ReportRecord impact_record(const JsonNode& n, RecordLevel level) const {
        n.expect(JsonType::object,
                 level == RecordLevel::totals ? "a totals object" : "a factory object");
        ReportRecord r;
        r.level = level;
        if (level != RecordLevel::totals) {
            identity(n, r);
        }
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "baseline") {
                values(v, ReportSection::baseline, Measure::absolute, r);
            } else if (key == "upgraded") {
                values(v, ReportSection::upgraded, Measure::absolute, r);
            } else if (key == "change") {
                changes(v, r);
            } else if (key == "savings") {
                values(v, ReportSection::savings, Measure::absolute, r);
            } else if (key == "savings_relative") {
                values(v, ReportSection::savings, Measure::relative, r);
            }
        });
        return r;
    }

    /// The gateable members of one `energy baseline` result (a factory, or the whole report
    /// of a one-factory file) into `record`: the KPI values of statistics, savings and enpi
    /// (their counts and texts are skipped), the savings uncertainty per level as fsu_68,
    /// fsu_90, fsu_95, and the verdict as acceptance_passed (1 or 0).
    void baseline_member(std::string_view key, const JsonNode& v, ReportRecord& record) const {
        if (key == "factory") {
            record.id = Interpreter::non_empty_string(v);
        } else if (key == "statistics" || key == "savings" || key == "enpi") {
            v.expect(JsonType::object, "an object");
            v.for_each_member([&](std::string_view name, const JsonNode& m) {
                if (name == "fsu" && m.is(JsonType::object)) {
                    m.for_each_member([&](std::string_view level, const JsonNode& f) {
                        std::string kpi = "fsu_";
                        kpi += level.substr(level.find('.') == std::string_view::npos
                                                ? level.size()
                                                : level.find('.') + 1);
                        add_if_value(kpi, f, record);
                    });
                } else {
                    add_if_value(std::string(name), m, record);
                }
            });
        } else if (key == "acceptance") {
            v.expect(JsonType::object, "an acceptance object");
            v.for_each_member([&](std::string_view name, const JsonNode& m) {
                if (name == "passed" && wanted("acceptance_passed")) {
                    m.expect(JsonType::boolean, "true or false");
                    ReportEntry e;
                    e.kpi = "acceptance_passed";
                    e.value = KpiValue::of(m.boolean() ? 1.0 : 0.0);
                    e.unit = "1";
                    record.entries.push_back(std::move(e));
                }
            });
        }
    }

  private:
    // Members that are KPI values ({"value"...} or {"status"...}); plain counts, texts and
    // nested objects of other kinds are not gateable and are skipped.
    void add_if_value(std::string kpi, const JsonNode& v, ReportRecord& record) const {
        if (!v.is(JsonType::object) || !wanted(kpi)) {
            return;
        }
        bool is_value = false;
        v.for_each_member([&](std::string_view k, const JsonNode&) {
            is_value = is_value || k == "value" || k == "status";
        });
        if (!is_value) {
            return;
        }
        ReportEntry e;
        e.kpi = std::move(kpi);
        e.value = value(v, e.unit);
        record.entries.push_back(std::move(e));
    }

    std::span<const std::string> kpis_;
};

/// Reads the records of an array member, one at a time (reports may be large).
template <class F>
void read_records(JsonReader& reader,
                  JsonTree& tree,
                  const JsonPath& path,
                  std::string_view what,
                  GateReport& report,
                  F&& record) {
    if (reader.peek() != JsonType::array) {
        tree.build(reader, path).expect(JsonType::array, what);
    }
    reader.begin_array();
    while (reader.next_element()) {
        const JsonPath element = path.element(reader.index());
        const JsonNode n = tree.build(reader, element);
        report.records.push_back(record(n));
    }
}

// A format's reader of one top-level member; members it does not handle are skipped.
using MemberReader = void (*)(const RecordReader&,
                              JsonReader&,
                              JsonTree&,
                              const std::string& key,
                              const JsonPath& path,
                              GateReport& report);

void kpi_report_member(const RecordReader& rr,
                       JsonReader& reader,
                       JsonTree& tree,
                       const std::string& key,
                       const JsonPath& path,
                       GateReport& report) {
    if (key == "groups" || key == "units") {
        const RecordLevel level = key == "groups" ? RecordLevel::group : RecordLevel::unit;
        read_records(reader, tree, path, "an array of records", report,
                     [&](const JsonNode& n) { return rr.kpi_record(n, level); });
    } else {
        reader.skip_value();
    }
}

void impact_report_member(const RecordReader& rr,
                          JsonReader& reader,
                          JsonTree& tree,
                          const std::string& key,
                          const JsonPath& path,
                          GateReport& report) {
    if (key == "factories") {
        read_records(reader, tree, path, "an array of factories", report,
                     [&](const JsonNode& n) { return rr.impact_record(n, RecordLevel::factory); });
    } else if (key == "totals") {
        const JsonNode n = tree.build(reader, path);
        report.records.push_back(rr.impact_record(n, RecordLevel::totals));
    } else {
        reader.skip_value();
    }
}

// events kpi: groups are addressed by their id, the key parts joined with "/"
// ("S01/L1/S01-L1-M01/2026-01-05/A"), like the groups of a kpi report; the whole log is the
// group "all" (the one group of `--by all`, then not repeated).
void events_report_member(const RecordReader& rr,
                          JsonReader& reader,
                          JsonTree& tree,
                          const std::string& key,
                          const JsonPath& path,
                          GateReport& report) {
    if (key == "groups") {
        read_records(reader, tree, path, "an array of groups", report,
                     [&](const JsonNode& n) { return rr.kpi_record(n, RecordLevel::group); });
    } else if (key == "total") {
        const JsonNode n = tree.build(reader, path);
        ReportRecord total = rr.kpi_record(n, RecordLevel::group);
        const bool listed =
            std::any_of(report.records.begin(), report.records.end(), [&](const ReportRecord& r) {
                return r.level == RecordLevel::group && r.id == total.id;
            });
        if (!listed) {
            report.records.push_back(std::move(total));
        }
    } else {
        reader.skip_value();
    }
}

// energy baseline: one group per factory, addressed by its id. A file without a factory
// column gives one result at the top level of the report: its group is called "series".
void baseline_report_member(const RecordReader& rr,
                            JsonReader& reader,
                            JsonTree& tree,
                            const std::string& key,
                            const JsonPath& path,
                            GateReport& report) {
    static constexpr std::string_view kSeries = "series";
    if (key == "factories") {
        read_records(reader, tree, path, "an array of factory results", report,
                     [&](const JsonNode& n) {
                         n.expect(JsonType::object, "a factory result object");
                         ReportRecord r;
                         r.level = RecordLevel::group;
                         r.id = std::string(kSeries);
                         n.for_each_member([&](std::string_view k, const JsonNode& v) {
                             rr.baseline_member(k, v, r);
                         });
                         return r;
                     });
    } else if (key == "factory" || key == "statistics" || key == "savings" || key == "enpi" ||
               key == "acceptance") {
        if (report.records.empty()) {
            ReportRecord r;
            r.level = RecordLevel::group;
            r.id = std::string(kSeries);
            report.records.push_back(std::move(r));
        }
        const JsonNode n = tree.build(reader, path);
        rr.baseline_member(key, n, report.records.front());
    } else {
        reader.skip_value();
    }
}

struct ReportFormat {
    std::string_view format;
    ReportKind kind;
    MemberReader member;
};

// conventions §23: check reads the JSON of kpi compute, events kpi, impact, and later energy
// baseline; each is one row here. An events report is a kpi report to the gate: records of
// KPI values per group.
constexpr std::array<ReportFormat, 4> kFormats{{
    {"smartkpi-kpi-report/1", ReportKind::kpi, &kpi_report_member},
    {"smartkpi-impact-report/1", ReportKind::impact, &impact_report_member},
    {"smartkpi-events-report/1", ReportKind::kpi, &events_report_member},
    {"smartkpi-energy-baseline-report/1", ReportKind::kpi, &baseline_report_member},
}};

std::string accepted_formats() {
    std::string out;
    for (const auto& f : kFormats) {
        out += out.empty() ? "" : ", ";
        out += f.format;
    }
    return out;
}

// The report's "format" member, wherever it is (writers put it first, so this is quick).
const ReportFormat& report_format(std::string_view text, const std::string& source) {
    JsonReader reader(text, source);
    reader.begin_object("a smartkpi report (a JSON object)");
    while (reader.next_member()) {
        if (reader.key() != "format") {
            reader.skip_value();
            continue;
        }
        const Location where = reader.location();
        const std::string format(reader.read_string("a report format name"));
        for (const auto& f : kFormats) {
            if (f.format == format) {
                return f;
            }
        }
        throw SchemaError(fmt::format("unknown report format \"{}\"; check reads: {}", format,
                                      accepted_formats()),
                          where);
    }
    throw SchemaError(fmt::format("not a smartkpi report: it has no \"format\" member; check "
                                  "reads the JSON reports ({})",
                                  accepted_formats()),
                      Location{source, 1, 1, ""});
}

} // namespace

std::vector<Rule> read_rules_json(std::string_view text, const std::string& source) {
    const Interpreter in(nullptr);
    Document doc(text, source);
    const JsonNode n = doc.root();
    n.expect(JsonType::object, "a rules object {\"rules\": [...]}");
    in.check_keys(n, {"format", "name", "description", "rules"});
    in.member(n, "format", [&](const JsonNode& v) { detail::check_format(v, "smartkpi-rules/1"); });
    in.member(n, "name", [&](const JsonNode& v) { (void)Interpreter::string(v); });
    in.member(n, "description", [&](const JsonNode& v) { (void)Interpreter::string(v); });
    std::vector<Rule> rules;
    in.required(n, "rules", [&](const JsonNode& v) {
        v.expect(JsonType::array, "an array of rules");
        v.for_each_element(
            [&](const JsonNode& e) { rules.push_back(read_rule(in, e, rules.size() + 1)); });
        if (rules.empty()) {
            // A gate without rules would pass whatever the report says.
            throw SchemaError("no rules: a gate needs at least one", v.location());
        }
    });
    return rules;
}

std::vector<std::string_view> gate_report_formats() {
    std::vector<std::string_view> out;
    for (const auto& f : kFormats) {
        out.push_back(f.format);
    }
    return out;
}

GateReport read_gate_report_json(std::string_view text,
                                 const std::string& source,
                                 std::span<const std::string> kpis) {
    const ReportFormat& format = report_format(text, source);
    GateReport report;
    report.kind = format.kind;
    report.format = std::string(format.format);
    report.source = source;
    const RecordReader rr(kpis);
    JsonReader reader(text, source);
    JsonTree tree(text);
    tree.set_source(source);
    const JsonPath root;
    reader.begin_object("a smartkpi report (a JSON object)");
    while (reader.next_member()) {
        const std::string key = reader.key();
        const JsonPath path = root.member(key);
        format.member(rr, reader, tree, key, path, report);
    }
    reader.expect_end();
    return report;
}

} // namespace smartkpi
