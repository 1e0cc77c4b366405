// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Harnesses for the dataset and scenario readers and the impact report over what they read:
// only smartkpi::Error may escape them; anything else (or a crash) is a finding.
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/io/calendar_input.hpp>
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/work_unit_input.hpp>
#include <smartkpi/report/impact_report.hpp>
#include <smartkpi/report/kpi_report.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

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
#else
#error "define the harness to build"
#endif
    } catch (const smartkpi::Error&) {
        // Rejecting bad input with a smartkpi::Error is the expected outcome.
    }
    return 0;
}
