// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"
#include "report/json_writer.hpp"
#include "report/xml_text.hpp"

#include <smartkpi/engine/kpi_registry.hpp>
#include <smartkpi/report/check_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>
#include <vector>

namespace smartkpi {

using detail::escape_xml;

namespace {

// A fraction as a percentage with at most `decimals` decimals, trailing zeros dropped:
// 0.6 -> "60%", 0.69579 -> "69.58%" (2 decimals).
std::string percent(double fraction, int decimals) {
    std::string s = fmt::format("{:.{}f}", fraction * 100, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') {
            s.pop_back();
        }
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    if (s == "-0") {
        s = "0";
    }
    return s + "%";
}

// Limits are the user's numbers: shown with more decimals than measured values.
constexpr int kValueDecimals = 2;
constexpr int kLimitDecimals = 4;

// Ratios are fractions in the report (conventions §2) and read best as percentages.
bool is_percent(const RuleOutcome& o) {
    if (!o.unit.empty()) {
        return o.unit == "%";
    }
    if (o.measure == Measure::relative) {
        return true;
    }
    const KpiDefinition* d = find_kpi(o.kpi);
    return d != nullptr && d->is_ratio();
}

// Thousands separated, digits kept: "1800" -> "1,800", "-12345.678" -> "-12,345.678".
std::string grouped(const std::string& digits) {
    const std::size_t start = digits.empty() || digits[0] != '-' ? 0 : 1;
    std::size_t end = digits.find_first_of(".e", start);
    if (end == std::string::npos) {
        end = digits.size();
    }
    std::string out = digits.substr(0, start);
    for (std::size_t i = start; i < end; ++i) {
        out += digits[i];
        const std::size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) {
            out += ',';
        }
    }
    return out + digits.substr(end);
}

// The report gives no unit with a value that is not available: the registry's then.
std::string display_unit(const RuleOutcome& o) {
    if (!o.unit.empty()) {
        return o.unit;
    }
    const KpiDefinition* d = find_kpi(o.kpi);
    return d != nullptr ? std::string(d->unit) : std::string();
}

// How numbers are written: for people as percentages (ratios) or rounded with their unit
// (limits keep their digits: they are the user's numbers); exact for machines.
struct Numbers {
    bool human = false;
    bool pct = false;
    std::string unit;

    [[nodiscard]] std::string with_unit(std::string s) const {
        if (!unit.empty() && unit != "1") {
            s += " " + unit;
        }
        return s;
    }
    [[nodiscard]] std::string limit(double v) const {
        if (!human) {
            return detail::number_text(v);
        }
        return pct ? percent(v, kLimitDecimals) : with_unit(grouped(detail::number_text(v)));
    }
    [[nodiscard]] std::string value(double v) const {
        if (!human) {
            return detail::number_text(v);
        }
        return pct ? percent(v, kValueDecimals) : with_unit(detail::display_number(v));
    }
};

std::string status_text(const KpiValue& v) {
    switch (v.status()) {
    case KpiValue::Status::available:
        return "available";
    case KpiValue::Status::not_available:
        return v.missing_inputs().empty() ? "not_available"
                                          : fmt::format("not_available (missing: {})",
                                                        fmt::join(v.missing_inputs(), ", "));
    case KpiValue::Status::undefined:
        return v.reason().empty() ? "undefined" : fmt::format("undefined ({})", v.reason());
    }
    return "";
}

std::string kpi_label(const RuleOutcome& o) {
    switch (o.section) {
    case ReportSection::none:
        return o.kpi;
    case ReportSection::baseline:
    case ReportSection::upgraded:
        return fmt::format("{} ({})", o.kpi, to_string(o.section));
    case ReportSection::change:
    case ReportSection::savings:
        return fmt::format("{} ({}, {})", o.kpi, to_string(o.section), to_string(o.measure));
    }
    return o.kpi;
}

std::string target_label(const RuleOutcome& o) {
    if (o.level == RecordLevel::totals) {
        return "totals";
    }
    if (o.target.empty()) {
        return "(groups)";
    }
    return o.period.empty() ? o.target : fmt::format("{} [{}]", o.target, o.period);
}

// The rule's limits: ">= 0.6, <= 1, regression <= 2%"; with `o` and a human reader, the
// regression's computed limit too: "regression <= 2% (>= 69.58%)".
std::string limit_text(const Rule& rule, const RuleOutcome& o, const Numbers& n) {
    std::vector<std::string> parts;
    if (rule.min) {
        parts.push_back(">= " + n.limit(*rule.min));
    }
    if (rule.max) {
        parts.push_back("<= " + n.limit(*rule.max));
    }
    if (rule.max_regression) {
        std::string s = "regression <= " + percent(*rule.max_regression, kLimitDecimals);
        if (n.human && o.regression_limit) {
            s += fmt::format(" ({} {})", o.trend == Trend::higher_is_better ? ">=" : "<=",
                             n.value(*o.regression_limit));
        }
        parts.push_back(std::move(s));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string missing_target(const RuleOutcome& o) {
    if (o.level == RecordLevel::totals) {
        return "not in report: no totals";
    }
    if (o.target.empty()) {
        return "not in report: no groups";
    }
    if (o.target == "*") {
        return fmt::format("not in report: no {} records", to_string(o.level));
    }
    if (o.level == RecordLevel::factory) {
        return fmt::format("not in report: no factory \"{}\"", o.target);
    }
    return fmt::format("not in report: no group or unit \"{}\"", o.target);
}

// Why a check failed, one phrase per reason; empty when it passed.
std::vector<std::string> reasons(const Rule& rule, const RuleOutcome& o, const Numbers& n) {
    std::vector<std::string> out;
    switch (o.problem) {
    case CheckProblem::none:
        break;
    case CheckProblem::no_target:
        out.push_back(missing_target(o));
        break;
    case CheckProblem::not_in_report:
        out.emplace_back("not in report");
        break;
    case CheckProblem::not_in_baseline:
        out.emplace_back("not in baseline");
        break;
    case CheckProblem::value_unavailable:
        out.push_back(status_text(o.value));
        break;
    case CheckProblem::baseline_unavailable:
        out.push_back("baseline " + status_text(*o.baseline));
        break;
    }
    if (o.below_min) {
        out.push_back("below the minimum " + n.limit(*rule.min));
    }
    if (o.above_max) {
        out.push_back("above the maximum " + n.limit(*rule.max));
    }
    if (o.regressed) {
        // People see the computed limit in the limit column; machines get it here.
        std::string s = fmt::format("regressed more than {} from the baseline {}",
                                    percent(*rule.max_regression, kLimitDecimals),
                                    n.value(o.baseline->value()));
        if (!n.human) {
            s += fmt::format(" (limit {})", n.value(*o.regression_limit));
        }
        out.push_back(std::move(s));
    }
    return out;
}

// A passed regression check names its baseline, so the table shows what it compared with.
std::string note(const Rule& rule, const RuleOutcome& o, const Numbers& n) {
    if (!o.passed()) {
        return fmt::format("{}", fmt::join(reasons(rule, o, n), "; "));
    }
    if (o.baseline && o.baseline->available()) {
        return "baseline " + n.value(o.baseline->value());
    }
    return "";
}

std::string value_cell(const RuleOutcome& o, const Numbers& n) {
    if (o.problem == CheckProblem::no_target || o.problem == CheckProblem::not_in_report) {
        return "-";
    }
    if (!o.value.available()) {
        return detail::display_value(o.value);
    }
    return n.value(o.value.value());
}

std::string summary(const GateResult& result) {
    const std::size_t failed = result.failed_rules();
    std::string s =
        fmt::format("{} rule{}, {} passed, {} failed", result.rule_count,
                    result.rule_count == 1 ? "" : "s", result.rule_count - failed, failed);
    if (result.outcomes.size() != result.rule_count) {
        s += fmt::format(" ({} checks, {} failed)", result.outcomes.size(), result.failed_checks());
    }
    return s;
}

bool has_value(const RuleOutcome& o) {
    return o.problem != CheckProblem::no_target && o.problem != CheckProblem::not_in_report;
}

void write_json(std::ostream& out,
                std::span<const Rule> rules,
                const GateResult& result,
                const CheckContext& context) {
    detail::JsonWriter w(out);
    w.begin_object();
    w.key("format").string("smartkpi-check-report/1");
    w.key("report").begin_object(true);
    w.key("file").string(context.report);
    w.key("format").string(context.report_format);
    w.end_object();
    w.key("baseline");
    if (context.baseline.empty()) {
        w.null();
    } else {
        w.begin_object(true);
        w.key("file").string(context.baseline);
        w.key("format").string(context.baseline_format);
        w.end_object();
    }
    w.key("rules_file").string(context.rules);
    w.key("passed").boolean(result.passed());
    const std::size_t failed_rules = result.failed_rules();
    w.key("summary").begin_object(true);
    w.key("rules").integer(static_cast<long long>(result.rule_count));
    w.key("rules_passed").integer(static_cast<long long>(result.rule_count - failed_rules));
    w.key("rules_failed").integer(static_cast<long long>(failed_rules));
    w.key("checks").integer(static_cast<long long>(result.outcomes.size()));
    w.key("checks_passed")
        .integer(static_cast<long long>(result.outcomes.size() - result.failed_checks()));
    w.key("checks_failed").integer(static_cast<long long>(result.failed_checks()));
    w.end_object();
    const Numbers n{false, false, {}};
    auto optional_number = [&](const std::optional<double>& v) { w.value_or_null(v); };
    w.key("results");
    w.begin_array();
    for (const RuleOutcome& o : result.outcomes) {
        const Rule& rule = rules[o.rule];
        w.begin_object();
        const std::size_t number = o.rule + 1;
        w.key("rule").integer(static_cast<long long>(number));
        w.key("name");
        w.value_or_null(rule.name.empty() ? std::nullopt : std::optional<std::string>(rule.name));
        w.key("kpi").string(o.kpi);
        w.key("section");
        if (o.section == ReportSection::none) {
            w.null();
        } else {
            w.string(to_string(o.section));
        }
        w.key("measure");
        if (o.section == ReportSection::change || o.section == ReportSection::savings) {
            w.string(to_string(o.measure));
        } else {
            w.null();
        }
        w.key("level").string(to_string(o.level));
        w.key("target");
        if (o.level == RecordLevel::totals || o.target.empty()) {
            w.null();
        } else {
            w.string(o.target);
        }
        w.key("period");
        w.value_or_null(o.period.empty() ? std::nullopt : std::optional<std::string>(o.period));
        w.key("value");
        if (has_value(o)) {
            w.kpi(o.value, o.unit);
        } else {
            w.null();
        }
        w.key("min");
        optional_number(rule.min);
        w.key("max");
        optional_number(rule.max);
        w.key("max_regression");
        optional_number(rule.max_regression);
        w.key("direction");
        if (rule.max_regression) {
            w.string(to_string(o.trend));
        } else {
            w.null();
        }
        w.key("baseline");
        if (o.baseline) {
            w.kpi(*o.baseline, o.unit);
        } else {
            w.null();
        }
        w.key("regression_limit");
        optional_number(o.regression_limit);
        w.key("result").string(o.passed() ? "pass" : "fail");
        w.key("reasons");
        w.strings(reasons(rule, o, n), true);
        w.end_object();
    }
    w.end_array();
    w.key("warnings");
    w.strings({});
    w.end_object();
}

void write_csv(std::ostream& out, std::span<const Rule> rules, const GateResult& result) {
    out << "rule,name,level,target,period,section,measure,kpi,value,unit,status,min,max,"
           "max_regression,direction,baseline,regression_limit,result,reason\n";
    const Numbers n{false, false, {}};
    auto num = [](const std::optional<double>& v) {
        return v ? detail::number_text(*v) : std::string();
    };
    for (const RuleOutcome& o : result.outcomes) {
        const Rule& rule = rules[o.rule];
        std::string line = fmt::format("{},", o.rule + 1);
        auto cell = [&](std::string_view text, bool last = false) {
            append_csv_cell(line, text);
            line += last ? '\n' : ',';
        };
        cell(rule.name);
        cell(to_string(o.level));
        cell(o.level == RecordLevel::totals ? std::string() : o.target);
        cell(o.period);
        cell(o.section == ReportSection::none ? std::string_view() : to_string(o.section));
        cell(o.section == ReportSection::change || o.section == ReportSection::savings
                 ? to_string(o.measure)
                 : std::string_view());
        cell(o.kpi);
        cell(has_value(o) && o.value.available() ? detail::number_text(o.value.value())
                                                 : std::string());
        cell(o.unit);
        cell(!has_value(o) ? std::string("not_in_report")
                           : std::string(to_string(o.value.status())));
        cell(num(rule.min));
        cell(num(rule.max));
        cell(num(rule.max_regression));
        cell(rule.max_regression ? to_string(o.trend) : std::string_view());
        cell(o.baseline && o.baseline->available() ? detail::number_text(o.baseline->value())
                                                   : std::string());
        cell(num(o.regression_limit));
        cell(o.passed() ? "pass" : "fail");
        cell(fmt::format("{}", fmt::join(reasons(rule, o, n), "; ")), true);
        out << line;
    }
}

void write_text(std::ostream& out,
                Format format,
                std::span<const Rule> rules,
                const GateResult& result,
                const CheckContext& context) {
    const bool md = format == Format::markdown;
    const std::string bullet = md ? "- " : "  ";
    out << (md ? "# " : "") << "KPI check" << (md ? "\n\n" : "\n");
    out << bullet << "Report: " << context.report << " (" << context.report_format << ")\n";
    if (!context.baseline.empty()) {
        out << bullet << "Baseline: " << context.baseline << " (" << context.baseline_format
            << ")\n";
    }
    out << bullet << "Rules: " << context.rules << '\n';
    out << bullet
        << "Ratios are shown as percentages and values rounded for reading; the JSON and CSV "
           "formats are not rounded.\n\n";

    TextTable t;
    t.add_column("#", TextTable::Align::right);
    t.add_column("Target");
    t.add_column("KPI");
    t.add_column("Value", TextTable::Align::right);
    t.add_column("Limit");
    t.add_column("Result");
    t.add_column("Note");
    for (const RuleOutcome& o : result.outcomes) {
        const Rule& rule = rules[o.rule];
        const Numbers n{true, is_percent(o), display_unit(o)};
        t.add_row({fmt::format("{}", o.rule + 1), target_label(o), kpi_label(o), value_cell(o, n),
                   limit_text(rule, o, n), o.passed() ? "PASS" : "FAIL", note(rule, o, n)});
    }
    t.write(out, format);
    out << '\n' << summary(result) << '\n';
}

std::string failure_type(const RuleOutcome& o) {
    switch (o.problem) {
    case CheckProblem::none:
        return "threshold";
    case CheckProblem::value_unavailable:
    case CheckProblem::baseline_unavailable:
        return "unavailable";
    case CheckProblem::no_target:
    case CheckProblem::not_in_report:
    case CheckProblem::not_in_baseline:
        return "missing";
    }
    return "threshold";
}

} // namespace

void write_check_report(std::ostream& out,
                        Format format,
                        std::span<const Rule> rules,
                        const GateResult& result,
                        const CheckContext& context) {
    if (format == Format::json) {
        write_json(out, rules, result, context);
    } else if (format == Format::csv) {
        write_csv(out, rules, result);
    } else {
        write_text(out, format, rules, result, context);
    }
}

void write_check_junit(std::ostream& out,
                       std::span<const Rule> rules,
                       const GateResult& result,
                       const CheckContext& context) {
    const std::size_t tests = result.outcomes.size();
    const std::size_t failures = result.failed_checks();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuites name=\"smartkpi check\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"0\">\n",
                       tests, failures);
    out << fmt::format("  <testsuite name=\"smartkpi check\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"0\" skipped=\"0\">\n",
                       tests, failures);
    out << "    <properties>\n";
    auto property = [&](std::string_view name, const std::string& value) {
        out << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, escape_xml(value));
    };
    property("report", context.report);
    property("report_format", context.report_format);
    if (!context.baseline.empty()) {
        property("baseline", context.baseline);
    }
    property("rules", context.rules);
    out << "    </properties>\n";
    const Numbers exact_numbers{false, false, {}};
    for (const RuleOutcome& o : result.outcomes) {
        const Rule& rule = rules[o.rule];
        const std::string target =
            o.level == RecordLevel::totals ? "totals" : (o.target.empty() ? "groups" : o.target);
        std::string name = kpi_label(o) + " " + limit_text(rule, o, exact_numbers);
        if (!o.period.empty()) {
            name += fmt::format(" [{}]", o.period);
        }
        out << fmt::format("    <testcase classname=\"smartkpi.check.{}\" name=\"{}\"",
                           escape_xml(target), escape_xml(name));
        if (o.passed()) {
            out << "/>\n";
            continue;
        }
        const std::string message =
            fmt::format("{}", fmt::join(reasons(rule, o, exact_numbers), "; "));
        std::string detail = fmt::format("rule {}", o.rule + 1);
        if (!rule.name.empty()) {
            detail += fmt::format(" \"{}\"", rule.name);
        }
        detail += fmt::format(": {} of {} = ", kpi_label(o), target_label(o));
        if (!has_value(o)) {
            detail += "not in report";
        } else if (o.value.available()) {
            detail += smartkpi::detail::number_text(o.value.value());
            // Ratios are fractions here (as in JSON): "0.55 %" would misread as 0.55 percent.
            if (!o.unit.empty() && o.unit != "%" && o.unit != "1") {
                detail += " " + o.unit;
            }
        } else {
            detail += status_text(o.value);
        }
        detail += "; limit " + limit_text(rule, o, exact_numbers);
        if (o.baseline && o.baseline->available()) {
            detail += "; baseline " + smartkpi::detail::number_text(o.baseline->value());
        }
        out << fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n"
                           "    </testcase>\n",
                           escape_xml(message), failure_type(o), escape_xml(detail));
    }
    out << "  </testsuite>\n</testsuites>\n";
}

} // namespace smartkpi
