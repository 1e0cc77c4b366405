// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/engine/target_progress.hpp>
#include <smartkpi/report/targets_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>

namespace smartkpi {

namespace {

std::string count_cell(const std::optional<long>& v) {
    return v ? fmt::format("{}", *v) : "n/a";
}

// Machine columns: unrounded, snake_case, an empty field for a value that is not available.
void write_csv(std::ostream& out, const std::vector<TargetProgress>& progress) {
    out << "id,region,level,built,target,deadline,progress,remaining,years_left,required_rate,"
           "achieved,deadline_passed\n";
    auto num = [](const KpiValue& v) {
        if (!v.available()) {
            return std::string();
        }
        fmt::memory_buffer buf;
        detail::append_number(buf, v.value());
        return fmt::to_string(buf);
    };
    for (const auto& p : progress) {
        const ProgrammeTarget& t = *p.programme;
        std::string line;
        append_csv_cell(line, t.id);
        line += ',';
        append_csv_cell(line, t.region);
        line += fmt::format(",{},{},{},{},{},{},{},{},{},{}\n", to_string(t.level), t.built,
                            t.target ? fmt::format("{}", *t.target) : std::string(),
                            t.deadline ? t.deadline->to_string() : std::string(), num(p.progress),
                            num(p.remaining), num(p.years_left), num(p.required_rate),
                            p.achieved ? "true" : "false", p.deadline_passed ? "true" : "false");
        out << line;
    }
}

} // namespace

std::vector<std::string> write_targets_report(std::ostream& out,
                                              Format format,
                                              const ProgrammeTargets& targets,
                                              std::optional<Date> as_of,
                                              const FxTable& fx) {
    const std::optional<Date> date = as_of ? as_of : targets.as_of;
    std::vector<TargetProgress> progress;
    for (const auto& p : targets.programmes) {
        progress.push_back(evaluate_target(p, date));
    }
    std::vector<std::string> warnings;
    if (!date) {
        warnings.emplace_back("no as_of date: years left and required rates are not available; "
                              "pass --as-of YYYY-MM-DD");
    }
    for (const auto& p : progress) {
        if (p.deadline_passed && !p.achieved) {
            warnings.push_back(fmt::format("{}: deadline {} passed with a shortfall of {}",
                                           p.programme->id, p.programme->deadline->to_string(),
                                           p.remaining.value()));
        }
    }
    const Currency usd("USD");

    if (format == Format::json) {
        detail::JsonWriter w(out);
        w.begin_object();
        w.key("format").string("smartkpi-targets-report/1");
        w.key("as_of");
        if (date) {
            w.string(date->to_string());
        } else {
            w.null();
        }
        w.key("programmes");
        w.begin_array();
        for (const auto& p : progress) {
            const ProgrammeTarget& t = *p.programme;
            w.begin_object();
            w.key("id").string(t.id);
            w.key("region").string(t.region);
            w.key("level").string(to_string(t.level));
            w.key("built").integer(t.built);
            w.key("target").value_or_null(t.target);
            w.key("deadline");
            if (t.deadline) {
                w.string(t.deadline->to_string());
            } else {
                w.null();
            }
            w.key("progress").kpi(p.progress, "%");
            w.key("remaining").kpi(p.remaining, "factories");
            w.key("years_left").kpi(p.years_left, "a");
            w.key("required_rate").kpi(p.required_rate, "factories/a");
            w.key("achieved").boolean(p.achieved);
            w.key("deadline_passed").boolean(p.deadline_passed);
            w.key("source").string(t.source);
            w.end_object();
        }
        w.end_array();
        w.key("indicators");
        w.begin_array();
        for (const auto& ind : targets.indicators) {
            w.begin_object();
            w.key("id").string(ind.id);
            w.key("description").string(ind.description);
            w.key("qualifier").string(ind.qualifier);
            w.key("value").kpi(KpiValue::of(ind.value.amount), ind.value.currency.code());
            w.key("value_usd").kpi(KpiValue::of(fx.convert(ind.value, usd)), "USD");
            w.key("source").string(ind.source);
            w.end_object();
        }
        w.end_array();
        w.key("warnings").strings(warnings);
        w.end_object();
        return warnings;
    }

    if (format == Format::csv) {
        write_csv(out, progress);
        return warnings;
    }

    TextTable t;
    t.add_column("Programme");
    t.add_column("Region");
    t.add_column("Level");
    detail::add_number_columns(t, {"Built", "Target"});
    t.add_column("Deadline");
    detail::add_number_columns(t, {"Progress", "Remaining", "Years left", "Required per year"});
    for (const auto& p : progress) {
        const ProgrammeTarget& pt = *p.programme;
        auto num = [&](const KpiValue& v) { return detail::display_value(v); };
        t.add_row({pt.id, pt.region, std::string(to_string(pt.level)), fmt::format("{}", pt.built),
                   count_cell(pt.target), pt.deadline ? pt.deadline->to_string() : "",
                   p.progress.available() ? detail::display_percent(p.progress.value())
                                          : detail::display_value(p.progress),
                   num(p.remaining), num(p.years_left),
                   p.deadline_passed && !p.achieved ? "deadline passed" : num(p.required_rate)});
    }
    const bool md = format == Format::markdown;
    const std::string bullet = md ? "- " : "  ";
    out << (md ? "# " : "") << "Programme targets" << (md ? "\n\n" : "\n");
    out << bullet << "As of: " << (date ? date->to_string() : "not given") << '\n';
    out << bullet
        << "State-level and city-level counts are separate programmes and are never added.\n";
    out << (md ? "\n## Programmes\n\n" : "\nProgrammes\n");
    t.write(out, format);
    if (!targets.indicators.empty()) {
        TextTable ind;
        ind.add_column("Indicator");
        detail::add_number_columns(ind, {"Value", "In USD"});
        ind.add_column("Source");
        for (const auto& i : targets.indicators) {
            const std::string q = i.qualifier.empty() ? "" : i.qualifier + " ";
            ind.add_row({i.description.empty() ? i.id : i.description,
                         q + detail::display_number(i.value.amount) + " " +
                             std::string(i.value.currency.code()),
                         q + detail::display_number(fx.convert(i.value, usd)) + " USD", i.source});
        }
        out << (md ? "\n## Indicators\n\n" : "\nIndicators\n");
        ind.write(out, format);
    }
    if (!warnings.empty()) {
        out << (md ? "\n## Warnings\n\n" : "\nWarnings\n");
        for (const auto& s : warnings) {
            out << bullet << s << '\n';
        }
    }
    return warnings;
}

} // namespace smartkpi
