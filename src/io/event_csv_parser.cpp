// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/event_csv_parser.hpp"

#include "core/ascii.hpp"
#include "io/utf8.hpp"

#include <smartkpi/core/period.hpp>
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <emmintrin.h>

namespace smartkpi::detail {

namespace {

constexpr std::size_t kRoles = 13;

struct ColumnName {
    std::string_view name;
    EventColumn role;
};

constexpr std::array<ColumnName, 13> kColumnNames = {{
    {"site", EventColumn::site},
    {"line", EventColumn::line},
    {"machine", EventColumn::machine},
    {"unit", EventColumn::machine}, // issue 3's name for a machine (conventions §21)
    {"shift", EventColumn::shift},
    {"start", EventColumn::start},
    {"end", EventColumn::end},
    {"state", EventColumn::state},
    {"reason", EventColumn::reason},
    {"good", EventColumn::good},
    {"scrap", EventColumn::scrap},
    {"rework", EventColumn::rework},
    {"ideal_cycle_s", EventColumn::ideal_cycle},
}};

constexpr std::array<std::string_view, kRoles> kRoleNames = {
    "site",   "line", "machine", "shift",  "start",         "end",      "state",
    "reason", "good", "scrap",   "rework", "ideal_cycle_s", "(ignored)"};

} // namespace

std::optional<EventColumn> event_column_role(std::string_view name) {
    for (const ColumnName& c : kColumnNames) {
        if (iequals(name, c.name)) {
            return c.role;
        }
    }
    return std::nullopt;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

constexpr std::size_t idx(EventColumn c) {
    return static_cast<std::size_t>(c);
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Two or more ASCII digits at p, no checks.
unsigned digits2(const char* p) {
    return static_cast<unsigned>(p[0] - '0') * 10 + static_cast<unsigned>(p[1] - '0');
}

bool all_digits(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(p[i])) {
            return false;
        }
    }
    return true;
}

// The 10 bytes of a date, compared as two loads.
bool same_date(const char* a, const char* b) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::uint16_t u = 0;
    std::uint16_t v = 0;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    std::memcpy(&u, a + 8, 2);
    std::memcpy(&v, b + 8, 2);
    return x == y && u == v;
}

enum class CountStatus { ok, negative, not_integer, too_large };

// A non-negative integer count; "" is 0 (nothing counted in the interval); "12.0" is 12.
CountStatus parse_count(std::string_view s, std::uint64_t& out) {
    out = 0;
    if (s.empty()) {
        return CountStatus::ok;
    }
    if (s.size() <= 18) {
        // Fast path: up to 18 digits cannot overflow.
        std::uint64_t v = 0;
        std::size_t i = 0;
        for (; i < s.size(); ++i) {
            const auto d = static_cast<unsigned>(s[i] - '0');
            if (d > 9) {
                break;
            }
            v = v * 10 + d;
        }
        if (i == s.size()) {
            out = v;
            return CountStatus::ok;
        }
    }
    std::size_t i = 0;
    bool negative = false;
    if (s[0] == '-') {
        negative = true;
        i = 1;
        if (s.size() == 1) {
            return CountStatus::not_integer;
        }
    }
    std::uint64_t v = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
        if (__builtin_mul_overflow(v, 10U, &v) ||
            __builtin_add_overflow(v, static_cast<unsigned>(s[i] - '0'), &v)) {
            return CountStatus::too_large;
        }
    }
    if (i < s.size()) {
        // A whole number written with a zero fraction, as some exporters do.
        if (s[i] != '.' || i == (negative ? 1U : 0U)) {
            return CountStatus::not_integer;
        }
        for (++i; i < s.size(); ++i) {
            if (s[i] != '0') {
                return CountStatus::not_integer;
            }
        }
    }
    if (negative && v != 0) {
        return CountStatus::negative;
    }
    out = v;
    return CountStatus::ok;
}

// Seconds as decimal text to integer microseconds (conventions §27), rounded half up at the
// microsecond; exponent forms go through from_chars.
bool parse_micros(std::string_view s, std::int64_t& out, std::string& why) {
    std::size_t i = 0;
    std::int64_t whole = 0;
    while (i < s.size() && is_digit(s[i]) && i < 13) {
        whole = whole * 10 + (s[i] - '0');
        ++i;
    }
    if (i > 0 && (i == s.size() || s[i] == '.')) {
        std::int64_t frac = 0;
        int digits = 0;
        bool round_up = false;
        if (i < s.size()) {
            ++i;
            const std::size_t first = i;
            for (; i < s.size() && is_digit(s[i]); ++i) {
                if (digits < 6) {
                    frac = frac * 10 + (s[i] - '0');
                    ++digits;
                } else if (i == first + 6) {
                    round_up = s[i] >= '5';
                }
            }
            if (i < s.size()) {
                why = fmt::format("'{}' is not a number of seconds", s);
                return false;
            }
        }
        for (; digits < 6; ++digits) {
            frac *= 10;
        }
        out = whole * 1000000 + frac + (round_up ? 1 : 0);
        return true;
    }
    double v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
        why = fmt::format("'{}' is not a number of seconds", s);
        return false;
    }
    if (v < 0) {
        why = fmt::format("ideal cycle time {} s is negative", s);
        return false;
    }
    if (v > 1e12) {
        why = fmt::format("ideal cycle time {} s is implausibly large", s);
        return false;
    }
    out = std::llround(v * 1e6);
    return true;
}

std::optional<MachineState> fast_state(std::string_view s) {
    // The exact upper-case names by length and one word compare (no memcmp call).
    const auto word = [&s](std::size_t at) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + at, 8);
        return w;
    };
    const auto word4 = [&s]() {
        std::uint32_t w = 0;
        std::memcpy(&w, s.data(), 4);
        return w;
    };
    constexpr auto pack = [](std::string_view t, std::size_t at, std::size_t n) {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            w |= std::uint64_t{static_cast<unsigned char>(t[at + i])} << (8 * i);
        }
        return w;
    };
    switch (s.size()) {
    case 9:
        if (word(0) == pack("PRODUCING", 0, 8) && s[8] == 'G') {
            return MachineState::producing;
        }
        break;
    case 5:
        if (word4() == pack("SETUP", 0, 4) && s[4] == 'P') {
            return MachineState::setup;
        }
        break;
    case 4:
        if (word4() == pack("DOWN", 0, 4)) {
            return MachineState::down;
        }
        if (word4() == pack("IDLE", 0, 4)) {
            return MachineState::idle;
        }
        break;
    case 12:
        if (word(0) == pack("PLANNED_STOP", 0, 8) && word(4) == pack("PLANNED_STOP", 4, 8)) {
            return MachineState::planned_stop;
        }
        break;
    default:
        break;
    }
    return parse_machine_state(s);
}

} // namespace

char* TextArena::allocate(std::size_t n) {
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    if (chunks_.empty() || used_ + n > sizes_[chunks_.size() - 1]) {
        const std::size_t size = std::max(kChunk, n);
        if (chunks_.size() == 1 && used_ == 0 && sizes_[0] >= n) {
            // The kept first chunk is free again.
        } else {
            chunks_.push_back(std::make_unique<char[]>(size));
            sizes_.resize(chunks_.size());
            sizes_.back() = size;
            used_ = 0;
        }
    }
    char* p = chunks_.back().get() + used_;
    used_ += n;
    return p;
}

std::string_view
TextArena::store(std::string_view a, std::string_view b, std::string_view c, char sep, int parts) {
    const std::size_t n =
        a.size() + (parts > 1 ? 1 + b.size() : 0) + (parts > 2 ? 1 + c.size() : 0);
    char* p = allocate(std::max<std::size_t>(n, 1));
    char* q = p;
    // Empty views may have a null data(): memcpy must not see them.
    const auto put = [&q](std::string_view t) {
        if (!t.empty()) {
            std::memcpy(q, t.data(), t.size());
            q += t.size();
        }
    };
    put(a);
    if (parts > 1) {
        *q++ = sep;
        put(b);
    }
    if (parts > 2) {
        *q++ = sep;
        put(c);
    }
    return {p, n};
}

EventHeader parse_event_header(std::string_view line, const std::string& source) {
    EventHeader h;
    std::array<bool, kRoles> seen{};
    std::size_t pos = 0;
    std::size_t column = 1;
    std::size_t index = 0;
    while (true) {
        std::size_t end = line.find(',', pos);
        if (end == std::string_view::npos) {
            end = line.size();
        }
        std::string_view name = trim(line.substr(pos, end - pos));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
        }
        const std::optional<EventColumn> role = event_column_role(name);
        const EventColumn r = role ? *role : EventColumn::ignore;
        if (role) {
            if (seen[idx(r)]) {
                throw SchemaError::duplicate("column", name, Location{source, 1, column, {}});
            }
            seen[idx(r)] = true;
            h.required = index + 1;
        }
        h.roles.push_back(r);
        h.names.emplace_back(name);
        ++index;
        column += end - pos + 1;
        if (end >= line.size()) {
            break;
        }
        pos = end + 1;
    }
    for (EventColumn c :
         {EventColumn::machine, EventColumn::start, EventColumn::end, EventColumn::state}) {
        if (!seen[idx(c)]) {
            throw SchemaError(
                fmt::format("the header has no '{}' column; an event log needs machine, start, "
                            "end and state (and may have site, line, shift, reason, good, "
                            "scrap, rework, ideal_cycle_s)",
                            kRoleNames[idx(c)]),
                Location{source, 1, 1, {}});
        }
    }
    h.columns.shift = seen[idx(EventColumn::shift)];
    h.columns.reason = seen[idx(EventColumn::reason)];
    h.columns.counts = seen[idx(EventColumn::good)] || seen[idx(EventColumn::scrap)] ||
                       seen[idx(EventColumn::rework)];
    h.columns.ideal_cycle = seen[idx(EventColumn::ideal_cycle)];
    return h;
}

EventBlockParser::EventBlockParser(const EventHeader* header, bool stop_at_problem, bool hash)
    : header_(header), stop_at_problem_(stop_at_problem), hash_(hash) {
    header_present_.fill(false);
    if (header_ != nullptr) {
        for (EventColumn r : header_->roles) {
            roles_.push_back(static_cast<std::uint8_t>(r));
            header_present_[idx(r)] = r != EventColumn::ignore;
        }
    }
}

bool EventBlockParser::timestamp(std::string_view s, DateCache& cache, UnixMillis& out) {
    // Fast path: the fixed form 2026-01-05T06:00:00Z, the date remembered from the last row.
    if (s.size() == 20 && s[10] == 'T' && s[19] == 'Z') {
        if (!cache.valid || !same_date(cache.text, s.data())) {
            cache.valid = false;
            if (s[4] == '-' && s[7] == '-' && all_digits(s.data(), 4) &&
                all_digits(s.data() + 5, 2) && all_digits(s.data() + 8, 2)) {
                const int y = static_cast<int>(digits2(s.data()) * 100 + digits2(s.data() + 2));
                const auto m = static_cast<int>(digits2(s.data() + 5));
                const auto d = static_cast<int>(digits2(s.data() + 8));
                static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30,
                                                              31, 31, 30, 31, 30, 31};
                const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                if (m >= 1 && m <= 12 && d >= 1 && d <= kDays[static_cast<std::size_t>(m - 1)] &&
                    (m != 2 || d <= 28 || leap)) {
                    std::memcpy(cache.text, s.data(), 10);
                    cache.day = Date{y, m, d}.days_since_epoch();
                    cache.valid = true;
                }
            }
        }
        // "HH:MM:SS" as one little-endian word, checked and converted at once (SWAR):
        // digit bytes at 0,1,3,4,6,7 and ':' at 2 and 5.
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + 11, 8);
        constexpr std::uint64_t kDigitBytes = 0xFFFF00FFFF00FFFFULL;
        constexpr std::uint64_t kHigh = 0x8080008080008080ULL;
        const std::uint64_t x = w & kDigitBytes;
        const bool ascii = (w & 0x8080808080808080ULL) == 0;
        const bool ge0 = ((x + 0x5050005050005050ULL) & kHigh) == kHigh; // each ≥ '0'
        const bool le9 = ((x + 0x4646004646004646ULL) & kHigh) == 0;     // each ≤ '9'
        if (cache.valid && ascii && ge0 && le9 && ((w >> 16) & 0xFF) == ':' &&
            ((w >> 40) & 0xFF) == ':') {
            const std::uint64_t d = x - 0x3030003030003030ULL;
            const auto hh = static_cast<unsigned>((d & 0xFF) * 10 + ((d >> 8) & 0xFF));
            const auto mm = static_cast<unsigned>(((d >> 24) & 0xFF) * 10 + ((d >> 32) & 0xFF));
            const auto ss = static_cast<unsigned>(((d >> 48) & 0xFF) * 10 + ((d >> 56) & 0xFF));
            if (hh < 24 && mm < 60 && ss < 60) {
                out = (cache.day * 86400 + hh * 3600 + mm * 60 + ss) * 1000;
                return true;
            }
        }
    }
    try {
        out = parse_timestamp_ms(s);
        return true;
    } catch (const ParseError& e) {
        problem_.message = e.message();
        return false;
    }
}

bool EventBlockParser::finish_row(EventRow& row,
                                  const std::array<std::string_view, kRoles>& f,
                                  const std::uint32_t* col,
                                  const char* line_start,
                                  const std::array<bool, kRoles>& present,
                                  ParsedBlock& out) {
    const auto fail = [&](EventColumn c, std::string message) {
        problem_.field = kRoleNames[idx(c)];
        problem_.column = !present[idx(c)] ? 1
                          : col != nullptr
                              ? col[idx(c)]
                              : static_cast<std::size_t>(f[idx(c)].data() - line_start + 1);
        problem_.message = std::move(message);
        return false;
    };
    if (!(present[idx(EventColumn::machine)] && present[idx(EventColumn::start)] &&
          present[idx(EventColumn::end)] && present[idx(EventColumn::state)])) {
        for (EventColumn c :
             {EventColumn::machine, EventColumn::start, EventColumn::end, EventColumn::state}) {
            if (!present[idx(c)]) {
                problem_.field = kRoleNames[idx(c)];
                problem_.column = 1;
                problem_.message = fmt::format("the row has no '{}'", kRoleNames[idx(c)]);
                return false;
            }
        }
    }
    row.site = f[idx(EventColumn::site)];
    row.line = f[idx(EventColumn::line)];
    row.machine = f[idx(EventColumn::machine)];
    row.shift = f[idx(EventColumn::shift)];
    row.reason = f[idx(EventColumn::reason)];
    if (row.machine.empty()) {
        return fail(EventColumn::machine, "machine is empty");
    }
    // The machine's key "site,line,machine": in the buffer when the three fields are
    // adjacent and unquoted (the usual layout), else joined in the arena.
    if (present[idx(EventColumn::site)] && present[idx(EventColumn::line)] &&
        row.site.data() + row.site.size() + 1 == row.line.data() &&
        row.line.data() + row.line.size() + 1 == row.machine.data() &&
        row.site.data()[row.site.size()] == ',' && row.line.data()[row.line.size()] == ',') {
        row.key = std::string_view(
            row.site.data(),
            static_cast<std::size_t>(row.machine.data() + row.machine.size() - row.site.data()));
    } else {
        row.key = out.arena.store(row.site, row.line, row.machine, ',', 3);
    }
    if (!timestamp(f[idx(EventColumn::start)], start_cache_, row.start_ms)) {
        return fail(EventColumn::start, "start: " + problem_.message);
    }
    if (!timestamp(f[idx(EventColumn::end)], end_cache_, row.end_ms)) {
        return fail(EventColumn::end, "end: " + problem_.message);
    }
    if (row.end_ms < row.start_ms) {
        return fail(EventColumn::end,
                    fmt::format("end {} is before start {}", f[idx(EventColumn::end)],
                                f[idx(EventColumn::start)]));
    }
    const std::string_view state = f[idx(EventColumn::state)];
    const std::optional<MachineState> s = fast_state(state);
    if (!s) {
        return fail(EventColumn::state,
                    fmt::format("unknown state '{}'; expected PRODUCING, SETUP, DOWN, "
                                "PLANNED_STOP or IDLE",
                                state));
    }
    row.state = *s;
    const auto count = [&](EventColumn c, std::uint64_t& v) {
        const CountStatus status = parse_count(f[idx(c)], v);
        if (status == CountStatus::ok) {
            return true;
        }
        switch (status) {
        case CountStatus::ok:
            break;
        case CountStatus::negative:
            return fail(c, fmt::format("{} {} is negative", kRoleNames[idx(c)], f[idx(c)]));
        case CountStatus::not_integer:
            return fail(c, fmt::format("{} '{}' is not a non-negative integer", kRoleNames[idx(c)],
                                       f[idx(c)]));
        case CountStatus::too_large:
            return fail(c, fmt::format("{} {} is too large (more than 2^64 - 1)",
                                       kRoleNames[idx(c)], f[idx(c)]));
        }
        return true;
    };
    if (!count(EventColumn::good, row.good) || !count(EventColumn::scrap, row.scrap) ||
        !count(EventColumn::rework, row.rework)) {
        return false;
    }
    if (row.good > (UINT64_MAX >> 2) || row.scrap > (UINT64_MAX >> 2) ||
        row.rework > (UINT64_MAX >> 2)) {
        return fail(EventColumn::good, "the counts of the row are too large to add up");
    }
    const std::string_view ideal = f[idx(EventColumn::ideal_cycle)];
    row.ideal_cycle_us = 0;
    if (!ideal.empty()) {
        std::string why;
        if (!parse_micros(ideal, row.ideal_cycle_us, why)) {
            return fail(EventColumn::ideal_cycle, why);
        }
    } else if (present[idx(EventColumn::ideal_cycle)] && row.good + row.scrap + row.rework > 0) {
        return fail(EventColumn::ideal_cycle,
                    "ideal_cycle_s is empty in a row that counts items: effectiveness needs it");
    }
    row.start_column =
        col != nullptr
            ? col[idx(EventColumn::start)]
            : static_cast<std::uint32_t>(f[idx(EventColumn::start)].data() - line_start + 1);
    if (hash_) {
        out.hashes.push_back(EventAggregator::machine_hash(row));
    }
    return true;
}

bool EventBlockParser::parse_csv_line(std::string_view line,
                                      std::uint64_t offset,
                                      std::uint64_t line_number,
                                      ParsedBlock& out) {
    std::array<std::string_view, kRoles> f{};
    std::array<std::uint32_t, kRoles> col{};
    std::array<bool, kRoles> present{};
    const std::vector<EventColumn>& roles = header_->roles;
    const char* const begin = line.data();
    const char* p = begin;
    const char* const e = begin + line.size();
    std::size_t field = 0;
    problem_ = {};
    while (true) {
        const char* const fs = p;
        std::string_view text;
        if (p < e && *p == '"') {
            // Quoted: "" is a quote; the field may hold commas and line ends.
            ++p;
            const char* q = p;
            bool escaped = false;
            while (true) {
                q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(e - q)));
                if (q == nullptr) {
                    problem_ = {{},          offset,
                                line_number, static_cast<std::size_t>(fs - begin + 1),
                                "row",       "a quoted field has no closing quote"};
                    return false;
                }
                if (q + 1 < e && q[1] == '"') {
                    escaped = true;
                    q += 2;
                    continue;
                }
                break;
            }
            if (escaped) {
                scratch_.clear();
                for (const char* c = p; c < q; ++c) {
                    scratch_.push_back(*c);
                    if (*c == '"') {
                        ++c;
                    }
                }
                text = out.arena.store(scratch_);
            } else {
                text = std::string_view(p, static_cast<std::size_t>(q - p));
            }
            p = q + 1;
            if (p < e && *p != ',') {
                problem_ = {{},          offset,
                            line_number, static_cast<std::size_t>(p - begin + 1),
                            "row",       "text after the closing quote of a field"};
                return false;
            }
        } else {
            const void* c = std::memchr(p, ',', static_cast<std::size_t>(e - p));
            const char* fe = c != nullptr ? static_cast<const char*>(c) : e;
            text = std::string_view(p, static_cast<std::size_t>(fe - p));
            p = fe;
        }
        if (field < roles.size()) {
            const auto r = idx(roles[field]);
            f[r] = text;
            col[r] = static_cast<std::uint32_t>(fs - begin + 1);
            present[r] = true;
        }
        ++field;
        if (p >= e) {
            break;
        }
        ++p; // the comma
        if (p == e) {
            // A trailing comma: one more, empty field.
            if (field < roles.size()) {
                const auto r = idx(roles[field]);
                f[r] = {};
                col[r] = static_cast<std::uint32_t>(p - begin + 1);
                present[r] = true;
            }
            ++field;
            break;
        }
    }
    if (field < header_->required || field > header_->roles.size()) {
        problem_ = {
            {},
            offset,
            line_number,
            line.size() + 1,
            "row",
            fmt::format("the row has {} fields; the header has {}", field, header_->roles.size())};
        return false;
    }
    return emit_row(f, col.data(), nullptr, present, offset, line_number, out);
}

bool EventBlockParser::emit_row(const std::array<std::string_view, kRoles>& f,
                                const std::uint32_t* columns,
                                const char* line_start,
                                const std::array<bool, kRoles>& present,
                                std::uint64_t offset,
                                std::uint64_t line_number,
                                ParsedBlock& out) {
    // One worker aggregates at once, no row kept (the row stays in cache); several keep the
    // rows for the partition by machine.
    EventRow& row = direct_ != nullptr ? direct_row_ : out.rows.emplace_back();
    row = EventRow{};
    row.offset = offset;
    row.line_number = line_number;
    if (!finish_row(row, f, columns, line_start, present, out)) {
        if (direct_ == nullptr) {
            out.rows.pop_back();
        }
        problem_.offset = offset;
        problem_.line = line_number;
        return false;
    }
    if (direct_ != nullptr) {
        if (std::optional<RowProblem> p = direct_->add(row)) {
            out.direct_problems.push_back(std::move(*p));
        }
    }
    return true;
}

bool EventBlockParser::valid_utf8(std::string_view line,
                                  std::uint64_t offset,
                                  std::uint64_t line_number) {
    const std::size_t bad = find_invalid_utf8(line);
    if (bad == kNotFound) {
        return true;
    }
    problem_ = {{},
                offset,
                line_number,
                bad + 1,
                "row",
                fmt::format("not valid UTF-8 (byte 0x{:02X}); convert the log to UTF-8, e.g. "
                            "iconv -f GBK -t UTF-8",
                            static_cast<unsigned char>(line[bad]))};
    return false;
}

bool EventBlockParser::row_from_fields(std::string_view line,
                                       std::uint64_t offset,
                                       std::uint64_t line_number,
                                       std::size_t field_count,
                                       ParsedBlock& out) {
    if (field_count < header_->required || field_count > header_->roles.size()) {
        problem_ = {{},
                    offset,
                    line_number,
                    line.size() + 1,
                    "row",
                    fmt::format("the row has {} fields; the header has {}", field_count,
                                header_->roles.size())};
        return false;
    }
    return emit_row(plain_, nullptr, line.data(), header_present_, offset, line_number, out);
}

// CSV without any double quote in the block: commas and line ends found 16 bytes at a time
// (SSE2, part of every x86-64), each field stored straight into its role's slot. A row
// with all the header's used columns sets every slot a role of the header has.
const char*
EventBlockParser::parse_plain_csv(std::string_view block, std::uint64_t offset, ParsedBlock& out) {
    const char* const b = block.data();
    const char* const e = b + block.size();
    const std::uint8_t* const roles = roles_.data();
    const std::size_t nroles = roles_.size();
    std::string_view* const f = plain_.data();
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    std::uint64_t line = out.first_line;
    const char* ls = b; // line start
    const char* fs = b; // field start
    std::size_t k = 0;  // field index in the line
    unsigned high = 0;  // a byte >= 0x80 in a chunk the line touches
    unsigned chunk_high = 0;
    const auto field = [&](const char* fe) {
        if (k < nroles) {
            f[roles[k]] = std::string_view(fs, static_cast<std::size_t>(fe - fs));
        }
        ++k;
        fs = fe + 1;
    };
    const auto end_line = [&](const char* le) {
        field(le);
        std::string_view text(ls, static_cast<std::size_t>(le - ls));
        if (!text.empty() && text.back() == '\r') {
            text.remove_suffix(1);
            if (k <= nroles) {
                std::string_view& last = f[roles[k - 1]];
                if (!last.empty() && last.data() + last.size() == le) {
                    last.remove_suffix(1);
                }
            }
        }
        bool ok = true;
        if (!text.empty() && !trim(text).empty()) {
            ++out.rows_seen;
            const std::uint64_t at = offset + static_cast<std::uint64_t>(ls - b);
            ok = (high == 0 || valid_utf8(text, at, line)) &&
                 row_from_fields(text, at, line, k, out);
            if (!ok) {
                problem_.offset = at;
                problem_.line = line;
                out.problems.push_back(std::move(problem_));
            }
        }
        ++line;
        ls = le + 1;
        fs = ls;
        k = 0;
        high = chunk_high; // the chunk may go on into the next line
        return ok || !stop_at_problem_;
    };
    const char* c = b;
    while (c + 16 <= e) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) != 0) {
            // A double quote: the general parser takes over from this line on.
            out.lines = line - out.first_line;
            return ls;
        }
        chunk_high = static_cast<unsigned>(_mm_movemask_epi8(v));
        high |= chunk_high;
        auto seps = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, newline))));
        while (seps != 0) {
            const char* at = c + __builtin_ctz(seps);
            seps &= seps - 1;
            if (*at == ',') {
                field(at);
            } else if (!end_line(at)) {
                out.lines = line - out.first_line;
                return nullptr;
            }
        }
        c += 16;
    }
    chunk_high = 0;
    for (const char* q = c; q < e; ++q) {
        if (*q == '"') {
            out.lines = line - out.first_line;
            return ls;
        }
    }
    for (; c < e; ++c) {
        high |= static_cast<unsigned char>(*c) >= 0x80 ? 1U : 0U;
        if (*c == ',') {
            field(c);
        } else if (*c == '\n' && !end_line(c)) {
            out.lines = line - out.first_line;
            return nullptr;
        }
    }
    if (ls < e) {
        if (!end_line(e)) {
            out.lines = line - out.first_line;
            return nullptr;
        }
        --line; // no line end after the last line
    }
    out.lines = line - out.first_line;
    return nullptr;
}

void EventBlockParser::parse(std::string_view block, std::uint64_t offset, ParsedBlock& out) {
    const bool csv = header_ != nullptr;
    // CSV takes the fast path until a line holds a double quote; from there on (and for
    // JSON Lines) lines are split by the general, quote-aware loop.
    const char* p = block.data();
    if (csv) {
        p = parse_plain_csv(block, offset, out);
        if (p == nullptr) {
            return;
        }
        out.quoted = true;
    }
    const bool quotes = csv;
    const char* const e = block.data() + block.size();
    std::uint64_t line = out.first_line + out.lines;
    while (p < e) {
        const char* nl = nullptr;
        std::uint64_t extra_lines = 0;
        if (!quotes) {
            nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)));
        } else {
            bool inside = false;
            for (const char* c = p; c < e; ++c) {
                if (*c == '"') {
                    inside = !inside;
                } else if (*c == '\n') {
                    if (!inside) {
                        nl = c;
                        break;
                    }
                    ++extra_lines;
                }
            }
        }
        const char* const le = nl != nullptr ? nl : e;
        std::string_view text(p, static_cast<std::size_t>(le - p));
        if (!text.empty() && text.back() == '\r') {
            text.remove_suffix(1);
        }
        const std::uint64_t at = offset + static_cast<std::uint64_t>(p - block.data());
        if (!trim(text).empty()) {
            ++out.rows_seen;
            const bool ok =
                valid_utf8(text, at, line) &&
                (csv ? parse_csv_line(text, at, line, out) : parse_jsonl_line(text, at, line, out));
            if (!ok) {
                problem_.offset = at;
                problem_.line = line;
                out.problems.push_back(std::move(problem_));
                if (stop_at_problem_) {
                    out.lines = line - out.first_line + extra_lines;
                    return;
                }
            }
        }
        line += 1 + extra_lines;
        p = nl != nullptr ? nl + 1 : e;
    }
    out.lines = line - out.first_line;
}

std::size_t whole_lines_length(std::string_view text, bool csv) {
    std::size_t end = text.rfind('\n');
    if (end == std::string_view::npos) {
        return 0;
    }
    if (!csv || std::memchr(text.data(), '"', text.size()) == nullptr) {
        return end + 1;
    }
    // Quote parity up to each candidate line end: back off to one outside quotes.
    std::size_t quotes = 0;
    for (std::size_t i = 0; i < end; ++i) {
        quotes += text[i] == '"' ? 1 : 0;
    }
    while (quotes % 2 != 0) {
        const std::size_t prev = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
        if (prev == std::string_view::npos) {
            return 0;
        }
        for (std::size_t i = prev; i < end; ++i) {
            quotes -= text[i] == '"' ? 1 : 0;
        }
        end = prev;
    }
    return end + 1;
}

} // namespace smartkpi::detail
