// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// `smartkpi events kpi|pareto|merge`: event logs of machine states (issue 4). The library
// reads, sums and writes; this file chooses streams, draws the progress bar on a terminal
// and prints skipped rows and warnings on standard error (conventions §6).
#include "commands.hpp"
#include "common_options.hpp"
#include "output.hpp"

#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/io/calendar_input.hpp>
#include <smartkpi/io/event_log_input.hpp>
#include <smartkpi/io/event_partial_input.hpp>
#include <smartkpi/report/event_report.hpp>

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace smartkpi::cli {

namespace {

/// What `events kpi` and `events pareto` share.
struct LogOptions {
    std::string log;
    std::string calendar;
    std::string by = "site,line,machine,shift";
    std::string input_format = "auto";
    std::string on_error = "fail";
    std::size_t max_listed = 20;
    std::string min_failure_s = "0";
    unsigned threads = 0;
    bool quiet = false;
    bool emit_partials = false;
    std::string states = "down";
    OutputOptions output;
};

struct MergeOptions {
    std::vector<std::string> partials;
    std::string report = "kpi";
    std::string states = "down";
    bool emit_partials = false;
    OutputOptions output;
};

enum class Report { kpi, pareto };

/// "1.5" seconds as 1500 ms, exactly (conventions §27): at most 3 decimals.
std::int64_t parse_min_failure_ms(const std::string& text) {
    std::int64_t ms = 0;
    std::size_t i = 0;
    int decimals = -1;
    bool digits = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9' || decimals >= 3 || ms > 1'000'000'000'000'000) {
            break;
        }
        digits = true;
        ms = ms * 10 + (c - '0');
        if (decimals >= 0) {
            ++decimals;
        }
    }
    if (!digits || i != text.size()) {
        throw UsageError(fmt::format("--min-failure-s: '{}' is not a number of seconds >= 0 "
                                     "with at most 3 decimals",
                                     text));
    }
    for (int d = decimals < 0 ? 0 : decimals; d < 3; ++d) {
        ms *= 10;
    }
    return ms;
}

std::vector<MachineState> parse_states(const std::string& text) {
    std::vector<MachineState> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string name = text.substr(pos, comma - pos);
        const std::optional<MachineState> s = parse_machine_state(name);
        if (!s) {
            throw UsageError(fmt::format("--states: unknown state '{}' (expected down, setup, "
                                         "idle, planned_stop or producing, comma-separated)",
                                         name));
        }
        if (std::find(out.begin(), out.end(), *s) == out.end()) {
            out.push_back(*s);
        }
        pos = comma + 1;
    }
    return out;
}

OnError parse_on_error(const std::string& text) {
    if (text == "fail") {
        return OnError::fail;
    }
    if (text == "skip") {
        return OnError::skip;
    }
    throw UsageError("--on-error: unknown value '" + text + "' (expected fail or skip)");
}

/// A one-line progress bar on standard error, drawn only on a terminal: percent (when the
/// size is known), rows per second, MB per second and the time left; at most 10 times a
/// second; the line is cleared at the end.
class ProgressBar {
  public:
    ProgressBar(std::ostream& err, bool enabled)
        : err_(err), enabled_(enabled), start_(Clock::now()), last_(start_) {}
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    ~ProgressBar() { finish(); }

    void update(const EventLogProgress& p) {
        if (!enabled_) {
            return;
        }
        const Clock::time_point now = Clock::now();
        if (now - last_ < std::chrono::milliseconds(100)) {
            return;
        }
        last_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        if (seconds <= 0) {
            return;
        }
        const double rows_per_s = static_cast<double>(p.rows) / seconds;
        const double mb_per_s = static_cast<double>(p.bytes) / 1e6 / seconds;
        std::string line = "\r";
        if (p.total_bytes > 0) {
            const double fraction =
                std::min(1.0, static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes));
            line += fmt::format("{:5.1f}%  ", fraction * 100);
            if (fraction > 0) {
                line += fmt::format("ETA {:.0f} s  ", seconds * (1 - fraction) / fraction);
            }
        }
        line += fmt::format("{:.0f} rows  {:.2f} M rows/s  {:.1f} MB/s",
                            static_cast<double>(p.rows), rows_per_s / 1e6, mb_per_s);
        line += "\x1b[K"; // clear what a longer line left
        err_ << line << std::flush;
        drawn_ = true;
    }

    void finish() {
        if (drawn_) {
            err_ << "\r\x1b[K" << std::flush;
            drawn_ = false;
        }
    }

  private:
    using Clock = std::chrono::steady_clock;
    std::ostream& err_;
    bool enabled_;
    bool drawn_ = false;
    Clock::time_point start_;
    Clock::time_point last_;
};

/// The skipped rows and warnings of a table, one line each on standard error.
void print_problems(const EventTable& table, const std::string& input, Context& ctx) {
    for (const RowProblem& p : table.skipped) {
        ctx.err << fmt::format("smartkpi: skipped: {}:{}:{} ({}): {}\n",
                               p.source.empty() ? input : p.source, p.line, p.column, p.field,
                               p.message);
    }
    print_warnings(ctx.err, event_report_warnings(table));
}

void write_result(EventTable& table,
                  Report report,
                  const std::vector<MachineState>& states,
                  bool emit_partials,
                  const OutputOptions& o,
                  const EventReportContext& context,
                  Context& ctx) {
    const Format format = parse_format(o.format);
    OutputFile output(o.output, ctx.out);
    if (emit_partials) {
        write_event_partial(output.stream(), table);
    } else {
        close_table(table);
        if (report == Report::kpi) {
            write_event_kpi_report(output.stream(), table, format, context);
        } else {
            write_event_pareto_report(output.stream(), table, format, context, states);
        }
    }
    output.commit();
}

void run_log(const LogOptions& o, Report report, Context& ctx) {
    // Every option is checked before the log is read: a typo costs no minutes of reading.
    (void)parse_format(o.output.format);
    EventOptions options;
    options.by = parse_event_grouping(o.by);
    options.on_error = parse_on_error(o.on_error);
    options.max_listed = o.max_listed;
    options.min_failure_ms = parse_min_failure_ms(o.min_failure_s);
    options.reasons = report == Report::pareto;
    const std::vector<MachineState> states =
        report == Report::pareto ? parse_states(o.states) : std::vector<MachineState>{};
    EventLogReadOptions read;
    read.format = parse_event_log_format(o.input_format);
    read.threads = o.threads;
    if (!o.calendar.empty()) {
        const EncodingOption utf8;
        options.calendar = std::make_shared<const ShiftCalendar>(
            read_shift_calendar_json(read_input(o.calendar, utf8, ctx), o.calendar));
    }

    ProgressBar bar(ctx.err, !o.quiet && ::isatty(STDERR_FILENO) == 1);
    read.progress = [&bar](const EventLogProgress& p) { bar.update(p); };
    EventTable table = read_event_log(o.log, options, read);
    bar.finish();

    EventReportContext context;
    context.inputs = {o.log};
    context.threads = o.threads;
    write_result(table, report, states, o.emit_partials, o.output, context, ctx);
    print_problems(table, o.log, ctx);
}

void run_merge(const MergeOptions& o, Context& ctx) {
    (void)parse_format(o.output.format);
    const Report report = o.report == "pareto" ? Report::pareto : Report::kpi;
    const std::vector<MachineState> states =
        report == Report::pareto ? parse_states(o.states) : std::vector<MachineState>{};
    std::vector<EventTable> pieces;
    const EncodingOption utf8;
    for (const std::string& path : o.partials) {
        pieces.push_back(read_event_partial(read_input(path, utf8, ctx), path));
    }
    EventTable table = merge_tables(std::move(pieces));
    EventReportContext context;
    context.inputs = o.partials;
    write_result(table, report, states, o.emit_partials, o.output, context, ctx);
    print_problems(table, o.partials.size() == 1 ? o.partials.front() : std::string("-"), ctx);
}

void add_log_options(CLI::App& cmd, LogOptions& o) {
    cmd.add_option("-l,--log", o.log,
                   "Event log: CSV or JSON Lines, plain or gzip-compressed ('-' = standard "
                   "input)")
        ->required();
    cmd.add_option("--calendar", o.calendar,
                   "Shift calendar JSON (data/schema/calendar.schema.json): shifts from it, "
                   "days in its zone, gaps reported");
    cmd.add_option("--by", o.by,
                   "Grouping: a prefix of site,line,machine,shift, then optionally day, week "
                   "or month; or all")
        ->capture_default_str();
    cmd.add_option("--input-format", o.input_format, "Log format: auto (by content), csv, jsonl")
        ->check(CLI::IsMember({"auto", "csv", "jsonl"}))
        ->capture_default_str();
    cmd.add_option("--on-error", o.on_error,
                   "A bad row: fail (exit 65, naming file:line:column) or skip (count and list "
                   "it)")
        ->check(CLI::IsMember({"fail", "skip"}))
        ->capture_default_str();
    cmd.add_option("--max-listed", o.max_listed, "Skipped rows listed (the first ones)")
        ->capture_default_str();
    cmd.add_option("--min-failure-s", o.min_failure_s,
                   "DOWN episodes shorter than this many seconds are not failures")
        ->capture_default_str();
    cmd.add_option("-j,--threads", o.threads, "Worker threads (0 = every hardware thread)")
        ->capture_default_str();
    cmd.add_flag("-q,--quiet", o.quiet, "No progress bar (it is drawn only on a terminal)");
    cmd.add_flag("--emit-partials", o.emit_partials,
                 "Write the exact partial sums (JSON Lines) for `events merge` instead of a "
                 "report");
    add_output_options(cmd, o.output);
}

} // namespace

void add_events_command(CLI::App& app, Context& ctx) {
    CLI::App* events = app.add_subcommand(
        "events", "Event logs of machine states: OEE per shift, downtime Pareto, merge of parts");
    events->require_subcommand(1);

    auto kpi = std::make_shared<LogOptions>();
    CLI::App* cmd_kpi = events->add_subcommand(
        "kpi", "ISO 22400-2 time elements, quantities, A, E, QR, OEE, MTBF and MTTR per group");
    add_log_options(*cmd_kpi, *kpi);
    cmd_kpi->callback([kpi, &ctx] { run_log(*kpi, Report::kpi, ctx); });

    auto pareto = std::make_shared<LogOptions>();
    CLI::App* cmd_pareto = events->add_subcommand(
        "pareto", "Downtime Pareto per group: reasons by time, count, share, cumulative share");
    add_log_options(*cmd_pareto, *pareto);
    cmd_pareto
        ->add_option("--states", pareto->states,
                     "States whose reasons are ranked (comma-separated): down, setup, idle, "
                     "planned_stop")
        ->capture_default_str();
    cmd_pareto->callback([pareto, &ctx] { run_log(*pareto, Report::pareto, ctx); });

    auto merge = std::make_shared<MergeOptions>();
    CLI::App* cmd_merge = events->add_subcommand(
        "merge", "Join partial files (--emit-partials) of pieces of one log, given in log order");
    cmd_merge->add_option("partials", merge->partials, "Partial files, in log order")->required();
    cmd_merge->add_option("--report", merge->report, "Report to write: kpi or pareto")
        ->check(CLI::IsMember({"kpi", "pareto"}))
        ->capture_default_str();
    cmd_merge
        ->add_option("--states", merge->states,
                     "With --report pareto: states whose reasons are ranked")
        ->capture_default_str();
    cmd_merge->add_flag("--emit-partials", merge->emit_partials,
                        "Write the merged partial sums instead of a report");
    add_output_options(*cmd_merge, merge->output);
    cmd_merge->callback([merge, &ctx] { run_merge(*merge, ctx); });
}

} // namespace smartkpi::cli
