// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The JSON Lines rows of an event log: one flat object a line, keys as the CSV columns,
// other keys ignored whatever their value.
#include "io/event_csv_parser.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace smartkpi::detail {

namespace {

constexpr std::size_t kRoles = 13;

constexpr std::size_t idx(EventColumn c) {
    return static_cast<std::size_t>(c);
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

namespace {

void skip_ws(const char*& p, const char* e) {
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r')) {
        ++p;
    }
}

void append_utf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) {
        s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool hex4(const char* p, const char* e, std::uint32_t& v) {
    if (e - p < 4) {
        return false;
    }
    v = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return false;
        }
    }
    return true;
}

// A JSON string at p (on its opening quote); the text unescaped into the arena when needed.
bool json_string(const char*& p,
                 const char* e,
                 TextArena& arena,
                 std::string& t,
                 std::string_view& out,
                 std::string& why) {
    ++p;
    const char* s = p;
    while (p < e && *p != '"' && *p != '\\') {
        if (static_cast<unsigned char>(*p) < 0x20) {
            why = "a control character inside a string";
            return false;
        }
        ++p;
    }
    if (p < e && *p == '"') {
        out = std::string_view(s, static_cast<std::size_t>(p - s));
        ++p;
        return true;
    }
    t.assign(s, static_cast<std::size_t>(p - s));
    while (p < e && *p != '"') {
        if (*p != '\\') {
            if (static_cast<unsigned char>(*p) < 0x20) {
                why = "a control character inside a string";
                return false;
            }
            t.push_back(*p++);
            continue;
        }
        ++p;
        if (p >= e) {
            break;
        }
        const char c = *p++;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            t.push_back(c);
            break;
        case 'b':
            t.push_back('\b');
            break;
        case 'f':
            t.push_back('\f');
            break;
        case 'n':
            t.push_back('\n');
            break;
        case 'r':
            t.push_back('\r');
            break;
        case 't':
            t.push_back('\t');
            break;
        case 'u': {
            std::uint32_t cp = 0;
            if (!hex4(p, e, cp)) {
                why = "a bad \\u escape";
                return false;
            }
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                std::uint32_t lo = 0;
                if (e - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, e, lo) ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    why = "an unpaired surrogate in a \\u escape";
                    return false;
                }
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                why = "an unpaired surrogate in a \\u escape";
                return false;
            }
            append_utf8(t, cp);
            break;
        }
        default:
            why = fmt::format("an unknown escape \\{}", c);
            return false;
        }
    }
    if (p >= e) {
        why = "a string has no closing quote";
        return false;
    }
    ++p;
    out = arena.store(t);
    return true;
}

// Past a JSON object or array at p (its opening bracket), strings and nesting respected;
// false when it is not closed on the line.
bool skip_json_container(const char*& p, const char* e) {
    int depth = 0;
    bool in_string = false;
    for (; p < e; ++p) {
        const char c = *p;
        if (in_string) {
            if (c == '\\') {
                ++p;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                ++p;
                return true;
            }
        }
    }
    return false;
}

} // namespace

bool EventBlockParser::parse_jsonl_line(std::string_view line,
                                        std::uint64_t offset,
                                        std::uint64_t line_number,
                                        ParsedBlock& out) {
    std::array<std::string_view, kRoles> f{};
    std::array<std::uint32_t, kRoles> col{};
    std::array<bool, kRoles> present{};
    const char* const begin = line.data();
    const char* p = begin;
    const char* const e = begin + line.size();
    problem_ = {};
    std::string why;
    const auto fail_at = [&](const char* at, std::string message) {
        problem_ = {{},          offset,
                    line_number, static_cast<std::size_t>(at - begin + 1),
                    "row",       std::move(message)};
        return false;
    };
    skip_ws(p, e);
    if (p >= e || *p != '{') {
        return fail_at(p, "a JSON Lines row must be an object {...}");
    }
    ++p;
    skip_ws(p, e);
    bool first = true;
    while (true) {
        skip_ws(p, e);
        if (p < e && *p == '}' && first) {
            ++p;
            break;
        }
        if (p >= e || *p != '"') {
            return fail_at(p, "expected a key in double quotes");
        }
        std::string_view key;
        if (!json_string(p, e, out.arena, scratch_, key, why)) {
            return fail_at(p, why);
        }
        skip_ws(p, e);
        if (p >= e || *p != ':') {
            return fail_at(p, "expected ':' after a key");
        }
        ++p;
        skip_ws(p, e);
        const char* const vs = p;
        std::string_view value;
        bool is_null = false;
        if (p < e && *p == '"') {
            if (!json_string(p, e, out.arena, scratch_, value, why)) {
                return fail_at(p, why);
            }
        } else if (p < e && (*p == '{' || *p == '[')) {
            if (event_column_role(key)) {
                return fail_at(p, fmt::format("'{}' must be a string or a number, not an object "
                                              "or array",
                                              key));
            }
            // Another key's object or array: skipped, as extra CSV columns are.
            if (!skip_json_container(p, e)) {
                return fail_at(vs, fmt::format("the value of '{}' is not closed", key));
            }
            value = {};
            is_null = true;
        } else {
            while (p < e && *p != ',' && *p != '}' && *p != ' ' && *p != '\t' && *p != '\r') {
                ++p;
            }
            value = std::string_view(vs, static_cast<std::size_t>(p - vs));
            if (value == "null") {
                is_null = true;
                value = {};
            } else if ((value == "true" || value == "false") && !event_column_role(key)) {
                is_null = true; // another key's boolean: ignored
                value = {};
            } else if (value.empty() || value == "true" || value == "false" ||
                       !(is_digit(value[0]) || value[0] == '-')) {
                return fail_at(vs, fmt::format("'{}' has a value that is not a string, number "
                                               "or null",
                                               key));
            }
        }
        if (const std::optional<EventColumn> role = event_column_role(key)) {
            const auto r = idx(*role);
            if (present[r]) {
                return fail_at(vs, fmt::format("the key '{}' appears twice", key));
            }
            if (!is_null) {
                f[r] = value;
                present[r] = true;
            }
            col[r] = static_cast<std::uint32_t>(vs - begin + 1);
            switch (*role) {
            case EventColumn::shift:
                out.seen.shift = true;
                break;
            case EventColumn::reason:
                out.seen.reason = true;
                break;
            case EventColumn::good:
            case EventColumn::scrap:
            case EventColumn::rework:
                out.seen.counts = true;
                break;
            case EventColumn::ideal_cycle:
                out.seen.ideal_cycle = true;
                break;
            default:
                break;
            }
        }
        first = false;
        skip_ws(p, e);
        if (p < e && *p == ',') {
            ++p;
            continue;
        }
        if (p < e && *p == '}') {
            ++p;
            break;
        }
        return fail_at(p, "expected ',' or '}'");
    }
    skip_ws(p, e);
    if (p < e) {
        return fail_at(p, "text after the end of the object");
    }
    return emit_row(f, col.data(), nullptr, present, offset, line_number, out);
}

} // namespace smartkpi::detail
