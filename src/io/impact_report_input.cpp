// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The periods of an impact report for `energy decompose --impact` (conventions §35). The
// report is read one factory at a time (reports of many factories are large; conventions §16);
// only the figures the decomposition needs are interpreted.
#include "io/json_fields.hpp"

#include <smartkpi/io/impact_report_input.hpp>

#include <fmt/format.h>

#include <optional>

namespace smartkpi {

using detail::Interpreter;
using detail::JsonNode;
using detail::JsonPath;
using detail::JsonReader;
using detail::JsonTree;
using detail::JsonType;

namespace {

constexpr std::string_view kFormat = "smartkpi-impact-report/1";

struct Figure {
    std::optional<double> value;
    std::vector<std::string> missing;
};

// {"value": x, "unit": u} | {"status": "not_available", "missing": [...]} | {"status":
// "undefined", ...} (conventions §1); the unit must be the one the decomposition assumes.
Figure figure(const JsonNode& n, std::string_view unit) {
    static constexpr std::string_view kExpected =
        "a KPI value ({\"value\", \"unit\"} or {\"status\", ...})";
    n.expect(JsonType::object, kExpected);
    Figure f;
    std::string status;
    bool has_value = false;
    n.for_each_member([&](std::string_view key, const JsonNode& v) {
        if (key == "value") {
            v.expect(JsonType::number, "a number");
            f.value = v.number();
            has_value = true;
        } else if (key == "unit") {
            const std::string u = Interpreter::string(v, "a unit");
            if (!unit.empty() && u != unit) {
                throw UnitError(
                    fmt::format("unit \"{}\" where the decomposition needs \"{}\"", u, unit),
                    v.location());
            }
        } else if (key == "status") {
            status = Interpreter::string(v);
        } else if (key == "missing") {
            f.missing = Interpreter::strings(v);
        }
    });
    if (has_value) {
        return f;
    }
    if (status == "not_available" || status == "undefined") {
        return f;
    }
    if (!status.empty()) {
        throw SchemaError::bad_enum(status, {"not_available", "undefined"}, n.location());
    }
    throw SchemaError::wrong_type(kExpected, "an object without \"value\" or \"status\"",
                                  n.location());
}

// value_added, energy_tce and co2_t of a "baseline" or "upgraded" object.
void read_values(const JsonNode& n, const std::string& currency, DecompositionRecord& r) {
    n.expect(JsonType::object, "an object of values");
    n.for_each_member([&](std::string_view key, const JsonNode& v) {
        if (key == "value_added") {
            r.value_added = figure(v, currency).value;
        } else if (key == "energy_tce") {
            Figure f = figure(v, "tce");
            r.energy_tce = f.value;
            r.missing_energy = std::move(f.missing);
        } else if (key == "co2_t") {
            Figure f = figure(v, "tCO2");
            r.co2_t = f.value;
            r.missing_co2 = std::move(f.missing);
        }
    });
}

// A string member that may be null or absent ("sector": null).
std::string optional_string(const JsonNode& v) {
    return v.is(JsonType::null) ? std::string() : Interpreter::string(v);
}

class Reader {
  public:
    Reader(std::string_view text, const std::string& source) : reader_(text, source), tree_(text) {
        tree_.set_source(source);
        out_.baseline.label = "baseline";
        out_.upgraded.label = "upgraded";
        out_.baseline.source = source;
        out_.upgraded.source = source;
    }

    ImpactReportPeriods read() {
        reader_.begin_object("an impact report (a JSON object)");
        bool has_format = false;
        while (reader_.next_member()) {
            const std::string key = reader_.key();
            const JsonPath path = root_.member(key);
            if (key == "format") {
                detail::check_format(tree_.build(reader_, path), kFormat);
                has_format = true;
            } else if (key == "currency") {
                const JsonNode n = tree_.build(reader_, path);
                n.expect(JsonType::string, "an ISO 4217 currency code");
                (void)detail::at(n, [&] { return Currency(n.string()); });
                currency_ = std::string(n.string());
            } else if (key == "scenario") {
                scenario(tree_.build(reader_, path));
            } else if (key == "factories") {
                factories(path);
            } else {
                reader_.skip_value();
            }
        }
        reader_.expect_end();
        if (!has_format) {
            throw SchemaError(fmt::format("not an impact report: it has no \"format\" member "
                                          "(\"{}\"); make one with `smartkpi impact --format json`",
                                          kFormat),
                              Location{reader_.source(), 1, 1, ""});
        }
        if (!factories_seen_) {
            throw SchemaError::missing_key("factories", Location{reader_.source(), 1, 1, ""});
        }
        if (currency_.empty()) {
            throw SchemaError::missing_key("currency", Location{reader_.source(), 1, 1, ""});
        }
        out_.baseline.currency = currency_;
        out_.upgraded.currency = currency_;
        return std::move(out_);
    }

  private:
    void scenario(const JsonNode& n) {
        n.expect(JsonType::object, "a scenario object");
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "name") {
                out_.scenario = Interpreter::string(v);
            } else if (key == "hold") {
                out_.hold = Interpreter::string(v);
            }
        });
    }

    void factories(const JsonPath& path) {
        factories_seen_ = true;
        if (reader_.peek() != JsonType::array) {
            tree_.build(reader_, path).expect(JsonType::array, "an array of factories");
        }
        reader_.begin_array();
        while (reader_.next_element()) {
            factory(tree_.build(reader_, path.element(reader_.index())));
        }
    }

    void factory(const JsonNode& n) {
        n.expect(JsonType::object, "a factory object");
        DecompositionRecord base;
        base.where = n.location();
        bool has_id = false;
        bool covered = true;
        std::optional<JsonNode> baseline;
        std::optional<JsonNode> upgraded;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "id") {
                base.id = Interpreter::non_empty_string(v);
                has_id = true;
            } else if (key == "sector") {
                base.sector = optional_string(v);
            } else if (key == "region") {
                base.region = optional_string(v);
            } else if (key == "covered") {
                covered = Interpreter::boolean(v);
            } else if (key == "baseline") {
                baseline = v;
            } else if (key == "upgraded" && !v.is(JsonType::null)) {
                upgraded = v;
            }
        });
        if (!has_id) {
            throw SchemaError::missing_key("id", n.location());
        }
        if (!baseline) {
            throw SchemaError::missing_key("baseline", n.location());
        }
        // Writers put "currency" before "factories"; where it comes later, the unit of value
        // added cannot be checked (an empty unit checks nothing).
        DecompositionRecord up = base;
        read_values(*baseline, currency_, base);
        if (covered) {
            if (!upgraded) {
                throw SchemaError::missing_key("upgraded", n.location());
            }
            read_values(*upgraded, currency_, up);
        } else {
            // The scenario does not touch it: the upgraded period holds its baseline.
            const Location where = up.where;
            up = base;
            up.where = where;
            ++out_.uncovered;
        }
        out_.baseline.records.push_back(std::move(base));
        out_.upgraded.records.push_back(std::move(up));
    }

    JsonReader reader_;
    JsonTree tree_;
    JsonPath root_;
    ImpactReportPeriods out_;
    std::string currency_;
    bool factories_seen_ = false;
};

} // namespace

ImpactReportPeriods read_impact_report_periods(std::string_view text, const std::string& source) {
    return Reader(text, source).read();
}

} // namespace smartkpi
