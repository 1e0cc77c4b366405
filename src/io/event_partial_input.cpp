// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Reads the partial files of `events kpi --emit-partials` (report/event_partial.cpp writes
// them): JSON Lines, each line read with the project's JSON reader, integers taken from their
// text (never through a double) so that the table comes back digit for digit.
#include "io/json_reader.hpp"
#include "io/record_rules.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/io/event_partial_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace smartkpi {

namespace {

using detail::JsonReader;
using detail::JsonType;

constexpr std::string_view kFormat = "smartkpi-event-partial/1";
constexpr std::array<std::string_view, 4> kLabelDims = {"site", "line", "machine", "shift"};

// The kinds of lines after the header, in the order a partial file lists them.
enum class Section : std::uint8_t { label, reason, group, reason_sum, machine, skipped, warning };
constexpr std::array<std::string_view, 7> kSectionNames = {
    "label", "reason", "group", "reason_sum", "machine", "skipped", "warning"};

// What the header announces, checked against what the file holds.
struct Counts {
    std::array<std::uint64_t, 4> labels{};
    std::uint64_t reasons = 0;
    std::uint64_t groups = 0;
    std::uint64_t reason_sums = 0;
    std::uint64_t machines = 0;
    std::uint64_t skipped = 0;
    std::uint64_t warnings = 0;
};

/// One line of the file, read member by member.
class Line {
  public:
    Line(std::string_view text, const std::string& source) : text_(text), reader_(text, source) {}

    JsonReader& reader() { return reader_; }

    /// Reads the members of the object the reader stands in: `f(index)` for each of `keys`;
    /// an unknown member or a missing one is a SchemaError.
    template <class F> void members(const std::vector<std::string_view>& keys, F&& f) {
        std::uint64_t seen = 0;
        const Location object = reader_.location();
        while (reader_.next_member()) {
            std::size_t i = 0;
            while (i < keys.size() && keys[i] != reader_.key()) {
                ++i;
            }
            if (i == keys.size()) {
                throw SchemaError::unknown_key(reader_.key(), keys, reader_.location());
            }
            seen |= std::uint64_t{1} << i;
            f(i);
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if ((seen & (std::uint64_t{1} << i)) == 0) {
                throw SchemaError::missing_key(keys[i], object);
            }
        }
    }

    /// An integer of type T, from its text.
    template <class T> T integer() {
        static_assert(std::is_integral_v<T>);
        const std::string_view what = std::is_signed_v<T> ? "an integer" : "a non-negative integer";
        if (reader_.peek() != JsonType::number) {
            (void)reader_.read_number(what); // throws wrong_type
        }
        const std::size_t at = reader_.offset();
        (void)reader_.read_number(what);
        T value{};
        const char* first = text_.data() + at;
        const char* last = text_.data() + text_.size();
        const auto [end, error] = std::from_chars(first, last, value);
        if (error == std::errc::result_out_of_range) {
            throw SchemaError(fmt::format("integer out of range: expected {} of {} bits", what,
                                          std::numeric_limits<T>::digits),
                              reader_.location());
        }
        if (error != std::errc{} || (end != last && (*end == '.' || *end == 'e' || *end == 'E'))) {
            throw SchemaError::wrong_type(
                what, *first == '-' ? "a negative number" : "a number with a fraction or exponent",
                reader_.location());
        }
        return value;
    }

    std::int64_t non_negative_i64() {
        const std::int64_t v = integer<std::int64_t>();
        if (v < 0) {
            throw SchemaError::wrong_type("a non-negative integer", "a negative one",
                                          reader_.location());
        }
        return v;
    }

    std::string_view string(std::string_view what = "a string") {
        return reader_.read_string(what);
    }

    bool boolean() { return reader_.read_bool(); }

    /// A 128-bit integer written as a decimal string.
    ExactSum exact() {
        const std::string_view s = reader_.read_string("an integer as a decimal string");
        __extension__ using Unsigned = unsigned __int128;
        const bool negative = !s.empty() && s.front() == '-';
        std::size_t i = negative ? 1 : 0;
        const Unsigned limit =
            (Unsigned{1} << 127U) - (negative ? Unsigned{0} : Unsigned{1}); // |min| or max
        Unsigned v = 0;
        bool ok = i < s.size();
        for (; ok && i < s.size(); ++i) {
            const char c = s[i];
            if (c < '0' || c > '9') {
                ok = false;
                break;
            }
            const auto d = static_cast<unsigned>(c - '0');
            if (v > (limit - d) / 10) {
                ok = false;
                break;
            }
            v = v * 10 + d;
        }
        if (!ok) {
            throw SchemaError::wrong_type("a 128-bit integer as a decimal string",
                                          fmt::format("\"{}\"", s), reader_.location());
        }
        if (!negative) {
            return static_cast<ExactSum>(v);
        }
        return v == 0 ? 0 : -static_cast<ExactSum>(v - 1) - 1;
    }

    MachineState state() {
        const std::string_view s = reader_.read_string("a machine state");
        const std::optional<MachineState> state = parse_machine_state(s);
        if (!state) {
            throw SchemaError::bad_enum(s, {"PRODUCING", "SETUP", "DOWN", "PLANNED_STOP", "IDLE"},
                                        reader_.location());
        }
        return *state;
    }

    /// [site, line, machine, shift, time]
    EventKey key() {
        EventKey k;
        reader_.begin_array("a group key [site, line, machine, shift, time]");
        std::size_t n = 0;
        while (reader_.next_element()) {
            if (n < 4) {
                k.ids[n] = integer<std::uint32_t>();
            } else if (n == 4) {
                k.time = integer<std::int32_t>();
            } else {
                throw SchemaError("a group key has 5 elements: site, line, machine, shift, time",
                                  reader_.location());
            }
            ++n;
        }
        if (n != 5) {
            throw SchemaError("a group key has 5 elements: site, line, machine, shift, time",
                              reader_.location());
        }
        return k;
    }

    /// Where the value just read, or about to be read, starts.
    [[nodiscard]] Location location() const { return reader_.location(); }

  private:
    std::string_view text_;
    JsonReader reader_;
};

class PartialReader {
  public:
    PartialReader(std::string_view text, const std::string& source)
        : text_(text), source_(source) {}

    EventTable read() {
        std::size_t pos = 0;
        bool header = false;
        while (pos < text_.size()) {
            std::size_t end = text_.find('\n', pos);
            if (end == std::string_view::npos) {
                end = text_.size();
            }
            std::string_view line = text_.substr(pos, end - pos);
            pos = end + 1;
            ++line_;
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            if (line.find_first_not_of(" \t") == std::string_view::npos) {
                continue;
            }
            try {
                Line l(line, source_);
                if (!header) {
                    read_header(l);
                    header = true;
                } else {
                    read_record(l);
                }
                l.reader().expect_end();
            } catch (const DataError& e) {
                Location where = e.where();
                where.source = source_;
                where.line = line_;
                detail::rethrow_at(e, std::move(where));
            }
        }
        if (!header) {
            throw SchemaError(
                fmt::format("empty partial file: expected a header line with \"format\": \"{}\"",
                            kFormat),
                Location{source_, 1, 1, ""});
        }
        check_counts();
        return std::move(table_);
    }

  private:
    void read_header(Line& l) {
        JsonReader& r = l.reader();
        r.begin_object("a partial-file header (a JSON object)");
        EventOptions& o = table_.options;
        std::string fingerprint;
        Location fingerprint_at;
        std::optional<std::string> calendar;
        Location calendar_at;
        l.members({"format", "fingerprint", "by", "on_error", "min_failure_ms", "max_listed",
                   "reasons", "calendar", "columns", "rows", "bytes", "skipped_count", "closed",
                   "counts"},
                  [&](std::size_t i) {
                      switch (i) {
                      case 0: {
                          const Location at = l.location();
                          const std::string_view f = l.string("a format name");
                          if (f != kFormat) {
                              throw SchemaError(
                                  fmt::format("not a partial file of `events`: format \"{}\" is "
                                              "not \"{}\"",
                                              f, kFormat),
                                  at);
                          }
                          break;
                      }
                      case 1:
                          fingerprint_at = l.location();
                          fingerprint = std::string(l.string());
                          break;
                      case 2: {
                          const Location at = l.location();
                          const std::string by(l.string("a grouping"));
                          try {
                              o.by = parse_event_grouping(by);
                          } catch (const UsageError& e) {
                              throw SchemaError(e.message(), at);
                          }
                          break;
                      }
                      case 3: {
                          const Location at = l.location();
                          const std::string_view v = l.string();
                          if (v == "fail") {
                              o.on_error = OnError::fail;
                          } else if (v == "skip") {
                              o.on_error = OnError::skip;
                          } else {
                              throw SchemaError::bad_enum(v, {"fail", "skip"}, at);
                          }
                          break;
                      }
                      case 4:
                          o.min_failure_ms = l.non_negative_i64();
                          break;
                      case 5:
                          o.max_listed = l.integer<std::size_t>();
                          break;
                      case 6:
                          o.reasons = l.boolean();
                          break;
                      case 7:
                          calendar_at = l.location();
                          if (l.reader().peek() == JsonType::null) {
                              l.reader().read_null();
                          } else {
                              calendar = std::string(l.string("a calendar text or null"));
                          }
                          break;
                      case 8:
                          read_columns(l);
                          break;
                      case 9:
                          table_.rows = l.integer<std::uint64_t>();
                          break;
                      case 10:
                          table_.bytes = l.integer<std::uint64_t>();
                          break;
                      case 11:
                          table_.skipped_count = l.integer<std::uint64_t>();
                          break;
                      case 12:
                          table_.closed = l.boolean();
                          break;
                      case 13:
                          read_counts(l);
                          break;
                      default:
                          break;
                      }
                  });
        if (calendar) {
            try {
                o.calendar = std::make_shared<const ShiftCalendar>(
                    ShiftCalendar::parse_canonical(*calendar));
            } catch (const Error& e) {
                throw SchemaError(fmt::format("bad calendar: {}", e.message()), calendar_at);
            } catch (const std::exception& e) {
                throw SchemaError(fmt::format("bad calendar: {}", e.what()), calendar_at);
            }
        }
        if (o.fingerprint() != fingerprint) {
            throw DataError(fmt::format("the fingerprint \"{}\" does not match the options of "
                                        "the header (\"{}\"): the file was edited",
                                        fingerprint, o.fingerprint()),
                            fingerprint_at);
        }
    }

    void read_columns(Line& l) {
        l.reader().begin_object("the log's columns {\"shift\", \"reason\", ...}");
        EventColumns& c = table_.columns;
        l.members({"shift", "reason", "counts", "ideal_cycle"}, [&](std::size_t i) {
            bool* fields[] = {&c.shift, &c.reason, &c.counts, &c.ideal_cycle};
            *fields[i] = l.boolean();
        });
    }

    void read_counts(Line& l) {
        l.reader().begin_object("the counts of the file's records");
        l.members({"site", "line", "machine", "shift", "reasons", "groups", "reason_sums",
                   "machines", "skipped", "warnings"},
                  [&](std::size_t i) {
                      std::uint64_t* fields[] = {&counts_.labels[0],   &counts_.labels[1],
                                                 &counts_.labels[2],   &counts_.labels[3],
                                                 &counts_.reasons,     &counts_.groups,
                                                 &counts_.reason_sums, &counts_.machines,
                                                 &counts_.skipped,     &counts_.warnings};
                      *fields[i] = l.integer<std::uint64_t>();
                  });
        // Room for the records, within reason: the counts are the file's word until checked.
        constexpr std::uint64_t kMaxReserve = 1U << 22U;
        table_.keys.reserve(static_cast<std::size_t>(std::min(counts_.groups, kMaxReserve)));
        table_.sums.reserve(static_cast<std::size_t>(std::min(counts_.groups, kMaxReserve)));
    }

    void enter(Section s, const Location& where) {
        if (s < section_) {
            throw SchemaError(fmt::format("a \"{}\" line after \"{}\" lines: a partial file lists "
                                          "labels, reasons, groups, reason sums, machines, "
                                          "skipped rows and warnings, in this order",
                                          kSectionNames[static_cast<std::size_t>(s)],
                                          kSectionNames[static_cast<std::size_t>(section_)]),
                              where);
        }
        section_ = s;
    }

    void read_record(Line& l) {
        JsonReader& r = l.reader();
        r.begin_object("a partial-file record (a JSON object)");
        if (!r.next_member() || r.key() != "type") {
            throw SchemaError("a record of a partial file starts with its \"type\"",
                              Location{source_, 1, 1, ""});
        }
        const Location at = l.location();
        const std::string type(l.string("a record type"));
        std::size_t s = 0;
        while (s < kSectionNames.size() && kSectionNames[s] != type) {
            ++s;
        }
        if (s == kSectionNames.size()) {
            throw SchemaError::bad_enum(
                type, std::vector<std::string_view>(kSectionNames.begin(), kSectionNames.end()),
                at);
        }
        enter(static_cast<Section>(s), at);
        switch (static_cast<Section>(s)) {
        case Section::label:
            read_label(l);
            break;
        case Section::reason:
            read_reason(l);
            break;
        case Section::group:
            read_group(l);
            break;
        case Section::reason_sum:
            read_reason_sum(l);
            break;
        case Section::machine:
            read_machine(l);
            break;
        case Section::skipped:
            read_skipped(l);
            break;
        case Section::warning:
            read_warning(l);
            break;
        }
    }

    // Appends `text` to `list` (sorted, distinct: conventions §5).
    static void add_sorted(std::vector<std::string>& list,
                           std::string text,
                           std::string_view what,
                           const Location& at) {
        if (!list.empty() && !(list.back() < text)) {
            throw DataError(fmt::format("{} \"{}\" is not after \"{}\": labels are sorted and "
                                        "distinct",
                                        what, text, list.back()),
                            at);
        }
        list.push_back(std::move(text));
    }

    void read_label(Line& l) {
        std::size_t dim = 0;
        Location dim_at;
        std::string text;
        Location text_at;
        l.members({"dim", "text"}, [&](std::size_t i) {
            if (i == 0) {
                dim_at = l.location();
                const std::string_view d = l.string("a dimension");
                while (dim < kLabelDims.size() && kLabelDims[dim] != d) {
                    ++dim;
                }
                if (dim == kLabelDims.size()) {
                    throw SchemaError::bad_enum(
                        d, std::vector<std::string_view>(kLabelDims.begin(), kLabelDims.end()),
                        dim_at);
                }
            } else {
                text_at = l.location();
                text = std::string(l.string());
            }
        });
        if (dim < label_dim_) {
            throw DataError(fmt::format("a {} label after the {} labels: labels come by "
                                        "dimension (site, line, machine, shift)",
                                        kLabelDims[dim], kLabelDims[label_dim_]),
                            dim_at);
        }
        label_dim_ = dim;
        add_sorted(table_.labels[dim], std::move(text), fmt::format("{} label", kLabelDims[dim]),
                   text_at);
    }

    void read_reason(Line& l) {
        std::string text;
        Location at;
        l.members({"text"}, [&](std::size_t) {
            at = l.location();
            text = std::string(l.string());
        });
        add_sorted(table_.reasons, std::move(text), "reason", at);
    }

    // The ranks of a key are within the labels of the dimensions grouped by, and 0 for the
    // others; the time is 0 without a time dimension.
    void check_key(const EventKey& k, const Location& at) const {
        const EventGrouping& by = table_.options.by;
        for (std::size_t d = 0; d < 4; ++d) {
            const bool grouped = by.has(static_cast<EventDimension>(d));
            const std::size_t count = table_.labels[d].size();
            if (grouped ? k.ids[d] >= count : k.ids[d] != 0) {
                throw DataError(
                    grouped ? fmt::format("{} rank {} is beyond the {} {} labels", kLabelDims[d],
                                          k.ids[d], count, kLabelDims[d])
                            : fmt::format("{} rank {} in a key not grouped by {}: must be 0",
                                          kLabelDims[d], k.ids[d], kLabelDims[d]),
                    at);
            }
        }
        if (!by.time_dimension() && k.time != 0) {
            throw DataError(fmt::format("time {} in a key without a day, week or month: must "
                                        "be 0",
                                        k.time),
                            at);
        }
    }

    void read_group(Line& l) {
        EventKey key;
        Location key_at;
        GroupSums s;
        l.members({"key", "ms", "good", "scrap", "rework", "ideal_us", "failures", "segments",
                   "gap_ms", "gaps"},
                  [&](std::size_t i) {
                      switch (i) {
                      case 0:
                          key_at = l.location();
                          key = l.key();
                          break;
                      case 1: {
                          JsonReader& r = l.reader();
                          r.begin_array("the milliseconds of each state [PRODUCING, SETUP, "
                                        "DOWN, PLANNED_STOP, IDLE]");
                          std::size_t n = 0;
                          while (r.next_element()) {
                              if (n >= s.state_ms.size()) {
                                  throw SchemaError(
                                      fmt::format("\"ms\" has {} elements, one per state",
                                                  s.state_ms.size()),
                                      r.location());
                              }
                              s.state_ms[n++] = l.non_negative_i64();
                          }
                          if (n != s.state_ms.size()) {
                              throw SchemaError(fmt::format("\"ms\" has {} elements, one per "
                                                            "state",
                                                            s.state_ms.size()),
                                                r.location());
                          }
                          break;
                      }
                      case 2:
                          s.good = l.integer<std::uint64_t>();
                          break;
                      case 3:
                          s.scrap = l.integer<std::uint64_t>();
                          break;
                      case 4:
                          s.rework = l.integer<std::uint64_t>();
                          break;
                      case 5:
                          s.ideal_us = l.exact();
                          break;
                      case 6:
                          s.failures = l.integer<std::uint64_t>();
                          break;
                      case 7:
                          s.segments = l.integer<std::uint64_t>();
                          break;
                      case 8:
                          s.gap_ms = l.non_negative_i64();
                          break;
                      case 9:
                          s.gaps = l.integer<std::uint64_t>();
                          break;
                      default:
                          break;
                      }
                  });
        check_key(key, key_at);
        if (!table_.keys.empty() && !(table_.keys.back() < key)) {
            throw DataError("group key is not after the previous one: groups are sorted by key "
                            "and distinct",
                            key_at);
        }
        table_.keys.push_back(key);
        table_.sums.push_back(s);
    }

    void read_reason_sum(Line& l) {
        ReasonSums rs;
        Location group_at;
        Location reason_at;
        l.members({"group", "state", "reason", "time_ms", "count"}, [&](std::size_t i) {
            switch (i) {
            case 0:
                group_at = l.location();
                rs.group = l.integer<std::uint32_t>();
                break;
            case 1:
                rs.state = l.state();
                break;
            case 2:
                reason_at = l.location();
                rs.reason = l.integer<std::uint32_t>();
                break;
            case 3:
                rs.time_ms = l.non_negative_i64();
                break;
            case 4:
                rs.count = l.integer<std::uint64_t>();
                break;
            default:
                break;
            }
        });
        if (rs.group >= table_.keys.size()) {
            throw DataError(
                fmt::format("group {} is beyond the {} groups", rs.group, table_.keys.size()),
                group_at);
        }
        if (rs.reason >= table_.reasons.size()) {
            throw DataError(
                fmt::format("reason {} is beyond the {} reasons", rs.reason, table_.reasons.size()),
                reason_at);
        }
        if (!table_.reason_sums.empty()) {
            const ReasonSums& p = table_.reason_sums.back();
            const auto order = [](const ReasonSums& x) {
                return std::tuple(x.group, x.state, x.reason);
            };
            if (!(order(p) < order(rs))) {
                throw DataError("reason sum is not after the previous one: reason sums are "
                                "sorted by (group, state, reason) and distinct",
                                group_at);
            }
        }
        table_.reason_sums.push_back(rs);
    }

    void read_machine(Line& l) {
        MachineSeam m;
        Location ids_at;
        Location head_at;
        Location tail_at;
        l.members({"ids", "first_start_ms", "first_end_ms", "first_state", "first_line",
                   "last_start_ms", "last_end_ms", "last_state", "head_ms", "head_key", "head_open",
                   "tail_ms", "tail_key"},
                  [&](std::size_t i) {
                      switch (i) {
                      case 0: {
                          ids_at = l.location();
                          JsonReader& r = l.reader();
                          r.begin_array("machine ranks [site, line, machine]");
                          std::size_t n = 0;
                          while (r.next_element()) {
                              if (n >= 3) {
                                  throw SchemaError("\"ids\" has 3 elements: site, line, machine",
                                                    r.location());
                              }
                              m.ids[n++] = l.integer<std::uint32_t>();
                          }
                          if (n != 3) {
                              throw SchemaError("\"ids\" has 3 elements: site, line, machine",
                                                ids_at);
                          }
                          break;
                      }
                      case 1:
                          m.first_start_ms = l.integer<std::int64_t>();
                          break;
                      case 2:
                          m.first_end_ms = l.integer<std::int64_t>();
                          break;
                      case 3:
                          m.first_state = l.state();
                          break;
                      case 4:
                          m.first_line = l.integer<std::uint64_t>();
                          break;
                      case 5:
                          m.last_start_ms = l.integer<std::int64_t>();
                          break;
                      case 6:
                          m.last_end_ms = l.integer<std::int64_t>();
                          break;
                      case 7:
                          m.last_state = l.state();
                          break;
                      case 8:
                          m.head_ms = l.integer<std::int64_t>();
                          break;
                      case 9:
                          head_at = l.location();
                          m.head_key = l.key();
                          break;
                      case 10:
                          m.head_open = l.boolean();
                          break;
                      case 11:
                          m.tail_ms = l.integer<std::int64_t>();
                          break;
                      case 12:
                          tail_at = l.location();
                          m.tail_key = l.key();
                          break;
                      default:
                          break;
                      }
                  });
        for (std::size_t d = 0; d < 3; ++d) {
            if (m.ids[d] >= table_.labels[d].size()) {
                throw DataError(fmt::format("{} rank {} is beyond the {} {} labels", kLabelDims[d],
                                            m.ids[d], table_.labels[d].size(), kLabelDims[d]),
                                ids_at);
            }
        }
        if (m.head_ms >= 0) {
            check_key(m.head_key, head_at);
        }
        if (m.tail_ms >= 0) {
            check_key(m.tail_key, tail_at);
        }
        if (!table_.machines.empty() && !(table_.machines.back().ids < m.ids)) {
            throw DataError("machine is not after the previous one: machines are sorted by "
                            "(site, line, machine) and distinct",
                            ids_at);
        }
        table_.machines.push_back(m);
    }

    void read_skipped(Line& l) {
        RowProblem p;
        l.members({"source", "offset", "line", "column", "field", "message"}, [&](std::size_t i) {
            switch (i) {
            case 0:
                p.source = std::string(l.string());
                break;
            case 1:
                p.offset = l.integer<std::uint64_t>();
                break;
            case 2:
                p.line = l.integer<std::size_t>();
                break;
            case 3:
                p.column = l.integer<std::size_t>();
                break;
            case 4:
                p.field = std::string(l.string());
                break;
            case 5:
                p.message = std::string(l.string());
                break;
            default:
                break;
            }
        });
        table_.skipped.push_back(std::move(p));
    }

    void read_warning(Line& l) {
        l.members({"text"},
                  [&](std::size_t) { table_.warnings.emplace_back(std::string(l.string())); });
    }

    // The header's counts against the records: a short count is a truncated file.
    void check_counts() const {
        const Location header{source_, 1, 1, ""};
        const auto same = [&](std::string_view what, std::uint64_t announced, std::size_t found) {
            if (announced != found) {
                throw DataError(fmt::format("the header announces {} {} but the file has {}: "
                                            "it is truncated or was edited",
                                            announced, what, found),
                                header);
            }
        };
        for (std::size_t d = 0; d < 4; ++d) {
            same(fmt::format("{} labels", kLabelDims[d]), counts_.labels[d],
                 table_.labels[d].size());
        }
        same("reasons", counts_.reasons, table_.reasons.size());
        same("groups", counts_.groups, table_.keys.size());
        same("reason sums", counts_.reason_sums, table_.reason_sums.size());
        same("machines", counts_.machines, table_.machines.size());
        same("skipped rows", counts_.skipped, table_.skipped.size());
        same("warnings", counts_.warnings, table_.warnings.size());
        if (table_.skipped.size() > table_.skipped_count) {
            throw DataError(fmt::format("{} skipped rows listed but skipped_count is {}",
                                        table_.skipped.size(), table_.skipped_count),
                            header);
        }
    }

    std::string_view text_;
    const std::string& source_;
    std::size_t line_ = 0;
    EventTable table_;
    Counts counts_;
    Section section_ = Section::label;
    std::size_t label_dim_ = 0;
};

} // namespace

EventTable read_event_partial(std::string_view text, const std::string& source) {
    return PartialReader(text, source).read();
}

} // namespace smartkpi
