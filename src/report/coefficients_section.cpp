// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/coefficients_section.hpp"

#include <fmt/format.h>

namespace smartkpi::detail {

namespace {

void coefficient_json(JsonWriter& w, const Coefficient& c) {
    w.begin_object(true);
    w.key("value").number(c.value);
    w.key("unit").string(c.unit);
    w.key("source").string(c.source);
    if (c.year != 0) {
        w.key("year").integer(c.year);
    }
    w.end_object();
}

std::string describe(const Coefficient& c) {
    return fmt::format("{:g} {}", c.value, c.unit);
}

} // namespace

void write_coefficients_json(JsonWriter& w, const Coefficients& c) {
    w.begin_object();
    w.key("electricity_basis").string(to_string(c.electricity_basis()));
    w.key("grid_factor_set").string(c.grid_factor_set());
    w.key("tce");
    w.begin_object();
    for (Carrier carrier : all_carriers()) {
        w.key(to_string(carrier));
        coefficient_json(w, c.tce(carrier));
    }
    w.end_object();
    w.key("co2");
    w.begin_object();
    for (Carrier carrier : all_carriers()) {
        if (carrier != Carrier::electricity) {
            w.key(to_string(carrier));
            coefficient_json(w, c.co2(carrier));
        }
    }
    w.end_object();
    w.key("grid");
    w.begin_object();
    for (const auto& [region, factor] : c.grid_factors()) {
        w.key(region);
        coefficient_json(w, factor);
    }
    w.end_object();
    w.end_object();
}

void write_fx_json(JsonWriter& w, const FxTable& fx) {
    w.begin_array();
    for (const auto& r : fx.rates()) {
        w.begin_object(true);
        w.key("from").string(r.from.code());
        w.key("to").string(r.to.code());
        w.key("rate").number(r.rate);
        w.key("source").string(r.source);
        w.end_object();
    }
    w.end_array();
}

TextTable coefficients_table(const Coefficients& c) {
    TextTable t;
    t.add_column("Carrier");
    t.add_column("Standard coal", TextTable::Align::right);
    t.add_column("CO2", TextTable::Align::right);
    t.add_column("Source");
    for (Carrier carrier : all_carriers()) {
        if (carrier == Carrier::electricity) {
            t.add_row({"electricity", describe(c.tce(carrier)), "by region (below)",
                       c.tce(carrier).source});
            continue;
        }
        t.add_row({std::string(to_string(carrier)), describe(c.tce(carrier)),
                   describe(c.co2(carrier)), c.tce(carrier).source + "; " + c.co2(carrier).source});
    }
    for (const auto& [region, factor] : c.grid_factors()) {
        t.add_row({fmt::format("electricity ({})", region), "", describe(factor), factor.source});
    }
    return t;
}

TextTable fx_table(const FxTable& fx) {
    TextTable t;
    t.add_column("From");
    t.add_column("To");
    t.add_column("Rate", TextTable::Align::right);
    t.add_column("Source");
    for (const auto& r : fx.rates()) {
        t.add_row({std::string(r.from.code()), std::string(r.to.code()), fmt::format("{}", r.rate),
                   r.source});
    }
    return t;
}

} // namespace smartkpi::detail
