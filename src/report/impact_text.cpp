// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/impact_text.hpp"

#include "report/coefficients_section.hpp"
#include "report/display.hpp"

#include <fmt/format.h>

namespace smartkpi::detail {

namespace {

std::string effect_text(const std::optional<double>& e) {
    return e ? display_change(*e) : std::string("none");
}

std::string describe_effects(const Effects& e) {
    return fmt::format("labour productivity {}, operating cost per output unit {}, energy "
                       "intensity {}",
                       effect_text(e.labour_productivity), effect_text(e.operating_cost),
                       effect_text(e.energy_intensity));
}

std::string describe_hold(HoldRule hold) {
    return hold == HoldRule::output
               ? "output (value added and output unchanged; labour hours and employees scale "
                 "with 1 / (1 + labour productivity effect))"
               : "labour (labour hours unchanged; value added, output and revenue scale with 1 + "
                 "labour productivity effect, so totals of cost and energy can rise)";
}

} // namespace

ImpactTextReport::ImpactTextReport(std::ostream& out, Format format, const ImpactAssessor& assessor)
    : out_(out), format_(format), a_(assessor), currency_(assessor.currency().code()) {
    factory_table_.add_column("ID");
    factory_table_.add_column("Name");
    factory_table_.add_column("Region");
    factory_table_.add_column("Level");
    factory_table_.add_column("Covered");
    add_pair_columns(factory_table_);
}

void ImpactTextReport::add_pair_columns(TextTable& t) const {
    for (Metric m : kPairMetrics) {
        const std::string u = unit_text(m, currency_, "");
        t.add_column(fmt::format("{} ({})", info(m).name, u), TextTable::Align::right);
        t.add_column("upgraded", TextTable::Align::right);
    }
}

void ImpactTextReport::add(const FactoryImpact& fi) {
    const Factory& f = *fi.factory;
    std::vector<std::string> cells{f.id, f.name, f.region, std::string(to_string(f.level)),
                                   fi.covered ? "yes" : "no"};
    for (Metric m : kPairMetrics) {
        cells.push_back(display_value(fi.baseline.value(m)));
        cells.push_back(display_value(fi.upgraded.value(m)));
    }
    factory_table_.add_row(std::move(cells));
}

TextTable ImpactTextReport::totals_table(const ImpactTotals& t) const {
    TextTable table;
    table.add_column("Metric");
    table.add_column("Unit");
    add_number_columns(table, {"Baseline", "Upgraded", "Change", "Change %", "Coverage"});
    const std::string ou = t.output_unit();
    for (const auto& mi : all_metrics()) {
        table.add_row({std::string(mi.name), unit_text(mi.metric, currency_, ou),
                       display_value(t.baseline(mi.metric)), display_value(t.upgraded(mi.metric)),
                       display_value(t.change_absolute(mi.metric)),
                       display_change(t.change_relative(mi.metric)),
                       fmt::format("{}/{}", t.coverage(mi.metric), t.factories())});
    }
    return table;
}

TextTable ImpactTextReport::savings_table(const ImpactTotals& t) const {
    TextTable table;
    table.add_column("Saving");
    table.add_column("Unit");
    add_number_columns(table, {"Avoided", "% of baseline"});
    for (Saving s : all_savings()) {
        const KpiValue v = t.savings(s);
        const KpiValue rel = t.savings_relative(s);
        table.add_row(
            {std::string(to_string(s)), unit_text(s, currency_), display_value(v),
             rel.available() ? detail::display_percent(rel.value()) : display_value(rel)});
    }
    return table;
}

TextTable ImpactTextReport::groups_table(std::string_view label,
                                         const std::map<std::string, ImpactTotals>& groups) const {
    TextTable table;
    table.add_column(std::string(label));
    add_number_columns(table, {"Factories", "Covered"});
    add_pair_columns(table);
    for (const auto& [key, t] : groups) {
        std::vector<std::string> cells{key, fmt::format("{}", t.factories()),
                                       fmt::format("{}", t.covered())};
        for (Metric m : kPairMetrics) {
            cells.push_back(display_value(t.baseline(m)));
            cells.push_back(display_value(t.upgraded(m)));
        }
        table.add_row(std::move(cells));
    }
    return table;
}

void ImpactTextReport::heading(std::string_view text) {
    write_heading(out_, format_, text);
}

void ImpactTextReport::finish(const std::vector<std::string>& warnings) {
    const Scenario& s = a_.scenario();
    const ImpactTotals& all = a_.totals();
    write_title(out_, format_,
                fmt::format("Upgrade impact: {}", s.title.empty() ? s.name : s.title));
    const std::string_view bullet = list_bullet(format_);
    out_ << bullet << "Scenario: " << s.name << '\n';
    out_ << bullet << "Effects: " << describe_effects(s.effects) << '\n';
    out_ << bullet << "Hold: " << describe_hold(s.hold) << '\n';
    out_ << bullet << "Applies to: " << s.applies_to.describe() << "; " << all.covered() << " of "
         << all.factories() << " factories covered" << '\n';
    if (!s.source.empty()) {
        out_ << bullet << "Source: " << s.source << '\n';
    }
    out_ << bullet << "Currency: " << currency_
         << ". Values in this table are rounded for reading; the JSON and CSV formats are "
            "not.\n";

    heading("Totals, all factories (ratios from summed quantities)");
    totals_table(all).write(out_, format_);
    heading("Savings (baseline intensity x upgraded activity - upgraded quantity)");
    savings_table(all).write(out_, format_);
    heading("By region");
    groups_table("Region", a_.by_region()).write(out_, format_);
    heading("By level");
    groups_table("Level", a_.by_level()).write(out_, format_);
    heading("Factories");
    factory_table_.write(out_, format_);
    heading(fmt::format("Coefficients (electricity basis: {}; grid factors: {})",
                        to_string(a_.coefficients().electricity_basis()),
                        a_.coefficients().grid_factor_set()));
    detail::coefficients_table(a_.coefficients()).write(out_, format_);
    heading("Exchange rates");
    detail::fx_table(a_.fx()).write(out_, format_);
    if (!warnings.empty()) {
        heading("Warnings");
        write_bullets(out_, format_, warnings);
    }
}

} // namespace smartkpi::detail
