// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/engine/baseline_metrics.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/engine/kpi_gate.hpp>
#include <smartkpi/engine/kpi_registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace smartkpi {

namespace {

// The impact report's savings section has one key that is not a metric: the avoided energy
// as kWh-equivalent (conventions §12).
constexpr std::string_view kSavingsKwhEq = "energy_kwh_eq";

// "rule 3" or "rule 3 (oee_index)" or "rule 3 "line gate" (oee_index)": messages name the
// rule the way a reader finds it in the file.
std::string rule_label(const Rule& rule, std::size_t number) {
    std::string label = fmt::format("rule {}", number);
    if (!rule.name.empty()) {
        label += fmt::format(" \"{}\"", rule.name);
    }
    if (!rule.kpi.empty()) {
        label += fmt::format(" ({})", rule.kpi);
    }
    return label;
}

ReportSection default_section(ReportKind kind) {
    // conventions §23: rules on an impact report address the upgraded values.
    return kind == ReportKind::impact ? ReportSection::upgraded : ReportSection::none;
}

Measure resolve_measure(ReportSection section, std::optional<Measure> measure) {
    if (section == ReportSection::change) {
        return measure.value_or(Measure::relative);
    }
    if (section == ReportSection::savings) {
        return measure.value_or(Measure::absolute);
    }
    return Measure::absolute;
}

std::vector<const ReportRecord*> select_records(const GateReport& report, const Rule& rule) {
    std::vector<const ReportRecord*> out;
    auto all_of_level = [&](RecordLevel level) {
        for (const auto& r : report.records) {
            if (r.level == level) {
                out.push_back(&r);
            }
        }
    };
    auto with_id = [&](RecordLevel level, const std::string& id) {
        for (const auto& r : report.records) {
            if (r.level == level && r.id == id) {
                out.push_back(&r);
            }
        }
    };
    if (report.kind == ReportKind::impact) {
        if (!rule.target) {
            all_of_level(RecordLevel::totals);
        } else if (*rule.target == "*") {
            all_of_level(RecordLevel::factory);
        } else {
            with_id(RecordLevel::factory, *rule.target);
        }
        return out;
    }
    if (!rule.target) {
        all_of_level(RecordLevel::group);
    } else if (*rule.target == "*") {
        all_of_level(RecordLevel::unit);
    } else {
        // A group id first (with --by unit the groups are the units), else the unit records.
        with_id(RecordLevel::group, *rule.target);
        if (out.empty()) {
            with_id(RecordLevel::unit, *rule.target);
        }
    }
    return out;
}

// The level a missing target would have had, for the "not in report" outcome.
RecordLevel expected_level(ReportKind kind, const Rule& rule) {
    if (kind == ReportKind::impact) {
        return rule.target ? RecordLevel::factory : RecordLevel::totals;
    }
    return rule.target && *rule.target == "*" ? RecordLevel::unit : RecordLevel::group;
}

// Records by (level, id), so that a rule over every unit record of a large report stays
// linear: periods and baseline records are looked up, not searched for.
class RecordIndex {
  public:
    explicit RecordIndex(const GateReport& report) {
        for (const auto& r : report.records) {
            map_[key(r.level, r.id)].push_back(&r);
        }
    }
    [[nodiscard]] const std::vector<const ReportRecord*>& same_id(RecordLevel level,
                                                                  const std::string& id) const {
        static const std::vector<const ReportRecord*> kNone;
        const auto it = map_.find(key(level, id));
        return it == map_.end() ? kNone : it->second;
    }

  private:
    static std::string key(RecordLevel level, const std::string& id) {
        std::string k(1, static_cast<char>('0' + static_cast<int>(level)));
        k += id;
        return k;
    }
    std::unordered_map<std::string, std::vector<const ReportRecord*>> map_;
};

// The baseline's record for `record`: the only one of the same level and id; with several,
// the one of the same period; else the one in the same position among the records of that id
// (a baseline is usually another period: last week's shifts against this week's).
const ReportRecord* baseline_record(const RecordIndex& report,
                                    const RecordIndex& baseline,
                                    const ReportRecord& record) {
    const auto& candidates = baseline.same_id(record.level, record.id);
    if (candidates.size() <= 1) {
        return candidates.empty() ? nullptr : candidates.front();
    }
    for (const ReportRecord* c : candidates) {
        if (c->period == record.period) {
            return c;
        }
    }
    const auto& ours = report.same_id(record.level, record.id);
    if (ours.size() == candidates.size()) {
        const auto it = std::find(ours.begin(), ours.end(), &record);
        if (it != ours.end()) {
            return candidates[static_cast<std::size_t>(it - ours.begin())];
        }
    }
    return nullptr;
}

void judge(RuleOutcome& o,
           const Rule& rule,
           const RecordIndex& report,
           const RecordIndex* baseline,
           const ReportRecord& record) {
    const ReportEntry* entry = record.find(o.section, o.measure, o.kpi);
    if (entry == nullptr) {
        o.problem = CheckProblem::not_in_report;
        return;
    }
    o.value = entry->value;
    o.unit = entry->unit;
    if (!o.value.available()) {
        o.problem = CheckProblem::value_unavailable;
        return;
    }
    const double v = o.value.value();
    o.below_min = rule.min && v < *rule.min;
    o.above_max = rule.max && v > *rule.max;
    if (!rule.max_regression || baseline == nullptr) {
        return;
    }
    const ReportRecord* base = baseline_record(report, *baseline, record);
    const ReportEntry* base_entry =
        base == nullptr ? nullptr : base->find(o.section, o.measure, o.kpi);
    if (base_entry == nullptr) {
        o.problem = CheckProblem::not_in_baseline;
        return;
    }
    o.baseline = base_entry->value;
    if (!base_entry->value.available()) {
        o.problem = CheckProblem::baseline_unavailable;
        return;
    }
    const double b = base_entry->value.value();
    const double allowed = std::fabs(b) * *rule.max_regression;
    if (o.trend == Trend::higher_is_better) {
        o.regression_limit = b - allowed;
        o.regressed = v < *o.regression_limit;
    } else {
        o.regression_limit = b + allowed;
        o.regressed = v > *o.regression_limit;
    }
}

} // namespace

std::string_view to_string(ReportKind kind) {
    return kind == ReportKind::impact ? "impact" : "kpi";
}

std::string_view to_string(ReportSection section) {
    switch (section) {
    case ReportSection::none:
        return "none";
    case ReportSection::baseline:
        return "baseline";
    case ReportSection::upgraded:
        return "upgraded";
    case ReportSection::change:
        return "change";
    case ReportSection::savings:
        return "savings";
    }
    return "none";
}

std::string_view to_string(Measure measure) {
    return measure == Measure::relative ? "relative" : "absolute";
}

std::string_view to_string(RecordLevel level) {
    switch (level) {
    case RecordLevel::group:
        return "group";
    case RecordLevel::unit:
        return "unit";
    case RecordLevel::factory:
        return "factory";
    case RecordLevel::totals:
        return "totals";
    }
    return "group";
}

const ReportEntry*
ReportRecord::find(ReportSection section, Measure measure, std::string_view kpi) const {
    for (const auto& e : entries) {
        if (e.section == section && e.measure == measure && e.kpi == kpi) {
            return &e;
        }
    }
    return nullptr;
}

bool is_known_kpi(std::string_view kpi) {
    return find_kpi(kpi) != nullptr || find_metric(kpi) != nullptr || kpi == kSavingsKwhEq ||
           find_baseline_metric(kpi) != nullptr;
}

std::string canonical_kpi(std::string_view kpi) {
    if (const KpiDefinition* d = find_kpi(kpi)) {
        return std::string(d->id);
    }
    return std::string(kpi);
}

Trend effective_trend(const Rule& rule) {
    if (rule.direction) {
        return *rule.direction;
    }
    if (rule.section == ReportSection::savings) {
        return Trend::higher_is_better;
    }
    if (const KpiDefinition* d = find_kpi(rule.kpi)) {
        return d->trend;
    }
    if (const MetricInfo* m = find_metric(rule.kpi)) {
        return m->trend;
    }
    if (const BaselineMetricInfo* b = find_baseline_metric(rule.kpi)) {
        return b->trend;
    }
    return Trend::none;
}

void check_rule(const Rule& rule, std::size_t number) {
    if (!is_known_kpi(rule.kpi)) {
        throw SchemaError(
            fmt::format("{}: unknown KPI \"{}\"; expected an ISO 22400 KPI "
                        "identifier (e.g. oee_index, availability, mttr), an "
                        "impact metric (e.g. energy_intensity, labour_productivity) "
                        "or an energy baseline figure (e.g. cv_rmse, avoided_percent)",
                        rule_label({}, number), rule.kpi),
            rule.where);
    }
    const std::string label = rule_label(rule, number);
    if (!rule.min && !rule.max && !rule.max_regression) {
        throw SchemaError(
            fmt::format("{}: no limit; give \"min\", \"max\" or \"max_regression\"", label),
            rule.where);
    }
    for (const auto& [key, value] : {std::pair{"min", rule.min}, std::pair{"max", rule.max},
                                     std::pair{"max_regression", rule.max_regression}}) {
        if (value && !std::isfinite(*value)) {
            throw DomainError::not_finite(fmt::format("{}: \"{}\"", label, key), rule.where);
        }
    }
    if (rule.min && rule.max && *rule.min > *rule.max) {
        throw DomainError(fmt::format("{}: \"min\" {} is above \"max\" {}; no value can pass",
                                      label, *rule.min, *rule.max),
                          rule.where);
    }
    if (rule.max_regression && *rule.max_regression < 0) {
        throw DomainError::negative(fmt::format("{}: \"max_regression\"", label),
                                    *rule.max_regression, rule.where);
    }
    if (rule.measure && rule.section != ReportSection::change &&
        rule.section != ReportSection::savings) {
        throw SchemaError(fmt::format("{}: \"measure\" applies to the sections change and "
                                      "savings only; give \"section\" too",
                                      label),
                          rule.where);
    }
    if (rule.max_regression && effective_trend(rule) == Trend::none) {
        throw SchemaError(fmt::format("{}: the KPI has no trend, so a \"max_regression\" rule "
                                      "on it needs \"direction\": \"higher_is_better\" or "
                                      "\"lower_is_better\"",
                                      label),
                          rule.where);
    }
}

std::size_t GateResult::failed_checks() const noexcept {
    return static_cast<std::size_t>(std::count_if(
        outcomes.begin(), outcomes.end(), [](const RuleOutcome& o) { return !o.passed(); }));
}

std::size_t GateResult::failed_rules() const noexcept {
    std::set<std::size_t> failed;
    for (const auto& o : outcomes) {
        if (!o.passed()) {
            failed.insert(o.rule);
        }
    }
    return failed.size();
}

GateResult
evaluate(std::span<const Rule> rules, const GateReport& report, const GateReport* baseline) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        check_rule(rules[i], i + 1);
    }
    // The format, not only the kind: an events report and a kpi report are both read as
    // kpi reports, but their groups are different things.
    if (baseline != nullptr &&
        (baseline->kind != report.kind || baseline->format != report.format)) {
        throw SchemaError(fmt::format("the baseline is a {} and the report a {}: a baseline must "
                                      "be a report of the same kind",
                                      baseline->format, report.format),
                          Location{baseline->source, 0, 0, ""});
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const Rule& rule = rules[i];
        if (report.kind != ReportKind::impact && rule.section) {
            throw SchemaError(fmt::format("{}: \"section\" applies to impact reports, and {} "
                                          "is a {}",
                                          rule_label(rule, i + 1), report.source, report.format),
                              rule.where);
        }
        if (rule.max_regression && baseline == nullptr) {
            throw UsageError(fmt::format("{} has \"max_regression\": it needs a baseline report "
                                         "(--baseline FILE)",
                                         rule_label(rule, i + 1)));
        }
    }

    const RecordIndex index(report);
    std::optional<RecordIndex> baseline_index;
    if (baseline != nullptr) {
        baseline_index.emplace(*baseline);
    }
    GateResult result;
    result.rule_count = rules.size();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const Rule& rule = rules[i];
        RuleOutcome proto;
        proto.rule = i;
        proto.kpi = rule.kpi;
        proto.section = rule.section.value_or(default_section(report.kind));
        proto.measure = resolve_measure(proto.section, rule.measure);
        proto.trend = effective_trend(rule);
        const auto records = select_records(report, rule);
        if (records.empty()) {
            RuleOutcome o = proto;
            o.level = expected_level(report.kind, rule);
            o.target = rule.target.value_or("");
            o.problem = CheckProblem::no_target;
            result.outcomes.push_back(std::move(o));
            continue;
        }
        for (const ReportRecord* record : records) {
            RuleOutcome o = proto;
            o.level = record->level;
            o.target = record->id;
            if (index.same_id(record->level, record->id).size() > 1) {
                o.period = record->period;
            }
            judge(o, rule, index, baseline_index ? &*baseline_index : nullptr, *record);
            result.outcomes.push_back(std::move(o));
        }
    }
    return result;
}

} // namespace smartkpi
