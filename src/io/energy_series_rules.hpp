// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// What the CSV and the JSON reader of energy series share (issue 5 §2, conventions §31): the
// rules on units, numbers and columns, and the builder that sorts each factory's periods,
// rejects duplicates and overlaps and reports gaps, so both formats apply the same rules.
#pragma once

#include "io/json_fields.hpp"
#include "io/record_rules.hpp"
#include "io/utf8.hpp"

#include <smartkpi/core/quantity.hpp>
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/io/energy_series_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace smartkpi::detail::series {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::string_view kFormat = "smartkpi-energy-series/1";
inline constexpr std::int64_t kSecondMs = 1000;
inline constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;
// A file with a gap in every factory would bury the report under warnings.
inline constexpr std::size_t kMaxGapWarnings = 20;

// ---- shared rules -------------------------------------------------------------------------

// Drivers that count something physical: negative is an input error. Temperature and other
// driver columns may be negative.
inline bool is_non_negative_driver(std::string_view name) {
    return name == "production" || name == "hdd" || name == "cdd";
}

// Columns and keys for humans and tools, as in the other readers: "note", "comment", "_x",
// "#x" (CSV) and "$schema" (JSON).
inline bool is_annotation(std::string_view name) {
    return smartkpi::detail::is_annotation(name) || (!name.empty() && name.front() == '#');
}

inline std::string join(const std::vector<std::string_view>& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

// "2024-03-01" when a series has only whole UTC days (monthly and daily data), the full
// instant otherwise, so that one message never mixes the two forms.
inline std::string instant_text(UnixMillis t, bool dates) {
    std::string text = format_timestamp_ms(t);
    if (dates) {
        text.resize(10);
    }
    return text;
}

inline bool whole_days(const EnergySeries& s) {
    const auto midnight = [](UnixMillis t) { return t % kDayMs == 0; };
    return std::all_of(s.start.begin(), s.start.end(), midnight) &&
           std::all_of(s.end.begin(), s.end.end(), midnight);
}

inline std::string duration_text(std::int64_t ms) {
    const auto plural = [](std::int64_t n, std::string_view unit) {
        return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
    };
    if (ms % kDayMs == 0) {
        return plural(ms / kDayMs, "day");
    }
    if (ms % kHourMs == 0) {
        return plural(ms / kHourMs, "hour");
    }
    if (ms % kMinuteMs == 0) {
        return plural(ms / kMinuteMs, "minute");
    }
    return fmt::format("{} s", static_cast<double>(ms) / kSecondMs);
}

inline std::string prefix(const std::string& factory) {
    return factory.empty() ? std::string() : factory + ": ";
}

inline const Unit* unit_by_symbol(std::string_view symbol) {
    for (const Unit& u : all_units()) {
        if (u.symbol == symbol) {
            return &u;
        }
    }
    return nullptr;
}

// An energy unit symbol, or UnitError listing the energy units.
inline const Unit&
energy_unit(std::string_view symbol, std::string_view what, const Location& where) {
    const Unit* unit = unit_by_symbol(symbol);
    if (unit == nullptr) {
        throw UnitError::unknown_unit(symbol, unit_symbols(Dimension::energy), where);
    }
    if (unit->dimension != Dimension::energy) {
        throw UnitError(fmt::format("{} \"{}\" is a unit of {}, not of energy; accepted: {}", what,
                                    symbol, to_string(unit->dimension),
                                    join(unit_symbols(Dimension::energy))),
                        where);
    }
    return *unit;
}

// The unit of a file's energy values: the file's own (`energy_MWh`, JSON "energy_unit") or
// the options'; a file contradicting an explicitly given unit is an error, never a silent
// override, because one of the two is wrong by a factor of 1000 or so.
// `said_by`: where the file names its unit ("header", "energy_unit").
inline std::string resolve_energy_unit(std::string_view file_unit,
                                       std::string_view said_by,
                                       const EnergySeriesReadOptions& options,
                                       const Location& where) {
    if (file_unit.empty()) {
        return options.energy_unit;
    }
    const Unit& unit = energy_unit(file_unit, "energy unit", where);
    if (options.energy_unit_given && unit.symbol != options.energy_unit) {
        throw UnitError(fmt::format("unit mismatch: {} says {}, --energy-unit says {}", said_by,
                                    unit.symbol, options.energy_unit),
                        where);
    }
    return std::string(unit.symbol);
}

inline void check_options(const EnergySeriesReadOptions& options) {
    const Unit* unit = unit_by_symbol(options.energy_unit);
    if (unit == nullptr || unit->dimension != Dimension::energy) {
        throw UsageError(fmt::format("energy unit \"{}\" is not an energy unit; accepted: {}",
                                     options.energy_unit, join(unit_symbols(Dimension::energy))));
    }
}

/// Line and column of byte offsets, counted incrementally (offsets mostly ascend).
class LineCounter {
  public:
    explicit LineCounter(std::string_view text) : text_(text) {}

    std::pair<std::size_t, std::size_t> at(std::size_t offset) {
        offset = std::min(offset, text_.size());
        if (offset < offset_) {
            offset_ = 0;
            line_ = 1;
            line_start_ = 0;
        }
        const char* const data = text_.data();
        std::size_t p = offset_;
        while (p < offset) {
            const void* newline = std::memchr(data + p, '\n', offset - p);
            if (newline == nullptr) {
                break;
            }
            p = static_cast<std::size_t>(static_cast<const char*>(newline) - data) + 1;
            ++line_;
            line_start_ = p;
        }
        offset_ = offset;
        return {line_, offset - line_start_ + 1};
    }

  private:
    std::string_view text_;
    std::size_t offset_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
};

// The CLI decodes files before reading them; the library checks again so that no caller can
// put bytes that are not UTF-8 into a report.
inline void check_utf8(std::string_view text, const std::string& source) {
    const std::size_t bad = detail::find_invalid_utf8(text);
    if (bad != detail::kNotFound) {
        const auto [line, column] = LineCounter(text).at(bad);
        throw ParseError::invalid_utf8(bad, Location{source, line, column, {}});
    }
}

/// The series of one file under construction: rows arrive in any order and for any factory.
class SeriesBuilder {
  public:
    explicit SeriesBuilder(std::string source) : source_(std::move(source)) {}

    /// Index of driver `name`; a new driver is missing in every period so far.
    std::size_t driver(std::string_view name) {
        for (std::size_t k = 0; k < driver_names_.size(); ++k) {
            if (driver_names_[k] == name) {
                return k;
            }
        }
        driver_names_.emplace_back(name);
        for (EnergySeries& s : set_.series) {
            s.drivers.emplace_back(s.size(), kMissing);
        }
        return driver_names_.size() - 1;
    }

    /// Index of the series of factory `id` ("" without a factory column), created in order of
    /// first appearance. Rows of one factory mostly follow each other: they skip the lookup.
    std::size_t series(std::string_view id) {
        if (last_ < set_.series.size() && set_.series[last_].factory == id) {
            return last_;
        }
        auto it = index_.find(id);
        if (it == index_.end()) {
            EnergySeries s;
            s.factory = std::string(id);
            s.drivers.resize(driver_names_.size());
            // Factories of one file mostly have as many periods as each other: sizing the
            // columns like the previous factory's saves most reallocations.
            if (!set_.series.empty()) {
                const std::size_t n = set_.series.back().size();
                s.start.reserve(n);
                s.end.reserve(n);
                s.energy.reserve(n);
                s.lines.reserve(n);
                for (auto& values : s.drivers) {
                    values.reserve(n);
                }
            }
            set_.series.push_back(std::move(s));
            it = index_.emplace(std::string(id), set_.series.size() - 1).first;
        }
        last_ = it->second;
        return last_;
    }

    [[nodiscard]] bool has_series(std::string_view id) const {
        return index_.find(id) != index_.end();
    }

    /// Appends a period to series `s`; its drivers are missing until set_driver().
    void
    add_period(std::size_t s, UnixMillis start, UnixMillis end, double energy, std::size_t line) {
        EnergySeries& series = set_.series[s];
        series.start.push_back(start);
        series.end.push_back(end);
        series.energy.push_back(energy);
        series.lines.push_back(line);
        for (auto& values : series.drivers) {
            values.push_back(kMissing);
        }
    }

    void set_driver(std::size_t s, std::size_t k, double value) {
        set_.series[s].drivers[k].back() = value;
    }

    /// Sorts and checks every series; throws DataError when there is no period at all, for
    /// two periods with the same start and for overlapping periods.
    EnergySeriesSet finish(const std::string& energy_unit, const std::string& production_unit) {
        if (set_.series.empty()) {
            throw DataError("no periods: the file lists none", Location{source_, 0, 0, {}});
        }
        std::size_t gaps = 0;
        for (EnergySeries& s : set_.series) {
            s.source = source_;
            s.energy_unit = energy_unit;
            s.production_unit = production_unit;
            s.driver_names = driver_names_;
            sort_periods(s);
            check_periods(s, gaps);
        }
        if (gaps > kMaxGapWarnings) {
            set_.warnings.push_back(fmt::format("and {} more gap{}", gaps - kMaxGapWarnings,
                                                gaps - kMaxGapWarnings == 1 ? "" : "s"));
        }
        return std::move(set_);
    }

  private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };

    // Input may be unsorted; a stable sort keeps equal starts in file order, so that the
    // duplicate message names the lines in the order the user wrote them.
    static void sort_periods(EnergySeries& s) {
        if (std::is_sorted(s.start.begin(), s.start.end())) {
            return;
        }
        std::vector<std::size_t> order(s.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return s.start[a] < s.start[b]; });
        const auto permute = [&](auto& values) {
            auto copy = values;
            for (std::size_t i = 0; i < order.size(); ++i) {
                values[i] = copy[order[i]];
            }
        };
        permute(s.start);
        permute(s.end);
        permute(s.energy);
        permute(s.lines);
        for (auto& values : s.drivers) {
            permute(values);
        }
    }

    void check_periods(const EnergySeries& s, std::size_t& gaps) {
        // The period reaching furthest so far: a long period may overlap several later ones.
        std::size_t reach = 0;
        const bool dates = whole_days(s);
        const auto text = [&](UnixMillis t) { return instant_text(t, dates); };
        for (std::size_t i = 1; i < s.size(); ++i) {
            const std::size_t a = s.lines[reach];
            const std::size_t b = s.lines[i];
            // The message is placed on the later of the two lines: the one that clashes.
            const Location where{source_, std::max(a, b), 0, {}};
            if (s.start[i] == s.start[i - 1]) {
                const std::size_t first = std::min(s.lines[i - 1], b);
                const std::size_t second = std::max(s.lines[i - 1], b);
                throw DomainError(fmt::format("{}duplicate period starting {}: lines {} and {}",
                                              prefix(s.factory), text(s.start[i]), first, second),
                                  Location{source_, second, 0, {}});
            }
            if (s.start[i] < s.end[reach]) {
                throw DomainError(fmt::format("{}overlapping periods: {} to {} (line {}) and {} to "
                                              "{} (line {})",
                                              prefix(s.factory), text(s.start[reach]),
                                              text(s.end[reach]), a, text(s.start[i]),
                                              text(s.end[i]), b),
                                  where);
            }
            if (s.start[i] > s.end[reach]) {
                if (++gaps <= kMaxGapWarnings) {
                    set_.warnings.push_back(
                        fmt::format("{}gap {} to {} ({}) between lines {} and {}",
                                    prefix(s.factory), text(s.end[reach]), text(s.start[i]),
                                    duration_text(s.start[i] - s.end[reach]), a, b));
                }
            }
            if (s.end[i] > s.end[reach]) {
                reach = i;
            }
        }
    }

    std::string source_;
    std::vector<std::string> driver_names_;
    EnergySeriesSet set_;
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
    std::size_t last_ = static_cast<std::size_t>(-1);
};

// A value that is no number: a non-finite one ("inf", "1e999") says so, text is shown.
[[noreturn]] inline void
throw_not_a_number(std::string_view text, std::string_view what, const Location& where) {
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    const bool whole = end == digits.data() + digits.size() && !digits.empty();
    if (whole &&
        (ec == std::errc::result_out_of_range || (ec == std::errc{} && !std::isfinite(value)))) {
        throw DomainError::not_finite(what, where);
    }
    throw ParseError(
        fmt::format("\"{}\" is not a number; leave the cell empty for a missing value", text),
        where);
}

} // namespace smartkpi::detail::series
