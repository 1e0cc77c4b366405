// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/coefficients_section.hpp"
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/report/decomposition_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace smartkpi {

namespace {

using detail::JsonWriter;

constexpr std::string_view kFormatTag = "smartkpi-energy-decomposition-report/1";
constexpr std::string_view kUndefinedFactors =
    "a total is 0, so the ratio to/from has no multiplicative decomposition";

std::size_t idx(DecompositionEffect e) {
    return static_cast<std::size_t>(e);
}

std::string_view quantity_title(DecomposedQuantity q) {
    return q == DecomposedQuantity::energy ? "Energy use" : "CO2 emissions";
}

std::string_view presence_text(DecompositionGroup::Presence p) {
    switch (p) {
    case DecompositionGroup::Presence::both:
        return "both";
    case DecompositionGroup::Presence::from_only:
        return "from only (closes)";
    case DecompositionGroup::Presence::to_only:
        break;
    }
    return "to only (opens)";
}

KpiValue factor(const EnergyDecomposition& d, DecompositionEffect e) {
    if (!d.multiplicative) {
        return KpiValue::undefined(std::string(kUndefinedFactors));
    }
    return KpiValue::of((*d.multiplicative)[idx(e)]);
}

bool any_opens_or_closes(const EnergyDecomposition& d) {
    return std::any_of(d.groups.begin(), d.groups.end(), [](const DecompositionGroup& g) {
        return g.presence != DecompositionGroup::Presence::both;
    });
}

// "sectors", "regions", "factories".
std::string group_plural(DecompositionGrouping grouping) {
    const std::string_view name = to_string(grouping);
    return name == "factory" ? std::string("factories") : std::string(name) + "s";
}

// What the numbers mean; the same sentences in every format.
std::vector<std::string> report_notes(const EnergyDecomposition& d, const DecompositionSources& s) {
    std::vector<std::string> notes;
    notes.push_back(fmt::format(
        "Identity E = sum over {} i of Q x Si x Ii: activity is total value added Q, structure "
        "the shares Si = Qi/Q, intensity Ii = Ei/Qi ({} per {} of value added).",
        group_plural(d.grouping), unit_text(d.quantity), d.currency));
    notes.emplace_back(
        "LMDI-I (Ang 2005, 2015): the additive effects sum exactly to the change "
        "and the multiplicative factors multiply to the ratio to/from; for each "
        "effect, additive / ln(multiplicative) = L(to, from), the logarithmic mean.");
    notes.emplace_back("Value added should be at comparable (constant) prices: with current "
                       "prices, inflation appears as activity growth and as falling intensity.");
    notes.emplace_back(
        "Savings reading: the intensity effect is the LMDI-I reading. Of the three readings "
        "of an intensity saving (Laspeyres at baseline activity, LMDI-I, avoided energy at "
        "reporting activity), `smartkpi impact` reports avoided energy (IPMVP, GB/T 13234) as "
        "savings; intensity_readings lists all three.");
    notes.emplace_back("The structure effect is the change from shifts of value added between "
                       "groups at log-mean weights; it is not simply the effect of moving "
                       "activity from intensive to efficient groups.");
    if (any_opens_or_closes(d)) {
        notes.emplace_back("A group present in one period only takes its whole change as "
                           "structure: the analytical zero-value limits of Ang, Zhang & Choi "
                           "(1998), not a small-number substitution.");
    }
    if (s.impact) {
        notes.push_back(fmt::format(
            "Periods: baseline and upgraded figures of scenario \"{}\" (hold: {}) from an impact "
            "report{}.",
            s.scenario, s.hold.empty() ? "?" : s.hold,
            s.uncovered == 0
                ? std::string()
                : fmt::format("; {} factories the scenario does not cover keep their baseline",
                              s.uncovered)));
    }
    return notes;
}

std::string coefficients_json(const Coefficients& c) {
    JsonWriter w;
    detail::write_coefficients_json(w, c);
    return std::string(w.text());
}

std::string fx_json(const FxTable& fx) {
    JsonWriter w;
    detail::write_fx_json(w, fx);
    return std::string(w.text());
}

// The tables of both period files, when they differ, are both printed.
bool coefficients_differ(const DecompositionSources& s) {
    return s.coefficients_from != nullptr && s.coefficients_to != nullptr &&
           coefficients_json(*s.coefficients_from) != coefficients_json(*s.coefficients_to);
}

bool fx_differs(const DecompositionSources& s) {
    return s.fx_from != nullptr && s.fx_to != nullptr && fx_json(*s.fx_from) != fx_json(*s.fx_to);
}

std::vector<std::string> report_warnings(const EnergyDecomposition& d,
                                         const DecompositionSources& s) {
    std::vector<std::string> w = d.warnings;
    if (coefficients_differ(s)) {
        w.emplace_back("the two period files carry different conversion coefficients: the "
                       "intensity effect includes the change of coefficients");
    }
    if (fx_differs(s)) {
        w.emplace_back("the two period files carry different exchange rates: activity and "
                       "intensity include the change of rates");
    }
    return w;
}

void write_json(std::ostream& out,
                const EnergyDecomposition& d,
                const DecompositionSources& s,
                const std::vector<std::string>& notes,
                const std::vector<std::string>& warnings) {
    const std::string unit(unit_text(d.quantity));
    const auto quantity = [&](JsonWriter& w, double v) { w.kpi(KpiValue::of(v), unit); };
    JsonWriter w(out);
    w.begin_object();
    w.key("format").string(kFormatTag);
    w.key("method").string("LMDI-I");
    w.key("savings_reading").string("lmdi_i");
    w.key("quantity").string(to_string(d.quantity));
    w.key("unit").string(unit);
    w.key("by").string(to_string(d.grouping));
    w.key("currency").string(d.currency);
    const auto period = [&](std::string_view key, const std::string& label,
                            const std::string& source, const DecompositionCoverage& c) {
        w.key(key);
        w.begin_object();
        w.key("label").string(label);
        w.key("source").string(source);
        w.key("coverage");
        w.begin_object(true);
        w.key("factories").integer(static_cast<long long>(c.factories));
        w.key("of").integer(static_cast<long long>(c.of));
        w.end_object();
        w.end_object();
    };
    period("from", d.from_label, d.from_source, d.coverage_from);
    period("to", d.to_label, d.to_source, d.coverage_to);
    if (s.impact) {
        w.key("scenario");
        w.begin_object();
        w.key("name").string(s.scenario);
        w.key("hold").string(s.hold);
        w.key("uncovered").integer(static_cast<long long>(s.uncovered));
        w.end_object();
    }
    w.key("totals");
    w.begin_object();
    w.key("from");
    quantity(w, d.from);
    w.key("to");
    quantity(w, d.to);
    w.key("change");
    quantity(w, d.change());
    w.key("ratio");
    w.kpi(d.ratio(), "1");
    w.key("value_added_from");
    w.kpi(KpiValue::of(d.value_added_from), d.currency);
    w.key("value_added_to");
    w.kpi(KpiValue::of(d.value_added_to), d.currency);
    w.end_object();
    w.key("additive");
    w.begin_object();
    for (const DecompositionEffect e : all_decomposition_effects()) {
        w.key(to_string(e));
        quantity(w, d.additive[idx(e)]);
    }
    w.end_object();
    w.key("multiplicative");
    w.begin_object();
    for (const DecompositionEffect e : all_decomposition_effects()) {
        w.key(to_string(e));
        w.kpi(factor(d, e), "1");
    }
    w.end_object();
    w.key("shares");
    w.begin_object();
    for (const DecompositionEffect e : all_decomposition_effects()) {
        w.key(to_string(e));
        w.kpi(d.share(e), "%");
    }
    w.end_object();
    w.key("intensity_readings");
    w.begin_object();
    w.key("lmdi_i");
    quantity(w, d.readings.lmdi);
    w.key("laspeyres");
    quantity(w, d.readings.laspeyres);
    w.key("avoided_energy");
    quantity(w, d.readings.avoided_energy);
    w.end_object();
    w.key("groups");
    w.begin_array();
    for (const DecompositionGroup& g : d.groups) {
        w.begin_object();
        w.key("key").string(g.key);
        w.key("presence").string(to_string(g.presence));
        w.key("factories");
        w.begin_object(true);
        w.key("from").integer(static_cast<long long>(g.factories_from));
        w.key("to").integer(static_cast<long long>(g.factories_to));
        w.end_object();
        w.key("value_added_from");
        w.kpi(KpiValue::of(g.value_added_from), d.currency);
        w.key("value_added_to");
        w.kpi(KpiValue::of(g.value_added_to), d.currency);
        w.key("from");
        quantity(w, g.from);
        w.key("to");
        quantity(w, g.to);
        w.key("change");
        quantity(w, g.to - g.from);
        for (const DecompositionEffect e : all_decomposition_effects()) {
            w.key(to_string(e));
            quantity(w, g.effects[idx(e)]);
        }
        w.end_object();
    }
    w.end_array();
    w.key("notes");
    w.strings(notes);
    if (s.coefficients_to != nullptr) {
        w.key("coefficients");
        detail::write_coefficients_json(w, *s.coefficients_to);
        if (coefficients_differ(s)) {
            w.key("coefficients_from");
            detail::write_coefficients_json(w, *s.coefficients_from);
        }
    }
    if (s.fx_to != nullptr) {
        w.key("fx");
        detail::write_fx_json(w, *s.fx_to);
        if (fx_differs(s)) {
            w.key("fx_from");
            detail::write_fx_json(w, *s.fx_from);
        }
    }
    w.key("warnings");
    w.strings(warnings);
    w.end_object();
}

std::string number_cell(double v) {
    return detail::number_text(v);
}

std::string kpi_cell(const KpiValue& v) {
    return v.available() ? detail::number_text(v.value()) : std::string();
}

// One row per group, then the total: unrounded, one header row (conventions §4).
void write_csv(std::ostream& out, const EnergyDecomposition& d) {
    const std::string unit(unit_text(d.quantity));
    out << "level,group,presence,factories_from,factories_to,currency,value_added_from,"
           "value_added_to,unit,from,to,change,activity,structure,intensity,d_activity,"
           "d_structure,d_intensity\n";
    for (const DecompositionGroup& g : d.groups) {
        std::string line = "group,";
        append_csv_cell(line, g.key);
        line += fmt::format(",{},{},{},{},{},{},{},{},{},{},{},{},{},,,\n", to_string(g.presence),
                            g.factories_from, g.factories_to, d.currency,
                            number_cell(g.value_added_from), number_cell(g.value_added_to), unit,
                            number_cell(g.from), number_cell(g.to), number_cell(g.to - g.from),
                            number_cell(g.effects[0]), number_cell(g.effects[1]),
                            number_cell(g.effects[2]));
        out << line;
    }
    out << fmt::format(
        "total,,,{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", d.coverage_from.factories,
        d.coverage_to.factories, d.currency, number_cell(d.value_added_from),
        number_cell(d.value_added_to), unit, number_cell(d.from), number_cell(d.to),
        number_cell(d.change()), number_cell(d.additive[0]), number_cell(d.additive[1]),
        number_cell(d.additive[2]), kpi_cell(factor(d, DecompositionEffect::activity)),
        kpi_cell(factor(d, DecompositionEffect::structure)),
        kpi_cell(factor(d, DecompositionEffect::intensity)));
}

std::string factor_cell(const KpiValue& v) {
    return v.available() ? fmt::format("{:.4f}", v.value()) : detail::display_value(v);
}

std::string share_cell(const KpiValue& v) {
    return v.available() ? detail::display_percent(v.value()) : detail::display_value(v);
}

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

void write_text(std::ostream& out,
                Format format,
                const EnergyDecomposition& d,
                const DecompositionSources& s,
                const std::vector<std::string>& notes,
                const std::vector<std::string>& warnings) {
    const std::string_view bullet = detail::list_bullet(format);
    const std::string unit(unit_text(d.quantity));
    const auto heading = [&](std::string_view text) { detail::write_heading(out, format, text); };
    detail::write_title(out, format,
                        fmt::format("{} decomposition (LMDI-I), {} -> {}, by {}",
                                    quantity_title(d.quantity), d.from_label, d.to_label,
                                    to_string(d.grouping)));
    out << bullet << "From: " << d.from_label << " (" << d.from_source << "), "
        << d.coverage_from.factories << " of " << d.coverage_from.of << " factories\n";
    out << bullet << "To: " << d.to_label << " (" << d.to_source << "), " << d.coverage_to.factories
        << " of " << d.coverage_to.of << " factories\n";
    out << bullet << "Quantity: " << unit << "; value added: " << d.currency
        << ". Values in this report are rounded for reading; the JSON and CSV formats are "
           "not.\n";

    heading("Totals");
    TextTable totals;
    totals.add_column("Quantity");
    totals.add_column("Unit");
    totals.add_column("From", TextTable::Align::right);
    totals.add_column("To", TextTable::Align::right);
    totals.add_column("Change", TextTable::Align::right);
    totals.add_column("Ratio to/from", TextTable::Align::right);
    totals.add_row({std::string(quantity_title(d.quantity)), unit, detail::display_number(d.from),
                    detail::display_number(d.to), detail::display_number(d.change()),
                    factor_cell(d.ratio())});
    totals.add_row({"Value added", d.currency, detail::display_number(d.value_added_from),
                    detail::display_number(d.value_added_to),
                    detail::display_number(d.value_added_to - d.value_added_from),
                    factor_cell(ratio(d.value_added_to, d.value_added_from, "from"))});
    totals.write(out, format);

    heading("Effects (additive effects sum to the change, multiplicative ones multiply to the "
            "ratio)");
    TextTable effects;
    effects.add_column("Effect");
    effects.add_column(fmt::format("Additive ({})", unit), TextTable::Align::right);
    effects.add_column("Share of change", TextTable::Align::right);
    effects.add_column("Multiplicative", TextTable::Align::right);
    for (const DecompositionEffect e : all_decomposition_effects()) {
        effects.add_row({capitalised(to_string(e)), detail::display_number(d.additive[idx(e)]),
                         share_cell(d.share(e)), factor_cell(factor(d, e))});
    }
    effects.add_row({"Total", detail::display_number(d.change()),
                     d.change() == 0 ? "undefined" : "100.0%", factor_cell(d.ratio())});
    effects.write(out, format);

    heading("Intensity effect in three readings");
    TextTable readings;
    readings.add_column("Reading");
    readings.add_column(unit, TextTable::Align::right);
    readings.add_column("Weights");
    readings.add_row({"LMDI-I (this decomposition)", detail::display_number(d.readings.lmdi),
                      "log-mean of both periods"});
    readings.add_row(
        {"Laspeyres", detail::display_number(d.readings.laspeyres), "baseline value added"});
    readings.add_row({"Avoided energy (IPMVP, GB/T 13234)",
                      detail::display_number(d.readings.avoided_energy),
                      "reporting value added; savings = minus this"});
    readings.write(out, format);

    heading(fmt::format("By {}", to_string(d.grouping)));
    TextTable groups;
    groups.add_column(capitalised(to_string(d.grouping)));
    groups.add_column("Present");
    groups.add_column("Factories", TextTable::Align::right);
    groups.add_column(fmt::format("From ({})", unit), TextTable::Align::right);
    groups.add_column(fmt::format("To ({})", unit), TextTable::Align::right);
    groups.add_column("Change", TextTable::Align::right);
    groups.add_column("Activity", TextTable::Align::right);
    groups.add_column("Structure", TextTable::Align::right);
    groups.add_column("Intensity", TextTable::Align::right);
    for (const DecompositionGroup& g : d.groups) {
        groups.add_row({g.key, std::string(presence_text(g.presence)),
                        fmt::format("{}/{}", g.factories_from, g.factories_to),
                        detail::display_number(g.from), detail::display_number(g.to),
                        detail::display_number(g.to - g.from), detail::display_number(g.effects[0]),
                        detail::display_number(g.effects[1]),
                        detail::display_number(g.effects[2])});
    }
    groups.write(out, format);

    heading("Notes");
    detail::write_bullets(out, format, notes);
    if (s.coefficients_to != nullptr) {
        const bool differ = coefficients_differ(s);
        const auto table = [&](const Coefficients& c, std::string_view which) {
            heading(fmt::format("Coefficients{} (electricity basis: {}; grid factors: {})", which,
                                to_string(c.electricity_basis()), c.grid_factor_set()));
            detail::coefficients_table(c).write(out, format);
        };
        if (differ) {
            table(*s.coefficients_from, ", from");
        }
        table(*s.coefficients_to, differ ? ", to" : "");
    }
    if (s.fx_to != nullptr && !s.fx_to->rates().empty()) {
        heading("Exchange rates");
        detail::fx_table(*s.fx_to).write(out, format);
    }
    if (!warnings.empty()) {
        heading("Warnings");
        detail::write_bullets(out, format, warnings);
    }
}

} // namespace

std::vector<std::string> write_decomposition_report(std::ostream& out,
                                                    Format format,
                                                    const EnergyDecomposition& decomposition,
                                                    const DecompositionSources& sources) {
    const std::vector<std::string> notes = report_notes(decomposition, sources);
    std::vector<std::string> warnings = report_warnings(decomposition, sources);
    switch (format) {
    case Format::json:
        write_json(out, decomposition, sources, notes, warnings);
        break;
    case Format::csv:
        write_csv(out, decomposition);
        break;
    case Format::table:
    case Format::markdown:
        write_text(out, format, decomposition, sources, notes, warnings);
        break;
    }
    return warnings;
}

} // namespace smartkpi
