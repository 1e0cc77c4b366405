// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Energy series for `energy baseline` (issue 5 §2, conventions §31): CSV and JSON read into
// the same builder, which sorts each factory's periods, rejects duplicates and overlaps and
// reports gaps, so both formats apply the same rules.
#include "io/csv_reader.hpp"
#include "io/json_fields.hpp"
#include "io/json_reader.hpp"
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

namespace smartkpi {

namespace {

using detail::JsonReader;
using detail::JsonType;

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view kFormat = "smartkpi-energy-series/1";
constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// A file with a gap in every factory would bury the report under warnings.
constexpr std::size_t kMaxGapWarnings = 20;

// ---- shared rules -------------------------------------------------------------------------

// Drivers that count something physical: negative is an input error. Temperature and other
// driver columns may be negative.
bool is_non_negative_driver(std::string_view name) {
    return name == "production" || name == "hdd" || name == "cdd";
}

// Columns and keys for humans and tools, as in the other readers: "note", "comment", "_x",
// "#x" (CSV) and "$schema" (JSON).
bool is_annotation(std::string_view name) {
    return detail::is_annotation(name) || (!name.empty() && name.front() == '#');
}

std::string join(const std::vector<std::string_view>& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

// "2024-03-01" when a series has only whole UTC days (monthly and daily data), the full
// instant otherwise, so that one message never mixes the two forms.
std::string instant_text(UnixMillis t, bool dates) {
    std::string text = format_timestamp_ms(t);
    if (dates) {
        text.resize(10);
    }
    return text;
}

bool whole_days(const EnergySeries& s) {
    const auto midnight = [](UnixMillis t) { return t % kDayMs == 0; };
    return std::all_of(s.start.begin(), s.start.end(), midnight) &&
           std::all_of(s.end.begin(), s.end.end(), midnight);
}

std::string duration_text(std::int64_t ms) {
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

std::string prefix(const std::string& factory) {
    return factory.empty() ? std::string() : factory + ": ";
}

const Unit* unit_by_symbol(std::string_view symbol) {
    for (const Unit& u : all_units()) {
        if (u.symbol == symbol) {
            return &u;
        }
    }
    return nullptr;
}

// An energy unit symbol, or UnitError listing the energy units.
const Unit& energy_unit(std::string_view symbol, std::string_view what, const Location& where) {
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
std::string resolve_energy_unit(std::string_view file_unit,
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

void check_options(const EnergySeriesReadOptions& options) {
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
void check_utf8(std::string_view text, const std::string& source) {
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
[[noreturn]] void
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

// ---- CSV ----------------------------------------------------------------------------------

enum class Field { start, end, energy, factory, driver, ignored };

struct Column {
    Field field = Field::ignored;
    std::string name;  ///< as in the header
    std::string label; ///< in messages: "energy", the driver's name
    std::size_t driver = 0;
    bool non_negative = false;
};

struct CsvHeader {
    std::vector<Column> columns;
    std::string energy_unit;
    std::string production_unit;
    bool has_factory = false;
    std::size_t start = 0;
    std::size_t end = 0;
    std::size_t energy = 0;
    std::size_t factory = 0;
};

bool starts_with(std::string_view s, std::string_view prefix_text) {
    return s.substr(0, prefix_text.size()) == prefix_text;
}

CsvHeader read_header(const std::vector<std::string>& cells,
                      const detail::CsvReader& reader,
                      const EnergySeriesReadOptions& options,
                      SeriesBuilder& builder) {
    CsvHeader h;
    h.columns.reserve(cells.size());
    std::optional<std::size_t> start;
    std::optional<std::size_t> end;
    std::optional<std::size_t> energy;
    std::optional<std::size_t> production;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& name = cells[i];
        const Location where = reader.location(i, name);
        if (name.empty()) {
            throw SchemaError(fmt::format("column {} has no name", i + 1), where);
        }
        if (name.front() == ' ' || name.back() == ' ' || name.front() == '\t' ||
            name.back() == '\t') {
            throw SchemaError(fmt::format("column \"{}\" has spaces around its name", name), where);
        }
        for (const Column& c : h.columns) {
            if (c.name == name) {
                throw SchemaError::duplicate("column", name, where);
            }
        }
        Column c;
        c.name = name;
        const auto once = [&](std::optional<std::size_t>& slot, std::string_view what) {
            if (slot) {
                throw SchemaError(fmt::format("two {} columns: \"{}\" and \"{}\"", what,
                                              h.columns[*slot].name, name),
                                  where);
            }
            slot = i;
        };
        if (name == "start") {
            c.field = Field::start;
            once(start, "start");
        } else if (name == "end") {
            c.field = Field::end;
            once(end, "end");
        } else if (name == "factory") {
            c.field = Field::factory;
            h.has_factory = true;
            h.factory = i;
        } else if (name == "energy" || starts_with(name, "energy_")) {
            if (std::string_view(name).substr(std::min<std::size_t>(name.size(), 7)).find('_') !=
                std::string_view::npos) {
                // energy_electricity_MWh is the dataset layout: a common wrong file to give.
                throw SchemaError(fmt::format("column \"{}\" is a dataset column "
                                              "(energy_<carrier>_<unit>); an energy series has "
                                              "start, end and one energy column, \"energy\" or "
                                              "\"energy_<unit>\" (e.g. energy_MWh)",
                                              name),
                                  where);
            }
            c.field = Field::energy;
            c.label = "energy";
            c.non_negative = true;
            once(energy, "energy");
            h.energy_unit = resolve_energy_unit(name == "energy" ? std::string_view()
                                                                 : std::string_view(name).substr(7),
                                                "header", options, where);
        } else if (name == "production" || starts_with(name, "production_")) {
            once(production, "production");
            c.field = Field::driver;
            h.production_unit = name.size() > 11 ? name.substr(11) : std::string();
        } else if (!is_annotation(name)) {
            c.field = Field::driver;
        }
        h.columns.push_back(std::move(c));
    }
    const Location header_where{reader.source(), reader.line(), 0, "header"};
    for (const auto& [slot, what] : {std::pair{&start, "start"}, std::pair{&end, "end"},
                                     std::pair{&energy, "energy (or energy_<unit>)"}}) {
        if (!*slot) {
            throw SchemaError(fmt::format("missing required column \"{}\"", what), header_where);
        }
    }
    h.start = *start;
    h.end = *end;
    h.energy = *energy;
    // Drivers in header order, once the header is known to be sound.
    for (Column& c : h.columns) {
        if (c.field != Field::driver) {
            continue;
        }
        c.label = starts_with(c.name, "production") ? std::string("production") : c.name;
        c.driver = builder.driver(c.label);
        c.non_negative = is_non_negative_driver(c.label);
    }
    return h;
}

double cell_value(const std::string& cell,
                  const Column& c,
                  const detail::CsvReader& reader,
                  std::size_t i) {
    if (cell.empty()) {
        return kMissing; // missing is not zero
    }
    double value = 0;
    if (!parse_number(cell, value)) {
        throw_not_a_number(cell, c.label, reader.location(i, c.name));
    }
    if (c.non_negative && value < 0) {
        throw DomainError::negative(c.label, value, reader.location(i, c.name));
    }
    return value;
}

UnixMillis cell_instant(const std::string& cell,
                        const Column& c,
                        const detail::CsvReader& reader,
                        std::size_t i) {
    if (cell.empty()) {
        throw SchemaError(fmt::format("empty {}; expected an ISO 8601 date or date-time", c.name),
                          reader.location(i, c.name));
    }
    try {
        return parse_timestamp_ms(cell);
    } catch (const DataError& e) {
        detail::rethrow_at(e, reader.location(i, c.name));
    }
}

} // namespace

EnergySeriesSet read_energy_series_csv(std::string_view text,
                                       const std::string& source,
                                       const EnergySeriesReadOptions& options) {
    check_options(options);
    check_utf8(text, source);
    detail::CsvReader reader(text, source);
    std::vector<std::string> cells;
    if (!reader.next_record(cells)) {
        throw ParseError("empty file; expected a header row start,end,energy,...",
                         Location{source, 1, 1, {}});
    }
    SeriesBuilder builder(source);
    const CsvHeader h = read_header(cells, reader, options, builder);
    const std::size_t header_line = reader.line();
    const std::size_t width = h.columns.size();
    while (reader.next_record(cells)) {
        if (cells.size() != width) {
            throw ParseError(
                fmt::format("row has {} fields; the header has {}", cells.size(), width),
                Location{source, reader.line(), 1, {}});
        }
        std::size_t s = 0;
        if (h.has_factory) {
            if (cells[h.factory].empty()) {
                throw SchemaError("empty factory; every row of a file with a factory column "
                                  "names its factory",
                                  reader.location(h.factory, "factory"));
            }
            s = builder.series(cells[h.factory]);
        } else {
            s = builder.series({});
        }
        const UnixMillis start = cell_instant(cells[h.start], h.columns[h.start], reader, h.start);
        const UnixMillis end = cell_instant(cells[h.end], h.columns[h.end], reader, h.end);
        if (end <= start) {
            throw DomainError(fmt::format("period end {} is not after its start {} (the end is "
                                          "exclusive)",
                                          cells[h.end], cells[h.start]),
                              reader.location(h.end, "end"));
        }
        const double energy = cell_value(cells[h.energy], h.columns[h.energy], reader, h.energy);
        builder.add_period(s, start, end, energy, reader.line());
        for (std::size_t i = 0; i < width; ++i) {
            const Column& c = h.columns[i];
            if (c.field == Field::driver) {
                builder.set_driver(s, c.driver, cell_value(cells[i], c, reader, i));
            }
        }
    }
    if (reader.line() == header_line) {
        throw DataError("no periods: the file has a header but no data rows",
                        Location{source, 0, 0, {}});
    }
    return builder.finish(h.energy_unit, h.production_unit);
}

// ---- JSON ---------------------------------------------------------------------------------

namespace {

/// One period object, held until its list ends: keys come in any order, and in the
/// "factories" form the factory's id may follow its periods.
struct PendingPeriod {
    std::optional<UnixMillis> start;
    std::optional<UnixMillis> end;
    std::optional<double> energy;
    bool has_factory = false;
    std::string factory;
    std::vector<std::pair<std::size_t, double>> drivers;
    std::size_t index = 0;
    std::size_t line = 0;
    std::size_t column = 0;
};

class JsonSeriesReader {
  public:
    JsonSeriesReader(std::string_view text,
                     const std::string& source,
                     const EnergySeriesReadOptions& options)
        : reader_(text, source), lines_(text), source_(source), options_(options),
          builder_(source) {}

    EnergySeriesSet read() {
        static const std::vector<std::string_view> kKeys = {
            "format", "energy_unit", "production_unit", "periods", "factories"};
        reader_.begin_object(
            "an energy series object {\"energy_unit\": \"kWh\", \"periods\": [...]}");
        bool has_list = false;
        std::string energy_unit = options_.energy_unit;
        std::string production_unit;
        while (reader_.next_member()) {
            const std::string& key = reader_.key();
            if (key == "format") {
                const std::string_view format = reader_.read_string("a format name");
                if (format != kFormat) {
                    throw SchemaError(fmt::format("format \"{}\" is not \"{}\"", format, kFormat),
                                      reader_.location());
                }
            } else if (key == "energy_unit") {
                const std::string_view unit = reader_.read_string("an energy unit (kWh, MWh, ...)");
                energy_unit =
                    resolve_energy_unit(unit, "energy_unit", options_, reader_.location());
            } else if (key == "production_unit") {
                production_unit = std::string(reader_.read_string("a production unit (t, pcs)"));
            } else if (key == "periods" || key == "factories") {
                if (has_list) {
                    throw SchemaError("give either \"periods\" or \"factories\", not both",
                                      reader_.location());
                }
                has_list = true;
                if (key == "periods") {
                    read_periods();
                    flush(nullptr, "/periods");
                } else {
                    factories();
                }
            } else if (is_annotation(key)) {
                reader_.skip_value();
            } else {
                throw SchemaError::unknown_key(key, kKeys, reader_.location());
            }
        }
        reader_.expect_end();
        if (!has_list) {
            throw SchemaError("missing required field \"periods\" (or \"factories\")",
                              Location{source_, 1, 1, {}});
        }
        return builder_.finish(energy_unit, production_unit);
    }

  private:
    // Reads a period array into batch_ (its elements are reused: no allocation per period
    // once the batch has grown).
    void read_periods() {
        reader_.begin_array("an array of period objects");
        count_ = 0;
        while (reader_.next_element()) {
            if (count_ == batch_.size()) {
                batch_.emplace_back();
            }
            PendingPeriod& p = batch_[count_++];
            p.start.reset();
            p.end.reset();
            p.energy.reset();
            p.has_factory = false;
            p.factory.clear();
            p.drivers.clear();
            p.index = reader_.index();
            std::tie(p.line, p.column) = lines_.at(reader_.offset());
            period(p);
        }
    }

    // Hands the batch to the builder. `parent`: the id of a "factories" entry; null for the
    // flat list, where either every period names its factory or none does.
    void flush(const std::string* parent, std::string_view pointer) {
        for (std::size_t i = 0; i < count_; ++i) {
            const PendingPeriod& p = batch_[i];
            const auto where = [&] {
                return Location{source_, p.line, p.column, fmt::format("{}/{}", pointer, p.index)};
            };
            if (!p.start) {
                throw SchemaError::missing_key("start", where());
            }
            if (!p.end) {
                throw SchemaError::missing_key("end", where());
            }
            if (!p.energy) {
                throw SchemaError("missing required field \"energy\" (null if the value is "
                                  "missing)",
                                  where());
            }
            if (*p.end <= *p.start) {
                const bool dates = *p.start % kDayMs == 0 && *p.end % kDayMs == 0;
                throw DomainError(fmt::format("period end {} is not after its start {} (the end "
                                              "is exclusive)",
                                              instant_text(*p.end, dates),
                                              instant_text(*p.start, dates)),
                                  where());
            }
            std::size_t s = 0;
            if (parent != nullptr) {
                if (p.has_factory && p.factory != *parent) {
                    throw SchemaError(fmt::format("a period of factory \"{}\" names factory "
                                                  "\"{}\"",
                                                  *parent, p.factory),
                                      where());
                }
                s = builder_.series(*parent);
            } else {
                if (i > 0 && batch_[0].has_factory != p.has_factory) {
                    throw SchemaError(p.has_factory ? "this period names a factory; the periods "
                                                      "before it do not"
                                                    : "missing required field \"factory\" (the "
                                                      "periods before it name theirs)",
                                      where());
                }
                s = builder_.series(p.factory);
            }
            builder_.add_period(s, *p.start, *p.end, *p.energy, p.line);
            for (const auto& [k, v] : p.drivers) {
                builder_.set_driver(s, k, v);
            }
        }
        count_ = 0;
    }

    void period(PendingPeriod& p) {
        reader_.begin_object("a period object {\"start\", \"end\", \"energy\", ...}");
        while (reader_.next_member()) {
            const std::string& key = reader_.key();
            if (key == "start" || key == "end") {
                const std::string_view text =
                    reader_.read_string("an ISO 8601 date or date-time (\"2025-01-01\")");
                UnixMillis t = 0;
                try {
                    t = parse_timestamp_ms(text);
                } catch (const DataError& e) {
                    detail::rethrow_at(e, reader_.location());
                }
                (key == "start" ? p.start : p.end) = t;
            } else if (key == "energy") {
                p.energy = value("energy", true);
            } else if (key == "factory") {
                p.factory.assign(factory_id());
                p.has_factory = true;
            } else if (is_annotation(key)) {
                reader_.skip_value();
            } else if (starts_with(key, "energy_") || starts_with(key, "production_")) {
                const std::string_view base = starts_with(key, "energy_") ? "energy" : "production";
                throw SchemaError(fmt::format("unknown field \"{}\": write \"{}\" and give the "
                                              "unit once, as the top-level \"{}_unit\"",
                                              key, base, base),
                                  reader_.location());
            } else {
                const std::size_t k = builder_.driver(key);
                p.drivers.emplace_back(k, value(key, is_non_negative_driver(key)));
            }
        }
    }

    std::string_view factory_id() {
        const std::string_view id = reader_.read_string("a factory id");
        if (id.empty()) {
            throw SchemaError::wrong_type("a non-empty factory id", "an empty string",
                                          reader_.location());
        }
        return id;
    }

    // A number, or null for a missing value (missing is not zero).
    double value(std::string_view what, bool non_negative) {
        const JsonType type = reader_.peek();
        if (type == JsonType::null) {
            reader_.read_null();
            return kMissing;
        }
        if (type != JsonType::number) {
            throw SchemaError::wrong_type("a number or null", detail::describe(type),
                                          reader_.location());
        }
        const double v = reader_.read_number();
        if (!std::isfinite(v)) {
            throw DomainError::not_finite(what, reader_.location());
        }
        if (non_negative && v < 0) {
            throw DomainError::negative(what, v, reader_.location());
        }
        return v;
    }

    void factories() {
        reader_.begin_array("an array of factories {\"factory\": \"SH-01\", \"periods\": [...]}");
        std::string id;
        std::string pointer;
        while (reader_.next_element()) {
            const std::size_t index = reader_.index();
            const auto [line, column] = lines_.at(reader_.offset());
            reader_.begin_object("a factory {\"factory\": \"SH-01\", \"periods\": [...]}");
            bool has_id = false;
            bool has_periods = false;
            while (reader_.next_member()) {
                const std::string& key = reader_.key();
                if (key == "factory") {
                    id.assign(factory_id());
                    if (builder_.has_series(id)) {
                        throw SchemaError::duplicate("factory", id, reader_.location());
                    }
                    has_id = true;
                } else if (key == "periods") {
                    has_periods = true;
                    Location list_where = reader_.location();
                    read_periods();
                    if (count_ == 0) {
                        // Left out silently, the factory would be missing from the report.
                        throw SchemaError("a factory needs at least one period",
                                          std::move(list_where));
                    }
                } else if (is_annotation(key)) {
                    reader_.skip_value();
                } else {
                    throw SchemaError::unknown_key(key, {"factory", "periods"}, reader_.location());
                }
            }
            const Location where{source_, line, column, fmt::format("/factories/{}", index)};
            if (!has_id) {
                throw SchemaError::missing_key("factory", where);
            }
            if (!has_periods) {
                throw SchemaError::missing_key("periods", where);
            }
            pointer = fmt::format("/factories/{}/periods", index);
            flush(&id, pointer);
        }
    }

    JsonReader reader_;
    LineCounter lines_;
    const std::string& source_;
    const EnergySeriesReadOptions& options_;
    SeriesBuilder builder_;
    std::vector<PendingPeriod> batch_;
    std::size_t count_ = 0;
};

} // namespace

EnergySeriesSet read_energy_series_json(std::string_view text,
                                        const std::string& source,
                                        const EnergySeriesReadOptions& options) {
    check_options(options);
    check_utf8(text, source);
    return JsonSeriesReader(text, source, options).read();
}

} // namespace smartkpi
