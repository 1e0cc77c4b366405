// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: how JSON values become smartkpi fields (quantities, money, effects, periods,
// factories, coefficients), with the place of every problem. Shared by the readers of every
// JSON input format in json_input.cpp.
#pragma once

#include "io/json_reader.hpp"
#include "io/json_tree.hpp"
#include "io/record_rules.hpp"

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/period.hpp>
#include <smartkpi/core/quantity.hpp>
#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

using Keys = std::vector<std::string_view>;

// Keys that any object may carry for humans and tools: "$schema", "_comment", "note".
inline bool is_annotation(std::string_view key) {
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
        for (const auto& required_key :
             {std::pair{has_id, "id"}, std::pair{has_name, "name"}, std::pair{has_region, "region"},
              std::pair{has_level, "level"}}) {
            if (!required_key.first) {
                guarded(problems_,
                        [&] { throw SchemaError::missing_key(required_key.second, n.location()); });
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
        if (n.is(JsonType::object)) {
            check_keys(n, {"format", "rates"});
            member(n, "rates", [&](const JsonNode& r) { fx_rates(r, out); });
            return;
        }
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

inline void check_format(const JsonNode& n, std::string_view expected) {
    n.expect(JsonType::string, "a format name");
    if (n.string() != expected) {
        throw SchemaError(fmt::format("format \"{}\" is not \"{}\"", n.string(), expected),
                          n.location());
    }
}

} // namespace smartkpi::detail
