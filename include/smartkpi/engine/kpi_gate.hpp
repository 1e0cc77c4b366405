// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/trend.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/error.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// @name The values a KPI gate reads
/// A report of smartkpi (kpi compute, impact, ...) seen as records of KPI values, whatever
/// its format; io/check_input.hpp reads each format into this shape (conventions §23).

/// The report formats the gate understands.
enum class ReportKind { kpi, impact };
/// "kpi", "impact".
std::string_view to_string(ReportKind kind);

/// Part of a report a value comes from. Reports without parts (kpi compute) use `none`.
enum class ReportSection { none, baseline, upgraded, change, savings };
/// "none", "baseline", "upgraded", "change", "savings".
std::string_view to_string(ReportSection section);

/// For the change and savings sections: the difference itself, or relative to the baseline
/// (the impact report's "change.relative" and "savings_relative"). Other sections: absolute.
enum class Measure { absolute, relative };
/// "absolute", "relative".
std::string_view to_string(Measure measure);

/// What a record of a report describes.
enum class RecordLevel {
    group,   ///< an entry of a kpi report's "groups" (a line, a site, ... or a unit with --by unit)
    unit,    ///< a unit record (one period of one unit) of a kpi report's "units"
    factory, ///< a factory of an impact report
    totals   ///< the totals of an impact report
};
/// "group", "unit", "factory", "totals".
std::string_view to_string(RecordLevel level);

/// One value of a record: a KPI (or impact metric) of one section.
struct ReportEntry {
    ReportSection section = ReportSection::none;
    Measure measure = Measure::absolute;
    std::string kpi;  ///< JSON key, e.g. "oee_index", "energy_intensity"
    KpiValue value;   ///< a number, not available or undefined (conventions §1)
    std::string unit; ///< display unit of the report ("%", "s", "CNY"); empty if none
};

/// A group, unit record, factory or the totals of a report.
struct ReportRecord {
    RecordLevel level = RecordLevel::group;
    std::string id;     ///< "S1/L1", "M01", "SH-01"; empty for totals
    std::string period; ///< "start/end" when the record has a period, else empty
    std::vector<ReportEntry> entries;

    /// The entry of `kpi` in `section` and `measure`; nullptr when the record has none.
    [[nodiscard]] const ReportEntry*
    find(ReportSection section, Measure measure, std::string_view kpi) const;
};

/// A report as the gate sees it.
struct GateReport {
    ReportKind kind = ReportKind::kpi;
    std::string format; ///< the report's "format", e.g. "smartkpi-kpi-report/1"
    std::string source; ///< file name as given by the user
    std::vector<ReportRecord> records;
};

/// @name Rules

/// One rule of a rules file (data/schema/rules.schema.json): limits on one KPI of one target.
struct Rule {
    std::string name; ///< optional label
    std::string kpi;  ///< canonical identifier ("oee_index"; aliases such as "oee" resolved)
    /// The target: a group id or unit id of a kpi report, a factory id of an impact report,
    /// "*" for every unit record or factory. None: every group of a kpi report, the totals of
    /// an impact report.
    std::optional<std::string> target;
    /// Impact reports only; default `upgraded` (conventions §23).
    std::optional<ReportSection> section;
    /// change and savings sections only; default relative for change, absolute for savings.
    std::optional<Measure> measure;
    std::optional<double> min;
    std::optional<double> max;
    /// Allowed regression against the baseline report, as a fraction of the baseline value
    /// (0.02 = 2 %): higher_is_better fails below baseline − |baseline|·r, lower_is_better
    /// above baseline + |baseline|·r.
    std::optional<double> max_regression;
    /// Overrides the KPI's trend; required for a regression rule on a KPI without one.
    std::optional<Trend> direction;
    Location where; ///< the rule in the rules file, for error messages
};

/// True for the identifiers a rule may name: ISO 22400 KPIs and their aliases (find_kpi),
/// impact metrics (find_metric) and the impact report's savings key "energy_kwh_eq".
[[nodiscard]] bool is_known_kpi(std::string_view kpi);
/// The canonical identifier of a known KPI ("OEE" -> "oee_index"); `kpi` itself otherwise.
[[nodiscard]] std::string canonical_kpi(std::string_view kpi);

/// The trend a rule judges regressions by: its direction when given; higher_is_better in the
/// savings section (more savings is better); else the registry's trend of the KPI (ISO KPIs
/// first, then impact metrics); `none` when unknown.
[[nodiscard]] Trend effective_trend(const Rule& rule);

/// Checks a rule on its own: a known KPI, at least one of min, max and max_regression,
/// min <= max, a finite max_regression >= 0, a measure only with the change or savings
/// section, a trend for a regression rule. Throws DataError at rule.where naming the rule
/// (`number` is its 1-based position).
void check_rule(const Rule& rule, std::size_t number);

/// @name Outcomes

/// Why a check failed, besides its limits.
enum class CheckProblem {
    none,
    no_target,           ///< the report has no record the rule addresses
    not_in_report,       ///< the record has no value of the KPI (in the section)
    not_in_baseline,     ///< ... from the baseline report
    value_unavailable,   ///< the value is not available or undefined
    baseline_unavailable ///< the baseline value is not available or undefined
};

/// The result of one rule on one target (a rule may address several: every group, "*").
struct RuleOutcome {
    std::size_t rule = 0; ///< index of the rule (0-based) in the rules given to evaluate()
    RecordLevel level = RecordLevel::group;
    std::string target; ///< the record's id ("" for totals); the rule's target (no_target)
    /// The record's period, when the report holds several records of this id (else empty).
    std::string period;
    ReportSection section = ReportSection::none;
    Measure measure = Measure::absolute;
    std::string kpi;
    KpiValue value;                   ///< not available when the report has no such value
    std::string unit;                 ///< the report's display unit of the value
    std::optional<KpiValue> baseline; ///< regression rules: the baseline value, when found
    /// Regression rules with a baseline number: baseline ∓ |baseline|·max_regression.
    std::optional<double> regression_limit;
    Trend trend = Trend::none; ///< the trend the regression was judged by
    CheckProblem problem = CheckProblem::none;
    bool below_min = false;
    bool above_max = false;
    bool regressed = false;

    [[nodiscard]] bool passed() const noexcept {
        return problem == CheckProblem::none && !below_min && !above_max && !regressed;
    }
};

/// Every outcome of a set of rules, in rule order and, within a rule, in report order.
struct GateResult {
    std::vector<RuleOutcome> outcomes;
    std::size_t rule_count = 0;

    [[nodiscard]] bool passed() const noexcept { return failed_checks() == 0; }
    [[nodiscard]] std::size_t failed_checks() const noexcept;
    /// Rules with at least one failed outcome.
    [[nodiscard]] std::size_t failed_rules() const noexcept;
};

/// Applies `rules` to `report` (conventions §23). On a kpi report a rule without target
/// checks every group; with a target, the group of that id, else every unit record of that
/// id (several periods give several outcomes); "*" every unit record. On an impact report a
/// rule without target checks the totals, with one the factory of that id, "*" every
/// factory; the section is `upgraded` unless the rule names one. A target or KPI absent
/// from the report fails ("not in report"), as does a value that is not available or
/// undefined: a gate never passes silently. Regression rules compare with the record of
/// the same level and id in `baseline` (with several, the one of the same period, else the
/// one in the same position). Pure: nothing is printed.
///
/// Throws DataError when a rule is invalid (check_rule), names a section on a report
/// without sections, or when the baseline is of another format than the report;
/// UsageError when a rule has max_regression and `baseline` is null.
GateResult evaluate(std::span<const Rule> rules,
                    const GateReport& report,
                    const GateReport* baseline = nullptr);

} // namespace smartkpi
