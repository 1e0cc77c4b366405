// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The reports of `events kpi` and `events pareto`. Logs give up to ~400,000 groups, so every
// format streams: text is built in one buffer with compiled formats and written in blocks of
// about 1 MB; the aligned table measures its columns in a first pass instead of keeping
// every cell.
#include "report/display.hpp"
#include "report/event_text.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/report/event_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace smartkpi {

namespace {

using detail::JsonWriter;

constexpr std::size_t kFlushAt = std::size_t{1} << 20;
constexpr double kMsPerHour = 3'600'000.0;

void flush(std::ostream& out, fmt::memory_buffer& buf) {
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
}

void flush_if_full(std::ostream& out, fmt::memory_buffer& buf) {
    if (buf.size() >= kFlushAt) {
        flush(out, buf);
    }
}

void require_closed(const EventTable& table) {
    if (!table.closed) {
        throw UsageError("the event table is not closed: close_table() counts the failures at "
                         "the edges of the log before a report is written");
    }
}

void append(fmt::memory_buffer& buf, std::string_view s) {
    buf.append(s.data(), s.data() + s.size());
}

template <class T> void append_integer(fmt::memory_buffer& buf, T v) {
    fmt::format_to(std::back_inserter(buf), FMT_COMPILE("{}"), v);
}

void append_csv(fmt::memory_buffer& buf, std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        append(buf, cell);
        return;
    }
    buf.push_back('"');
    for (const char c : cell) {
        if (c == '"') {
            buf.push_back('"');
        }
        buf.push_back(c);
    }
    buf.push_back('"');
}

/// The text of each key column of a group: labels, or days, weeks and months formatted once.
class KeyText {
  public:
    explicit KeyText(const EventTable& table) : table_(table), dims_(table.options.by.dims) {}

    /// Column names: the grouping's dimensions, or "group" for the single group "all".
    [[nodiscard]] std::vector<std::string> headers() const {
        std::vector<std::string> out;
        for (const EventDimension d : dims_) {
            out.emplace_back(to_string(d));
        }
        if (out.empty()) {
            out.emplace_back("group");
        }
        return out;
    }
    [[nodiscard]] std::size_t columns() const { return dims_.empty() ? 1 : dims_.size(); }
    [[nodiscard]] const std::vector<EventDimension>& dims() const { return dims_; }

    /// Column `j` of `key` ("all" for the grouping all).
    std::string_view part(std::size_t j, const EventKey& key) {
        if (dims_.empty()) {
            return "all";
        }
        const EventDimension d = dims_[j];
        if (d == EventDimension::day || d == EventDimension::week || d == EventDimension::month) {
            auto it = times_.find(key.time);
            if (it == times_.end()) {
                it = times_.emplace(key.time, format_event_time(d, key.time)).first;
            }
            return it->second;
        }
        const auto dim = static_cast<std::size_t>(d);
        const auto& labels = table_.labels[dim];
        if (key.ids[dim] >= labels.size()) {
            throw InternalError("event group key ranks beyond its labels");
        }
        return labels[key.ids[dim]];
    }

    /// Column `j` of `key` as a CSV cell, quoted where needed (labels are quoted once).
    std::string_view csv_part(std::size_t j, const EventKey& key) {
        if (dims_.empty() || static_cast<std::size_t>(dims_[j]) >= 4) {
            return part(j, key); // "all" and dates need no quotes
        }
        const auto dim = static_cast<std::size_t>(dims_[j]);
        auto& cells = csv_labels_[dim];
        if (cells.empty()) {
            for (const std::string& label : table_.labels[dim]) {
                fmt::memory_buffer buf;
                append_csv(buf, label);
                cells.emplace_back(buf.data(), buf.size());
            }
        }
        if (key.ids[dim] >= cells.size()) {
            throw InternalError("event group key ranks beyond its labels");
        }
        return cells[key.ids[dim]];
    }

    /// The group id: the parts joined with "/" ("S01/L1/S01-L1-M01/2026-01-05/A"; "all").
    std::string id(const EventKey& key) {
        std::string out;
        for (std::size_t j = 0; j < columns(); ++j) {
            if (j > 0) {
                out += '/';
            }
            out += part(j, key);
        }
        return out;
    }

  private:
    const EventTable& table_;
    std::vector<EventDimension> dims_;
    std::unordered_map<std::int32_t, std::string> times_;
    std::array<std::vector<std::string>, 4> csv_labels_;
};

std::string percent_cell(const KpiValue& v) {
    if (!v.available()) {
        return v.status() == KpiValue::Status::undefined ? "undefined" : "n/a";
    }
    return fmt::format("{:.1f}", v.value() * 100);
}

std::string hours_cell(std::int64_t ms) {
    return fmt::format("{:.2f}", static_cast<double>(ms) / kMsPerHour);
}

std::string hours_cell(const KpiValue& seconds) {
    if (!seconds.available()) {
        return seconds.status() == KpiValue::Status::undefined ? "undefined" : "n/a";
    }
    return fmt::format("{:.2f}", seconds.value() / 3600);
}

std::string count_cell(std::uint64_t v) {
    return detail::display_number(static_cast<double>(v));
}

/// A table streamed in two passes (widths, then text), so that memory does not grow with
/// the number of rows; Markdown needs one pass.
struct StreamedTable {
    std::vector<std::string> headers;
    std::vector<bool> right;

    void add(std::string header, bool align_right) {
        headers.push_back(std::move(header));
        right.push_back(align_right);
    }

    /// `fill(row, cells)` sets the cells of row `row` (0 <= row < rows).
    template <class Fill>
    void write(std::ostream& out, Format format, std::size_t rows, Fill&& fill) const {
        fmt::memory_buffer buf;
        std::vector<std::string> cells(headers.size());
        if (format == Format::markdown) {
            const auto line = [&](const std::vector<std::string>& row) {
                buf.push_back('|');
                for (const auto& cell : row) {
                    buf.push_back(' ');
                    for (const char c : cell) {
                        if (c == '|') {
                            buf.push_back('\\');
                        }
                        buf.push_back(c);
                    }
                    append(buf, " |");
                }
                buf.push_back('\n');
            };
            line(headers);
            buf.push_back('|');
            for (const bool r : right) {
                append(buf, r ? " ---: |" : " --- |");
            }
            buf.push_back('\n');
            for (std::size_t i = 0; i < rows; ++i) {
                fill(i, cells);
                line(cells);
                flush_if_full(out, buf);
            }
            flush(out, buf);
            return;
        }
        std::vector<std::size_t> widths(headers.size());
        for (std::size_t c = 0; c < headers.size(); ++c) {
            widths[c] = display_width(headers[c]);
        }
        for (std::size_t i = 0; i < rows; ++i) {
            fill(i, cells);
            for (std::size_t c = 0; c < cells.size(); ++c) {
                widths[c] = std::max(widths[c], display_width(cells[c]));
            }
        }
        std::string text;
        const auto line = [&](const std::vector<std::string>& row) {
            text.clear();
            for (std::size_t c = 0; c < row.size(); ++c) {
                const std::size_t fill_width = widths[c] - display_width(row[c]);
                if (right[c]) {
                    text.append(fill_width, ' ');
                    text += row[c];
                } else {
                    text += row[c];
                    text.append(fill_width, ' ');
                }
                if (c + 1 < row.size()) {
                    text += "  ";
                }
            }
            text.erase(text.find_last_not_of(' ') + 1);
            text += '\n';
            append(buf, text);
        };
        line(headers);
        for (std::size_t c = 0; c < headers.size(); ++c) {
            buf.append(std::string(widths[c], '-'));
            if (c + 1 < headers.size()) {
                append(buf, "  ");
            }
        }
        buf.push_back('\n');
        for (std::size_t i = 0; i < rows; ++i) {
            fill(i, cells);
            line(cells);
            flush_if_full(out, buf);
        }
        flush(out, buf);
    }
};

// Headings and paragraphs of the human formats.
class Prose {
  public:
    Prose(std::ostream& out, Format format) : out_(out), md_(format == Format::markdown) {}

    void heading(std::string_view text, int level) {
        if (md_) {
            out_ << std::string(static_cast<std::size_t>(level), '#') << ' ' << text << "\n\n";
        } else {
            out_ << text << '\n'
                 << std::string(display_width(text), level == 1 ? '=' : '-') << "\n\n";
        }
    }
    void paragraph(std::string_view text) { out_ << text << "\n\n"; }
    void bullets(const std::vector<std::string>& items) {
        for (const auto& item : items) {
            out_ << "- " << item << '\n';
        }
        out_ << '\n';
    }

  private:
    std::ostream& out_;
    bool md_;
};

std::string shift_text(const ShiftDefinition& s) {
    const int h = s.length_minutes / 60;
    const int m = s.length_minutes % 60;
    return fmt::format("{} {:02}:{:02} {}", s.name, s.start_minute / 60, s.start_minute % 60,
                       m == 0 ? fmt::format("{} h", h) : fmt::format("{} min", s.length_minutes));
}

std::string calendar_text(const ShiftCalendar& c) {
    std::vector<std::string> shifts;
    for (const ShiftDefinition& s : c.shifts()) {
        shifts.push_back(shift_text(s));
    }
    std::string out = "zone " + c.time_zone();
    for (const auto& s : shifts) {
        out += ", ";
        out += s;
    }
    return out;
}

std::string problem_text(const RowProblem& p) {
    if (p.source.empty()) {
        return fmt::format("line {}, column {} ({}): {}", p.line, p.column, p.field, p.message);
    }
    return fmt::format("{}:{}:{} ({}): {}", p.source, p.line, p.column, p.field, p.message);
}

// The paragraphs both human reports start with, after the title.
void intro(Prose& prose, const EventTable& table, std::string_view what) {
    std::string text = fmt::format("{} rows read, {} group{}. {}", table.rows, table.keys.size(),
                                   table.keys.size() == 1 ? "" : "s", what);
    if (table.options.min_failure_ms > 0) {
        text += fmt::format(" DOWN episodes shorter than {} s are not failures.",
                            detail::seconds_ms_text(table.options.min_failure_ms));
    }
    if (table.options.calendar) {
        text += fmt::format(" Shifts from the calendar ({}); a gap is shift time no row covers.",
                            calendar_text(*table.options.calendar));
    }
    prose.paragraph(text);
    if (table.skipped_count > 0) {
        prose.paragraph(fmt::format("--on-error skip: {} row{} skipped", table.skipped_count,
                                    table.skipped_count == 1 ? "" : "s"));
    }
}

// "Skipped rows" and "Warnings" sections, when not empty.
void closing_sections(Prose& prose, const EventTable& table) {
    if (!table.skipped.empty()) {
        prose.heading("Skipped rows", 2);
        std::vector<std::string> items;
        for (const RowProblem& p : table.skipped) {
            items.push_back(problem_text(p));
        }
        if (table.skipped_count > table.skipped.size()) {
            items.push_back(fmt::format("... and {} more (--max-listed {})",
                                        table.skipped_count - table.skipped.size(),
                                        table.options.max_listed));
        }
        prose.bullets(items);
    }
    const std::vector<std::string> warnings = event_report_warnings(table);
    if (!warnings.empty()) {
        prose.heading("Warnings", 2);
        prose.bullets(warnings);
    }
}

// ---------------------------------------------------------------------------------------
// JSON parts both reports share.

void write_calendar(JsonWriter& w, const ShiftCalendar* calendar) {
    if (calendar == nullptr) {
        w.null();
        return;
    }
    w.begin_object();
    w.key("time_zone").string(calendar->time_zone());
    w.key("shifts").begin_array();
    for (const ShiftDefinition& s : calendar->shifts()) {
        w.begin_object(true);
        w.key("name").string(s.name);
        w.key("start").string(fmt::format("{:02}:{:02}", s.start_minute / 60, s.start_minute % 60));
        w.key("length_min").integer(s.length_minutes);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void write_head(JsonWriter& w,
                const EventTable& table,
                const EventReportContext& context,
                std::string_view format) {
    w.key("format").string(format);
    w.key("inputs").strings(context.inputs, true);
    w.key("by").string(table.options.by.text());
    w.key("options").begin_object();
    w.key("on_error").string(to_string(table.options.on_error));
    w.key("max_listed").integer(static_cast<long long>(table.options.max_listed));
    fmt::memory_buffer min_failure;
    detail::append_seconds_ms(min_failure, table.options.min_failure_ms);
    w.key("min_failure_s").raw_value({min_failure.data(), min_failure.size()});
    w.key("calendar");
    write_calendar(w, table.options.calendar.get());
    w.end_object();
    w.key("columns").begin_object(true);
    w.key("shift").boolean(table.columns.shift);
    w.key("reason").boolean(table.columns.reason);
    w.key("counts").boolean(table.columns.counts);
    w.key("ideal_cycle").boolean(table.columns.ideal_cycle);
    w.end_object();
    w.key("rows").integer(static_cast<long long>(table.rows));
    w.key("skipped").begin_object();
    w.key("count").integer(static_cast<long long>(table.skipped_count));
    w.key("listed").begin_array();
    for (const RowProblem& p : table.skipped) {
        w.begin_object(true);
        w.key("source").string(p.source);
        w.key("line").integer(static_cast<long long>(p.line));
        w.key("column").integer(static_cast<long long>(p.column));
        w.key("field").string(p.field);
        w.key("message").string(p.message);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void write_key(JsonWriter& w, KeyText& keys, const EventKey& key) {
    w.key("id").string(keys.id(key));
    w.key("key").begin_object(true);
    for (std::size_t j = 0; j < keys.dims().size(); ++j) {
        w.key(to_string(keys.dims()[j])).string(keys.part(j, key));
    }
    w.end_object();
}

// {"value":<exact seconds>,"unit":"s"}
void quantity_ms(JsonWriter& w, std::string_view key, std::int64_t ms, fmt::memory_buffer& tmp) {
    tmp.clear();
    append(tmp, "{\"value\":");
    detail::append_seconds_ms(tmp, ms);
    append(tmp, ",\"unit\":\"s\"}");
    w.key_literal(key);
    w.raw_value({tmp.data(), tmp.size()});
}

void quantity_count(JsonWriter& w, std::string_view key, std::uint64_t v, fmt::memory_buffer& tmp) {
    tmp.clear();
    append(tmp, "{\"value\":");
    append_integer(tmp, v);
    append(tmp, ",\"unit\":\"1\"}");
    w.key_literal(key);
    w.raw_value({tmp.data(), tmp.size()});
}

void not_available(JsonWriter& w, std::string_view key, std::vector<std::string> missing) {
    w.key_literal(key);
    w.kpi(KpiValue::missing(std::move(missing)), {});
}

// ---------------------------------------------------------------------------------------
// events kpi

void write_group_body(JsonWriter& w,
                      const GroupSums& s,
                      const EventColumns& columns,
                      fmt::memory_buffer& tmp) {
    w.key("elements").begin_object();
    quantity_ms(w, "pbt", s.pbt_ms(), tmp);
    quantity_ms(w, "apt", s.ms(MachineState::producing), tmp);
    quantity_ms(w, "adet", s.ms(MachineState::down), tmp);
    quantity_ms(w, "aust", s.ms(MachineState::setup), tmp);
    quantity_ms(w, "adot", s.ms(MachineState::idle), tmp);
    quantity_ms(w, "planned_stop", s.ms(MachineState::planned_stop), tmp);
    if (columns.counts) {
        quantity_count(w, "pq", s.pq(), tmp);
        quantity_count(w, "gq", s.good, tmp);
        quantity_count(w, "sq", s.scrap, tmp);
        quantity_count(w, "rq", s.rework, tmp);
    } else {
        not_available(w, "pq", {"good", "scrap", "rework"});
        not_available(w, "gq", {"good"});
        not_available(w, "sq", {"scrap"});
        not_available(w, "rq", {"rework"});
    }
    if (columns.ideal_cycle) {
        tmp.clear();
        append(tmp, "{\"value\":");
        detail::append_seconds_us(tmp, s.ideal_us);
        append(tmp, ",\"unit\":\"s\"}");
        w.key_literal("ideal_time");
        w.raw_value({tmp.data(), tmp.size()});
    } else {
        not_available(w, "ideal_time", {"ideal_cycle_s"});
    }
    quantity_count(w, "failures", s.failures, tmp);
    quantity_ms(w, "gap", s.gap_ms, tmp);
    quantity_count(w, "gaps", s.gaps, tmp);
    w.end_object();
    const EventKpis k = event_kpis(s, columns);
    w.key("kpis").begin_object();
    w.key_literal("availability");
    w.kpi_quoted(k.availability, "\"%\"");
    w.key_literal("effectiveness");
    w.kpi_quoted(k.effectiveness, "\"%\"");
    w.key_literal("quality_ratio");
    w.kpi_quoted(k.quality_ratio, "\"%\"");
    w.key_literal("oee_index");
    w.kpi_quoted(k.oee, "\"%\"");
    w.key_literal("mtbf");
    w.kpi_quoted(k.mtbf, "\"s\"");
    w.key_literal("mttr");
    w.kpi_quoted(k.mttr, "\"s\"");
    w.end_object();
}

void write_kpi_json(std::ostream& out, const EventTable& table, const EventReportContext& c) {
    JsonWriter w(out);
    KeyText keys(table);
    fmt::memory_buffer tmp;
    w.begin_object();
    write_head(w, table, c, "smartkpi-events-report/1");
    w.key("groups").begin_array();
    for (std::size_t i = 0; i < table.keys.size(); ++i) {
        w.begin_object();
        write_key(w, keys, table.keys[i]);
        write_group_body(w, table.sums[i], table.columns, tmp);
        w.end_object();
    }
    w.end_array();
    w.key("total").begin_object();
    w.key("id").string("all");
    w.key("key").begin_object(true);
    w.end_object();
    write_group_body(w, table.total(), table.columns, tmp);
    w.end_object();
    w.key("warnings").strings(event_report_warnings(table));
    w.end_object();
    w.flush();
}

// A KPI value as a CSV cell: the number, or empty when it is missing or undefined.
void append_value(fmt::memory_buffer& buf, const KpiValue& v) {
    if (v.available()) {
        detail::append_number(buf, v.value());
    }
}

// The key columns of a CSV header ("site,line,machine,shift", "group").
void append_key_header(fmt::memory_buffer& buf, const KeyText& keys) {
    const auto headers = keys.headers();
    for (std::size_t j = 0; j < headers.size(); ++j) {
        if (j > 0) {
            buf.push_back(',');
        }
        append_csv(buf, headers[j]);
    }
}

// The CSV rows [from, to) into `buf`.
void kpi_csv_rows(fmt::memory_buffer& buf,
                  KeyText& keys,
                  const EventTable& table,
                  std::size_t from,
                  std::size_t to) {
    const bool counts = table.columns.counts;
    for (std::size_t i = from; i < to; ++i) {
        const EventKey& key = table.keys[i];
        const GroupSums& s = table.sums[i];
        for (std::size_t j = 0; j < keys.columns(); ++j) {
            if (j > 0) {
                buf.push_back(',');
            }
            append(buf, keys.csv_part(j, key));
        }
        for (const std::int64_t ms :
             {s.pbt_ms(), s.ms(MachineState::producing), s.ms(MachineState::down),
              s.ms(MachineState::setup), s.ms(MachineState::idle)}) {
            buf.push_back(',');
            detail::append_seconds_ms(buf, ms);
        }
        if (counts) {
            for (const std::uint64_t q : {s.pq(), s.good, s.scrap, s.rework}) {
                buf.push_back(',');
                append_integer(buf, q);
            }
        } else {
            append(buf, ",,,,");
        }
        const EventKpis k = event_kpis(s, table.columns);
        for (const KpiValue* v : {&k.availability, &k.effectiveness, &k.quality_ratio, &k.oee}) {
            buf.push_back(',');
            append_value(buf, *v);
        }
        buf.push_back('\n');
    }
}

// Hundreds of thousands of rows: formatted by `threads` workers a chunk each, written in
// order (the bytes do not depend on the thread count).
void write_kpi_csv(std::ostream& out, const EventTable& table, unsigned threads) {
    KeyText keys(table);
    fmt::memory_buffer buf;
    append_key_header(buf, keys);
    append(buf, ",pbt_s,apt_s,adet_s,aust_s,adot_s,pq,gq,sq,rq,availability,effectiveness,"
                "quality_ratio,oee\n");
    flush(out, buf);
    constexpr std::size_t kChunk = 8192;
    const std::size_t n = table.keys.size();
    const unsigned asked = threads != 0 ? threads : std::thread::hardware_concurrency();
    const unsigned workers = std::max(1U, std::min(asked, 16U));
    if (workers == 1 || n < 2 * kChunk) {
        for (std::size_t from = 0; from < n; from += kChunk) {
            kpi_csv_rows(buf, keys, table, from, std::min(n, from + kChunk));
            flush(out, buf);
        }
        return;
    }
    std::vector<fmt::memory_buffer> bufs(workers);
    std::vector<KeyText> texts(workers, keys);
    for (std::size_t wave = 0; wave < n; wave += kChunk * workers) {
        {
            std::vector<std::jthread> pool;
            for (unsigned w = 1; w < workers; ++w) {
                pool.emplace_back([&, w] {
                    const std::size_t from = std::min(n, wave + w * kChunk);
                    kpi_csv_rows(bufs[w], texts[w], table, from, std::min(n, from + kChunk));
                });
            }
            kpi_csv_rows(bufs[0], texts[0], table, wave, std::min(n, wave + kChunk));
        }
        for (fmt::memory_buffer& b : bufs) {
            flush(out, b);
        }
    }
}

std::string inputs_text(const EventReportContext& c) {
    return c.inputs.empty() ? std::string("-") : fmt::format("{}", fmt::join(c.inputs, ", "));
}

void write_kpi_text(std::ostream& out,
                    const EventTable& table,
                    Format format,
                    const EventReportContext& context) {
    Prose prose(out, format);
    prose.heading(
        fmt::format("Event-log KPIs by {} — {}", table.options.by.text(), inputs_text(context)), 1);
    intro(prose, table,
          "Times in h, rounded; A (availability), E (effectiveness), QR (quality ratio) and OEE "
          "in %, rounded; failures are DOWN episodes; MTBF = APT / failures, MTTR = DOWN / "
          "failures, in h.");
    KeyText keys(table);
    StreamedTable t;
    for (const auto& h : keys.headers()) {
        t.add(h, false);
    }
    const bool gaps = table.options.calendar != nullptr;
    for (const char* h : {"PBT h", "APT h", "DOWN h", "SETUP h", "IDLE h"}) {
        t.add(h, true);
    }
    if (gaps) {
        t.add("gap h", true);
    }
    for (const char* h :
         {"PQ", "GQ", "SQ", "RQ", "A %", "E %", "QR %", "OEE %", "failures", "MTBF h", "MTTR h"}) {
        t.add(h, true);
    }
    const GroupSums total = table.total();
    const bool counts = table.columns.counts;
    t.write(out, format, table.keys.size() + 1, [&](std::size_t i, std::vector<std::string>& row) {
        const bool is_total = i == table.keys.size();
        const GroupSums& s = is_total ? total : table.sums[i];
        std::size_t c = 0;
        for (std::size_t j = 0; j < keys.columns(); ++j) {
            row[c++] =
                is_total ? (j == 0 ? "total" : "") : std::string(keys.part(j, table.keys[i]));
        }
        row[c++] = hours_cell(s.pbt_ms());
        row[c++] = hours_cell(s.ms(MachineState::producing));
        row[c++] = hours_cell(s.ms(MachineState::down));
        row[c++] = hours_cell(s.ms(MachineState::setup));
        row[c++] = hours_cell(s.ms(MachineState::idle));
        if (gaps) {
            row[c++] = hours_cell(s.gap_ms);
        }
        for (const std::uint64_t q : {s.pq(), s.good, s.scrap, s.rework}) {
            row[c++] = counts ? count_cell(q) : "n/a";
        }
        const EventKpis k = event_kpis(s, table.columns);
        row[c++] = percent_cell(k.availability);
        row[c++] = percent_cell(k.effectiveness);
        row[c++] = percent_cell(k.quality_ratio);
        row[c++] = percent_cell(k.oee);
        row[c++] = count_cell(s.failures);
        row[c++] = hours_cell(k.mtbf);
        row[c++] = hours_cell(k.mttr);
    });
    out << '\n';
    closing_sections(prose, table);
}

// ---------------------------------------------------------------------------------------
// events pareto

struct ParetoEntry {
    MachineState state = MachineState::down;
    std::uint32_t reason = 0;
    std::int64_t time_ms = 0;
    std::uint64_t count = 0;
};

// Longest first; ties by reason in byte order (the ranks of the sorted reasons), then state.
void sort_entries(std::vector<ParetoEntry>& entries) {
    std::sort(entries.begin(), entries.end(), [](const ParetoEntry& a, const ParetoEntry& b) {
        if (a.time_ms != b.time_ms) {
            return a.time_ms > b.time_ms;
        }
        if (a.reason != b.reason) {
            return a.reason < b.reason;
        }
        return a.state < b.state;
    });
}

class Pareto {
  public:
    Pareto(const EventTable& table, std::span<const MachineState> states) : table_(table) {
        if (!table.options.reasons) {
            throw UsageError("the event table has no reasons: read the log (or make the partial "
                             "files) with reasons collected, as `events pareto` does");
        }
        for (const MachineState s : states) {
            wanted_[static_cast<std::size_t>(s)] = true;
        }
        for (const MachineState s : kMachineStates) {
            if (wanted_[static_cast<std::size_t>(s)]) {
                names_.emplace_back(to_string(s));
            }
        }
        if (names_.empty()) {
            throw UsageError("a Pareto needs at least one state");
        }
    }

    /// The entries of group `g`, sorted; groups must be asked for in order.
    const std::vector<ParetoEntry>& group(std::size_t g) {
        entries_.clear();
        const auto& sums = table_.reason_sums;
        while (next_ < sums.size() && sums[next_].group < g) {
            ++next_;
        }
        for (; next_ < sums.size() && sums[next_].group == g; ++next_) {
            add(sums[next_]);
        }
        sort_entries(entries_);
        return entries_;
    }

    /// The entries of the whole log, sorted.
    std::vector<ParetoEntry> total() const {
        std::vector<ParetoEntry> all(kMachineStateCount * table_.reasons.size());
        for (const ReasonSums& r : table_.reason_sums) {
            if (!wanted(r)) {
                continue;
            }
            check(r);
            ParetoEntry& e =
                all[static_cast<std::size_t>(r.state) * table_.reasons.size() + r.reason];
            e.state = r.state;
            e.reason = r.reason;
            e.time_ms += r.time_ms;
            e.count += r.count;
        }
        std::vector<ParetoEntry> out;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].time_ms != 0 || all[i].count != 0) {
                out.push_back(all[i]);
            }
        }
        sort_entries(out);
        return out;
    }

    [[nodiscard]] const std::vector<std::string>& state_names() const { return names_; }
    [[nodiscard]] const std::string& reason(const ParetoEntry& e) const {
        return table_.reasons[e.reason];
    }

  private:
    [[nodiscard]] bool wanted(const ReasonSums& r) const {
        return wanted_[static_cast<std::size_t>(r.state)];
    }
    void check(const ReasonSums& r) const {
        if (r.reason >= table_.reasons.size() || r.group >= table_.keys.size()) {
            throw InternalError("reason sums rank beyond the table's reasons or groups");
        }
    }
    void add(const ReasonSums& r) {
        if (!wanted(r)) {
            return;
        }
        check(r);
        entries_.push_back({r.state, r.reason, r.time_ms, r.count});
    }

    const EventTable& table_;
    std::array<bool, kMachineStateCount> wanted_{};
    std::vector<std::string> names_;
    std::vector<ParetoEntry> entries_;
    std::size_t next_ = 0;
};

std::int64_t total_ms(const std::vector<ParetoEntry>& entries) {
    std::int64_t t = 0;
    for (const auto& e : entries) {
        t += e.time_ms;
    }
    return t;
}

KpiValue share(std::int64_t part_ms, std::int64_t total) {
    return ratio(static_cast<double>(part_ms), static_cast<double>(total), "time");
}

KpiValue mean_seconds(const ParetoEntry& e) {
    return ratio(static_cast<double>(e.time_ms) / 1000, static_cast<double>(e.count), "count");
}

void write_pareto_entries(JsonWriter& w,
                          const Pareto& p,
                          const std::vector<ParetoEntry>& entries,
                          const GroupSums& s,
                          const EventColumns& columns,
                          fmt::memory_buffer& tmp) {
    const std::int64_t total = total_ms(entries);
    quantity_ms(w, "time", total, tmp);
    const EventKpis k = event_kpis(s, columns);
    quantity_count(w, "failures", s.failures, tmp);
    w.key_literal("mtbf");
    w.kpi_quoted(k.mtbf, "\"s\"");
    w.key_literal("mttr");
    w.kpi_quoted(k.mttr, "\"s\"");
    w.key("reasons").begin_array();
    std::int64_t cumulative = 0;
    for (const ParetoEntry& e : entries) {
        cumulative += e.time_ms;
        w.begin_object(true);
        w.key_literal("state");
        w.string(to_string(e.state));
        w.key_literal("reason");
        w.string(p.reason(e));
        quantity_ms(w, "time", e.time_ms, tmp);
        w.key_literal("count");
        w.integer(static_cast<long long>(e.count));
        w.key_literal("share");
        w.kpi_quoted(share(e.time_ms, total), "\"%\"");
        w.key_literal("cumulative_share");
        w.kpi_quoted(share(cumulative, total), "\"%\"");
        w.key_literal("mean");
        w.kpi_quoted(mean_seconds(e), "\"s\"");
        w.end_object();
    }
    w.end_array();
}

void write_pareto_json(std::ostream& out,
                       const EventTable& table,
                       Pareto& p,
                       const EventReportContext& c) {
    JsonWriter w(out);
    KeyText keys(table);
    fmt::memory_buffer tmp;
    w.begin_object();
    write_head(w, table, c, "smartkpi-events-pareto/1");
    w.key("states").strings(p.state_names(), true);
    w.key("groups").begin_array();
    for (std::size_t i = 0; i < table.keys.size(); ++i) {
        w.begin_object();
        write_key(w, keys, table.keys[i]);
        write_pareto_entries(w, p, p.group(i), table.sums[i], table.columns, tmp);
        w.end_object();
    }
    w.end_array();
    w.key("total").begin_object();
    w.key("id").string("all");
    w.key("key").begin_object(true);
    w.end_object();
    write_pareto_entries(w, p, p.total(), table.total(), table.columns, tmp);
    w.end_object();
    w.key("warnings").strings(event_report_warnings(table));
    w.end_object();
    w.flush();
}

void write_pareto_csv(std::ostream& out, const EventTable& table, Pareto& p) {
    KeyText keys(table);
    fmt::memory_buffer buf;
    append_key_header(buf, keys);
    append(buf, ",state,reason,time_s,count,share,cumulative_share,mean_s,failures,mtbf_s,"
                "mttr_s\n");
    for (std::size_t i = 0; i < table.keys.size(); ++i) {
        const std::vector<ParetoEntry>& entries = p.group(i);
        if (entries.empty()) {
            continue;
        }
        const GroupSums& s = table.sums[i];
        const EventKpis k = event_kpis(s, table.columns);
        const std::int64_t total = total_ms(entries);
        std::int64_t cumulative = 0;
        for (const ParetoEntry& e : entries) {
            cumulative += e.time_ms;
            for (std::size_t j = 0; j < keys.columns(); ++j) {
                append(buf, keys.csv_part(j, table.keys[i]));
                buf.push_back(',');
            }
            append(buf, to_string(e.state));
            buf.push_back(',');
            append_csv(buf, p.reason(e));
            buf.push_back(',');
            detail::append_seconds_ms(buf, e.time_ms);
            buf.push_back(',');
            append_integer(buf, e.count);
            buf.push_back(',');
            append_value(buf, share(e.time_ms, total));
            buf.push_back(',');
            append_value(buf, share(cumulative, total));
            buf.push_back(',');
            append_value(buf, mean_seconds(e));
            buf.push_back(',');
            append_integer(buf, s.failures);
            buf.push_back(',');
            append_value(buf, k.mtbf);
            buf.push_back(',');
            append_value(buf, k.mttr);
            buf.push_back('\n');
        }
        flush_if_full(out, buf);
    }
    flush(out, buf);
}

std::string minutes_cell(const KpiValue& seconds) {
    if (!seconds.available()) {
        return seconds.status() == KpiValue::Status::undefined ? "undefined" : "n/a";
    }
    return fmt::format("{:.1f}", seconds.value() / 60);
}

void write_pareto_text(std::ostream& out,
                       const EventTable& table,
                       Format format,
                       Pareto& p,
                       const EventReportContext& c) {
    Prose prose(out, format);
    const std::string states = fmt::format("{}", fmt::join(p.state_names(), ", "));
    prose.heading(fmt::format("Pareto of {} reasons by {} — {}", states, table.options.by.text(),
                              inputs_text(c)),
                  1);
    intro(prose, table,
          "Reasons per group, longest time first. Times in h, mean in min, shares in %, "
          "rounded; (none) = no reason given. Failures are DOWN episodes; MTBF = APT / "
          "failures, MTTR = DOWN / failures, in h, on each group's first row.");

    // Rows: (group, entry) pairs of the groups that have entries.
    struct Row {
        std::size_t group;
        ParetoEntry entry;
        std::int64_t cumulative_ms;
        std::int64_t total_ms;
        bool first;
    };
    const auto add_columns = [](StreamedTable& t, const std::vector<std::string>& key_headers) {
        for (const auto& h : key_headers) {
            t.add(h, false);
        }
        t.add("state", false);
        t.add("reason", false);
        for (const char* h :
             {"time h", "count", "share %", "cum. %", "mean min", "failures", "MTBF h", "MTTR h"}) {
            t.add(h, true);
        }
    };
    KeyText keys(table);
    const auto fill_entry = [&](std::vector<std::string>& row, std::size_t& col, const Row& r,
                                const GroupSums& s) {
        row[col++] = std::string(to_string(r.entry.state));
        const std::string& reason = p.reason(r.entry);
        row[col++] = reason.empty() ? "(none)" : reason;
        row[col++] = hours_cell(r.entry.time_ms);
        row[col++] = count_cell(r.entry.count);
        row[col++] = percent_cell(share(r.entry.time_ms, r.total_ms));
        row[col++] = percent_cell(share(r.cumulative_ms, r.total_ms));
        row[col++] = minutes_cell(mean_seconds(r.entry));
        if (r.first) {
            const EventKpis k = event_kpis(s, table.columns);
            row[col++] = count_cell(s.failures);
            row[col++] = hours_cell(k.mtbf);
            row[col++] = hours_cell(k.mttr);
        } else {
            row[col++] = "";
            row[col++] = "";
            row[col++] = "";
        }
    };

    // The rows are made again in each pass: count them first.
    std::size_t rows = 0;
    {
        Pareto counter = p;
        for (std::size_t i = 0; i < table.keys.size(); ++i) {
            rows += counter.group(i).size();
        }
    }
    if (rows == 0) {
        prose.paragraph(fmt::format("No time in {} in the log.", states));
    } else {
        StreamedTable t;
        add_columns(t, keys.headers());
        // A cursor that walks the groups' entries in order, restarted for each pass.
        struct Cursor {
            Pareto pareto;
            std::size_t group = 0;
            std::size_t index = 0;
            std::int64_t cumulative = 0;
            std::int64_t total = 0;
            const std::vector<ParetoEntry>* entries = nullptr;
        };
        std::optional<Cursor> cursor;
        t.write(out, format, rows, [&](std::size_t i, std::vector<std::string>& row) {
            if (i == 0) {
                cursor.emplace(Cursor{p, 0, 0, 0, 0, nullptr});
            }
            Cursor& cur = *cursor;
            while (cur.entries == nullptr || cur.index >= cur.entries->size()) {
                if (cur.entries != nullptr) {
                    ++cur.group;
                }
                cur.entries = &cur.pareto.group(cur.group);
                cur.index = 0;
                cur.cumulative = 0;
                cur.total = total_ms(*cur.entries);
            }
            const ParetoEntry& e = (*cur.entries)[cur.index];
            cur.cumulative += e.time_ms;
            const Row r{cur.group, e, cur.cumulative, cur.total, cur.index == 0};
            ++cur.index;
            std::size_t col = 0;
            for (std::size_t j = 0; j < keys.columns(); ++j) {
                row[col++] = r.first ? std::string(keys.part(j, table.keys[r.group])) : "";
            }
            fill_entry(row, col, r, table.sums[r.group]);
        });
        out << '\n';
    }

    // The whole log.
    prose.heading("Whole log", 2);
    const std::vector<ParetoEntry> all = p.total();
    if (all.empty()) {
        prose.paragraph(fmt::format("No time in {} in the log.", states));
    } else {
        StreamedTable t;
        add_columns(t, {});
        const GroupSums total = table.total();
        const std::int64_t total_time = total_ms(all);
        std::int64_t cumulative = 0;
        t.write(out, format, all.size(), [&](std::size_t i, std::vector<std::string>& row) {
            if (i == 0) {
                cumulative = 0;
            }
            cumulative += all[i].time_ms;
            std::size_t col = 0;
            fill_entry(row, col, Row{0, all[i], cumulative, total_time, i == 0}, total);
        });
        out << '\n';
    }
    closing_sections(prose, table);
}

} // namespace

std::vector<std::string> event_report_warnings(const EventTable& table) {
    std::vector<std::string> out = table.warnings;
    // The log reader and merge say so themselves; a table built otherwise gets the line.
    const bool said = std::any_of(
        out.begin(), out.end(), [](const std::string& w) { return w.rfind(kSkipWarning, 0) == 0; });
    if (table.skipped_count > 0 && !said) {
        out.push_back(skipped_warning(table));
    }
    // As kpi compute does: an effectiveness above 100 % is shown, not clamped, and flagged
    // (E > 1 exactly when the ideal time exceeds APT: compared on the integer sums).
    if (table.columns.counts && table.columns.ideal_cycle) {
        std::size_t above = 0;
        std::size_t first = 0;
        for (std::size_t i = 0; i < table.sums.size(); ++i) {
            const GroupSums& s = table.sums[i];
            const std::int64_t apt = s.ms(MachineState::producing);
            if (apt > 0 && s.ideal_us > ExactSum{apt} * 1000) {
                first = above == 0 ? i : first;
                ++above;
            }
        }
        if (above > 0) {
            KeyText keys(table);
            out.push_back(fmt::format(
                "effectiveness above 100 % in {} of {} groups (first: {}): the ideal cycle "
                "times may be too long, or the counts of an interval split at a shift "
                "boundary went to the piece that holds its end (conventions §25)",
                above, table.keys.size(), keys.id(table.keys[first])));
        }
    }
    return out;
}

void write_event_kpi_report(std::ostream& out,
                            const EventTable& table,
                            Format format,
                            const EventReportContext& context) {
    require_closed(table);
    switch (format) {
    case Format::json:
        write_kpi_json(out, table, context);
        return;
    case Format::csv:
        write_kpi_csv(out, table, context.threads);
        return;
    case Format::table:
    case Format::markdown:
        write_kpi_text(out, table, format, context);
        return;
    }
}

void write_event_pareto_report(std::ostream& out,
                               const EventTable& table,
                               Format format,
                               const EventReportContext& context,
                               std::span<const MachineState> states) {
    require_closed(table);
    Pareto p(table, states);
    switch (format) {
    case Format::json:
        write_pareto_json(out, table, p, context);
        return;
    case Format::csv:
        write_pareto_csv(out, table, p);
        return;
    case Format::table:
    case Format::markdown:
        write_pareto_text(out, table, format, p, context);
        return;
    }
}

} // namespace smartkpi
