// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/coefficients_section.hpp"
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/report/energy_accounts_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace smartkpi {

namespace {

using detail::JsonWriter;

constexpr std::string_view kFormatName = "smartkpi-energy-accounts-report/1";

std::string period_text(const Factory& f) {
    return f.period ? f.period->to_string() : std::string();
}

std::string group_label(std::string_view key) {
    return key.empty() ? std::string("(none)") : std::string(key);
}

std::string provenance(const Coefficient& c) {
    std::vector<std::string> parts;
    if (!c.issuer.empty()) {
        parts.push_back(c.issuer);
    }
    if (c.year != 0) {
        parts.push_back(fmt::format("{}", c.year));
    }
    parts.push_back(c.source);
    return fmt::format("{}", fmt::join(parts, "; "));
}

void coefficient_json(JsonWriter& w, const Coefficient& c, bool compact = true) {
    w.begin_object(compact);
    w.key("value").number(c.value);
    w.key("unit").string(c.unit);
    if (!c.issuer.empty()) {
        w.key("issuer").string(c.issuer);
    }
    if (c.year != 0) {
        w.key("year").integer(c.year);
    }
    w.key("source").string(c.source);
}

// A source for the figures of a factory or a group, so that the writers serve both.
template <class Account> struct Source {
    const Account& a;
    std::string_view currency;

    [[nodiscard]] KpiValue value(AccountFigure f) const { return a.value(f); }
    [[nodiscard]] KpiValue carrier(Carrier c, CarrierFigure f) const {
        return a.carrier_value(c, f);
    }
    [[nodiscard]] std::string unit(AccountFigure f) const {
        return unit_text(f, currency, output_unit());
    }
    [[nodiscard]] std::string output_unit() const {
        if constexpr (std::is_same_v<Account, FactoryAccount>) {
            return a.output_unit;
        } else {
            return a.output_unit();
        }
    }
};

/// The carriers a factory names or a group has, in all_carriers() order.
std::vector<Carrier> carriers_of(const FactoryAccount& a) {
    std::vector<Carrier> out;
    for (const auto& l : a.carriers) {
        out.push_back(l.carrier);
    }
    return out;
}
std::vector<Carrier> carriers_of(const AccountTotals& t) {
    std::vector<Carrier> out;
    for (Carrier c : all_carriers()) {
        if (t.has_carrier(c)) {
            out.push_back(c);
        }
    }
    return out;
}

// JSON -------------------------------------------------------------------------------------

class JsonReport {
  public:
    JsonReport(std::ostream& out, const EnergyAccounts& a)
        : w_(out), a_(a), currency_(a.currency.code()) {}

    void write() {
        w_.begin_object();
        w_.key("format").string(kFormatName);
        w_.key("by").string(to_string(a_.by));
        w_.key("currency").string(currency_);
        w_.key("electricity_basis").string(to_string(a_.coefficients.electricity_basis()));
        w_.key("grid_factor_set").string(a_.coefficients.grid_factor_set());
        definitions();
        if (a_.by == AccountsGrouping::factory) {
            w_.key("factories");
            w_.begin_array();
            for (const auto& f : a_.factories) {
                factory(f);
            }
            w_.end_array();
        } else if (a_.by != AccountsGrouping::all) {
            w_.key("groups");
            w_.begin_array();
            for (const auto& [key, t] : a_.groups) {
                w_.begin_object();
                w_.key("key").string(key);
                group(t);
                w_.end_object();
            }
            w_.end_array();
        }
        w_.key("total");
        w_.begin_object();
        group(a_.total);
        w_.end_object();
        w_.key("coefficients");
        detail::write_coefficients_json(w_, a_.coefficients);
        calorific_values();
        grid_regions();
        w_.key("fx");
        detail::write_fx_json(w_, a_.fx);
        w_.key("warnings").strings(a_.warnings);
        w_.end_object();
        w_.flush();
    }

  private:
    void definitions() {
        w_.key("definitions");
        w_.begin_object();
        for (const auto& fi : all_account_figures()) {
            w_.key(fi.key).string(fi.definition);
        }
        w_.key("share").string("carrier energy_tce / total energy_tce");
        w_.end_object();
    }

    template <class Account> void carriers(const Source<Account>& s, bool with_coefficients) {
        w_.key("carriers");
        w_.begin_array();
        for (Carrier c : carriers_of(s.a)) {
            w_.begin_object();
            w_.key("carrier").string(to_string(c));
            for (CarrierFigure f : all_carrier_figures()) {
                w_.key(to_string(f)).kpi(s.carrier(c, f), unit_text(f, c));
            }
            if constexpr (std::is_same_v<Account, FactoryAccount>) {
                if (with_coefficients) {
                    line_coefficients(*s.a.line(c));
                }
            }
            w_.end_object();
        }
        w_.end_array();
    }

    void line_coefficients(const CarrierLine& l) {
        w_.key("coefficients");
        w_.begin_object();
        w_.key("tce");
        coefficient_json(w_, l.tce);
        w_.end_object();
        w_.key("calorific_value");
        coefficient_json(w_, l.calorific_value);
        w_.end_object();
        w_.key("co2");
        coefficient_json(w_, l.co2);
        if (l.carrier == Carrier::electricity) {
            w_.key("grid").string(l.grid_key);
            w_.key("scope").string(to_string(l.grid_scope));
        }
        w_.end_object();
        w_.end_object();
    }

    template <class Account> void totals(const Source<Account>& s) {
        w_.key("totals");
        w_.begin_object();
        for (const auto& fi : all_account_figures()) {
            w_.key(fi.key).kpi(s.value(fi.figure), s.unit(fi.figure));
        }
        w_.end_object();
    }

    void factory(const FactoryAccount& fa) {
        const Factory& f = *fa.factory;
        const Source<FactoryAccount> s{fa, currency_};
        w_.begin_object();
        w_.key("id").string(f.id);
        w_.key("name").string(f.name);
        w_.key("region").string(f.region);
        w_.key("sector").string(f.sector);
        w_.key("period");
        if (f.period) {
            w_.begin_object(true);
            w_.key("start").string(f.period->start.to_string());
            w_.key("end").string(f.period->end.to_string());
            w_.end_object();
        } else {
            w_.null();
        }
        carriers(s, true);
        totals(s);
        w_.end_object();
    }

    void group(const AccountTotals& t) {
        const Source<AccountTotals> s{t, currency_};
        w_.key("factories").integer(static_cast<long long>(t.factories()));
        carriers(s, false);
        totals(s);
        w_.key("coverage");
        w_.begin_object();
        for (const auto& fi : all_account_figures()) {
            w_.key(fi.key);
            w_.begin_object(true);
            w_.key("factories").integer(static_cast<long long>(t.coverage(fi.figure)));
            w_.key("of").integer(static_cast<long long>(t.factories()));
            w_.end_object();
        }
        w_.end_object();
    }

    void calorific_values() {
        w_.key("calorific_values");
        w_.begin_object();
        for (Carrier c : all_carriers()) {
            w_.key(to_string(c));
            coefficient_json(w_, a_.coefficients.calorific_value(c));
            w_.end_object();
        }
        w_.end_object();
    }

    void grid_regions() {
        w_.key("grid_regions");
        w_.begin_object();
        for (const auto& [name, k] : a_.coefficients.grid_region_factors()) {
            w_.key(name);
            coefficient_json(w_, k, false);
            w_.key("provinces");
            std::vector<std::string> provinces;
            for (auto p : provinces_of(name)) {
                provinces.emplace_back(p);
            }
            w_.strings(provinces, true);
            w_.end_object();
        }
        w_.end_object();
    }

    JsonWriter w_;
    const EnergyAccounts& a_;
    std::string currency_;
};

// CSV --------------------------------------------------------------------------------------

class CsvReport {
  public:
    CsvReport(std::ostream& out, const EnergyAccounts& a)
        : out_(out), a_(a), currency_(a.currency.code()) {}

    void write() {
        out_ << "scope,key,period,carrier,figure,value,unit,status,detail,covered,of\n";
        if (a_.by == AccountsGrouping::factory) {
            for (const auto& fa : a_.factories) {
                const Source<FactoryAccount> s{fa, currency_};
                const std::string period = period_text(*fa.factory);
                for (const auto& l : fa.carriers) {
                    carrier_rows(s, "factory", fa.factory->id, period, l.carrier, nullptr);
                    coefficient_rows("factory", fa.factory->id, period, l);
                }
                total_rows(s, "factory", fa.factory->id, period, nullptr);
            }
        } else if (a_.by != AccountsGrouping::all) {
            for (const auto& [key, t] : a_.groups) {
                group_rows(to_string(a_.by), key, t);
            }
        }
        group_rows("total", "all", a_.total);
        tail();
    }

  private:
    void row(std::string_view scope,
             std::string_view key,
             std::string_view period,
             std::string_view carrier,
             std::string_view figure,
             const KpiValue& v,
             std::string_view unit,
             const AccountTotals* coverage_of,
             std::size_t covered) {
        line_.clear();
        for (std::string_view cell : {scope, key, period, carrier, figure}) {
            append_csv_cell(line_, cell);
            line_ += ',';
        }
        if (v.available()) {
            line_ += detail::number_text(v.value());
        }
        line_ += ',';
        append_csv_cell(line_, unit);
        line_ += ',';
        line_ += to_string(v.status());
        line_ += ',';
        if (v.status() == KpiValue::Status::not_available) {
            append_csv_cell(line_, fmt::format("missing: {}", fmt::join(v.missing_inputs(), ";")));
        } else if (v.status() == KpiValue::Status::undefined) {
            append_csv_cell(line_, v.reason());
        }
        line_ += ',';
        if (coverage_of != nullptr) {
            line_ += fmt::format("{},{}", covered, coverage_of->factories());
        } else {
            line_ += ',';
        }
        line_ += '\n';
        out_ << line_;
    }

    template <class Account>
    void carrier_rows(const Source<Account>& s,
                      std::string_view scope,
                      std::string_view key,
                      std::string_view period,
                      Carrier c,
                      const AccountTotals* group) {
        const std::size_t covered =
            group != nullptr ? group->coverage(AccountFigure::energy_tce) : 0;
        for (CarrierFigure f : all_carrier_figures()) {
            row(scope, key, period, to_string(c), to_string(f), s.carrier(c, f), unit_text(f, c),
                group, covered);
        }
    }

    template <class Account>
    void total_rows(const Source<Account>& s,
                    std::string_view scope,
                    std::string_view key,
                    std::string_view period,
                    const AccountTotals* group) {
        for (const auto& fi : all_account_figures()) {
            row(scope, key, period, "", fi.key, s.value(fi.figure), s.unit(fi.figure), group,
                group != nullptr ? group->coverage(fi.figure) : 0);
        }
    }

    void group_rows(std::string_view scope, std::string_view key, const AccountTotals& t) {
        const Source<AccountTotals> s{t, currency_};
        for (Carrier c : carriers_of(t)) {
            carrier_rows(s, scope, key, "", c, &t);
        }
        total_rows(s, scope, key, "", &t);
    }

    void coefficient_row(std::string_view scope,
                         std::string_view key,
                         std::string_view period,
                         std::string_view carrier,
                         std::string_view figure,
                         const Coefficient& k,
                         const std::string& note = {}) {
        line_.clear();
        for (std::string_view cell : {scope, key, period, carrier, figure}) {
            append_csv_cell(line_, cell);
            line_ += ',';
        }
        line_ += detail::number_text(k.value);
        line_ += ',';
        append_csv_cell(line_, k.unit);
        line_ += ",available,";
        append_csv_cell(line_, note.empty() ? provenance(k) : note + "; " + provenance(k));
        line_ += ",,\n";
        out_ << line_;
    }

    void coefficient_rows(std::string_view scope,
                          std::string_view key,
                          std::string_view period,
                          const CarrierLine& l) {
        const std::string_view carrier = to_string(l.carrier);
        coefficient_row(scope, key, period, carrier, "tce_coefficient", l.tce);
        coefficient_row(scope, key, period, carrier, "calorific_value", l.calorific_value);
        coefficient_row(scope, key, period, carrier, "co2_factor", l.co2,
                        l.carrier == Carrier::electricity
                            ? fmt::format("grid {} ({})", l.grid_key, to_string(l.grid_scope))
                            : std::string());
    }

    void tail() {
        const Coefficients& c = a_.coefficients;
        for (Carrier carrier : all_carriers()) {
            const std::string_view name = to_string(carrier);
            coefficient_row("coefficient", name, "", name, "tce_coefficient", c.tce(carrier));
            coefficient_row("coefficient", name, "", name, "calorific_value",
                            c.calorific_value(carrier));
            if (carrier != Carrier::electricity) {
                coefficient_row("coefficient", name, "", name, "co2_factor", c.co2(carrier));
            }
        }
        for (const auto& [region, k] : c.grid_factors()) {
            coefficient_row("coefficient", fmt::format("electricity:{}", region), "", "electricity",
                            "co2_factor", k);
        }
        for (const auto& [region, k] : c.grid_region_factors()) {
            coefficient_row("coefficient", fmt::format("electricity:{}", region), "", "electricity",
                            "co2_factor", k,
                            fmt::format("grid region of {}", fmt::join(provinces_of(region), ";")));
        }
    }

    std::ostream& out_;
    const EnergyAccounts& a_;
    std::string currency_;
    std::string line_;
};

// Table and Markdown -------------------------------------------------------------------------

class TextReport {
  public:
    TextReport(std::ostream& out, Format format, const EnergyAccounts& a)
        : out_(out), format_(format), a_(a), currency_(a.currency.code()),
          bullet_(detail::list_bullet(format)) {}

    void write() {
        const Coefficients& c = a_.coefficients;
        const std::string title = a_.by == AccountsGrouping::all
                                      ? std::string("Energy accounts, all factories")
                                      : fmt::format("Energy accounts by {}", to_string(a_.by));
        detail::write_title(out_, format_, title);
        out_ << bullet_ << "Currency: " << currency_
             << "; electricity basis: " << to_string(c.electricity_basis())
             << "; grid factors: " << c.grid_factor_set() << ".\n";
        out_ << bullet_
             << "Final energy is the physical energy content (electricity 3.6 MJ/kWh, fuels and "
                "steam by net calorific value); standard-coal GJ = tce x 29.3076 GJ/tce.\n";
        out_ << bullet_
             << "Values in these tables are rounded for reading; the JSON and CSV formats are "
                "not.\n";

        heading("Totals, all factories (ratios from summed quantities)");
        totals_table(a_.total).write(out_, format_);
        heading("Carriers, all factories with complete energy data");
        group_carriers_table({{"all", &a_.total}}, "").write(out_, format_);
        if (a_.by == AccountsGrouping::factory) {
            heading("Factories");
            factories_table().write(out_, format_);
            heading("Carriers by factory");
            factory_carriers_table().write(out_, format_);
        } else if (a_.by != AccountsGrouping::all) {
            const std::string label = a_.by == AccountsGrouping::sector ? "Sector" : "Region";
            std::vector<std::pair<std::string, const AccountTotals*>> groups;
            for (const auto& [key, t] : a_.groups) {
                groups.emplace_back(group_label(key), &t);
            }
            heading(fmt::format("By {}", to_string(a_.by)));
            groups_table(groups, label).write(out_, format_);
            heading(fmt::format("Carriers by {}", to_string(a_.by)));
            group_carriers_table(groups, label).write(out_, format_);
        }
        heading(fmt::format("Coefficients (electricity basis: {}; grid factors: {})",
                            to_string(c.electricity_basis()), c.grid_factor_set()));
        detail::coefficients_table(c).write(out_, format_);
        heading("Calorific values (final energy)");
        calorific_table().write(out_, format_);
        if (!c.grid_region_factors().empty()) {
            heading("Grid regions (for provinces without their own factor)");
            grid_regions_table().write(out_, format_);
        }
        heading("Exchange rates");
        detail::fx_table(a_.fx).write(out_, format_);
        if (!a_.warnings.empty()) {
            heading("Warnings");
            detail::write_bullets(out_, format_, a_.warnings);
        }
    }

  private:
    void heading(std::string_view text) { detail::write_heading(out_, format_, text); }

    // A value with its unit in the cell, for columns whose unit varies by row.
    static std::string with_unit(const KpiValue& v, const std::string& unit) {
        return v.available() ? fmt::format("{} {}", detail::display_number(v.value()), unit)
                             : detail::display_value(v);
    }

    static std::string share_text(const KpiValue& v) {
        return v.available() ? detail::display_percent(v.value()) : detail::display_value(v);
    }

    TextTable totals_table(const AccountTotals& t) const {
        TextTable table;
        table.add_column("Figure");
        table.add_column("Unit");
        detail::add_number_columns(table, {"Value", "Coverage"});
        const std::string ou = t.output_unit();
        for (const auto& fi : all_account_figures()) {
            table.add_row({std::string(fi.name), unit_text(fi.figure, currency_, ou),
                           detail::display_value(t.value(fi.figure)),
                           fmt::format("{}/{}", t.coverage(fi.figure), t.factories())});
        }
        return table;
    }

    void add_figure_columns(TextTable& t) const {
        detail::add_number_columns(t, {"tce", "Final GJ", "tCO2"});
        t.add_column(fmt::format("Value added ({})", currency_), TextTable::Align::right);
        t.add_column(fmt::format("tce/10^4 {}", currency_), TextTable::Align::right);
        t.add_column("Energy per output", TextTable::Align::right);
        t.add_column(fmt::format("tCO2/10^4 {}", currency_), TextTable::Align::right);
    }

    template <class Account>
    void add_figure_cells(std::vector<std::string>& cells, const Source<Account>& s) const {
        using F = AccountFigure;
        for (F f :
             {F::energy_tce, F::final_energy_gj, F::co2_t, F::value_added, F::energy_intensity}) {
            cells.push_back(detail::display_value(s.value(f)));
        }
        cells.push_back(with_unit(s.value(F::energy_per_output), s.unit(F::energy_per_output)));
        cells.push_back(detail::display_value(s.value(F::carbon_intensity)));
    }

    TextTable factories_table() const {
        TextTable t;
        t.add_column("ID");
        t.add_column("Name");
        t.add_column("Region");
        t.add_column("Period");
        add_figure_columns(t);
        for (const auto& fa : a_.factories) {
            const Factory& f = *fa.factory;
            std::vector<std::string> cells{f.id, f.name, f.region, period_text(f)};
            add_figure_cells(cells, Source<FactoryAccount>{fa, currency_});
            t.add_row(std::move(cells));
        }
        return t;
    }

    TextTable factory_carriers_table() const {
        TextTable t;
        t.add_column("ID");
        t.add_column("Period");
        t.add_column("Carrier");
        t.add_column("Amount", TextTable::Align::right);
        t.add_column("Unit");
        detail::add_number_columns(t, {"kgce/unit", "tce", "Final GJ", "kgCO2/unit"});
        t.add_column("Factor of");
        detail::add_number_columns(t, {"tCO2", "Share"});
        using CF = CarrierFigure;
        for (const auto& fa : a_.factories) {
            for (const auto& l : fa.carriers) {
                const Carrier c = l.carrier;
                std::string factor_of;
                if (c == Carrier::electricity) {
                    factor_of = fmt::format("{} ({}, {})", l.grid_key, l.co2.issuer, l.co2.year);
                }
                t.add_row({fa.factory->id, period_text(*fa.factory), std::string(to_string(c)),
                           detail::display_value(fa.carrier_value(c, CF::amount)),
                           std::string(native_unit(c).symbol), fmt::format("{:g}", l.tce.value),
                           detail::display_value(fa.carrier_value(c, CF::energy_tce)),
                           detail::display_value(fa.carrier_value(c, CF::final_energy_gj)),
                           fmt::format("{:g}", l.co2.value), factor_of,
                           detail::display_value(fa.carrier_value(c, CF::co2_t)),
                           share_text(fa.carrier_value(c, CF::share))});
            }
        }
        return t;
    }

    TextTable groups_table(const std::vector<std::pair<std::string, const AccountTotals*>>& groups,
                           const std::string& label) const {
        TextTable t;
        t.add_column(label);
        detail::add_number_columns(t, {"Factories", "Energy coverage"});
        add_figure_columns(t);
        for (const auto& [key, g] : groups) {
            std::vector<std::string> cells{
                key, fmt::format("{}", g->factories()),
                fmt::format("{}/{}", g->coverage(AccountFigure::energy_tce), g->factories())};
            add_figure_cells(cells, Source<AccountTotals>{*g, currency_});
            t.add_row(std::move(cells));
        }
        return t;
    }

    TextTable
    group_carriers_table(const std::vector<std::pair<std::string, const AccountTotals*>>& groups,
                         const std::string& label) const {
        TextTable t;
        if (!label.empty()) {
            t.add_column(label);
        }
        t.add_column("Carrier");
        t.add_column("Amount", TextTable::Align::right);
        t.add_column("Unit");
        detail::add_number_columns(t, {"tce", "Final GJ", "Std-coal GJ", "tCO2", "Share"});
        using CF = CarrierFigure;
        for (const auto& [key, g] : groups) {
            for (Carrier c : carriers_of(*g)) {
                std::vector<std::string> cells;
                if (!label.empty()) {
                    cells.push_back(key);
                }
                cells.push_back(std::string(to_string(c)));
                cells.push_back(detail::display_value(g->carrier_value(c, CF::amount)));
                cells.push_back(std::string(native_unit(c).symbol));
                for (CF f :
                     {CF::energy_tce, CF::final_energy_gj, CF::standard_coal_gj, CF::co2_t}) {
                    cells.push_back(detail::display_value(g->carrier_value(c, f)));
                }
                cells.push_back(share_text(g->carrier_value(c, CF::share)));
                t.add_row(std::move(cells));
            }
        }
        return t;
    }

    TextTable calorific_table() const {
        TextTable t;
        t.add_column("Carrier");
        t.add_column("Calorific value", TextTable::Align::right);
        t.add_column("Source");
        for (Carrier c : all_carriers()) {
            const Coefficient& k = a_.coefficients.calorific_value(c);
            t.add_row({std::string(to_string(c)), fmt::format("{:g} {}", k.value, k.unit),
                       provenance(k)});
        }
        return t;
    }

    TextTable grid_regions_table() const {
        TextTable t;
        t.add_column("Grid region");
        t.add_column("Provinces mapped");
        t.add_column("Factor", TextTable::Align::right);
        t.add_column("Source");
        for (const auto& [name, k] : a_.coefficients.grid_region_factors()) {
            const auto provinces = provinces_of(name);
            t.add_row({name,
                       provinces.empty() ? std::string("-")
                                         : fmt::format("{}", fmt::join(provinces, ", ")),
                       fmt::format("{:g} {}", k.value, k.unit), provenance(k)});
        }
        return t;
    }

    std::ostream& out_;
    Format format_;
    const EnergyAccounts& a_;
    std::string currency_;
    std::string_view bullet_;
};

} // namespace

void write_energy_accounts_report(std::ostream& out,
                                  Format format,
                                  const EnergyAccounts& accounts) {
    switch (format) {
    case Format::json:
        JsonReport(out, accounts).write();
        break;
    case Format::csv:
        CsvReport(out, accounts).write();
        break;
    case Format::table:
    case Format::markdown:
        TextReport(out, format, accounts).write();
        break;
    }
    out.flush();
}

} // namespace smartkpi
