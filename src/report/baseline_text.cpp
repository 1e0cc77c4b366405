// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The table and Markdown forms of the energy baseline report: rounded for reading
// (conventions §4), which the report says in its head.
#include "report/baseline_text.hpp"

#include "report/display.hpp"

#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

namespace {

std::string display_or(const KpiValue& v) {
    return detail::display_value(v);
}

/// A fraction as a percentage; a value that rounds to zero is "0.0%", never "-0.0%".
std::string percent_text(double fraction) {
    std::string s = detail::display_percent(fraction);
    return s == "-0.0%" ? std::string("0.0%") : s;
}

std::string display_percent_value(const KpiValue& v) {
    return v.available() ? percent_text(v.value()) : detail::display_value(v);
}

std::string display_statistic(double v, bool defined) {
    return defined && std::isfinite(v) ? detail::display_number(v) : std::string("undefined");
}

std::string display_p_value(double p, bool defined) {
    if (!defined || !std::isfinite(p)) {
        return "undefined";
    }
    return p < 0.0001 ? std::string("< 0.0001") : fmt::format("{:.4f}", p);
}

std::string display_balance_points(const std::optional<double>& heating,
                                   const std::optional<double>& cooling) {
    if (heating && cooling && *heating == *cooling) {
        return fmt::format("{:.1f} °C", *heating);
    }
    std::string out;
    if (heating) {
        out = fmt::format("heating {:.1f} °C", *heating);
    }
    if (cooling) {
        out += fmt::format("{}cooling {:.1f} °C", out.empty() ? "" : ", ", *cooling);
    }
    return out.empty() ? std::string("-") : out;
}

/// A check's rule as a reader sees it: "<= 15.0%", "|NMBE| <= 5.0%", ">= 0.50".
std::string display_threshold(const AcceptanceCheck& c) {
    const bool percent = check_unit(c.name) == "%";
    const std::string threshold =
        percent ? detail::display_percent(c.threshold) : detail::display_number(c.threshold);
    const std::string comparison = c.comparison.empty() ? std::string("vs") : c.comparison;
    return c.name == "nmbe" ? fmt::format("|NMBE| {} {}", comparison, threshold)
                            : fmt::format("{} {}", comparison, threshold);
}

std::string verdict_text(bool passed) {
    return passed ? "pass" : "FAIL";
}

std::string describe_model(const BaselineModel& m) {
    std::string terms;
    for (const auto& d : m.drivers) {
        terms += (terms.empty() ? "" : ", ") + d;
    }
    const std::string bp = display_balance_points(m.heating_balance_c, m.cooling_balance_c);
    if (bp != "-") {
        terms += fmt::format("{}balance point{} {}", terms.empty() ? "" : "; ",
                             m.heating_balance_c && m.cooling_balance_c &&
                                     *m.heating_balance_c != *m.cooling_balance_c
                                 ? "s"
                                 : "",
                             bp);
    }
    if (m.per_day) {
        return fmt::format("{} ({}), per day of each period, weighted by days", to_string(m.type),
                           terms.empty() ? "intercept only" : terms);
    }
    return fmt::format("{} ({}){}", to_string(m.type), terms.empty() ? "intercept only" : terms,
                       m.weighted ? ", weighted by period length" : "");
}

class TextReport {
  public:
    TextReport(std::ostream& out, Format format, const BaselineReportOptions& o)
        : out_(out), format_(format), o_(o), bullet_(list_bullet(format)) {}

    void write(std::span<const BaselineResult> results) {
        write_title(out_, format_, fmt::format("Energy baseline and savings: {}", o_.source));
        out_ << bullet_
             << "Method: IPMVP Option C regression baseline; ASHRAE Guideline 14 statistics; "
                "ISO 50006 EnPIs.\n";
        out_ << bullet_
             << "Values in this report are rounded for reading; the JSON and CSV formats are "
                "not.\n";
        if (results.size() != 1) {
            heading(fmt::format("Summary ({} factories)", results.size()), 1);
            summary_table(results).write(out_, format_);
            if (!o_.warnings.empty()) {
                heading("Warnings (input)", 1);
                list(o_.warnings);
            }
        }
        for (std::size_t i = 0; i < results.size(); ++i) {
            result(results[i], series_info(o_, i), results.size() == 1);
        }
    }

  private:
    // Level 1 is a section of the report, 2 one of a factory's.
    void heading(std::string_view text, int level) {
        write_heading(out_, format_, text, level + 1);
    }

    void list(const std::vector<std::string>& items) { write_bullets(out_, format_, items); }

    static TextTable summary_table(std::span<const BaselineResult> results) {
        TextTable t;
        t.add_column("Factory");
        t.add_column("Model");
        t.add_column("Balance points");
        add_number_columns(t, {"Adj. R²", "CV(RMSE)", "NMBE"});
        t.add_column("Verdict");
        add_number_columns(t, {"Avoided energy", "Avoided %"});
        t.add_column("Unit");
        for (const auto& r : results) {
            const StatisticValues v = statistic_values(r.model.statistics);
            t.add_row(
                {r.factory.empty() ? std::string("-") : r.factory,
                 fmt::format("{}{}", to_string(r.model.type), r.model.per_day ? ", per day" : ""),
                 display_balance_points(r.model.heating_balance_c, r.model.cooling_balance_c),
                 display_or(v.adj_r2), display_percent_value(v.cv_rmse),
                 display_percent_value(v.nmbe),
                 fmt::format("{} {}", verdict_text(r.model.acceptance.passed),
                             r.model.acceptance.preset),
                 display_statistic(r.savings.avoided_energy, true),
                 display_percent_value(r.savings.avoided_percent), r.energy_unit});
        }
        return t;
    }

    void result(const BaselineResult& r, const SeriesInfo& info, bool single) {
        const int level = single ? 1 : 2;
        const bool dates = info.series == nullptr || all_midnight(*info.series);
        const BaselineModel& m = r.model;
        if (!single) {
            heading(fmt::format("Factory {}", r.factory.empty() ? "-" : r.factory), 1);
        } else if (!r.factory.empty()) {
            out_ << bullet_ << "Factory: " << r.factory << '\n';
        }
        out_ << bullet_
             << fmt::format("Energy unit: {}; granularity: {}", r.energy_unit,
                            to_string(r.granularity))
             << '\n';
        out_ << bullet_
             << fmt::format("Upgrade date: {}; {} baseline and {} reporting periods used",
                            instant_text(r.upgrade, dates && midnight(r.upgrade)),
                            r.baseline_periods, r.reporting_periods)
             << '\n';
        out_ << bullet_ << "Model: " << describe_model(m) << '\n';
        out_ << bullet_
             << fmt::format("Verdict: {} ({})", m.acceptance.passed ? "PASSED" : "FAILED",
                            m.acceptance.preset)
             << '\n';
        if (!m.acceptance.note.empty()) {
            out_ << bullet_ << "Note: " << m.acceptance.note << '\n';
        }

        heading("Coefficients", level);
        coefficients_table(r, info).write(out_, format_);
        heading("Fit statistics", level);
        if (!m.statistics.convention.empty()) {
            out_ << bullet_ << "Convention: " << m.statistics.convention << "\n\n";
        }
        statistics_table(m).write(out_, format_);
        heading("Model selection", level);
        if (!r.selection_reason.empty()) {
            out_ << bullet_ << r.selection_reason << "\n\n";
        }
        candidates_table(r).write(out_, format_);
        heading(fmt::format("Savings over the reporting period ({} periods)", r.savings.m), level);
        savings_table(r).write(out_, format_);
        heading(fmt::format(
                    "Fractional savings uncertainty (method {}, factor {}{})",
                    to_string(r.savings.fsu_method), detail::display_number(r.savings.fsu_factor),
                    r.savings.autocorrelation_corrected ? "; n corrected for autocorrelation" : ""),
                level);
        fsu_table(r).write(out_, format_);
        heading("Energy performance indicators (ISO 50006)", level);
        enpi_table(r, info).write(out_, format_);
        if (o_.periods && info.series != nullptr) {
            heading("Periods", level);
            periods_table(r, *info.series, dates).write(out_, format_);
        }
        const std::vector<std::string> warnings = result_warnings(r, o_, single);
        if (!warnings.empty()) {
            heading("Warnings", level);
            list(warnings);
        }
    }

    static TextTable coefficients_table(const BaselineResult& r, const SeriesInfo& info) {
        const bool inference = !no_inference(r.model.statistics);
        TextTable t;
        t.add_column("Coefficient");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Unit");
        add_number_columns(t, {"Std. error", "t", "p-value"});
        for (const auto& c : r.model.coefficients) {
            t.add_row({c.name, detail::display_number(c.value),
                       coefficient_unit(c.name, r.energy_unit, info, r.model.per_day),
                       display_statistic(c.std_error, inference),
                       display_statistic(c.t_value, inference),
                       display_p_value(c.p_value, inference)});
        }
        return t;
    }

    static TextTable statistics_table(const BaselineModel& m) {
        const FitStatistics& s = m.statistics;
        const StatisticValues v = statistic_values(s);
        TextTable t;
        t.add_column("Statistic");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Threshold");
        t.add_column("Verdict");
        std::vector<bool> shown(m.acceptance.checks.size(), false);
        const auto row = [&](std::string label, std::string value, std::string_view check) {
            std::string threshold;
            std::string verdict;
            for (std::size_t i = 0; i < m.acceptance.checks.size(); ++i) {
                if (m.acceptance.checks[i].name == check) {
                    threshold = display_threshold(m.acceptance.checks[i]);
                    verdict = verdict_text(m.acceptance.checks[i].passed);
                    shown[i] = true;
                }
            }
            t.add_row({std::move(label), std::move(value), threshold, verdict});
        };
        row("n (points)", fmt::format("{}", s.n), "");
        row("p (coefficients)", fmt::format("{}", s.p), "");
        row("R²", display_or(v.r2), "r2");
        row("Adjusted R²", display_or(v.adj_r2), "adj_r2");
        row("CV(RMSE)", display_percent_value(v.cv_rmse), "cv_rmse");
        row("NMBE", display_percent_value(v.nmbe), "nmbe");
        row("RMSE", display_or(v.rmse), "");
        row("F statistic", display_or(v.f_statistic), "");
        row("F test p-value",
            v.f_p_value.available() ? display_p_value(v.f_p_value.value(), true)
                                    : display_or(v.f_p_value),
            "f_p_value");
        row("Autocorrelation (lag 1)", display_or(v.autocorrelation), "");
        row("n effective", display_or(v.n_effective), "");
        for (std::size_t i = 0; i < m.acceptance.checks.size(); ++i) {
            if (!shown[i]) {
                const AcceptanceCheck& c = m.acceptance.checks[i];
                const std::string label =
                    c.name == "slope_p_value" ? std::string("Largest slope p-value") : c.name;
                t.add_row({label, display_p_value(c.value, true), display_threshold(c),
                           verdict_text(c.passed)});
            }
        }
        return t;
    }

    static TextTable candidates_table(const BaselineResult& r) {
        TextTable t;
        t.add_column("Candidate");
        t.add_column("Balance points");
        add_number_columns(t, {"p", "Adj. R²", "CV(RMSE)", "NMBE"});
        t.add_column("Fitted");
        t.add_column("Qualified");
        t.add_column("Passed");
        t.add_column("Reason");
        bool selected_one = false;
        for (const auto& c : r.candidates) {
            const bool selected = !selected_one && is_selected(c, r.model);
            selected_one = selected_one || selected;
            t.add_row(
                {fmt::format("{}{}", to_string(c.type), selected ? " *" : ""),
                 display_balance_points(c.heating_balance_c, c.cooling_balance_c),
                 c.fitted ? fmt::format("{}", c.p) : std::string("-"),
                 c.fitted ? display_statistic(c.adj_r2, true) : std::string("-"),
                 c.fitted && std::isfinite(c.cv_rmse) ? percent_text(c.cv_rmse) : std::string("-"),
                 c.fitted && std::isfinite(c.nmbe) ? percent_text(c.nmbe) : std::string("-"),
                 c.fitted ? "yes" : "no", c.qualified ? "yes" : "no", c.passed ? "yes" : "no",
                 c.reason});
        }
        return t;
    }

    static TextTable savings_table(const BaselineResult& r) {
        const Savings& s = r.savings;
        TextTable t;
        t.add_column("Quantity");
        t.add_column("Value", TextTable::Align::right);
        t.add_column("Unit");
        t.add_row(
            {"Adjusted baseline", display_statistic(s.adjusted_baseline, true), r.energy_unit});
        t.add_row({"Actual", display_statistic(s.actual, true), r.energy_unit});
        t.add_row({"Avoided energy", display_statistic(s.avoided_energy, true), r.energy_unit});
        t.add_row({"Avoided energy, share of the adjusted baseline",
                   display_percent_value(s.avoided_percent), "%"});
        t.add_row({"Normalised savings (baseline conditions)", display_or(s.normalised_savings),
                   r.energy_unit});
        return t;
    }

    static TextTable fsu_table(const BaselineResult& r) {
        TextTable t;
        t.add_column("Confidence");
        add_number_columns(t, {"t", "FSU", "± energy"});
        t.add_column("Unit");
        for (const auto& level : r.savings.fsu) {
            t.add_row({detail::display_percent(level.confidence), display_statistic(level.t, true),
                       display_percent_value(level.fraction), display_or(level.absolute),
                       r.energy_unit});
        }
        return t;
    }

    static TextTable enpi_table(const BaselineResult& r, const SeriesInfo& info) {
        const Enpi& e = r.enpi;
        TextTable t;
        t.add_column("EnPI");
        add_number_columns(t, {"Baseline", "Reporting", "Improvement"});
        t.add_column("Unit");
        t.add_row({"Energy per production (ratio)", display_or(e.baseline_ratio),
                   display_or(e.reporting_ratio), display_percent_value(e.ratio_improvement),
                   enpi_ratio_unit(r.energy_unit, info)});
        t.add_row({"Actual / adjusted baseline (regression)", "1", display_or(e.regression_enpi),
                   display_percent_value(e.regression_improvement), "1"});
        return t;
    }

    static TextTable periods_table(const BaselineResult& r, const EnergySeries& s, bool dates) {
        TextTable t;
        t.add_column("Start");
        t.add_column("End");
        t.add_column("Period");
        add_number_columns(t, {"Actual", "Predicted"});
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::optional<double> predicted = predicted_at(r, i);
            t.add_row({instant_text(s.start[i], dates), instant_text(s.end[i], dates),
                       std::string(period_role(s, r, i)),
                       std::isfinite(s.energy[i]) ? detail::display_number(s.energy[i]) : "n/a",
                       predicted ? detail::display_number(*predicted) : "n/a"});
        }
        return t;
    }

    std::ostream& out_;
    Format format_;
    const BaselineReportOptions& o_;
    std::string_view bullet_;
};

} // namespace

void write_baseline_text(std::ostream& out,
                         Format format,
                         std::span<const BaselineResult> results,
                         const BaselineReportOptions& options) {
    TextReport(out, format, options).write(results);
}

} // namespace smartkpi::detail
