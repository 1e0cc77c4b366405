// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/coefficients_section.hpp"
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/report/impact_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <tuple>

namespace smartkpi {

using detail::display_change;
using detail::display_number;
using detail::display_value;
using detail::JsonWriter;

namespace {

constexpr std::string_view kFormatName = "smartkpi-impact-report/1";
constexpr std::string_view kQuotedPercent = "\"%\"";

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

void effects_json(JsonWriter& w, const Effects& e) {
    w.begin_object(true);
    auto one = [&](std::string_view key, const std::optional<double>& v) {
        w.key(key);
        if (v) {
            w.number(*v);
        } else {
            w.null();
        }
    };
    one("labour_productivity", e.labour_productivity);
    one("operating_cost", e.operating_cost);
    one("energy_intensity", e.energy_intensity);
    w.end_object();
}

// Savings relative to the baseline quantity they are computed from.
KpiValue savings_relative(const KpiValue& saving, const KpiValue& base, Saving s) {
    if (!saving.available()) {
        return saving;
    }
    if (!base.available()) {
        return base;
    }
    double b = base.value();
    if (s == Saving::energy_kwh_eq) {
        b /= kGjPerKwh;
    }
    if (b == 0) {
        return KpiValue::undefined("zero denominator: baseline = 0");
    }
    return KpiValue::of(saving.value() / b);
}

} // namespace

class ImpactReportWriter::Impl {
  public:
    Impl(std::ostream& out, Format format, const ImpactAssessor& assessor)
        : out_(out), format_(format), a_(assessor), currency_(assessor.currency().code()) {
        if (format_ == Format::json) {
            json_ = std::make_unique<JsonWriter>(out_);
            jw_ = json_.get();
            head_json();
        } else if (format_ == Format::csv) {
            out_ << "scope,key,name,region,level,covered,metric,unit,baseline,upgraded,change,"
                    "change_relative,savings,savings_relative\n";
        } else {
            factory_table_.add_column("ID");
            factory_table_.add_column("Name");
            factory_table_.add_column("Region");
            factory_table_.add_column("Level");
            factory_table_.add_column("Covered");
            add_pair_columns(factory_table_);
        }
    }

    /// A formatter of single factories for a worker thread: writes nothing to `out`.
    struct Fragments {};
    Impl(Fragments /*tag*/, std::ostream& out, Format format, const ImpactAssessor& assessor)
        : out_(out), format_(format), a_(assessor), currency_(assessor.currency().code()),
          json_(std::make_unique<JsonWriter>()), jw_(json_.get()) {}

    /// The text of one factory in the JSON or CSV report, appended to `text` after
    /// `separator` (JSON only).
    void format_factory(const FactoryImpact& fi, std::string_view separator, std::string& text) {
        if (format_ == Format::json) {
            jw_->clear();
            factory_json(fi);
            text += separator;
            text.append(jw_->text());
        } else {
            factory_csv(fi);
            text += csv_;
            csv_.clear();
        }
    }

    /// Places the texts of consecutive factories made by format_factory().
    void add_formatted(std::string_view text) {
        if (format_ == Format::json) {
            json_->raw_elements(text);
        } else {
            out_ << text;
        }
    }

    /// Separators of the factories array: before its first element, before the others.
    [[nodiscard]] std::pair<std::string, std::string> separators() const {
        return {json_ ? json_->separator(true) : std::string(),
                json_ ? json_->separator(false) : std::string()};
    }
    /// True while no factory has been placed.
    [[nodiscard]] bool no_factory_yet() const { return !json_ || json_->at_first(); }

    void add(const FactoryImpact& fi) {
        switch (format_) {
        case Format::json:
            factory_json(fi);
            break;
        case Format::csv:
            factory_csv(fi);
            out_ << csv_;
            csv_.clear();
            break;
        case Format::table:
        case Format::markdown:
            factory_row(fi);
            break;
        }
    }

    void finish(const std::vector<std::string>& warnings) {
        switch (format_) {
        case Format::json:
            tail_json(warnings);
            break;
        case Format::csv:
            tail_csv();
            break;
        case Format::table:
        case Format::markdown:
            text_report(warnings);
            break;
        }
        out_.flush();
    }

  private:
    // Unit texts depend only on the output unit, and most factories share one: keep the last.
    const std::string& unit(Metric m, std::string_view output_unit) const {
        refresh_units(output_unit);
        return units_[static_cast<std::size_t>(m)];
    }
    /// The unit as a JSON string literal.
    const std::string& quoted_unit(Metric m, std::string_view output_unit) const {
        refresh_units(output_unit);
        return quoted_units_[static_cast<std::size_t>(m)];
    }
    void refresh_units(std::string_view output_unit) const {
        if (!units_ready_ || output_unit != units_output_) {
            units_output_ = std::string(output_unit);
            for (const auto& mi : all_metrics()) {
                const auto i = static_cast<std::size_t>(mi.metric);
                units_[i] = unit_text(mi.metric, currency_, output_unit);
                quoted_units_[i] = detail::quoted(units_[i]);
            }
            for (Saving sv : all_savings()) {
                quoted_saving_units_[static_cast<std::size_t>(sv)] =
                    detail::quoted(unit_text(sv, currency_));
            }
            units_ready_ = true;
        }
    }

    // JSON ------------------------------------------------------------------------------

    void head_json() {
        JsonWriter& w = *jw_;
        const Scenario& s = a_.scenario();
        w.begin_object();
        w.key("format").string(kFormatName);
        w.key("scenario");
        w.begin_object();
        w.key("name").string(s.name);
        w.key("title").string(s.title);
        w.key("source").string(s.source);
        w.key("hold").string(to_string(s.hold));
        w.key("effects");
        effects_json(w, s.effects);
        w.key("applies_to").string(s.applies_to.describe());
        w.key("overrides");
        w.begin_array(true);
        for (const auto& o : s.overrides) {
            w.string(o.id);
        }
        w.end_array();
        w.end_object();
        w.key("currency").string(currency_);
        w.key("factories");
        w.begin_array();
    }

    template <class Get>
    void metrics_json(std::string_view section, std::string_view output_unit, Get&& get) {
        JsonWriter& w = *jw_;
        w.key(section);
        w.begin_object();
        for (const auto& mi : all_metrics()) {
            w.key_literal(mi.key);
            w.kpi_quoted(get(mi.metric), quoted_unit(mi.metric, output_unit));
        }
        w.end_object();
    }

    template <class Abs, class Rel>
    void change_json(std::string_view output_unit, Abs&& abs, Rel&& rel) {
        JsonWriter& w = *jw_;
        w.key("change");
        w.begin_object();
        for (const auto& mi : all_metrics()) {
            w.key_literal(mi.key);
            w.begin_object(true);
            w.key_literal("absolute");
            w.kpi_quoted(abs(mi.metric), quoted_unit(mi.metric, output_unit));
            w.key_literal("relative");
            w.kpi_quoted(rel(mi.metric), kQuotedPercent);
            w.end_object();
        }
        w.end_object();
    }

    template <class Sav, class Base> void savings_json(Sav&& sav, Base&& base) {
        JsonWriter& w = *jw_;
        w.key("savings");
        w.begin_object();
        refresh_units(units_output_);
        for (Saving s : all_savings()) {
            w.key_literal(to_string(s));
            w.kpi_quoted(sav(s), quoted_saving_units_[static_cast<std::size_t>(s)]);
        }
        w.end_object();
        w.key("savings_relative");
        w.begin_object();
        for (Saving s : all_savings()) {
            w.key_literal(to_string(s));
            w.kpi_quoted(savings_relative(sav(s), base(source_metric(s)), s), kQuotedPercent);
        }
        w.end_object();
    }

    void factory_json(const FactoryImpact& fi) {
        JsonWriter& w = *jw_;
        const Factory& f = *fi.factory;
        const std::string& ou = fi.baseline.output_unit();
        // One line per factory: reports of 500,000 factories stay readable line by line and a
        // third smaller than indented ones.
        w.begin_object(true);
        w.key("id").string(f.id);
        w.key("name").string(f.name);
        w.key("region").string(f.region);
        w.key("district").string(f.district);
        w.key("sector").string(f.sector);
        w.key("level").string(to_string(f.level));
        w.key("period");
        if (f.period) {
            w.begin_object(true);
            w.key("start").string(f.period->start.to_string());
            w.key("end").string(f.period->end.to_string());
            w.end_object();
        } else {
            w.null();
        }
        w.key("covered").boolean(fi.covered);
        w.key("hold");
        if (fi.covered) {
            w.string(to_string(fi.hold));
        } else {
            w.null();
        }
        w.key("effects");
        effects_json(w, fi.covered ? fi.effects : Effects{});
        metrics_json("baseline", ou, [&](Metric m) { return fi.baseline.value(m); });
        metrics_json("upgraded", ou, [&](Metric m) { return fi.upgraded.value(m); });
        change_json(
            ou, [&](Metric m) { return fi.change_absolute(m); },
            [&](Metric m) { return fi.change_relative(m); });
        savings_json([&](Saving s) { return fi.savings(s); },
                     [&](Metric m) { return fi.baseline.value(m); });
        w.end_object();
    }

    void group_json(const ImpactTotals& t) {
        json_->begin_object();
        group_members_json(t);
        json_->end_object();
    }

    void group_members_json(const ImpactTotals& t) {
        JsonWriter& w = *jw_;
        const std::string ou = t.output_unit();
        w.key("factories").integer(static_cast<long long>(t.factories()));
        w.key("covered").integer(static_cast<long long>(t.covered()));
        metrics_json("baseline", ou, [&](Metric m) { return t.baseline(m); });
        metrics_json("upgraded", ou, [&](Metric m) { return t.upgraded(m); });
        change_json(
            ou, [&](Metric m) { return t.change_absolute(m); },
            [&](Metric m) { return t.change_relative(m); });
        savings_json([&](Saving s) { return t.savings(s); },
                     [&](Metric m) { return t.baseline(m); });
        w.key("coverage");
        w.begin_object();
        for (const auto& mi : all_metrics()) {
            w.key(mi.key);
            w.begin_object(true);
            w.key("factories").integer(static_cast<long long>(t.coverage(mi.metric)));
            w.key("of").integer(static_cast<long long>(t.factories()));
            w.end_object();
        }
        w.end_object();
    }

    void tail_json(const std::vector<std::string>& warnings) {
        JsonWriter& w = *jw_;
        w.end_array(); // factories
        // The totals of all factories, with their breakdowns by region and level beside them.
        w.key("totals");
        w.begin_object();
        group_members_json(a_.totals());
        w.key("by_region");
        w.begin_object();
        for (const auto& [region, t] : a_.by_region()) {
            w.key(region);
            group_json(t);
        }
        w.end_object();
        w.key("by_level");
        w.begin_object();
        for (const auto& [level, t] : a_.by_level()) {
            w.key(level);
            group_json(t);
        }
        w.end_object();
        w.end_object();
        w.key("coefficients");
        detail::write_coefficients_json(w, a_.coefficients());
        w.key("fx");
        detail::write_fx_json(w, a_.fx());
        w.key("warnings");
        w.begin_array();
        for (const auto& warning : warnings) {
            w.string(warning);
        }
        w.end_array();
        w.end_object();
        w.flush();
    }

    // CSV -------------------------------------------------------------------------------

    static void csv_number(std::string& line, const KpiValue& v) {
        if (v.available()) {
            fmt::memory_buffer buf;
            detail::append_number(buf, v.value());
            line.append(buf.data(), buf.size());
        }
    }

    template <class Src>
    void csv_rows(std::string_view scope,
                  std::string_view key,
                  std::string_view name,
                  std::string_view region,
                  std::string_view level,
                  std::string_view covered,
                  std::string_view output_unit,
                  const Src& src) {
        std::string prefix;
        append_csv_cell(prefix, scope);
        prefix += ',';
        append_csv_cell(prefix, key);
        prefix += ',';
        append_csv_cell(prefix, name);
        prefix += ',';
        append_csv_cell(prefix, region);
        prefix += ',';
        append_csv_cell(prefix, level);
        prefix += ',';
        prefix += covered;
        prefix += ',';
        std::string line;
        for (const auto& mi : all_metrics()) {
            line = prefix;
            line += mi.key;
            line += ',';
            append_csv_cell(line, unit(mi.metric, output_unit));
            line += ',';
            csv_number(line, src.baseline(mi.metric));
            line += ',';
            csv_number(line, src.upgraded(mi.metric));
            line += ',';
            csv_number(line, src.change_absolute(mi.metric));
            line += ',';
            csv_number(line, src.change_relative(mi.metric));
            line += ',';
            bool has_saving = false;
            for (Saving s : all_savings()) {
                if (source_metric(s) == mi.metric && s != Saving::energy_kwh_eq) {
                    const KpiValue sv = src.savings(s);
                    csv_number(line, sv);
                    line += ',';
                    csv_number(line, savings_relative(sv, src.baseline(mi.metric), s));
                    has_saving = true;
                }
            }
            if (!has_saving) {
                line += ',';
            }
            line += '\n';
            csv_ += line;
        }
        // The kWh-equivalent saving has no metric of its own.
        line = prefix;
        line += "energy_kwh_eq,kWh,,,,,";
        const KpiValue sv = src.savings(Saving::energy_kwh_eq);
        csv_number(line, sv);
        line += ',';
        csv_number(line,
                   savings_relative(sv, src.baseline(Metric::energy_gj), Saving::energy_kwh_eq));
        line += '\n';
        csv_ += line;
    }

    struct FactorySource {
        const FactoryImpact& fi;
        KpiValue baseline(Metric m) const { return fi.baseline.value(m); }
        KpiValue upgraded(Metric m) const { return fi.upgraded.value(m); }
        KpiValue change_absolute(Metric m) const { return fi.change_absolute(m); }
        KpiValue change_relative(Metric m) const { return fi.change_relative(m); }
        KpiValue savings(Saving s) const { return fi.savings(s); }
    };

    void factory_csv(const FactoryImpact& fi) {
        const Factory& f = *fi.factory;
        csv_rows("factory", f.id, f.name, f.region, to_string(f.level),
                 fi.covered ? "true" : "false", fi.baseline.output_unit(), FactorySource{fi});
    }

    void tail_csv() {
        const ImpactTotals& all = a_.totals();
        csv_rows("total", "all", "", "", "", "", all.output_unit(), all);
        for (const auto& [region, t] : a_.by_region()) {
            csv_rows("region", region, "", region, "", "", t.output_unit(), t);
        }
        for (const auto& [level, t] : a_.by_level()) {
            csv_rows("level", level, "", "", level, "", t.output_unit(), t);
        }
        out_ << csv_;
        csv_.clear();
        const Coefficients& c = a_.coefficients();
        std::string line;
        auto row = [&](std::string_view key, std::string_view metric, const Coefficient& k) {
            line = "coefficient,";
            append_csv_cell(line, key);
            line += ',';
            append_csv_cell(line, k.source);
            line += ",,,,";
            line += metric;
            line += ',';
            append_csv_cell(line, k.unit);
            line += ',';
            fmt::memory_buffer buf;
            detail::append_number(buf, k.value);
            line.append(buf.data(), buf.size());
            line += ",,,,,\n";
            out_ << line;
        };
        for (Carrier carrier : all_carriers()) {
            row(to_string(carrier), "tce", c.tce(carrier));
            if (carrier != Carrier::electricity) {
                row(to_string(carrier), "co2", c.co2(carrier));
            }
        }
        for (const auto& [region, k] : c.grid_factors()) {
            row(fmt::format("electricity:{}", region), "co2", k);
        }
    }

    // Table and Markdown ------------------------------------------------------------------

    static constexpr std::array kPairMetrics{Metric::labour_productivity, Metric::operating_cost,
                                             Metric::energy_tce, Metric::energy_intensity,
                                             Metric::co2_t};

    void add_pair_columns(TextTable& t) const {
        for (Metric m : kPairMetrics) {
            const std::string u = unit(m, "");
            t.add_column(fmt::format("{} ({})", info(m).name, u), TextTable::Align::right);
            t.add_column("upgraded", TextTable::Align::right);
        }
    }

    void factory_row(const FactoryImpact& fi) {
        const Factory& f = *fi.factory;
        std::vector<std::string> cells{f.id, f.name, f.region, std::string(to_string(f.level)),
                                       fi.covered ? "yes" : "no"};
        for (Metric m : kPairMetrics) {
            cells.push_back(display_value(fi.baseline.value(m)));
            cells.push_back(display_value(fi.upgraded.value(m)));
        }
        factory_table_.add_row(std::move(cells));
    }

    TextTable totals_table(const ImpactTotals& t) const {
        TextTable table;
        table.add_column("Metric");
        table.add_column("Unit");
        table.add_column("Baseline", TextTable::Align::right);
        table.add_column("Upgraded", TextTable::Align::right);
        table.add_column("Change", TextTable::Align::right);
        table.add_column("Change %", TextTable::Align::right);
        table.add_column("Coverage", TextTable::Align::right);
        const std::string ou = t.output_unit();
        for (const auto& mi : all_metrics()) {
            table.add_row(
                {std::string(mi.name), unit(mi.metric, ou), display_value(t.baseline(mi.metric)),
                 display_value(t.upgraded(mi.metric)), display_value(t.change_absolute(mi.metric)),
                 display_change(t.change_relative(mi.metric)),
                 fmt::format("{}/{}", t.coverage(mi.metric), t.factories())});
        }
        return table;
    }

    TextTable savings_table(const ImpactTotals& t) const {
        TextTable table;
        table.add_column("Saving");
        table.add_column("Unit");
        table.add_column("Avoided", TextTable::Align::right);
        table.add_column("% of baseline", TextTable::Align::right);
        for (Saving s : all_savings()) {
            const KpiValue v = t.savings(s);
            const KpiValue rel = savings_relative(v, t.baseline(source_metric(s)), s);
            table.add_row(
                {std::string(to_string(s)), unit_text(s, currency_), display_value(v),
                 rel.available() ? detail::display_percent(rel.value()) : display_value(rel)});
        }
        return table;
    }

    TextTable groups_table(std::string_view label,
                           const std::map<std::string, ImpactTotals>& groups) const {
        TextTable table;
        table.add_column(std::string(label));
        table.add_column("Factories", TextTable::Align::right);
        table.add_column("Covered", TextTable::Align::right);
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

    void heading(std::string_view text) {
        if (format_ == Format::markdown) {
            out_ << "\n## " << text << "\n\n";
        } else {
            out_ << '\n' << text << '\n';
        }
    }

    void text_report(const std::vector<std::string>& warnings) {
        const Scenario& s = a_.scenario();
        const ImpactTotals& all = a_.totals();
        const bool md = format_ == Format::markdown;
        const std::string title = s.title.empty() ? s.name : s.title;
        if (md) {
            out_ << "# Upgrade impact: " << title << "\n\n";
        } else {
            out_ << "Upgrade impact: " << title << '\n';
        }
        const std::string bullet = md ? "- " : "  ";
        out_ << bullet << "Scenario: " << s.name << '\n';
        out_ << bullet << "Effects: " << describe_effects(s.effects) << '\n';
        out_ << bullet << "Hold: " << describe_hold(s.hold) << '\n';
        out_ << bullet << "Applies to: " << s.applies_to.describe() << "; " << all.covered()
             << " of " << all.factories() << " factories covered" << '\n';
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
            for (const auto& w : warnings) {
                out_ << bullet << w << '\n';
            }
        }
    }

    std::ostream& out_;
    Format format_;
    const ImpactAssessor& a_;
    std::string currency_;
    std::unique_ptr<JsonWriter> json_;
    JsonWriter* jw_ = nullptr; // where JSON goes: the report, or a fragment
    std::string csv_;          // CSV rows not yet placed
    TextTable factory_table_;
    mutable std::array<std::string, kMetricCount> units_;
    mutable std::array<std::string, kMetricCount> quoted_units_;
    mutable std::array<std::string, kSavingCount> quoted_saving_units_;
    mutable std::string units_output_;
    mutable bool units_ready_ = false;
};

ImpactReportWriter::ImpactReportWriter(std::ostream& out,
                                       Format format,
                                       const ImpactAssessor& assessor)
    : impl_(std::make_unique<Impl>(out, format, assessor)), format_(format) {}

ImpactReportWriter::~ImpactReportWriter() = default;

void ImpactReportWriter::add(const FactoryImpact& impact) {
    impl_->add(impact);
}

namespace {

unsigned effective_threads(unsigned threads) {
    return threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : threads;
}

} // namespace

/// Evaluates and formats runs of factories on worker threads and places the results in input
/// order, adding their impacts to the totals in that order: the report is the same, to the
/// byte, whatever the number of threads. Runs keep flowing across the blocks pushed, so the
/// workers never wait for a block boundary.
class ImpactReportWriter::Pipeline {
  public:
    Pipeline(Impl& impl, Format format, ImpactAssessor& assessor, unsigned threads)
        : impl_(impl), format_(format), assessor_(assessor),
          in_flight_(2 * static_cast<std::size_t>(threads)), none_yet_(impl.no_factory_yet()) {
        std::tie(first_separator_, separator_) = impl.separators();
    }
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;
    ~Pipeline() {
        // Futures of std::async join in their destructors; results not placed are dropped.
        pending_.clear();
    }

    /// Queues the factories of `block`, kept alive by `owner` until they are placed.
    void push(std::shared_ptr<const std::vector<Factory>> owner, std::span<const Factory> block) {
        for (std::size_t begin = 0; begin < block.size(); begin += kRun) {
            while (pending_.size() >= in_flight_) {
                place_one();
            }
            const std::span<const Factory> run =
                block.subspan(begin, std::min(kRun, block.size() - begin));
            const bool first = none_yet_ && launched_ == 0;
            launched_ += run.size();
            pending_.push_back(std::async(std::launch::async, [this, owner, run, first] {
                return format_run(owner, run, first);
            }));
        }
    }
    [[nodiscard]] bool busy() const { return !pending_.empty(); }
    /// Places the oldest run (waiting for it).
    void place_one() {
        Run run = pending_.front().get();
        pending_.pop_front();
        for (const auto& impact : run.impacts) {
            assessor_.add(impact);
        }
        impl_.add_formatted(run.text);
    }
    void drain() {
        while (busy()) {
            place_one();
        }
    }

  private:
    static constexpr std::size_t kRun = 512;
    struct Run {
        std::shared_ptr<const std::vector<Factory>> owner; // keeps impacts' factories alive
        std::vector<FactoryImpact> impacts;
        std::string text;
    };

    Run format_run(std::shared_ptr<const std::vector<Factory>> owner,
                   std::span<const Factory> factories,
                   bool first) const {
        Run run;
        run.owner = std::move(owner);
        run.impacts.reserve(factories.size());
        std::ostringstream unused;
        Impl formatter(Impl::Fragments{}, unused, format_, assessor_);
        for (std::size_t i = 0; i < factories.size(); ++i) {
            run.impacts.push_back(assessor_.evaluate(factories[i]));
            formatter.format_factory(run.impacts.back(),
                                     first && i == 0 ? first_separator_ : separator_, run.text);
        }
        return run;
    }

    Impl& impl_;
    Format format_;
    ImpactAssessor& assessor_;
    std::size_t in_flight_;
    bool none_yet_;
    std::string first_separator_;
    std::string separator_;
    std::size_t launched_ = 0;
    std::deque<std::future<Run>> pending_;
};

void ImpactReportWriter::add_all(std::span<const Factory> factories,
                                 ImpactAssessor& assessor,
                                 unsigned threads) {
    threads = effective_threads(threads);
    if (threads == 1 || (format_ != Format::json && format_ != Format::csv)) {
        for (const auto& f : factories) {
            impl_->add(assessor.assess(f));
        }
        return;
    }
    Pipeline pipeline(*impl_, format_, assessor, threads);
    pipeline.push(nullptr, factories);
    pipeline.drain();
}

void ImpactReportWriter::add_streamed(const ChunkProducer& produce,
                                      ImpactAssessor& assessor,
                                      unsigned threads) {
    threads = effective_threads(threads);
    // The producer reads on its own thread; at most kQueued chunks wait, so memory stays
    // bounded by the chunks in flight, not by the input.
    constexpr std::size_t kQueued = 4;
    struct Cancelled {};
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Factory>> queue;
    bool done = false;
    bool cancelled = false;
    std::exception_ptr error;
    std::thread producer([&] {
        try {
            produce([&](std::vector<Factory>&& chunk) {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return queue.size() < kQueued || cancelled; });
                if (cancelled) {
                    throw Cancelled{};
                }
                queue.push_back(std::move(chunk));
                changed.notify_all();
            });
        } catch (const Cancelled&) { // NOLINT(bugprone-empty-catch): the consumer stopped
        } catch (...) {
            const std::lock_guard lock(mutex);
            error = std::current_exception();
        }
        const std::lock_guard lock(mutex);
        done = true;
        changed.notify_all();
    });
    // Whatever happens here, the producer is stopped and joined before this frame ends.
    struct Stop {
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& cancelled;
        std::thread& producer;
        ~Stop() {
            {
                const std::lock_guard lock(mutex);
                cancelled = true;
            }
            changed.notify_all();
            producer.join();
        }
    } stop{mutex, changed, cancelled, producer};
    const bool parallel = threads > 1 && (format_ == Format::json || format_ == Format::csv);
    std::optional<Pipeline> pipeline;
    if (parallel) {
        pipeline.emplace(*impl_, format_, assessor, threads);
    }
    while (true) {
        std::vector<Factory> chunk;
        {
            std::unique_lock lock(mutex);
            // While nothing new has been read, place what the workers have finished.
            while (queue.empty() && !done && !error && pipeline && pipeline->busy()) {
                lock.unlock();
                pipeline->place_one();
                lock.lock();
            }
            changed.wait(lock, [&] { return !queue.empty() || done || error; });
            if (error) {
                std::rethrow_exception(error);
            }
            if (queue.empty()) {
                break;
            }
            chunk = std::move(queue.front());
            queue.pop_front();
            changed.notify_all();
        }
        if (pipeline) {
            auto owner = std::make_shared<const std::vector<Factory>>(std::move(chunk));
            pipeline->push(owner, *owner);
        } else {
            for (const auto& f : chunk) {
                impl_->add(assessor.assess(f));
            }
        }
    }
    if (pipeline) {
        pipeline->drain();
    }
}

void ImpactReportWriter::finish(const std::vector<std::string>& warnings) {
    impl_->finish(warnings);
}

void write_impact_report(std::ostream& out,
                         Format format,
                         const Dataset& dataset,
                         const Scenario& scenario,
                         Currency currency,
                         unsigned threads) {
    check_currencies(dataset, currency);
    ImpactAssessor assessor(scenario, dataset.coefficients, dataset.fx, currency);
    ImpactReportWriter writer(out, format, assessor);
    writer.add_all(dataset.factories, assessor, threads);
    writer.finish(assessor.warnings());
}

} // namespace smartkpi
