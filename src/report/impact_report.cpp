// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/coefficients_section.hpp"
#include "report/impact_text.hpp"
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

using detail::JsonWriter;

namespace {

constexpr std::string_view kFormatName = "smartkpi-impact-report/1";
constexpr std::string_view kQuotedPercent = "\"%\"";

void effects_json(JsonWriter& w, const Effects& e) {
    w.begin_object(true);
    auto one = [&](std::string_view key, const std::optional<double>& v) {
        w.key(key);
        w.value_or_null(v);
    };
    one("labour_productivity", e.labour_productivity);
    one("operating_cost", e.operating_cost);
    one("energy_intensity", e.energy_intensity);
    w.end_object();
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
            text_ = std::make_unique<detail::ImpactTextReport>(out_, format_, a_);
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
            text_->add(fi);
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
            text_->finish(warnings);
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

    template <class Src> void savings_json(const Src& src) {
        JsonWriter& w = *jw_;
        w.key("savings");
        w.begin_object();
        refresh_units(units_output_);
        for (Saving s : all_savings()) {
            w.key_literal(to_string(s));
            w.kpi_quoted(src.savings(s), quoted_saving_units_[static_cast<std::size_t>(s)]);
        }
        w.end_object();
        w.key("savings_relative");
        w.begin_object();
        for (Saving s : all_savings()) {
            w.key_literal(to_string(s));
            w.kpi_quoted(src.savings_relative(s), kQuotedPercent);
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
        savings_json(fi);
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
        savings_json(t);
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
        w.strings(warnings);
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
                    csv_number(line, src.savings_relative(s));
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
        csv_number(line, src.savings_relative(Saving::energy_kwh_eq));
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
        KpiValue savings_relative(Saving s) const { return fi.savings_relative(s); }
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

    std::ostream& out_;
    Format format_;
    const ImpactAssessor& a_;
    std::string currency_;
    std::unique_ptr<JsonWriter> json_;
    JsonWriter* jw_ = nullptr;                       // where JSON goes: the report, or a fragment
    std::string csv_;                                // CSV rows not yet placed
    std::unique_ptr<detail::ImpactTextReport> text_; // table and Markdown
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
