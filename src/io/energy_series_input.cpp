// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Energy series in CSV for `energy baseline` (issue 5 §2, conventions §31); the rules both
// formats share are in io/energy_series_rules.hpp.
#include "io/csv_reader.hpp"
#include "io/energy_series_rules.hpp"
#include "io/record_rules.hpp"

#include <smartkpi/io/energy_series_input.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace smartkpi {

namespace {

using namespace detail::series;

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
        } else if (name == "energy" || std::string_view(name).starts_with("energy_")) {
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
        } else if (name == "production" || std::string_view(name).starts_with("production_")) {
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
        c.label =
            std::string_view(c.name).starts_with("production") ? std::string("production") : c.name;
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

} // namespace smartkpi
