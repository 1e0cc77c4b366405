// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Harnesses for the dataset and scenario readers and the impact report over what they read:
// only smartkpi::Error may escape them; anything else (or a crash) is a finding.
#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/io/calendar_input.hpp>
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/energy_series_input.hpp>
#include <smartkpi/io/event_log_input.hpp>
#include <smartkpi/io/event_partial_input.hpp>
#include <smartkpi/io/impact_report_input.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/work_unit_input.hpp>
#include <smartkpi/model/machine_state.hpp>
#include <smartkpi/report/decomposition_report.hpp>
#include <smartkpi/report/event_report.hpp>
#include <smartkpi/report/impact_report.hpp>
#include <smartkpi/report/kpi_report.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace {

[[maybe_unused]] void report_all_formats(const smartkpi::Dataset& ds) {
    smartkpi::Scenario s;
    s.name = "fuzz";
    s.effects.labour_productivity = 0.5;
    s.effects.operating_cost = -0.3;
    s.effects.energy_intensity = -0.138;
    for (auto f : {smartkpi::Format::json, smartkpi::Format::csv, smartkpi::Format::table}) {
        std::ostringstream out;
        smartkpi::write_impact_report(out, f, ds, s);
    }
}

// The ISO 22400 path end to end: lenient checks, every grouping, every report format.
[[maybe_unused]] void kpi_reports(smartkpi::WorkUnitSet set) {
    smartkpi::KpiReportContext context;
    context.lenient = true;
    context.warnings = smartkpi::check_work_units(set.units, true);
    for (auto by : {smartkpi::GroupBy::unit, smartkpi::GroupBy::line, smartkpi::GroupBy::all}) {
        const auto rollup = smartkpi::roll_up(set.units, by);
        for (auto f : {smartkpi::Format::json, smartkpi::Format::csv, smartkpi::Format::table}) {
            std::ostringstream out;
            smartkpi::write_kpi_report(out, f, rollup, context);
        }
    }
}

// A calendar's slots hold the instants asked for, agree with their own ends, and survive the
// canonical text; a violation aborts (a finding), a smartkpi::Error does not.
[[maybe_unused]] void check_calendar(const smartkpi::ShiftCalendar& calendar,
                                     std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL; // FNV-1a of the input: instants vary with it
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    constexpr std::int64_t kDay = 86'400'000;
    const std::array<std::int64_t, 8> instants = {
        0,
        -1,
        1767571200000,
        1774746000000,
        1792879200000,
        -25567 * kDay,
        2932800 * kDay,
        static_cast<std::int64_t>(h % (200ULL * 365 * kDay)) - 36'500 * kDay};
    for (const std::int64_t t : instants) {
        const auto slot = calendar.slot_at(t);
        if (slot.begin_ms > t || slot.end_ms <= t ||
            calendar.slot_at(slot.begin_ms).begin_ms != slot.begin_ms ||
            calendar.slot_at(slot.end_ms - 1).end_ms != slot.end_ms ||
            calendar.slot_at(slot.end_ms).begin_ms != slot.end_ms) {
            std::abort();
        }
        (void)calendar.shift_label(slot);
    }
    const std::string canonical = calendar.canonical();
    try {
        if (smartkpi::ShiftCalendar::parse_canonical(canonical).canonical() != canonical) {
            std::abort();
        }
    } catch (const smartkpi::Error&) {
        std::abort(); // the canonical text of a valid calendar must read back
    }
}

// ---- event logs (issue 4) ------------------------------------------------------------------

[[maybe_unused]] bool same_seam(const smartkpi::MachineSeam& a, const smartkpi::MachineSeam& b) {
    return a.ids == b.ids && a.first_start_ms == b.first_start_ms &&
           a.first_end_ms == b.first_end_ms && a.first_state == b.first_state &&
           a.first_line == b.first_line && a.last_start_ms == b.last_start_ms &&
           a.last_end_ms == b.last_end_ms && a.last_state == b.last_state &&
           a.head_ms == b.head_ms && a.head_key == b.head_key && a.head_open == b.head_open &&
           a.tail_ms == b.tail_ms && a.tail_key == b.tail_key;
}

// Everything that a thread count, or a partial file's round trip, must not change.
[[maybe_unused]] bool same_table(const smartkpi::EventTable& a, const smartkpi::EventTable& b) {
    if (a.labels != b.labels || a.keys != b.keys || a.sums != b.sums || a.reasons != b.reasons ||
        a.reason_sums.size() != b.reason_sums.size() || a.machines.size() != b.machines.size() ||
        a.skipped.size() != b.skipped.size() || a.skipped_count != b.skipped_count ||
        a.rows != b.rows || a.bytes != b.bytes || a.columns != b.columns ||
        a.warnings != b.warnings || a.closed != b.closed) {
        return false;
    }
    for (std::size_t i = 0; i < a.reason_sums.size(); ++i) {
        const auto& x = a.reason_sums[i];
        const auto& y = b.reason_sums[i];
        if (x.group != y.group || x.state != y.state || x.reason != y.reason ||
            x.time_ms != y.time_ms || x.count != y.count) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.machines.size(); ++i) {
        if (!same_seam(a.machines[i], b.machines[i])) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.skipped.size(); ++i) {
        const auto& x = a.skipped[i];
        const auto& y = b.skipped[i];
        if (x.source != y.source || x.offset != y.offset || x.line != y.line ||
            x.column != y.column || x.field != y.field || x.message != y.message) {
            return false;
        }
    }
    return true;
}

// A read: the table, or the one-line message of the smartkpi::Error it threw. An
// InternalError is a broken invariant, so a finding.
struct EventRead {
    std::optional<smartkpi::EventTable> table;
    std::string error; ///< where and message (not what(): a NUL of the input would cut it)
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;
};

// The name of the log in messages, and the file that `as_file` reads: the same, so that
// messages that name the log agree. Removed when the process ends.
[[maybe_unused]] const std::string& event_log_path() {
    struct TempFile {
        std::string path = (std::filesystem::temp_directory_path() /
                            ("smartkpi-fuzz-events-" + std::to_string(::getpid()) + ".log"))
                               .string();
        TempFile() = default;
        TempFile(const TempFile&) = delete;
        TempFile& operator=(const TempFile&) = delete;
        ~TempFile() {
            std::error_code ec;
            std::filesystem::remove(path, ec);
        }
    };
    static const TempFile file;
    return file.path;
}

// With `as_file`, the text is written to event_log_path() and read as a file: plain files
// read with --on-error fail and several threads give each worker a region of its own (here
// of any size), joined at the seams like `events merge` joins pieces.
[[maybe_unused]] EventRead read_events(std::string_view text,
                                       smartkpi::EventLogFormat format,
                                       const smartkpi::EventOptions& options,
                                       unsigned threads,
                                       bool as_file = false) {
    const std::string& path = event_log_path();
    smartkpi::EventLogReadOptions read_options;
    read_options.format = format;
    read_options.threads = threads;
    read_options.min_region_bytes = 1;
    try {
        EventRead read;
        if (!as_file) {
            read.table = smartkpi::read_event_log_text(text, path, options, read_options);
        } else {
            {
                std::ofstream out(path, std::ios::binary | std::ios::trunc);
                out.write(text.data(), static_cast<std::streamsize>(text.size()));
                if (!out) {
                    std::abort(); // the harness's own temporary file
                }
            }
            read.table = smartkpi::read_event_log(path, options, read_options);
        }
        return read;
    } catch (const smartkpi::InternalError&) {
        std::abort();
    } catch (const smartkpi::Error& e) {
        EventRead read;
        read.error = e.where().to_string() + ": " + e.message();
        read.line = e.where().line;
        read.column = e.where().column;
        read.message = e.message();
        return read;
    }
}

// The table written as a partial file reads back equal, and writes back to the same text.
[[maybe_unused]] void check_partial_round_trip(const smartkpi::EventTable& table) {
    std::ostringstream first;
    smartkpi::write_event_partial(first, table);
    try {
        smartkpi::EventTable back = smartkpi::read_event_partial(first.str(), "fuzz.partial");
        std::ostringstream second;
        smartkpi::write_event_partial(second, back);
        if (!same_table(table, back) || second.str() != first.str()) {
            std::abort();
        }
        // Closed, both give the same sums (the failures of the runs at the edges included).
        smartkpi::EventTable closed = table;
        smartkpi::close_table(closed);
        smartkpi::close_table(back);
        if (!same_table(closed, back)) {
            std::abort();
        }
    } catch (const smartkpi::Error&) {
        std::abort(); // a partial the library wrote must read back
    }
}

// Every report format of both reports over a closed table read with reasons; they must not
// throw at all.
[[maybe_unused]] void write_event_reports(const smartkpi::EventTable& table) {
    smartkpi::EventReportContext context;
    context.inputs = {"fuzz.log"};
    try {
        for (auto f : {smartkpi::Format::table, smartkpi::Format::json, smartkpi::Format::csv,
                       smartkpi::Format::markdown}) {
            std::ostringstream kpi;
            smartkpi::write_event_kpi_report(kpi, table, f, context);
            std::ostringstream pareto;
            smartkpi::write_event_pareto_report(pareto, table, f, context);
            std::ostringstream all_states;
            smartkpi::write_event_pareto_report(all_states, table, f, context,
                                                smartkpi::kMachineStates);
        }
        (void)smartkpi::event_report_warnings(table);
    } catch (const smartkpi::Error&) {
        std::abort();
    }
}

// Σ time of the rows that a skipping read by "all" accepts (saturating); none when the read
// fails as a whole.
[[maybe_unused]] std::optional<std::int64_t> event_log_span_ms(std::string_view text,
                                                               smartkpi::EventLogFormat format) {
    smartkpi::EventOptions options;
    options.by = smartkpi::parse_event_grouping("all");
    options.on_error = smartkpi::OnError::skip;
    const EventRead read = read_events(text, format, options, 1);
    if (!read.table) {
        return std::nullopt;
    }
    std::int64_t total = 0;
    for (const std::int64_t ms : read.table->total().state_ms) {
        total = ms > INT64_MAX - total ? INT64_MAX : total + ms;
    }
    return total;
}

// The text as an event log, grouped by one of site,line,machine,shift / all / line and ISO
// week (chosen by a hash of the input, so that an input always runs the same way and each
// run stays cheap). Skipping bad rows, 1 and 2 threads must give the same table (the listed
// rows included), or the same error; failing must stop at the first row skipping listed.
// The table then goes through the partial round trip and every report. An interval is split at
// every week boundary it crosses, so the week grouping runs only when the accepted rows span at
// most 1000 days together: a row from 1970 to 9999 is 400,000 weeks, slow but not a finding.
[[maybe_unused]] void check_event_log(std::string_view text, smartkpi::EventLogFormat format) {
    std::uint64_t h = 14695981039346656037ULL; // FNV-1a
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    constexpr std::array<std::string_view, 3> kGroupings = {"site,line,machine,shift", "all",
                                                            "line,week"};
    const std::string_view by = kGroupings[h % kGroupings.size()];
    if (by == "line,week") {
        constexpr std::int64_t kMaxWeekSpanMs = 1000LL * 86'400'000;
        const auto span = event_log_span_ms(text, format);
        if (!span || *span > kMaxWeekSpanMs) {
            return;
        }
    }
    smartkpi::EventOptions options;
    options.by = smartkpi::parse_event_grouping(by);
    options.reasons = true;
    options.max_listed = 2; // fewer than the bad rows of most inputs: the first ones
    options.on_error = smartkpi::OnError::skip;
    EventRead one = read_events(text, format, options, 1);
    const EventRead two = read_events(text, format, options, 2);
    if (one.table.has_value() != two.table.has_value() || one.error != two.error ||
        (one.table && !same_table(*one.table, *two.table))) {
        std::abort();
    }
    // Failing stops at the first problem by position: the first row the skipping read
    // listed (or, when it skipped nothing, the same table).
    options.on_error = smartkpi::OnError::fail;
    const EventRead failing = read_events(text, format, options, 2);
    if (format == smartkpi::EventLogFormat::csv) {
        // The same as a file in 3 regions: the same table, or the same first error.
        const EventRead regions = read_events(text, format, options, 3, true);
        if (failing.table.has_value() != regions.table.has_value() ||
            failing.message != regions.message || failing.line != regions.line ||
            failing.column != regions.column ||
            (failing.table && !same_table(*failing.table, *regions.table))) {
            std::abort();
        }
    }
    if (!one.table) {
        if (failing.table) {
            std::abort(); // a problem of the whole input stops failing too (maybe earlier,
                          // at a bad row: JSON Lines knows its keys only at the end)
        }
    } else if (one.table->skipped_count == 0) {
        if (!failing.table || failing.table->keys != one.table->keys ||
            failing.table->sums != one.table->sums) {
            std::abort();
        }
    } else {
        const smartkpi::RowProblem& first = one.table->skipped.front();
        if (failing.table || failing.message != first.message || failing.line != first.line ||
            failing.column != first.column) {
            std::abort();
        }
    }
    if (one.table) {
        check_partial_round_trip(*one.table);
        smartkpi::close_table(*one.table);
        write_event_reports(*one.table);
    }
}

// ---- energy series (issue 5) ---------------------------------------------------------------

// A series set that reads is sorted, free of overlaps and rectangular (every column one value
// per period, every factory the same drivers); then the baseline engine runs on the first
// series with the upgrade at its middle period: it may reject the data, never crash.
[[maybe_unused]] void check_energy_series(const smartkpi::EnergySeriesSet& set) {
    if (set.series.empty()) {
        std::abort(); // no periods is an error, not an empty set
    }
    for (const smartkpi::EnergySeries& s : set.series) {
        const std::size_t n = s.size();
        if (n == 0 || s.start.size() != n || s.end.size() != n || s.lines.size() != n ||
            s.drivers.size() != s.driver_names.size() ||
            s.driver_names != set.series.front().driver_names) {
            std::abort();
        }
        for (const auto& values : s.drivers) {
            if (values.size() != n) {
                std::abort();
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double e = s.energy[i];
            if (s.end[i] <= s.start[i] || (i > 0 && s.start[i] < s.end[i - 1]) ||
                (!std::isnan(e) && !(e >= 0 && std::isfinite(e)))) {
                std::abort();
            }
        }
        (void)s.granularity();
    }
    smartkpi::BaselineOptions options;
    const smartkpi::EnergySeries& first = set.series.front();
    options.upgrade = first.start[first.size() / 2];
    try {
        (void)smartkpi::fit_baseline(first, options);
    } catch (const smartkpi::InternalError&) {
        std::abort();
    } catch (const smartkpi::Error&) {
    }
}

// ---- energy decomposition (issue 5) --------------------------------------------------------

// Text that a report must never hold: a number printed from NaN or infinity ("nan", "inf",
// any case). Words that merely contain the letters ("information", "financial") are not
// numbers: the match must not continue a word.
[[maybe_unused]] bool has_non_finite_text(std::string_view text) {
    const auto lower = [](char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    };
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    for (const std::string_view word : {std::string_view("nan"), std::string_view("inf")}) {
        for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
            bool same = true;
            for (std::size_t k = 0; k < word.size() && same; ++k) {
                same = lower(text[i + k]) == word[k];
            }
            if (same && (i == 0 || !letter(text[i - 1])) &&
                (i + word.size() == text.size() || !letter(text[i + word.size()]) ||
                 text.substr(i + word.size(), 5) == "inity")) {
                return true;
            }
        }
    }
    return false;
}

// The input's own strings reach the report (ids, sectors, the scenario, missing inputs): with
// every "n" made "m" they cannot spell "nan" or "inf", so any that the report holds is a number.
// The same map for every string keeps equal ids equal.
[[maybe_unused]] void scrub_strings(smartkpi::ImpactReportPeriods& periods) {
    const auto scrub = [](std::string& s) {
        for (char& c : s) {
            c = c == 'n' ? 'm' : c == 'N' ? 'M' : c;
        }
    };
    scrub(periods.scenario);
    scrub(periods.hold);
    for (smartkpi::DecompositionPeriod* p : {&periods.baseline, &periods.upgraded}) {
        for (smartkpi::DecompositionRecord& r : p->records) {
            for (std::string* s : {&r.id, &r.sector, &r.region}) {
                scrub(*s);
            }
            for (std::string& s : r.missing_energy) {
                scrub(s);
            }
            for (std::string& s : r.missing_co2) {
                scrub(s);
            }
        }
    }
}

// The additive effects add up to the change, and the groups' contributions to each effect.
[[maybe_unused]] void check_closure(const smartkpi::EnergyDecomposition& d) {
    const double scale = std::max({std::fabs(d.from), std::fabs(d.to), 1e-300});
    double sum = 0;
    for (std::size_t k = 0; k < smartkpi::kDecompositionEffectCount; ++k) {
        if (!std::isfinite(d.additive[k])) {
            std::abort();
        }
        double groups = 0;
        for (const smartkpi::DecompositionGroup& g : d.groups) {
            groups += g.effects[k];
        }
        if (std::fabs(groups - d.additive[k]) > 1e-9 * scale) {
            std::abort();
        }
        sum += d.additive[k];
    }
    if (!std::isfinite(d.change()) || std::fabs(sum - d.change()) > 1e-9 * scale) {
        std::abort();
    }
}

// The impact report's two periods decomposed by every grouping and quantity, each written in
// every format without a NaN or infinity. The decomposition may reject the data with a
// smartkpi::Error; an InternalError (its own closure check failing) is a finding, and so is
// any error from writing a decomposition that succeeded.
[[maybe_unused]] void check_impact_decomposition(smartkpi::ImpactReportPeriods periods) {
    scrub_strings(periods);
    smartkpi::DecompositionSources sources;
    sources.impact = true;
    sources.scenario = periods.scenario;
    sources.hold = periods.hold;
    sources.uncovered = periods.uncovered;
    for (auto by :
         {smartkpi::DecompositionGrouping::sector, smartkpi::DecompositionGrouping::region,
          smartkpi::DecompositionGrouping::factory}) {
        for (auto q : {smartkpi::DecomposedQuantity::energy, smartkpi::DecomposedQuantity::co2}) {
            std::optional<smartkpi::EnergyDecomposition> d;
            try {
                d = smartkpi::decompose_energy(periods.baseline, periods.upgraded, {by, q});
            } catch (const smartkpi::InternalError&) {
                std::abort();
            } catch (const smartkpi::Error&) {
                continue;
            }
            check_closure(*d);
            for (auto f : {smartkpi::Format::table, smartkpi::Format::json, smartkpi::Format::csv,
                           smartkpi::Format::markdown}) {
                std::ostringstream out;
                try {
                    (void)smartkpi::write_decomposition_report(out, f, *d, sources);
                } catch (const smartkpi::Error&) {
                    std::abort();
                }
                if (has_non_finite_text(out.str())) {
                    std::abort();
                }
            }
        }
    }
}

} // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer requires
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer requires
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
#if defined(SMARTKPI_FUZZ_DATASET_JSON)
        report_all_formats(smartkpi::read_dataset_json(text, "fuzz.json"));
        smartkpi::Problems problems;
        (void)smartkpi::read_dataset_json(text, "fuzz.json", &problems);
#elif defined(SMARTKPI_FUZZ_DATASET_CSV)
        report_all_formats(smartkpi::read_dataset_csv(text, "fuzz.csv"));
        smartkpi::Problems problems;
        (void)smartkpi::read_dataset_csv(text, "fuzz.csv", &problems);
#elif defined(SMARTKPI_FUZZ_SCENARIO_JSON)
        smartkpi::Problems problems;
        (void)smartkpi::read_scenario_json(text, "fuzz.json", &problems);
        (void)smartkpi::read_scenario_json(text, "fuzz.json");
#elif defined(SMARTKPI_FUZZ_UNITS_JSON)
        smartkpi::Problems problems;
        (void)smartkpi::read_work_units_json(text, "fuzz.json", &problems);
        kpi_reports(smartkpi::read_work_units_json(text, "fuzz.json"));
#elif defined(SMARTKPI_FUZZ_UNITS_CSV)
        smartkpi::Problems problems;
        (void)smartkpi::read_work_units_csv(text, "fuzz.csv", &problems);
        kpi_reports(smartkpi::read_work_units_csv(text, "fuzz.csv"));
#elif defined(SMARTKPI_FUZZ_CHECK_JSON)
        // The text as rules, and as a report gated by fixed rules with itself as baseline.
        static const auto rules = smartkpi::read_rules_json(
            R"({"rules": [{"kpi": "oee_index", "min": 0.5, "max_regression": 0.1},
                          {"kpi": "mttr", "unit": "*", "max": 3600},
                          {"kpi": "energy_tce", "section": "savings", "min": 0},
                          {"kpi": "energy_intensity", "section": "change", "max": 0}]})",
            "rules.json");
        try {
            (void)smartkpi::read_rules_json(text, "fuzz.json");
        } catch (const smartkpi::Error&) {
        }
        const auto report = smartkpi::read_gate_report_json(text, "fuzz.json");
        (void)smartkpi::evaluate(rules, report, &report);
#elif defined(SMARTKPI_FUZZ_CALENDAR_JSON)
        try {
            check_calendar(smartkpi::read_shift_calendar_json(text, "fuzz.json"), text);
        } catch (const smartkpi::Error&) {
        }
        // The text as a canonical calendar too (the form partial files record).
        check_calendar(smartkpi::ShiftCalendar::parse_canonical(std::string(text)), text);
#elif defined(SMARTKPI_FUZZ_EVENTS_CSV)
        check_event_log(text, smartkpi::EventLogFormat::csv);
#elif defined(SMARTKPI_FUZZ_EVENTS_JSONL)
        check_event_log(text, smartkpi::EventLogFormat::jsonl);
#elif defined(SMARTKPI_FUZZ_ENERGY_SERIES_CSV)
        check_energy_series(smartkpi::read_energy_series_csv(text, "fuzz.csv"));
#elif defined(SMARTKPI_FUZZ_ENERGY_SERIES_JSON)
        check_energy_series(smartkpi::read_energy_series_json(text, "fuzz.json"));
#elif defined(SMARTKPI_FUZZ_IMPACT_REPORT_JSON)
        check_impact_decomposition(smartkpi::read_impact_report_periods(text, "fuzz.json"));
#else
#error "define the harness to build"
#endif
    } catch (const smartkpi::Error&) {
        // Rejecting bad input with a smartkpi::Error is the expected outcome.
    }
    return 0;
}
