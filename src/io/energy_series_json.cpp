// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Energy series in JSON for `energy baseline`: the same fields as the CSV form, in either of
// the layouts of data/schema/energy-series.schema.json; shared rules in
// io/energy_series_rules.hpp.
#include "io/energy_series_rules.hpp"
#include "io/json_fields.hpp"
#include "io/json_reader.hpp"

#include <smartkpi/io/energy_series_input.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smartkpi {

namespace {

using namespace detail::series;
using detail::JsonReader;
using detail::JsonType;

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
            } else if (std::string_view(key).starts_with("energy_") ||
                       std::string_view(key).starts_with("production_")) {
                const std::string_view base =
                    std::string_view(key).starts_with("energy_") ? "energy" : "production";
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
