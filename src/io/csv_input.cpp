// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/csv_reader.hpp"
#include "io/record_rules.hpp"

#include <smartkpi/core/quantity.hpp>
#include <smartkpi/io/csv_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace smartkpi {

using detail::guarded;

namespace {

enum class Field {
    id,
    name,
    region,
    district,
    sector,
    level,
    period_start,
    period_end,
    output,
    output_unit,
    employees,
    labour_hours,
    revenue,
    value_added,
    operating_cost,
    energy,
    annotation
};

struct Column {
    Field field = Field::annotation;
    std::string name;
    const Unit* unit = nullptr;       // labour_hours, energy
    std::optional<Currency> currency; // money
    Carrier carrier = Carrier::electricity;
};

const std::vector<std::string_view> kAccepted = {"id",
                                                 "name",
                                                 "region",
                                                 "district",
                                                 "sector",
                                                 "level",
                                                 "period_start",
                                                 "period_end",
                                                 "output",
                                                 "output_unit",
                                                 "employees",
                                                 "labour_hours_h",
                                                 "revenue_<CUR>",
                                                 "value_added_<CUR>",
                                                 "operating_cost_<CUR>",
                                                 "energy_<carrier>_<unit>"};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

Column parse_header(std::string_view name, const Location& where) {
    Column c;
    c.name = std::string(name);
    static const std::vector<std::pair<std::string_view, Field>> kPlain = {
        {"id", Field::id},
        {"name", Field::name},
        {"region", Field::region},
        {"district", Field::district},
        {"sector", Field::sector},
        {"level", Field::level},
        {"period_start", Field::period_start},
        {"period_end", Field::period_end},
        {"output", Field::output},
        {"output_unit", Field::output_unit},
        {"employees", Field::employees},
        {"labour_hours", Field::labour_hours},
        {"note", Field::annotation},
        {"comment", Field::annotation}};
    for (const auto& [plain, field] : kPlain) {
        if (name == plain) {
            c.field = field;
            if (field == Field::labour_hours) {
                c.unit = &find_unit("h");
            }
            return c;
        }
    }
    if (!name.empty() && (name.front() == '_' || name.front() == '#')) {
        return c;
    }
    static const std::vector<std::pair<std::string_view, Field>> kMoney = {
        {"revenue_", Field::revenue},
        {"value_added_", Field::value_added},
        {"operating_cost_", Field::operating_cost}};
    for (const auto& [prefix, field] : kMoney) {
        if (starts_with(name, prefix)) {
            c.field = field;
            c.currency = Currency(name.substr(prefix.size()), where);
            return c;
        }
    }
    if (name == "revenue" || name == "value_added" || name == "operating_cost") {
        throw SchemaError(
            fmt::format("column \"{}\" needs its currency as a suffix, e.g. {}_CNY", name, name),
            where);
    }
    if (starts_with(name, "labour_hours_")) {
        c.field = Field::labour_hours;
        c.unit = &find_unit(name.substr(13), Dimension::time, where);
        return c;
    }
    if (starts_with(name, "energy_")) {
        const std::string_view rest = name.substr(7);
        for (Carrier carrier : all_carriers()) {
            const std::string_view cname = to_string(carrier);
            if (starts_with(rest, cname) && rest.size() > cname.size() + 1 &&
                rest[cname.size()] == '_') {
                c.field = Field::energy;
                c.carrier = carrier;
                const std::string_view symbol = rest.substr(cname.size() + 1);
                const Unit* unit = nullptr;
                for (const Unit& u : all_units()) {
                    if (u.symbol == symbol) {
                        unit = &u;
                    }
                }
                const auto accepted = accepted_units(carrier);
                if (unit == nullptr ||
                    std::find(accepted.begin(), accepted.end(), symbol) == accepted.end()) {
                    throw UnitError(fmt::format("unit \"{}\" cannot measure {}; accepted: {}",
                                                symbol, cname, fmt::join(accepted, ", ")),
                                    where);
                }
                c.unit = unit;
                return c;
            }
        }
        std::vector<std::string_view> names;
        for (Carrier carrier : all_carriers()) {
            names.push_back(to_string(carrier));
        }
        throw SchemaError(fmt::format("column \"{}\" names no energy carrier; expected "
                                      "energy_<carrier>_<unit> with carrier one of {}",
                                      name, fmt::join(names, ", ")),
                          where);
    }
    throw SchemaError::unknown_key(name, kAccepted, where);
}

double number_cell(std::string_view text, std::string_view what, const Location& where) {
    double v = 0;
    if (!parse_number(text, v)) {
        throw ParseError(fmt::format("\"{}\" is not a number", text), where);
    }
    return detail::non_negative(v, what, where);
}

} // namespace

namespace {

Dataset read_csv(std::string_view text,
                 const std::string& source,
                 Problems* problems,
                 std::size_t chunk_size,
                 const FactorySink* sink) {
    detail::CsvReader reader(text, source);
    Dataset ds;
    ds.source = source;
    ds.tabular = true;
    std::vector<std::string> cells;
    if (!reader.next_record(cells)) {
        throw ParseError("empty file; expected a header row", Location{source, 1, 1, ""});
    }
    std::vector<Column> columns;
    bool header_ok = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        header_ok &= guarded(problems, [&] {
            const Location where = reader.location(i, cells[i]);
            for (const auto& c : columns) {
                if (c.name == cells[i] && c.field != Field::annotation) {
                    throw SchemaError::duplicate("column", cells[i], where);
                }
            }
            columns.push_back(parse_header(cells[i], where));
        });
    }
    if (!header_ok) {
        return ds; // cannot interpret rows against a broken header
    }
    for (std::string_view req : {"id", "name", "region", "level"}) {
        bool found = false;
        for (const auto& c : columns) {
            found = found || c.name == req;
        }
        if (!found) {
            guarded(problems, [&] {
                throw SchemaError::missing_key(req, Location{source, reader.line(), 0, "header"});
            });
        }
    }
    bool has_output_unit = false;
    for (const auto& c : columns) {
        has_output_unit = has_output_unit || c.field == Field::output_unit;
    }

    detail::RecordKeys keys;
    std::size_t row_index = 0;
    while (reader.next_record(cells)) {
        guarded(problems, [&] {
            if (cells.size() != columns.size()) {
                throw ParseError(fmt::format("row has {} fields; the header has {}", cells.size(),
                                             columns.size()),
                                 Location{source, reader.line(), 1, ""});
            }
        });
        if (cells.size() != columns.size()) {
            continue;
        }
        Factory f;
        f.origin = {row_index++, reader.line(), 1};
        std::optional<Date> start;
        std::optional<Date> end;
        std::string output_unit;
        EnergyUse energy;
        bool any_energy = false;
        bool row_ok = true;
        bool has_level = false;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const Column& c = columns[i];
            const std::string& cell = cells[i];
            if (cell.empty() || c.field == Field::annotation) {
                continue;
            }
            row_ok &= guarded(problems, [&] {
                const Location where = reader.location(i, c.name);
                switch (c.field) {
                case Field::id:
                    f.id = cell;
                    break;
                case Field::name:
                    f.name = cell;
                    break;
                case Field::region:
                    f.region = cell;
                    break;
                case Field::district:
                    f.district = cell;
                    break;
                case Field::sector:
                    f.sector = cell;
                    break;
                case Field::level:
                    has_level = true; // present even if invalid: reported once, below
                    f.level = parse_smart_level(cell, where);
                    break;
                case Field::period_start:
                    start = parse_date(cell, where);
                    break;
                case Field::period_end:
                    end = parse_date(cell, where);
                    break;
                case Field::output:
                    f.output = Output{number_cell(cell, "output", where), {}};
                    break;
                case Field::output_unit:
                    output_unit = cell;
                    break;
                case Field::employees:
                    f.employees = number_cell(cell, "employees", where);
                    break;
                case Field::labour_hours:
                    f.labour_hours =
                        Quantity(number_cell(cell, "labour_hours", where), *c.unit).in("h");
                    break;
                case Field::revenue:
                    f.revenue = Money{number_cell(cell, "revenue", where), *c.currency};
                    break;
                case Field::value_added:
                    f.value_added = Money{number_cell(cell, "value_added", where), *c.currency};
                    break;
                case Field::operating_cost:
                    f.operating_cost =
                        Money{number_cell(cell, "operating_cost", where), *c.currency};
                    break;
                case Field::energy: {
                    const double v = number_cell(cell, to_string(c.carrier), where);
                    auto& slot = energy[c.carrier];
                    slot = slot.value_or(0.0) + Quantity(v, *c.unit).in(native_unit(c.carrier));
                    any_energy = true;
                    break;
                }
                case Field::annotation:
                    break;
                }
            });
        }
        row_ok &= guarded(problems, [&] {
            const Location row{source, reader.line(), 1, ""};
            for (auto [field, name] :
                 {std::pair{f.id.empty(), "id"}, std::pair{f.region.empty(), "region"},
                  std::pair{!has_level, "level"}}) {
                if (field) {
                    throw SchemaError::missing_key(name, row);
                }
            }
            if (start.has_value() != end.has_value()) {
                throw SchemaError::missing_key(start ? "period_end" : "period_start", row);
            }
            if (start && end) {
                if (!(*start < *end)) {
                    throw DomainError(fmt::format("period end {} is not after its start {} (the "
                                                  "end is exclusive)",
                                                  end->to_string(), start->to_string()),
                                      row);
                }
                f.period = Period{*start, *end};
            }
            if (f.output) {
                if (output_unit.empty() && has_output_unit) {
                    throw SchemaError::missing_key("output_unit", row);
                }
                f.output->unit = output_unit;
            }
            if (any_energy) {
                f.energy = energy;
            }
            keys.check(f, [&] { return row; });
        });
        if (row_ok) {
            ds.factories.push_back(std::move(f));
            if (sink != nullptr && ds.factories.size() == chunk_size) {
                (*sink)(std::move(ds.factories));
                ds.factories = {};
                ds.factories.reserve(chunk_size);
            }
        }
    }
    if (sink != nullptr && !ds.factories.empty()) {
        (*sink)(std::move(ds.factories));
        ds.factories = {};
    }
    return ds;
}

} // namespace

Dataset read_dataset_csv(std::string_view text, const std::string& source, Problems* problems) {
    return read_csv(text, source, problems, 0, nullptr);
}

void read_dataset_factories_csv(std::string_view text,
                                const std::string& source,
                                std::size_t chunk_size,
                                const FactorySink& sink) {
    (void)read_csv(text, source, nullptr, std::max<std::size_t>(1, chunk_size), &sink);
}

} // namespace smartkpi
