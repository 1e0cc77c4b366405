// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_reader.hpp"
#include "io/json_tree.hpp"
#include "io/record_rules.hpp"

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

namespace {

using Keys = std::vector<std::string_view>;

// Keys that any object may carry for humans and tools: "$schema", "_comment", "note".
bool is_annotation(std::string_view key) {
    return (!key.empty() && (key.front() == '$' || key.front() == '_')) || key == "note" ||
           key == "comment";
}

/// Runs `f`, which reports problems without a place, and gives its DataError the place of `n`.
/// Locations cost a newline count and a pointer string, so they are made only on error.
template <class F> auto at(const JsonNode& n, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const DataError& e) {
        if (!e.where().source.empty()) {
            throw;
        }
        detail::rethrow_at(e, n.location());
    }
}

/// Interprets JSON values as smartkpi fields; records or throws problems.
class Interpreter {
  public:
    explicit Interpreter(Problems* problems) : problems_(problems) {}

    Problems* problems() const { return problems_; }

    /// Checks that every member of `obj` is in `accepted`.
    void check_keys(const JsonNode& obj, const Keys& accepted) const {
        obj.for_each_member([&](std::string_view key, const JsonNode& value) {
            if (is_annotation(key) ||
                std::find(accepted.begin(), accepted.end(), key) != accepted.end()) {
                return;
            }
            guarded(problems_,
                    [&] { throw SchemaError::unknown_key(key, accepted, value.location()); });
        });
    }

    /// Calls f(node) for member `key` when present (and not null), guarded.
    template <class F> bool member(const JsonNode& obj, std::string_view key, F&& f) const {
        bool present = false;
        obj.for_each_member([&](std::string_view k, const JsonNode& value) {
            if (k == key && !value.is(JsonType::null)) {
                present = true;
                guarded(problems_, [&] { f(value); });
            }
        });
        return present;
    }

    /// Like member(), but a missing key is a problem.
    template <class F> void required(const JsonNode& obj, std::string_view key, F&& f) const {
        if (!member(obj, key, f)) {
            guarded(problems_, [&] { throw SchemaError::missing_key(key, obj.location()); });
        }
    }

    static std::string string(const JsonNode& n, std::string_view what = "a string") {
        n.expect(JsonType::string, what);
        return std::string(n.string());
    }

    static std::string non_empty_string(const JsonNode& n) {
        std::string s = string(n);
        if (s.empty()) {
            throw SchemaError::wrong_type("a non-empty string", "an empty string", n.location());
        }
        return s;
    }

    static double number(const JsonNode& n, std::string_view what) {
        n.expect(JsonType::number, "a number");
        return at(n, [&] { return detail::non_negative(n.number(), what); });
    }

    static bool boolean(const JsonNode& n) {
        n.expect(JsonType::boolean, "a boolean");
        return n.boolean();
    }

    static std::vector<std::string> strings(const JsonNode& n) {
        n.expect(JsonType::array, "an array of strings");
        std::vector<std::string> out;
        n.for_each_element([&](const JsonNode& e) { out.push_back(string(e)); });
        return out;
    }

    /// "42000 MWh" or {"value": 42000, "unit": "MWh"}.
    static Quantity quantity(const JsonNode& n, std::string_view what) {
        if (n.is(JsonType::string)) {
            const Quantity q = at(n, [&] { return parse_quantity(n.string()); });
            at(n, [&] { return detail::non_negative(q.value(), what); });
            return q;
        }
        if (n.is(JsonType::object)) {
            double value = 0;
            const Unit* unit = nullptr;
            bool has_value = false;
            n.for_each_member([&](std::string_view key, const JsonNode& m) {
                if (key == "value") {
                    value = number(m, what);
                    has_value = true;
                } else if (key == "unit") {
                    m.expect(JsonType::string, "a unit symbol");
                    unit = &at(m, [&]() -> const Unit& { return find_unit(m.string()); });
                } else if (!is_annotation(key)) {
                    throw SchemaError::unknown_key(key, {"value", "unit"}, m.location());
                }
            });
            if (!has_value) {
                throw SchemaError::missing_key("value", n.location());
            }
            if (unit == nullptr) {
                throw SchemaError::missing_key("unit", n.location());
            }
            return {value, *unit};
        }
        throw SchemaError::wrong_type(
            "a quantity (\"42000 MWh\" or {\"value\": 42000, \"unit\": \"MWh\"})",
            detail::describe(n.type()), n.location());
    }

    /// "850000000 CNY" or {"value": 850000000, "currency": "CNY"} ("unit" accepted too).
    static Money money(const JsonNode& n, std::string_view what) {
        if (n.is(JsonType::string)) {
            const Money m = at(n, [&] { return parse_money(n.string()); });
            at(n, [&] { return detail::non_negative(m.amount, what); });
            return m;
        }
        if (n.is(JsonType::object)) {
            Money m;
            bool has_value = false;
            bool has_currency = false;
            n.for_each_member([&](std::string_view key, const JsonNode& v) {
                if (key == "value" || key == "amount") {
                    m.amount = number(v, what);
                    has_value = true;
                } else if (key == "currency" || key == "unit") {
                    v.expect(JsonType::string, "an ISO 4217 currency code");
                    m.currency = at(v, [&] { return Currency(v.string()); });
                    has_currency = true;
                } else if (!is_annotation(key)) {
                    throw SchemaError::unknown_key(key, {"value", "currency"}, v.location());
                }
            });
            if (!has_value) {
                throw SchemaError::missing_key("value", n.location());
            }
            if (!has_currency) {
                throw SchemaError::missing_key("currency", n.location());
            }
            return m;
        }
        throw SchemaError::wrong_type(
            "an amount of money (\"850000000 CNY\" or {\"value\": 850000000, \"currency\": "
            "\"CNY\"})",
            detail::describe(n.type()), n.location());
    }

    static Date date(const JsonNode& n) {
        n.expect(JsonType::string, "a date (YYYY-MM-DD)");
        return at(n, [&] { return parse_date(n.string()); });
    }

    // One period is one problem at most: a bad date is not also reported as missing.
    Period period(const JsonNode& n) const {
        n.expect(JsonType::object, "a period {\"start\": \"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"}");
        check_keys(n, {"start", "end"});
        std::optional<Date> start;
        std::optional<Date> end;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "start") {
                start = date(v);
            } else if (key == "end") {
                end = date(v);
            }
        });
        if (!start) {
            throw SchemaError::missing_key("start", n.location());
        }
        if (!end) {
            throw SchemaError::missing_key("end", n.location());
        }
        if (!(*start < *end)) {
            throw DomainError(fmt::format("period end {} is not after its start {} (the end is "
                                          "exclusive)",
                                          end->to_string(), start->to_string()),
                              n.location());
        }
        return {*start, *end};
    }

    /// Effect: "+50%" or 0.5.
    static double effect(const JsonNode& n) {
        if (n.is(JsonType::string)) {
            return at(n, [&] { return parse_effect(n.string()); });
        }
        if (n.is(JsonType::number)) {
            return at(n, [&] { return check_effect(n.number()); });
        }
        throw SchemaError::wrong_type("an effect (\"+50%\" or 0.5)", detail::describe(n.type()),
                                      n.location());
    }

    Effects effects(const JsonNode& n) const {
        n.expect(JsonType::object, "an object of effects");
        const Keys keys = {"labour_productivity", "operating_cost", "unit_operating_cost",
                           "energy_intensity"};
        check_keys(n, keys);
        Effects e;
        member(n, "labour_productivity",
               [&](const JsonNode& v) { e.labour_productivity = effect(v); });
        member(n, "operating_cost", [&](const JsonNode& v) { e.operating_cost = effect(v); });
        // conventions §8: the operating-cost effect acts on the cost per output unit.
        member(n, "unit_operating_cost", [&](const JsonNode& v) { e.operating_cost = effect(v); });
        member(n, "energy_intensity", [&](const JsonNode& v) { e.energy_intensity = effect(v); });
        return e;
    }

    EnergyUse energy(const JsonNode& n) const {
        n.expect(JsonType::object, "an object of energy carriers");
        EnergyUse use;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (is_annotation(key)) {
                return;
            }
            guarded(problems_, [&] {
                const Carrier c = at(v, [&] { return parse_carrier(key); });
                if (v.is(JsonType::null)) {
                    use.unknown.push_back(c);
                    return;
                }
                const Quantity q = quantity(v, to_string(c));
                use[c] = at(v, [&] { return to_native(c, q); });
            });
        });
        return use;
    }

    // One pass over the members (a dataset may hold 500,000 factories): dispatch on the key.
    Factory factory(const JsonNode& n) const {
        n.expect(JsonType::object, "a factory object");
        static const Keys kKeys = {
            "id",        "name",         "region",         "district", "sector",
            "level",     "period",       "output",         "revenue",  "value_added",
            "employees", "labour_hours", "operating_cost", "energy"};
        Factory f;
        bool has_id = false;
        bool has_name = false;
        bool has_region = false;
        bool has_level = false;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (v.is(JsonType::null)) {
                return; // null = missing, like an absent key
            }
            guarded(problems_, [&] {
                if (key == "id") {
                    has_id = true;
                    f.id = non_empty_string(v);
                } else if (key == "name") {
                    has_name = true;
                    f.name = string(v);
                } else if (key == "region") {
                    has_region = true;
                    f.region = non_empty_string(v);
                } else if (key == "level") {
                    has_level = true;
                    v.expect(JsonType::string, "a level (none, city, state)");
                    f.level = at(v, [&] { return parse_smart_level(v.string()); });
                } else if (key == "district") {
                    f.district = string(v);
                } else if (key == "sector") {
                    f.sector = string(v);
                } else if (key == "period") {
                    f.period = period(v);
                } else if (key == "output") {
                    f.output = output(v);
                } else if (key == "revenue") {
                    f.revenue = money(v, "revenue");
                } else if (key == "value_added") {
                    f.value_added = money(v, "value_added");
                } else if (key == "operating_cost") {
                    f.operating_cost = money(v, "operating_cost");
                } else if (key == "employees") {
                    f.employees = number(v, "employees");
                } else if (key == "labour_hours") {
                    f.labour_hours = labour_hours(v);
                } else if (key == "energy") {
                    f.energy = energy(v);
                } else if (!is_annotation(key)) {
                    throw SchemaError::unknown_key(key, kKeys, v.location());
                }
            });
        });
        for (auto [present, key] :
             {std::pair{has_id, "id"}, std::pair{has_name, "name"}, std::pair{has_region, "region"},
              std::pair{has_level, "level"}}) {
            if (!present) {
                guarded(problems_, [&] { throw SchemaError::missing_key(key, n.location()); });
            }
        }
        return f;
    }

    static double labour_hours(const JsonNode& v) {
        if (v.is(JsonType::number)) {
            return number(v, "labour_hours");
        }
        const Quantity q = quantity(v, "labour_hours");
        if (q.unit().dimension != Dimension::time) {
            throw UnitError::unknown_unit(q.unit().symbol, unit_symbols(Dimension::time),
                                          v.location());
        }
        return q.in(find_unit("h"));
    }

    static Output output(const JsonNode& n) {
        if (n.is(JsonType::string)) {
            // "1200000 pcs": a number and a free product label.
            const std::string_view text = n.string();
            const auto space = text.find(' ');
            double amount = 0;
            if (space == std::string_view::npos || !parse_number(text.substr(0, space), amount)) {
                throw ParseError(fmt::format("\"{}\" is not an output; expected a number and a "
                                             "product unit, e.g. \"1200000 pcs\"",
                                             text),
                                 n.location());
            }
            std::string_view unit = text.substr(space + 1);
            while (!unit.empty() && unit.front() == ' ') {
                unit.remove_prefix(1);
            }
            return {at(n, [&] { return detail::non_negative(amount, "output"); }),
                    std::string(unit)};
        }
        if (n.is(JsonType::object)) {
            Output o;
            bool has_value = false;
            n.for_each_member([&](std::string_view key, const JsonNode& v) {
                if (key == "value") {
                    o.amount = number(v, "output");
                    has_value = true;
                } else if (key == "unit") {
                    o.unit = string(v);
                } else if (!is_annotation(key)) {
                    throw SchemaError::unknown_key(key, {"value", "unit"}, v.location());
                }
            });
            if (!has_value) {
                throw SchemaError::missing_key("value", n.location());
            }
            return o;
        }
        throw SchemaError::wrong_type("an output ({\"value\": 1200000, \"unit\": \"pcs\"})",
                                      detail::describe(n.type()), n.location());
    }

    static Coefficient coefficient(const JsonNode& n) {
        n.expect(JsonType::object, "a coefficient {\"value\", \"unit\", \"source\"}");
        Coefficient c;
        bool has_value = false;
        n.for_each_member([&](std::string_view key, const JsonNode& v) {
            if (key == "value") {
                c.value = number(v, "coefficient");
                has_value = true;
            } else if (key == "unit") {
                c.unit = string(v);
            } else if (key == "source" || key == "issuer" || key == "document") {
                if (!c.source.empty()) {
                    c.source += ", ";
                }
                c.source += string(v);
            } else if (key == "year") {
                v.expect(JsonType::number, "a year");
                c.year = static_cast<int>(v.number());
            } else if (!is_annotation(key)) {
                throw SchemaError::unknown_key(key, {"value", "unit", "source", "issuer", "year"},
                                               v.location());
            }
        });
        if (!has_value) {
            throw SchemaError::missing_key("value", n.location());
        }
        return c;
    }

    /// Checks a coefficient's unit against the expected one (e.g. "kgce/m3").
    static void expect_unit(const Coefficient& c, std::string_view expected, const JsonNode& n) {
        if (!c.unit.empty() && c.unit != expected) {
            throw UnitError(fmt::format("coefficient unit \"{}\" is not supported here; write it "
                                        "in {}",
                                        c.unit, expected),
                            n.location());
        }
    }

    void coefficients(const JsonNode& n, Coefficients& out) const {
        n.expect(JsonType::object, "a coefficients object");
        check_keys(n, {"format", "electricity_basis", "grid_factor_set", "tce", "co2",
                       "grid_factor_sets"});
        member(n, "grid_factor_set", [&](const JsonNode& v) {
            v.expect(JsonType::string, "a grid factor set name");
            try {
                out.use_grid_factor_set(v.string());
            } catch (const UsageError& e) {
                throw SchemaError(e.message(), v.location());
            }
        });
        member(n, "tce", [&](const JsonNode& t) {
            t.expect(JsonType::object, "an object of standard-coal coefficients");
            t.for_each_member([&](std::string_view key, const JsonNode& v) {
                if (is_annotation(key)) {
                    return;
                }
                guarded(problems_, [&] {
                    Coefficient c = coefficient(v);
                    if (key == "electricity_equivalent") {
                        expect_unit(c, "kgce/kWh", v);
                        c.unit = "kgce/kWh";
                        if (c.source.empty() || c.year == 0) {
                            throw SchemaError("the equal-value electricity coefficient needs "
                                              "\"source\" and \"year\" (conventions: it is a "
                                              "dated figure)",
                                              v.location());
                        }
                        out.set_equivalent_electricity(std::move(c));
                        return;
                    }
                    const Carrier carrier = at(v, [&] { return parse_carrier(key); });
                    const std::string unit = fmt::format("kgce/{}", native_unit(carrier).symbol);
                    expect_unit(c, unit, v);
                    c.unit = unit;
                    out.set_tce(carrier, std::move(c));
                });
            });
        });
        member(n, "co2", [&](const JsonNode& t) {
            t.expect(JsonType::object, "an object of CO2 emission factors");
            t.for_each_member([&](std::string_view key, const JsonNode& v) {
                if (is_annotation(key)) {
                    return;
                }
                guarded(problems_, [&] {
                    const Carrier carrier = at(v, [&] { return parse_carrier(key); });
                    if (carrier == Carrier::electricity && v.is(JsonType::object) &&
                        !v.has("value")) {
                        grid_factors(v, out);
                        return;
                    }
                    Coefficient c = coefficient(v);
                    const std::string unit = fmt::format("kgCO2/{}", native_unit(carrier).symbol);
                    if (carrier == Carrier::heat && c.unit == "tCO2/GJ") {
                        c.unit = unit; // 1 tCO2/GJ = 1 kgCO2/MJ
                    }
                    expect_unit(c, unit, v);
                    c.unit = unit;
                    out.set_co2(carrier, std::move(c));
                });
            });
        });
        member(n, "electricity_basis", [&](const JsonNode& v) {
            v.expect(JsonType::string, "calorific or equivalent");
            const ElectricityBasis basis =
                at(v, [&] { return parse_electricity_basis(v.string()); });
            try {
                out.set_electricity_basis(basis);
            } catch (const UsageError& e) {
                throw SchemaError(e.message(), v.location());
            }
        });
    }

    void grid_factors(const JsonNode& n, Coefficients& out) const {
        n.for_each_member([&](std::string_view region, const JsonNode& v) {
            if (is_annotation(region)) {
                return;
            }
            guarded(problems_, [&] {
                Coefficient c = coefficient(v);
                expect_unit(c, "kgCO2/kWh", v);
                c.unit = "kgCO2/kWh";
                out.set_grid_factor(std::string(region), std::move(c));
            });
        });
    }

    void fx(const JsonNode& n, FxTable& out) const {
        const JsonNode* rates = nullptr;
        if (n.is(JsonType::object)) {
            check_keys(n, {"format", "rates"});
            member(n, "rates", [&](const JsonNode& r) { fx_rates(r, out); });
            return;
        }
        (void)rates;
        fx_rates(n, out);
    }

    void fx_rates(const JsonNode& n, FxTable& out) const {
        n.expect(JsonType::array, "an array of exchange rates");
        n.for_each_element([&](const JsonNode& e) {
            guarded(problems_, [&] {
                e.expect(JsonType::object, "an exchange rate {\"from\", \"to\", \"rate\"}");
                check_keys(e, {"from", "to", "rate", "source"});
                std::optional<Currency> from;
                std::optional<Currency> to;
                double rate = 0;
                std::string source;
                required(e, "from", [&](const JsonNode& v) {
                    v.expect(JsonType::string, "an ISO 4217 code");
                    from = at(v, [&] { return Currency(v.string()); });
                });
                required(e, "to", [&](const JsonNode& v) {
                    v.expect(JsonType::string, "an ISO 4217 code");
                    to = at(v, [&] { return Currency(v.string()); });
                });
                required(e, "rate", [&](const JsonNode& v) {
                    rate = number(v, "rate");
                    if (rate == 0) {
                        throw DomainError("an exchange rate must be positive", v.location());
                    }
                });
                member(e, "source", [&](const JsonNode& v) { source = string(v); });
                if (from && to && rate > 0) {
                    out.set({*from, *to, rate, source});
                }
            });
        });
    }

  private:
    Problems* problems_;
};

/// A whole small document (scenario, consortium, targets, ...) read into one tree.
class Document {
  public:
    Document(std::string_view text, const std::string& source)
        : reader_(text, source), tree_(text) {
        tree_.set_source(source);
    }
    /// The root value; throws ParseError if anything but whitespace follows it.
    JsonNode root() {
        JsonNode n = tree_.build(reader_, JsonPath{});
        reader_.expect_end();
        return n;
    }

  private:
    JsonReader reader_;
    JsonTree tree_;
};

void check_format(const JsonNode& n, std::string_view expected) {
    n.expect(JsonType::string, "a format name");
    if (n.string() != expected) {
        throw SchemaError(fmt::format("format \"{}\" is not \"{}\"", n.string(), expected),
                          n.location());
    }
}

} // namespace

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
    }
    return "?";
}

InputKind parse_input_kind(std::string_view name) {
    for (auto k : {InputKind::dataset, InputKind::scenario, InputKind::consortium,
                   InputKind::targets, InputKind::coefficients, InputKind::fx}) {
        if (to_string(k) == name) {
            return k;
        }
    }
    throw UsageError(fmt::format("unknown input kind \"{}\"; accepted: dataset, scenario, "
                                 "consortium, targets, coefficients, fx",
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
            for (auto k : {InputKind::dataset, InputKind::scenario, InputKind::consortium,
                           InputKind::targets, InputKind::coefficients, InputKind::fx}) {
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
