// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_fields.hpp"

#include <smartkpi/core/quantity.hpp>
#include <smartkpi/io/json_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace smartkpi {

using detail::guarded;
using detail::JsonNode;
using detail::JsonPath;
using detail::JsonReader;
using detail::JsonTree;
using detail::JsonType;

using detail::at;
using detail::check_format;
using detail::Document;
using detail::Interpreter;
using detail::is_annotation;
using detail::Keys;

std::string_view to_string(InputKind kind) {
    switch (kind) {
    case InputKind::dataset:
        return "dataset";
    case InputKind::scenario:
        return "scenario";
    case InputKind::consortium:
        return "consortium";
    case InputKind::targets:
        return "targets";
    case InputKind::coefficients:
        return "coefficients";
    case InputKind::fx:
        return "fx";
    case InputKind::units:
        return "units";
    }
    return "?";
}

InputKind parse_input_kind(std::string_view name) {
    for (auto k : {InputKind::dataset, InputKind::scenario, InputKind::consortium,
                   InputKind::targets, InputKind::coefficients, InputKind::fx, InputKind::units}) {
        if (to_string(k) == name) {
            return k;
        }
    }
    throw UsageError(fmt::format("unknown input kind \"{}\"; accepted: dataset, scenario, "
                                 "consortium, targets, coefficients, fx, units",
                                 name));
}

InputKind detect_input_kind(std::string_view text, const std::string& source) {
    JsonReader reader(text, source);
    reader.begin_object("a JSON object at the top level");
    std::vector<std::string> keys;
    while (reader.next_member()) {
        const std::string key = reader.key();
        if (key == "format" && reader.peek() == JsonType::string) {
            const Location where = reader.location();
            const std::string format(reader.read_string());
            for (auto k :
                 {InputKind::dataset, InputKind::scenario, InputKind::consortium,
                  InputKind::targets, InputKind::coefficients, InputKind::fx, InputKind::units}) {
                if (format.rfind(fmt::format("smartkpi-{}/", to_string(k)), 0) == 0) {
                    return k;
                }
            }
            throw SchemaError(fmt::format("unknown format \"{}\"", format), where);
        }
        keys.push_back(key);
        reader.skip_value();
    }
    auto has = [&](std::string_view k) {
        return std::find(keys.begin(), keys.end(), k) != keys.end();
    };
    if (has("factories")) {
        return InputKind::dataset;
    }
    if (has("effects")) {
        return InputKind::scenario;
    }
    if (has("members")) {
        return InputKind::consortium;
    }
    if (has("programmes")) {
        return InputKind::targets;
    }
    if (has("tce") || has("co2")) {
        return InputKind::coefficients;
    }
    if (has("rates")) {
        return InputKind::fx;
    }
    if (has("units")) {
        return InputKind::units;
    }
    throw SchemaError("cannot tell what kind of input this is: give it a \"format\" member "
                      "(e.g. \"smartkpi-dataset/1\") or pass --type",
                      Location{source, 1, 1, ""});
}

namespace {

enum class DatasetPart { all, header, factories };

// One reader for the three entry points: the whole dataset, its header only (factories are
// skipped, syntax still checked), or its factories only, handed to a sink in chunks.
Dataset read_dataset(std::string_view text,
                     const std::string& source,
                     Problems* problems,
                     DatasetPart part,
                     std::size_t chunk_size,
                     const FactorySink* sink) {
    Interpreter in(problems);
    JsonReader reader(text, source);
    JsonTree tree(text);
    tree.set_source(source);
    const JsonPath root;
    Dataset ds;
    ds.source = source;
    detail::RecordKeys keys;
    bool has_factories = false;
    const Location top = reader.location();
    reader.begin_object("a dataset object {\"factories\": [...]}");
    static const Keys kTop = {"format",       "name", "illustrative", "note",        "currency",
                              "coefficients", "fx",   "factories",    "description", "source"};
    // Deferred: the file's coefficients and FX may come after its factories; both are only used
    // when the factories are assessed, so the order in the file does not matter.
    while (reader.next_member()) {
        const std::string key = reader.key();
        const JsonPath path = root.member(key);
        if (part == DatasetPart::factories && key != "factories") {
            reader.skip_value();
            continue;
        }
        if (key == "factories") {
            has_factories = true;
            if (part == DatasetPart::header && reader.peek() == JsonType::array) {
                reader.skip_value();
                continue;
            }
            if (reader.peek() != JsonType::array) {
                const JsonNode n = tree.build(reader, path);
                guarded(problems, [&] { n.expect(JsonType::array, "an array of factories"); });
                continue;
            }
            reader.begin_array();
            while (reader.next_element()) {
                const JsonPath element = path.element(reader.index());
                const JsonNode n = tree.build(reader, element);
                const std::size_t before = problems != nullptr ? problems->count() : 0;
                guarded(problems, [&] {
                    Factory f = in.factory(n);
                    const auto [line, column] = n.line_column();
                    f.origin = {reader.index(), line, column};
                    // A record with a problem is reported, never half-kept.
                    if (problems == nullptr || problems->count() == before) {
                        keys.check(f, [&] { return n.location(); });
                        ds.factories.push_back(std::move(f));
                        if (sink != nullptr && ds.factories.size() == chunk_size) {
                            (*sink)(std::move(ds.factories));
                            ds.factories = {};
                            ds.factories.reserve(chunk_size);
                        }
                    }
                });
            }
            if (sink != nullptr && !ds.factories.empty()) {
                (*sink)(std::move(ds.factories));
                ds.factories = {};
            }
            continue;
        }
        const JsonNode n = tree.build(reader, path);
        if (is_annotation(key) && key != "note") {
            continue;
        }
        guarded(problems, [&] {
            if (key == "format") {
                check_format(n, "smartkpi-dataset/1");
            } else if (key == "name") {
                ds.name = Interpreter::string(n);
            } else if (key == "note" || key == "description") {
                ds.note = Interpreter::string(n);
            } else if (key == "source") {
                (void)Interpreter::string(n);
            } else if (key == "illustrative") {
                ds.illustrative = Interpreter::boolean(n);
            } else if (key == "currency") {
                n.expect(JsonType::string, "an ISO 4217 code");
                (void)at(n, [&] { return Currency(n.string()); });
            } else if (key == "coefficients") {
                in.coefficients(n, ds.coefficients);
            } else if (key == "fx") {
                in.fx(n, ds.fx);
            } else {
                throw SchemaError::unknown_key(key, kTop, n.location());
            }
        });
    }
    reader.expect_end();
    if (!has_factories) {
        guarded(problems, [&] { throw SchemaError::missing_key("factories", top); });
    }
    return ds;
}

} // namespace

Dataset read_dataset_json(std::string_view text, const std::string& source, Problems* problems) {
    return read_dataset(text, source, problems, DatasetPart::all, 0, nullptr);
}

Dataset read_dataset_header_json(std::string_view text, const std::string& source) {
    try {
        return read_dataset(text, source, nullptr, DatasetPart::header, 0, nullptr);
    } catch (const ParseError&) {
        // Skipped factories report a syntax error at the array, not at the record: read the
        // whole text again to name the exact place (errors are rare; this costs nothing else).
        (void)read_dataset(text, source, nullptr, DatasetPart::all, 0, nullptr);
        throw;
    }
}

void read_dataset_factories_json(std::string_view text,
                                 const std::string& source,
                                 std::size_t chunk_size,
                                 const FactorySink& sink) {
    (void)read_dataset(text, source, nullptr, DatasetPart::factories,
                       std::max<std::size_t>(1, chunk_size), &sink);
}

Scenario read_scenario_json(std::string_view text, const std::string& source, Problems* problems) {
    Interpreter in(problems);
    Document doc(text, source);
    const JsonNode n = doc.root();
    Scenario s;
    guarded(problems, [&] {
        n.expect(JsonType::object, "a scenario object");
        in.check_keys(n, {"format", "name", "title", "source", "description", "effects", "hold",
                          "applies_to", "overrides"});
        in.member(n, "format", [&](const JsonNode& v) { check_format(v, "smartkpi-scenario/1"); });
        in.required(n, "name",
                    [&](const JsonNode& v) { s.name = Interpreter::non_empty_string(v); });
        in.member(n, "title", [&](const JsonNode& v) { s.title = Interpreter::string(v); });
        in.member(n, "source", [&](const JsonNode& v) { s.source = Interpreter::string(v); });
        in.required(n, "effects", [&](const JsonNode& v) { s.effects = in.effects(v); });
        in.member(n, "hold", [&](const JsonNode& v) {
            v.expect(JsonType::string, "output or labour");
            s.hold = at(v, [&] { return parse_hold_rule(v.string()); });
        });
        in.member(n, "applies_to", [&](const JsonNode& v) {
            if (v.is(JsonType::string)) {
                if (v.string() != "all") {
                    throw SchemaError::bad_enum(v.string(), {"all"}, v.location());
                }
                return;
            }
            v.expect(JsonType::object, "\"all\" or {\"levels\"|\"ids\"|\"regions\": [...]}");
            in.check_keys(v, {"levels", "ids", "regions"});
            if (v.size() != 1) {
                throw SchemaError("applies_to takes exactly one of levels, ids, regions",
                                  v.location());
            }
            in.member(v, "levels", [&](const JsonNode& l) {
                s.applies_to.kind = Selection::Kind::levels;
                l.expect(JsonType::array, "an array of levels");
                l.for_each_element([&](const JsonNode& e) {
                    e.expect(JsonType::string, "a level (none, city, state)");
                    s.applies_to.levels.push_back(
                        at(e, [&] { return parse_smart_level(e.string()); }));
                });
            });
            in.member(v, "ids", [&](const JsonNode& l) {
                s.applies_to.kind = Selection::Kind::ids;
                s.applies_to.ids = Interpreter::strings(l);
            });
            in.member(v, "regions", [&](const JsonNode& l) {
                s.applies_to.kind = Selection::Kind::regions;
                s.applies_to.regions = Interpreter::strings(l);
            });
        });
        in.member(n, "overrides", [&](const JsonNode& v) {
            v.expect(JsonType::array, "an array of overrides");
            v.for_each_element([&](const JsonNode& e) {
                guarded(problems, [&] {
                    e.expect(JsonType::object, "an override {\"id\", \"effects\", \"hold\"}");
                    in.check_keys(e, {"id", "effects", "hold"});
                    FactoryOverride o;
                    in.required(e, "id", [&](const JsonNode& x) {
                        o.id = Interpreter::non_empty_string(x);
                    });
                    in.member(e, "effects", [&](const JsonNode& x) { o.effects = in.effects(x); });
                    in.member(e, "hold", [&](const JsonNode& x) {
                        x.expect(JsonType::string, "output or labour");
                        o.hold = at(x, [&] { return parse_hold_rule(x.string()); });
                    });
                    if (s.override_for(o.id) != nullptr) {
                        throw SchemaError::duplicate("override for factory", o.id, e.location());
                    }
                    s.overrides.push_back(std::move(o));
                });
            });
        });
    });
    return s;
}

Consortium
read_consortium_json(std::string_view text, const std::string& source, Problems* problems) {
    Interpreter in(problems);
    Document doc(text, source);
    const JsonNode n = doc.root();
    Consortium c;
    guarded(problems, [&] {
        n.expect(JsonType::object, "a consortium object");
        in.check_keys(n, {"format", "name", "founded_at", "founding_members_total", "members"});
        in.member(n, "format",
                  [&](const JsonNode& v) { check_format(v, "smartkpi-consortium/1"); });
        in.required(n, "name", [&](const JsonNode& v) { c.name = Interpreter::string(v); });
        in.member(n, "note", [&](const JsonNode& v) { c.note = Interpreter::string(v); });
        in.member(n, "founded_at", [&](const JsonNode& v) {
            v.expect(JsonType::object, "an object {\"event\", \"location\"}");
            in.check_keys(v, {"event", "location", "date"});
            in.member(v, "event",
                      [&](const JsonNode& x) { c.founded_event = Interpreter::string(x); });
            in.member(v, "location",
                      [&](const JsonNode& x) { c.founded_location = Interpreter::string(x); });
        });
        in.member(n, "founding_members_total", [&](const JsonNode& v) {
            c.founding_members_total =
                static_cast<std::size_t>(Interpreter::number(v, "founding_members_total"));
        });
        std::vector<std::string> ids;
        in.required(n, "members", [&](const JsonNode& v) {
            v.expect(JsonType::array, "an array of members");
            v.for_each_element([&](const JsonNode& e) {
                guarded(problems, [&] {
                    e.expect(JsonType::object, "a member object");
                    in.check_keys(e, {"id", "name", "type", "region", "district", "founding",
                                      "roles", "factories", "illustrative"});
                    Member m;
                    in.required(e, "id", [&](const JsonNode& x) {
                        m.id = Interpreter::non_empty_string(x);
                    });
                    in.required(e, "name", [&](const JsonNode& x) {
                        m.name = Interpreter::non_empty_string(x);
                    });
                    in.required(e, "type", [&](const JsonNode& x) {
                        x.expect(JsonType::string, "a member type");
                        m.type = at(x, [&] { return parse_member_type(x.string()); });
                    });
                    in.member(e, "region",
                              [&](const JsonNode& x) { m.region = Interpreter::string(x); });
                    in.member(e, "founding",
                              [&](const JsonNode& x) { m.founding = Interpreter::boolean(x); });
                    in.member(e, "roles",
                              [&](const JsonNode& x) { m.roles = Interpreter::strings(x); });
                    in.member(e, "factories",
                              [&](const JsonNode& x) { m.factories = Interpreter::strings(x); });
                    in.member(e, "illustrative",
                              [&](const JsonNode& x) { m.illustrative = Interpreter::boolean(x); });
                    if (std::find(ids.begin(), ids.end(), m.id) != ids.end()) {
                        throw SchemaError::duplicate("member id", m.id, e.location());
                    }
                    if (!m.factories.empty() && m.type != MemberType::enterprise) {
                        throw SchemaError(fmt::format("only enterprise members own factories; "
                                                      "\"{}\" is a {}",
                                                      m.id, to_string(m.type)),
                                          e.location());
                    }
                    for (const auto& fid : m.factories) {
                        if (const Member* owner = c.owner_of(fid)) {
                            throw SchemaError(fmt::format("factory \"{}\" is already owned by "
                                                          "\"{}\"",
                                                          fid, owner->id),
                                              e.location());
                        }
                    }
                    ids.push_back(m.id);
                    c.members.push_back(std::move(m));
                });
            });
        });
    });
    return c;
}

ProgrammeTargets
read_targets_json(std::string_view text, const std::string& source, Problems* problems) {
    Interpreter in(problems);
    Document doc(text, source);
    const JsonNode n = doc.root();
    ProgrammeTargets t;
    guarded(problems, [&] {
        n.expect(JsonType::object, "a targets object");
        in.check_keys(n, {"format", "as_of", "programmes", "indicators"});
        in.member(n, "format", [&](const JsonNode& v) { check_format(v, "smartkpi-targets/1"); });
        in.member(n, "note", [&](const JsonNode& v) { t.note = Interpreter::string(v); });
        in.member(n, "as_of", [&](const JsonNode& v) { t.as_of = Interpreter::date(v); });
        in.required(n, "programmes", [&](const JsonNode& v) {
            v.expect(JsonType::array, "an array of programmes");
            v.for_each_element([&](const JsonNode& e) {
                guarded(problems, [&] {
                    e.expect(JsonType::object, "a programme object");
                    in.check_keys(
                        e, {"id", "region", "level", "built", "target", "deadline", "source"});
                    ProgrammeTarget p;
                    in.required(e, "id", [&](const JsonNode& x) {
                        p.id = Interpreter::non_empty_string(x);
                    });
                    in.required(e, "region",
                                [&](const JsonNode& x) { p.region = Interpreter::string(x); });
                    in.required(e, "level", [&](const JsonNode& x) {
                        x.expect(JsonType::string, "a level (city, state)");
                        p.level = at(x, [&] { return parse_smart_level(x.string()); });
                    });
                    auto count = [](const JsonNode& x, std::string_view what) {
                        const double whole = Interpreter::number(x, what);
                        if (whole != std::floor(whole) || whole > 1e12) {
                            throw DomainError(fmt::format("{} must be a whole number", what),
                                              x.location());
                        }
                        return static_cast<long>(whole);
                    };
                    in.required(e, "built",
                                [&](const JsonNode& x) { p.built = count(x, "built"); });
                    in.member(e, "target",
                              [&](const JsonNode& x) { p.target = count(x, "target"); });
                    in.member(e, "deadline",
                              [&](const JsonNode& x) { p.deadline = Interpreter::date(x); });
                    in.member(e, "source",
                              [&](const JsonNode& x) { p.source = Interpreter::string(x); });
                    t.programmes.push_back(std::move(p));
                });
            });
        });
        in.member(n, "indicators", [&](const JsonNode& v) {
            v.expect(JsonType::array, "an array of indicators");
            v.for_each_element([&](const JsonNode& e) {
                guarded(problems, [&] {
                    e.expect(JsonType::object, "an indicator object");
                    in.check_keys(
                        e, {"id", "description", "qualifier", "value", "usd_note", "source"});
                    ProgrammeIndicator ind;
                    in.required(e, "id", [&](const JsonNode& x) {
                        ind.id = Interpreter::non_empty_string(x);
                    });
                    in.member(e, "description",
                              [&](const JsonNode& x) { ind.description = Interpreter::string(x); });
                    in.member(e, "qualifier",
                              [&](const JsonNode& x) { ind.qualifier = Interpreter::string(x); });
                    in.required(e, "value", [&](const JsonNode& x) {
                        ind.value = Interpreter::money(x, "value");
                    });
                    in.member(e, "usd_note",
                              [&](const JsonNode& x) { ind.note = Interpreter::string(x); });
                    in.member(e, "source",
                              [&](const JsonNode& x) { ind.source = Interpreter::string(x); });
                    t.indicators.push_back(std::move(ind));
                });
            });
        });
    });
    return t;
}

void read_coefficients_json(std::string_view text,
                            const std::string& source,
                            Coefficients& coefficients,
                            Problems* problems) {
    Interpreter in(problems);
    Document doc(text, source);
    const JsonNode n = doc.root();
    guarded(problems, [&] { in.coefficients(n, coefficients); });
}

void read_fx_json(std::string_view text,
                  const std::string& source,
                  FxTable& fx,
                  Problems* problems) {
    Interpreter in(problems);
    Document doc(text, source);
    const JsonNode n = doc.root();
    guarded(problems, [&] { in.fx(n, fx); });
}

} // namespace smartkpi
