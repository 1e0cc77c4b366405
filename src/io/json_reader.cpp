// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <iterator>
#include <system_error>

namespace smartkpi::detail {

namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMaxDepth = 256;
// Up to this many members a linear scan finds duplicate names faster than any hash set.
constexpr std::size_t kLinearKeys = 8;
constexpr std::size_t kFirstTableSize = 32;
// Longest word quoted in an error message; a megabyte of letters must not become the message.
constexpr std::size_t kMaxWord = 24;

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

std::uint64_t load_word(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return word;
}

// True when some byte of `word` is '"', '\\' or below 0x20 (exact for "some", the classic
// has-zero-byte trick; which byte is left to the byte loop).
bool has_string_special(std::uint64_t word) {
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t zero_in_quote = (quote - kOnes) & ~quote;
    const std::uint64_t zero_in_backslash = (backslash - kOnes) & ~backslash;
    const std::uint64_t below_space = (word - kOnes * 0x20) & ~word;
    return ((zero_in_quote | zero_in_backslash | below_space) & kHighBits) != 0;
}

bool is_string_special(unsigned char c) {
    return c == '"' || c == '\\' || c < 0x20;
}

// Offset of the first '"', '\\' or control character at or after `pos`, or `size`.
std::size_t find_string_special(const char* data, std::size_t pos, std::size_t size) {
    while (pos + sizeof(std::uint64_t) <= size && !has_string_special(load_word(data + pos))) {
        pos += sizeof(std::uint64_t);
    }
    while (pos < size && !is_string_special(static_cast<unsigned char>(data[pos]))) {
        ++pos;
    }
    return pos;
}

// Word-at-a-time and over every byte, so that names sharing a long prefix still spread out.
std::uint64_t hash_name(std::string_view name) {
    constexpr std::uint64_t kMul1 = 0xbf58476d1ce4e5b9ULL;
    constexpr std::uint64_t kMul2 = 0x94d049bb133111ebULL;
    std::uint64_t hash = 0x9e3779b97f4a7c15ULL ^ name.size();
    std::size_t p = 0;
    for (; p + sizeof(std::uint64_t) <= name.size(); p += sizeof(std::uint64_t)) {
        hash = (hash ^ load_word(name.data() + p)) * kMul1;
        hash ^= hash >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, name.data() + p, name.size() - p);
    hash = (hash ^ tail) * kMul2;
    return hash ^ (hash >> 31);
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_word_char(char c) {
    return is_letter(c) || is_digit(c) || c == '_';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// What the reader found at `offset`, for "unexpected <found>; expected ...".
std::string describe_found(std::string_view text, std::size_t offset, bool as_word) {
    if (offset >= text.size()) {
        return "end of input";
    }
    const char c = text[offset];
    const auto byte = static_cast<unsigned char>(c);
    if (as_word && is_letter(c)) {
        std::size_t end = offset;
        while (end < text.size() && is_word_char(text[end])) {
            ++end;
        }
        if (end - offset > kMaxWord) {
            return fmt::format("'{}...'", text.substr(offset, kMaxWord));
        }
        return fmt::format("'{}'", text.substr(offset, end - offset));
    }
    if (byte < 0x20 || byte == 0x7f) {
        return fmt::format("control character U+{:04X}", static_cast<unsigned>(byte));
    }
    if (byte >= 0x80) {
        return fmt::format("byte 0x{:02X}", static_cast<unsigned>(byte));
    }
    return fmt::format("character '{}'", c);
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_high_surrogate(std::uint32_t cp) {
    return cp >= 0xD800 && cp <= 0xDBFF;
}
bool is_low_surrogate(std::uint32_t cp) {
    return cp >= 0xDC00 && cp <= 0xDFFF;
}

// from_chars reports underflow and overflow alike as out of range; only overflow is an error
// (a value too small for a double is, for every quantity smartkpi reads, zero). The number
// has already been validated against the JSON grammar.
bool overflows(std::string_view number) {
    std::size_t i = 0;
    if (number[i] == '-') {
        ++i;
    }
    // Decimal exponent of the first significant digit.
    std::int64_t magnitude = 0;
    if (number[i] != '0') {
        const std::size_t first = i;
        while (i < number.size() && is_digit(number[i])) {
            ++i;
        }
        magnitude = static_cast<std::int64_t>(i - first) - 1;
    } else {
        ++i;
        if (i < number.size() && number[i] == '.') {
            ++i;
            std::int64_t zeros = 0;
            while (i < number.size() && number[i] == '0') {
                ++i;
                ++zeros;
            }
            magnitude = -zeros - 1;
        }
    }
    while (i < number.size() && number[i] != 'e' && number[i] != 'E') {
        ++i;
    }
    std::int64_t exponent = 0;
    if (i < number.size()) {
        ++i;
        bool negative = false;
        if (number[i] == '+' || number[i] == '-') {
            negative = number[i] == '-';
            ++i;
        }
        constexpr std::int64_t kClamp = 1'000'000'000;
        for (; i < number.size(); ++i) {
            exponent = std::min(exponent * 10 + (number[i] - '0'), kClamp);
        }
        if (negative) {
            exponent = -exponent;
        }
    }
    return magnitude + exponent >= 0;
}

void append_pointer_token(std::string& out, std::string_view token) {
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
}

} // namespace

std::string_view describe(JsonType type) {
    switch (type) {
    case JsonType::null:
        return "null";
    case JsonType::boolean:
        return "a boolean";
    case JsonType::number:
        return "a number";
    case JsonType::string:
        return "a string";
    case JsonType::array:
        return "an array";
    case JsonType::object:
        return "an object";
    }
    return "a value";
}

JsonReader::JsonReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {
    stack_.reserve(16);
}

void JsonReader::skip_ws_run() {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    constexpr std::uint64_t kSpaces = kOnes * ' ';
    while (pos_ < size) {
        const char c = data[pos_];
        if (c == ' ') {
            ++pos_;
            // Indentation comes in runs of spaces.
            while (pos_ + sizeof(std::uint64_t) <= size && load_word(data + pos_) == kSpaces) {
                pos_ += sizeof(std::uint64_t);
            }
        } else if (c == '\n' || c == '\r' || c == '\t') {
            ++pos_;
        } else {
            break;
        }
    }
}

JsonType JsonReader::peek() {
    skip_ws();
    value_start_ = pos_;
    const std::string_view expected = stack_.empty() ? "a JSON value"sv : "a value"sv;
    if (pos_ >= text_.size()) {
        fail_unexpected(expected);
    }
    switch (text_[pos_]) {
    case '{':
        return JsonType::object;
    case '[':
        return JsonType::array;
    case '"':
        return JsonType::string;
    case 't':
        scan_literal("true", expected);
        return JsonType::boolean;
    case 'f':
        scan_literal("false", expected);
        return JsonType::boolean;
    case 'n':
        scan_literal("null", expected);
        return JsonType::null;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return JsonType::number;
    default:
        fail_unexpected(expected);
    }
}

std::size_t JsonReader::scan_literal(std::string_view literal, std::string_view expected) const {
    const std::size_t end = pos_ + literal.size();
    if (text_.compare(pos_, literal.size(), literal) != 0 ||
        (end < text_.size() && is_word_char(text_[end]))) {
        fail_unexpected(expected);
    }
    return literal.size();
}

void JsonReader::push_frame(bool is_array) {
    if (stack_.size() >= kMaxDepth) {
        fail_depth();
    }
    Frame frame;
    frame.is_array = is_array;
    frame.start = pos_;
    frame.keys_begin = keys_.size();
    frame.arena_begin = key_arena_.size();
    stack_.push_back(frame);
    ++pos_;
}

void JsonReader::pop_frame() {
    const Frame& frame = stack_.back();
    // The container is now the current value again: location() names it, not its last child.
    value_start_ = frame.start;
    keys_.resize(frame.keys_begin);
    key_arena_.resize(frame.arena_begin);
    stack_.pop_back();
    ++pos_;
}

void JsonReader::begin_object(std::string_view what) {
    const JsonType type = peek();
    if (type != JsonType::object) {
        fail_type(what, type);
    }
    push_frame(false);
}

void JsonReader::begin_array(std::string_view what) {
    const JsonType type = peek();
    if (type != JsonType::array) {
        fail_type(what, type);
    }
    push_frame(true);
}

bool JsonReader::next_member() {
    if (stack_.empty() || stack_.back().is_array) {
        throw InternalError("JsonReader::next_member() outside an object");
    }
    Frame& frame = stack_.back();
    // Between members the pointer names the object, not the member just read.
    frame.in_value = false;
    skip_ws();
    const bool first = frame.count == 0;
    if (pos_ >= text_.size()) {
        fail_unexpected(first ? R"('"' to start a member name, or '}')"sv : "',' or '}'"sv);
    }
    const char c = text_[pos_];
    if (c == '}') {
        pop_frame();
        return false;
    }
    if (!first) {
        if (c != ',') {
            fail_unexpected("',' or '}'");
        }
        ++pos_;
        skip_ws();
        if (pos_ >= text_.size() || text_[pos_] != '"') {
            fail_unexpected("'\"' to start a member name");
        }
    } else if (c != '"') {
        fail_unexpected("'\"' to start a member name, or '}'");
    }
    read_member_name();
    skip_ws();
    if (pos_ >= text_.size() || text_[pos_] != ':') {
        fail_unexpected("':'");
    }
    ++pos_;
    skip_ws();
    value_start_ = pos_;
    return true;
}

void JsonReader::read_member_name() {
    const std::size_t name_start = pos_;
    const std::string_view name = scan_string(key_);
    KeyRef ref;
    if (name.data() == key_.data()) {
        // Escaped: the unescaped name needs storage that outlives key_.
        ref = KeyRef{key_arena_.size(), key_.size(), hash_name(key_), true};
        key_arena_ += key_;
    } else {
        ref = KeyRef{static_cast<std::size_t>(name.data() - text_.data()), name.size(),
                     hash_name(name), false};
        key_.assign(name);
    }
    keys_.push_back(ref);
    Frame& frame = stack_.back();
    frame.key = ref;
    frame.in_value = true;
    ++frame.count;
    if (frame.count > 1) {
        const std::size_t saved = value_start_;
        value_start_ = name_start;
        check_duplicate(keys_.size() - 1);
        value_start_ = saved;
    }
}

std::string_view JsonReader::key_text(const KeyRef& ref) const {
    return ref.in_arena ? std::string_view(key_arena_).substr(ref.offset, ref.size)
                        : text_.substr(ref.offset, ref.size);
}

void JsonReader::check_duplicate(std::size_t index) {
    const Frame& frame = stack_.back();
    const KeyRef& ref = keys_[index];
    const auto same = [&](const KeyRef& other) {
        return other.hash == ref.hash && other.size == ref.size && key_text(other) == key_;
    };
    const std::size_t count = index - frame.keys_begin + 1;
    if (count <= kLinearKeys) {
        for (std::size_t i = frame.keys_begin; i < index; ++i) {
            if (same(keys_[i])) {
                throw SchemaError::duplicate("key", key_, location());
            }
        }
        return;
    }
    const std::size_t depth = stack_.size() - 1;
    if (key_tables_.size() <= depth) {
        key_tables_.resize(depth + 1);
    }
    std::vector<std::size_t>& table = key_tables_[depth];
    // The table of this depth may still hold an earlier object's names: rebuild it on the first
    // member past the linear limit, and whenever it gets half full. The names already seen are
    // distinct, so rebuilding only looks for free slots.
    if (count == kLinearKeys + 1 || count * 2 > table.size()) {
        const std::size_t size = count == kLinearKeys + 1
                                     ? kFirstTableSize
                                     : std::max(kFirstTableSize, table.size() * 2);
        table.assign(size, 0);
        const std::size_t mask = size - 1;
        for (std::size_t i = frame.keys_begin; i < index; ++i) {
            std::size_t slot = keys_[i].hash & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }
    const std::size_t mask = table.size() - 1;
    std::size_t slot = ref.hash & mask;
    while (table[slot] != 0) {
        if (same(keys_[table[slot] - 1])) {
            throw SchemaError::duplicate("key", key_, location());
        }
        slot = (slot + 1) & mask;
    }
    table[slot] = index + 1;
}

bool JsonReader::next_element() {
    if (stack_.empty() || !stack_.back().is_array) {
        throw InternalError("JsonReader::next_element() outside an array");
    }
    Frame& frame = stack_.back();
    frame.in_value = false;
    skip_ws();
    if (pos_ >= text_.size()) {
        fail_unexpected(frame.count == 0 ? "a value or ']'"sv : "',' or ']'"sv);
    }
    const char c = text_[pos_];
    if (c == ']') {
        pop_frame();
        return false;
    }
    if (frame.count != 0) {
        if (c != ',') {
            fail_unexpected("',' or ']'");
        }
        ++pos_;
        skip_ws();
    }
    frame.in_value = true;
    ++frame.count;
    value_start_ = pos_;
    return true;
}

std::size_t JsonReader::index() const {
    if (stack_.empty() || stack_.back().count == 0) {
        return 0;
    }
    return stack_.back().count - 1;
}

std::size_t JsonReader::scan_number() {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    std::size_t p = pos_;
    if (data[p] == '-') {
        ++p;
    }
    if (p >= size || !is_digit(data[p])) {
        fail_unexpected_at(p, "a digit");
    }
    if (data[p] == '0') {
        ++p;
        if (p < size && is_digit(data[p])) {
            fail_unexpected_at(p, "'.', 'e' or the end of the number (no leading zeros)");
        }
    } else {
        while (p < size && is_digit(data[p])) {
            ++p;
        }
    }
    if (p < size && data[p] == '.') {
        ++p;
        if (p >= size || !is_digit(data[p])) {
            fail_unexpected_at(p, "a digit after '.'");
        }
        while (p < size && is_digit(data[p])) {
            ++p;
        }
    }
    if (p < size && (data[p] == 'e' || data[p] == 'E')) {
        ++p;
        if (p < size && (data[p] == '+' || data[p] == '-')) {
            ++p;
        }
        if (p >= size || !is_digit(data[p])) {
            fail_unexpected_at(p, "a digit in the exponent");
        }
        while (p < size && is_digit(data[p])) {
            ++p;
        }
    }
    const std::size_t start = pos_;
    pos_ = p;
    return start;
}

double JsonReader::read_number(std::string_view what) {
    const JsonType type = peek();
    if (type != JsonType::number) {
        fail_type(what, type);
    }
    const std::size_t start = scan_number();
    const char* const first = text_.data() + start;
    const char* const last = text_.data() + pos_;
    double value = 0.0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc::result_out_of_range) {
        const std::string_view number(first, pos_ - start);
        if (overflows(number)) {
            throw ParseError("number out of range", location());
        }
        return number.front() == '-' ? -0.0 : 0.0;
    }
    if (error != std::errc{} || end != last) {
        throw InternalError("from_chars rejected a number the JSON grammar accepts");
    }
    return value;
}

std::string_view JsonReader::read_string(std::string_view what) {
    const JsonType type = peek();
    if (type != JsonType::string) {
        fail_type(what, type);
    }
    return scan_string(scratch_);
}

bool JsonReader::read_bool(std::string_view what) {
    const JsonType type = peek();
    if (type != JsonType::boolean) {
        fail_type(what, type);
    }
    const bool value = text_[pos_] == 't';
    pos_ += value ? 4 : 5;
    return value;
}

void JsonReader::read_null() {
    const JsonType type = peek();
    if (type != JsonType::null) {
        fail_type("null", type);
    }
    pos_ += 4;
}

std::uint32_t JsonReader::scan_hex4(std::size_t offset) const {
    std::uint32_t value = 0;
    for (std::size_t i = offset; i < offset + 4; ++i) {
        const int digit = i < text_.size() ? hex_value(text_[i]) : -1;
        if (digit < 0) {
            fail_unexpected_at(i, "a hexadecimal digit");
        }
        value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
}

std::size_t JsonReader::scan_escape(std::size_t offset, std::string* out) const {
    const std::size_t size = text_.size();
    if (offset + 1 >= size) {
        fail_unexpected_at(size, "an escape character");
    }
    char decoded = 0;
    switch (text_[offset + 1]) {
    case '"':
        decoded = '"';
        break;
    case '\\':
        decoded = '\\';
        break;
    case '/':
        decoded = '/';
        break;
    case 'b':
        decoded = '\b';
        break;
    case 'f':
        decoded = '\f';
        break;
    case 'n':
        decoded = '\n';
        break;
    case 'r':
        decoded = '\r';
        break;
    case 't':
        decoded = '\t';
        break;
    case 'u': {
        std::uint32_t cp = scan_hex4(offset + 2);
        std::size_t next = offset + 6;
        if (is_high_surrogate(cp)) {
            if (next + 1 < size && text_[next] == '\\' && text_[next + 1] == 'u') {
                const std::uint32_t low = scan_hex4(next + 2);
                if (!is_low_surrogate(low)) {
                    throw ParseError(
                        fmt::format("invalid \\u escape: high surrogate \\u{:04X} followed by "
                                    "\\u{:04X} instead of a low surrogate",
                                    cp, low),
                        location_at(offset));
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                next += 6;
            } else {
                throw ParseError(
                    fmt::format("invalid \\u escape: high surrogate \\u{:04X} without a low "
                                "surrogate after it",
                                cp),
                    location_at(offset));
            }
        } else if (is_low_surrogate(cp)) {
            throw ParseError(fmt::format("invalid \\u escape: low surrogate \\u{:04X} without a "
                                         "high surrogate before it",
                                         cp),
                             location_at(offset));
        }
        if (out != nullptr) {
            append_utf8(*out, cp);
        }
        return next;
    }
    default:
        fail_unexpected_at(offset + 1, "an escape character (one of \" \\ / b f n r t u)");
    }
    if (out != nullptr) {
        *out += decoded;
    }
    return offset + 2;
}

std::string_view JsonReader::scan_string(std::string& buffer) {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    const std::size_t start = pos_ + 1;
    std::size_t p = find_string_special(data, start, size);
    if (p < size && data[p] == '"') {
        pos_ = p + 1;
        return text_.substr(start, p - start);
    }
    buffer.assign(data + start, p - start);
    for (;;) {
        if (p >= size) {
            fail_unexpected_at(size, "'\"' to end the string");
        }
        const char c = data[p];
        if (c == '"') {
            pos_ = p + 1;
            return buffer;
        }
        if (c != '\\') {
            fail_unexpected_at(p, "'\"' or a printable character (control characters must be "
                                  "escaped)");
        }
        p = scan_escape(p, &buffer);
        const std::size_t run = find_string_special(data, p, size);
        buffer.append(data + p, run - p);
        p = run;
    }
}

void JsonReader::skip_string() {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    std::size_t p = pos_ + 1;
    for (;;) {
        p = find_string_special(data, p, size);
        if (p >= size) {
            fail_unexpected_at(size, "'\"' to end the string");
        }
        const char c = data[p];
        if (c == '"') {
            pos_ = p + 1;
            return;
        }
        if (c != '\\') {
            fail_unexpected_at(p, "'\"' or a printable character (control characters must be "
                                  "escaped)");
        }
        p = scan_escape(p, nullptr);
    }
}

void JsonReader::skip_value() {
    peek();
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    const std::size_t base_depth = stack_.size();
    // One bit per open container of the skipped value: set for an array.
    std::array<std::uint64_t, kMaxDepth / 64> is_array{};
    std::size_t depth = 0;
    const auto open_is_array = [&] {
        const std::size_t d = depth - 1;
        return ((is_array[d / 64] >> (d % 64)) & 1U) != 0;
    };
    // After '{' or ',' in an object: the member name and the colon.
    const auto skip_member_name = [&](std::string_view expected) {
        if (pos_ >= size || data[pos_] != '"') {
            fail_unexpected(expected);
        }
        skip_string();
        skip_ws();
        if (pos_ >= size || data[pos_] != ':') {
            fail_unexpected("':'");
        }
        ++pos_;
        skip_ws();
    };
    for (;;) {
        // Standing on a value (whitespace skipped).
        if (pos_ >= size) {
            fail_unexpected(depth == 0 && base_depth == 0 ? "a JSON value"sv : "a value"sv);
        }
        const char c = data[pos_];
        const std::string_view expected =
            depth == 0 && base_depth == 0 ? "a JSON value"sv : "a value"sv;
        bool value_done = true;
        switch (c) {
        case '{':
        case '[': {
            if (base_depth + depth >= kMaxDepth) {
                fail_depth();
            }
            const bool array = c == '[';
            const std::uint64_t bit = std::uint64_t{1} << (depth % 64);
            if (array) {
                is_array[depth / 64] |= bit;
            } else {
                is_array[depth / 64] &= ~bit;
            }
            ++depth;
            ++pos_;
            skip_ws();
            if (pos_ < size && data[pos_] == (array ? ']' : '}')) {
                ++pos_;
                --depth;
            } else if (!array) {
                skip_member_name("'\"' to start a member name, or '}'");
                value_done = false;
            } else {
                value_done = false;
            }
            break;
        }
        case '"':
            skip_string();
            break;
        case 't':
            pos_ += scan_literal("true", expected);
            break;
        case 'f':
            pos_ += scan_literal("false", expected);
            break;
        case 'n':
            pos_ += scan_literal("null", expected);
            break;
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
            scan_number();
            break;
        default:
            fail_unexpected(expected);
        }
        if (!value_done) {
            continue;
        }
        // After a value: close containers until one continues with ','.
        for (;;) {
            if (depth == 0) {
                return;
            }
            skip_ws();
            const bool array = open_is_array();
            const std::string_view separator = array ? "',' or ']'"sv : "',' or '}'"sv;
            if (pos_ >= size) {
                fail_unexpected(separator);
            }
            const char next = data[pos_];
            if (next == ',') {
                ++pos_;
                skip_ws();
                if (!array) {
                    skip_member_name("'\"' to start a member name");
                }
                break;
            }
            if (next != (array ? ']' : '}')) {
                fail_unexpected(separator);
            }
            ++pos_;
            --depth;
        }
    }
}

void JsonReader::expect_end() {
    skip_ws();
    if (pos_ < text_.size()) {
        fail_unexpected("end of input");
    }
}

void JsonReader::line_col(std::size_t offset, std::size_t& line, std::size_t& column) const {
    offset = std::min(offset, text_.size());
    if (offset < lc_offset_) {
        lc_offset_ = 0;
        lc_line_ = 1;
        lc_line_start_ = 0;
    }
    const char* const data = text_.data();
    std::size_t p = lc_offset_;
    while (p < offset) {
        const void* newline = std::memchr(data + p, '\n', offset - p);
        if (newline == nullptr) {
            break;
        }
        p = static_cast<std::size_t>(static_cast<const char*>(newline) - data) + 1;
        ++lc_line_;
        lc_line_start_ = p;
    }
    lc_offset_ = offset;
    line = lc_line_;
    column = offset - lc_line_start_ + 1;
}

Location JsonReader::location_at(std::size_t offset) const {
    std::size_t line = 0;
    std::size_t column = 0;
    line_col(offset, line, column);
    return Location{source_, line, column, pointer()};
}

Location JsonReader::location() const {
    return location_at(value_start_);
}

std::string JsonReader::pointer() const {
    std::string out;
    for (const Frame& frame : stack_) {
        if (!frame.in_value) {
            break;
        }
        out += '/';
        if (frame.is_array) {
            fmt::format_to(std::back_inserter(out), "{}", frame.count - 1);
        } else {
            append_pointer_token(out, key_text(frame.key));
        }
    }
    return out;
}

void JsonReader::fail_unexpected(std::string_view expected) const {
    fail_unexpected_at(pos_, expected, true);
}

void JsonReader::fail_unexpected_at(std::size_t offset,
                                    std::string_view expected,
                                    bool as_word) const {
    throw ParseError::unexpected(describe_found(text_, offset, as_word), expected,
                                 location_at(offset));
}

void JsonReader::fail_type(std::string_view expected, JsonType found) const {
    throw SchemaError::wrong_type(expected, describe(found), location());
}

void JsonReader::fail_depth() const {
    throw ParseError(fmt::format("nesting deeper than {}", kMaxDepth), location_at(pos_));
}

} // namespace smartkpi::detail
