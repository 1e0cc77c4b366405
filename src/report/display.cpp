// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"

#include <fmt/format.h>

#include <cmath>

namespace smartkpi::detail {

namespace {

std::string group_thousands(const std::string& digits) {
    // digits: optional '-', integer part, optional fraction.
    std::size_t start = digits[0] == '-' ? 1 : 0;
    std::size_t dot = digits.find('.');
    if (dot == std::string::npos) {
        dot = digits.size();
    }
    std::string out = digits.substr(0, start);
    for (std::size_t i = start; i < dot; ++i) {
        out += digits[i];
        const std::size_t left = dot - i - 1;
        if (left > 0 && left % 3 == 0) {
            out += ',';
        }
    }
    out += digits.substr(dot);
    return out;
}

} // namespace

std::string display_number(double v) {
    const double a = std::fabs(v);
    std::string s;
    if (a >= 100 || (a < 1e15 && v == std::round(v))) {
        s = fmt::format("{:.0f}", v);
    } else if (a >= 1) {
        s = fmt::format("{:.2f}", v);
    } else {
        s = fmt::format("{:.4f}", v);
    }
    if (s == "-0" || s == "-0.00" || s == "-0.0000") {
        s.erase(0, 1);
    }
    return group_thousands(s);
}

std::string display_change(double fraction) {
    std::string s = fmt::format("{:+.1f}%", fraction * 100);
    if (s == "-0.0%" || s == "+0.0%") {
        return "0.0%";
    }
    return s;
}

std::string display_percent(double fraction) {
    return fmt::format("{:.1f}%", fraction * 100);
}

std::string display_value(const KpiValue& v) {
    switch (v.status()) {
    case KpiValue::Status::available:
        return display_number(v.value());
    case KpiValue::Status::not_available:
        return "n/a";
    case KpiValue::Status::undefined:
        return "undefined";
    }
    return "?";
}

std::string display_change(const KpiValue& v) {
    return v.available() ? display_change(v.value()) : display_value(v);
}

void write_title(std::ostream& out, Format format, std::string_view text) {
    if (format == Format::markdown) {
        out << "# " << text << "\n\n";
    } else {
        out << text << '\n';
    }
}

void write_heading(std::ostream& out, Format format, std::string_view text, int level) {
    if (format == Format::markdown) {
        out << '\n' << std::string(static_cast<std::size_t>(level), '#') << ' ' << text << "\n\n";
    } else {
        out << '\n' << text << '\n';
    }
}

std::string_view list_bullet(Format format) {
    return format == Format::markdown ? "- " : "  ";
}

void write_bullets(std::ostream& out, Format format, const std::vector<std::string>& items) {
    for (const auto& item : items) {
        out << list_bullet(format) << item << '\n';
    }
}

void add_number_columns(TextTable& t, std::initializer_list<std::string_view> headers) {
    for (std::string_view h : headers) {
        t.add_column(std::string(h), TextTable::Align::right);
    }
}

} // namespace smartkpi::detail
