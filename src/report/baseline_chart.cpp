// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "core/civil_date.hpp"
#include "report/display.hpp"
#include "report/xml_text.hpp"

#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/report/baseline_chart.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

namespace {

// Canvas and plot area, in SVG user units.
constexpr double kWidth = 900;
constexpr double kHeight = 480;
constexpr double kLeft = 100;
constexpr double kRight = 24;
constexpr double kTop = 64;
constexpr double kBottom = 96;
constexpr double kPlotWidth = kWidth - kLeft - kRight;
constexpr double kPlotHeight = kHeight - kTop - kBottom;

constexpr std::string_view kActualColour = "#1f77b4";
constexpr std::string_view kModelColour = "#d62728";
constexpr std::string_view kUpgradeColour = "#444444";

// Above this many periods the points are not drawn as markers: the line says it all, and
// three years of hourly data stay a file of reasonable size.
constexpr std::size_t kMaxMarkers = 400;

constexpr std::int64_t kDayMs = 86'400'000;

/// A coordinate with fixed decimals: the same bytes on every machine (no "-0.0").
std::string coord(double v) {
    std::string s = fmt::format("{:.1f}", v);
    return s == "-0.0" ? std::string("0.0") : s;
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9)) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

struct Axis {
    double lo = 0;
    double hi = 1;
    double step = 1;
};

/// A y axis with about five round ticks that holds every value.
Axis value_axis(double lo, double hi) {
    if (!(hi > lo)) {
        const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    // Energy is never negative: start at zero when the data are not far above it.
    if (lo >= 0 && lo < (hi - lo)) {
        lo = 0;
    }
    Axis a;
    a.step = nice_step((hi - lo) / 5);
    a.lo = std::floor(lo / a.step) * a.step;
    a.hi = std::ceil(hi / a.step) * a.step;
    return a;
}

struct Tick {
    UnixMillis at = 0;
    std::string label;
};

/// Ticks on calendar boundaries inside [t0, t1], at most about nine: months (every 1, 2, 3,
/// 6, 12, ... months, aligned to January) for spans of two months and more, else days, else
/// hours.
std::vector<Tick> time_ticks(UnixMillis t0, UnixMillis t1) {
    constexpr std::int64_t kMaxTicks = 9;
    constexpr std::int64_t kHourMs = 3'600'000;
    std::vector<Tick> ticks;
    const std::int64_t first_day = detail::floor_div(t0, kDayMs);
    const std::int64_t last_day = detail::floor_div(t1, kDayMs);
    if (last_day - first_day >= 60) {
        const detail::Civil c0 = detail::civil_from_days(first_day);
        const detail::Civil c1 = detail::civil_from_days(last_day);
        const std::int64_t m0 = c0.year * 12 + c0.month - 1;
        const std::int64_t m1 = c1.year * 12 + c1.month - 1;
        std::int64_t step = 1;
        for (std::int64_t k : {1, 2, 3, 6, 12}) {
            step = k;
            if ((m1 - m0) / k < kMaxTicks) {
                break;
            }
        }
        while ((m1 - m0) / step >= kMaxTicks) {
            step += 12;
        }
        for (std::int64_t m = m0; m <= m1; ++m) {
            const std::int64_t year = detail::floor_div(m, 12);
            const auto month = static_cast<unsigned>(m - year * 12 + 1);
            const UnixMillis at = detail::days_from_civil(year, month, 1) * kDayMs;
            if (m % step != 0 || at < t0 || at > t1) {
                continue;
            }
            ticks.push_back({at, step % 12 == 0 ? fmt::format("{}", year)
                                                : fmt::format("{}-{:02}", year, month)});
        }
        return ticks;
    }
    if (last_day - first_day >= 2) {
        std::int64_t step = 1;
        for (std::int64_t k : {1, 2, 5, 7, 14, 30}) {
            step = k;
            if ((last_day - first_day) / k < kMaxTicks) {
                break;
            }
        }
        for (std::int64_t d = first_day; d <= last_day; ++d) {
            const UnixMillis at = d * kDayMs;
            if ((d - first_day) % step != 0 || at < t0) {
                continue;
            }
            ticks.push_back({at, format_timestamp_ms(at).substr(0, 10)});
        }
        return ticks;
    }
    std::int64_t step = 1;
    for (std::int64_t k : {1, 2, 3, 6, 12, 24}) {
        step = k;
        if ((t1 - t0) / (k * kHourMs) < kMaxTicks) {
            break;
        }
    }
    for (std::int64_t h = detail::floor_div(t0, kHourMs); h * kHourMs <= t1; ++h) {
        if (h * kHourMs < t0 || h % step != 0) {
            continue;
        }
        const std::string full = format_timestamp_ms(h * kHourMs);
        ticks.push_back({h * kHourMs, full.substr(0, 10) + " " + full.substr(11, 5)});
    }
    return ticks;
}

class Chart {
  public:
    Chart(const EnergySeries& s, const BaselineResult& r) : s_(s), r_(r) {
        t0_ = s.start.front();
        t1_ = s.end.back();
        for (std::size_t i = 0; i < s.size(); ++i) {
            t1_ = std::max(t1_, s.end[i]);
        }
        double lo = HUGE_VAL;
        double hi = -HUGE_VAL;
        for (std::size_t i = 0; i < s.size(); ++i) {
            for (double v : {s.energy[i], predicted(i)}) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        y_ = value_axis(lo, hi);
    }

    void write(std::ostream& out) {
        svg_ += fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                            "width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                            "font-family=\"sans-serif\" font-size=\"12\">\n",
                            kWidth, kHeight);
        svg_ += fmt::format("<title>{}</title>\n", detail::escape_xml(title()));
        svg_ += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"white\"/>\n",
                            kWidth, kHeight);
        reporting_shade();
        y_axis();
        x_axis();
        // The model under the readings, so that dense series still show both.
        line(/*actual=*/false);
        line(/*actual=*/true);
        markers();
        upgrade_line();
        heading();
        legend();
        svg_ += "</svg>\n";
        out << svg_;
    }

  private:
    [[nodiscard]] double predicted(std::size_t i) const {
        return i < r_.predicted.size() ? r_.predicted[i] : std::numeric_limits<double>::quiet_NaN();
    }
    [[nodiscard]] double x_of(double t) const {
        const double span = static_cast<double>(t1_ - t0_);
        return kLeft + (span > 0 ? (t - static_cast<double>(t0_)) / span * kPlotWidth : 0);
    }
    [[nodiscard]] double x_mid(std::size_t i) const {
        return x_of((static_cast<double>(s_.start[i]) + static_cast<double>(s_.end[i])) / 2);
    }
    [[nodiscard]] double y_of(double v) const {
        return kTop + kPlotHeight - (v - y_.lo) / (y_.hi - y_.lo) * kPlotHeight;
    }

    [[nodiscard]] std::string title() const {
        const BaselineModel& m = r_.model;
        return fmt::format("{}nergy vs {} baseline model: {} {}",
                           r_.factory.empty() ? std::string("E") : r_.factory + ": e",
                           to_string(m.type), m.acceptance.passed ? "passed" : "FAILED",
                           m.acceptance.preset);
    }

    void heading() {
        svg_ += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}"
                            "</text>\n",
                            coord(kLeft), detail::escape_xml(title()));
        std::string sub =
            fmt::format("Avoided energy {} {}", detail::display_number(r_.savings.avoided_energy),
                        r_.energy_unit);
        if (r_.savings.avoided_percent.available()) {
            sub += fmt::format(" ({} of the adjusted baseline)",
                               detail::display_percent(r_.savings.avoided_percent.value()));
        }
        svg_ += fmt::format("<text x=\"{}\" y=\"44\" fill=\"#444444\">{}</text>\n", coord(kLeft),
                            detail::escape_xml(sub));
    }

    void reporting_shade() {
        const double x =
            std::clamp(x_of(static_cast<double>(r_.upgrade)), kLeft, kLeft + kPlotWidth);
        if (x < kLeft + kPlotWidth) {
            svg_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                                "fill=\"#f2f2f2\"/>\n",
                                coord(x), coord(kTop), coord(kLeft + kPlotWidth - x),
                                coord(kPlotHeight));
        }
    }

    void y_axis() {
        svg_ += "<g stroke=\"#cccccc\" stroke-width=\"1\">\n";
        std::string labels;
        const auto ticks = static_cast<int>(std::lround((y_.hi - y_.lo) / y_.step));
        for (int k = 0; k <= ticks; ++k) {
            const double v = y_.lo + k * y_.step;
            const std::string y = coord(y_of(v));
            svg_ += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", coord(kLeft),
                                y, coord(kLeft + kPlotWidth), y);
            labels += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                                  coord(kLeft - 6), coord(y_of(v) + 4),
                                  detail::escape_xml(detail::display_number(v)));
        }
        svg_ += "</g>\n";
        svg_ += labels;
        const double cy = kTop + kPlotHeight / 2;
        svg_ += fmt::format(
            "<text x=\"18\" y=\"{0}\" text-anchor=\"middle\" "
            "transform=\"rotate(-90 18 {0})\">{1}</text>\n",
            coord(cy), detail::escape_xml(fmt::format("Energy per period ({})", r_.energy_unit)));
    }

    void x_axis() {
        const double base = kTop + kPlotHeight;
        svg_ += fmt::format("<g stroke=\"black\" stroke-width=\"1\">\n"
                            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n"
                            "<line x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{1}\"/>\n",
                            coord(kLeft), coord(base), coord(kLeft + kPlotWidth), coord(kTop));
        std::string labels;
        for (const Tick& tick : time_ticks(t0_, t1_)) {
            const std::string x = coord(x_of(static_cast<double>(tick.at)));
            svg_ += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", x,
                                coord(base), coord(base + 5));
            labels += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x,
                                  coord(base + 19), detail::escape_xml(tick.label));
        }
        svg_ += "</g>\n";
        svg_ += labels;
        svg_ += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">Period (UTC)</text>\n",
                            coord(kLeft + kPlotWidth / 2), coord(base + 40));
    }

    /// A path through the finite values; a missing one starts a new segment.
    void line(bool actual) {
        std::string d;
        bool pen_down = false;
        for (std::size_t i = 0; i < s_.size(); ++i) {
            const double v = actual ? s_.energy[i] : predicted(i);
            if (!std::isfinite(v)) {
                pen_down = false;
                continue;
            }
            d += fmt::format("{}{}{},{}", d.empty() ? "" : " ", pen_down ? "L" : "M",
                             coord(x_mid(i)), coord(y_of(v)));
            pen_down = true;
        }
        if (d.empty()) {
            return;
        }
        const bool dense = s_.size() > kMaxMarkers;
        svg_ += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
                            d, actual ? kActualColour : kModelColour,
                            actual ? (dense ? "1" : "1.5") : (dense ? "1" : "2"),
                            actual ? "" : " stroke-linejoin=\"round\" stroke-opacity=\"0.85\"");
    }

    void markers() {
        if (s_.size() > kMaxMarkers) {
            return;
        }
        svg_ += fmt::format("<g fill=\"{}\">\n", kActualColour);
        for (std::size_t i = 0; i < s_.size(); ++i) {
            if (std::isfinite(s_.energy[i])) {
                svg_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\"/>\n", coord(x_mid(i)),
                                    coord(y_of(s_.energy[i])));
            }
        }
        svg_ += "</g>\n";
    }

    void upgrade_line() {
        const double x = x_of(static_cast<double>(r_.upgrade));
        if (x < kLeft || x > kLeft + kPlotWidth) {
            return;
        }
        const std::string full = format_timestamp_ms(r_.upgrade);
        const std::string when = r_.upgrade % kDayMs == 0 ? full.substr(0, 10) : full;
        svg_ += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
                            "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                            coord(x), coord(kTop), coord(kTop + kPlotHeight), kUpgradeColour);
        svg_ += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">Upgrade {}</text>\n", coord(x + 4),
                            coord(kTop + 14), kUpgradeColour, detail::escape_xml(when));
    }

    /// One row under the x axis, outside the data.
    void legend() {
        const double x = kLeft;
        const double y = kHeight - 16;
        svg_ += fmt::format("<g>\n<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                            "stroke=\"{3}\" stroke-width=\"1.5\"/>\n<circle cx=\"{4}\" "
                            "cy=\"{1}\" r=\"3\" fill=\"{3}\"/>\n<text x=\"{5}\" y=\"{6}\">Actual "
                            "energy</text>\n",
                            coord(x), coord(y - 4), coord(x + 24), kActualColour, coord(x + 12),
                            coord(x + 30), coord(y));
        svg_ += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" "
                            "stroke-width=\"2\"/>\n<text x=\"{4}\" y=\"{5}\">Baseline model "
                            "(after the upgrade: the adjusted baseline)</text>\n</g>\n",
                            coord(x + 150), coord(y - 4), coord(x + 174), kModelColour,
                            coord(x + 180), coord(y));
    }

    const EnergySeries& s_;
    const BaselineResult& r_;
    UnixMillis t0_ = 0;
    UnixMillis t1_ = 0;
    Axis y_;
    std::string svg_;
};

} // namespace

void write_baseline_svg(std::ostream& out,
                        const EnergySeries& series,
                        const BaselineResult& result) {
    if (series.size() == 0) {
        throw DataError("cannot chart an empty series");
    }
    Chart(series, result).write(out);
}

} // namespace smartkpi
