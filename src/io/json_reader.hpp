// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header (never installed): a pull parser over a whole JSON text that knows, at every
// step, the line, column and JSON pointer of the value it stands on. Every input format of
// smartkpi is read through it, so every error message names the same kind of place.
#pragma once

#include <smartkpi/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

enum class JsonType { null, boolean, number, string, array, object };

/// "null", "a boolean", "a number", "a string", "an array", "an object".
std::string_view describe(JsonType type);

class JsonReader {
public:
    /// `text` must outlive the reader. `source` names it in error messages.
    JsonReader(std::string_view text, std::string source);

    /// Type of the next value; skips whitespace. Throws ParseError on a character that cannot
    /// start a value or at the end of the text.
    JsonType peek();

    /// @name Objects
    /// Enter an object (SchemaError::wrong_type naming `what` if the value is not one).
    void begin_object(std::string_view what = "an object");
    /// Advance to the next member: false at the closing brace (the object is then left).
    /// On true, `key()` is the member name, the pointer ends with it, and the reader stands
    /// on the member's value.
    bool next_member();
    [[nodiscard]] const std::string& key() const { return key_; }

    /// @name Arrays
    void begin_array(std::string_view what = "an array");
    /// Advance to the next element: false at the closing bracket (the array is then left).
    bool next_element();
    /// Index of the current element (valid after next_element() returned true).
    [[nodiscard]] std::size_t index() const;

    /// @name Scalars (each throws SchemaError::wrong_type, naming `what`, on a mismatch)
    double read_number(std::string_view what = "a number");
    /// Returns the unescaped text; valid until the next call on the reader.
    std::string_view read_string(std::string_view what = "a string");
    bool read_bool(std::string_view what = "a boolean");
    void read_null();
    /// Skips the current value, whatever it is (still checks its syntax).
    void skip_value();

    /// After the top-level value: throws ParseError if anything but whitespace follows.
    void expect_end();

    /// Where the current value starts (call before reading it): source, line, column, pointer.
    [[nodiscard]] Location location() const;
    /// The JSON pointer of the current value, e.g. "/factories/3/energy".
    [[nodiscard]] std::string pointer() const;
    [[nodiscard]] const std::string& source() const { return source_; }

private:
    struct Frame {
        bool is_array = false;
        bool first = true;
        std::size_t index = 0;
        std::string key;
    };

    void skip_ws();
    [[noreturn]] void fail_unexpected(std::string_view expected) const;
    [[noreturn]] void fail_type(std::string_view expected, JsonType found) const;
    std::string_view scan_string();
    void line_col(std::size_t offset, std::size_t& line, std::size_t& column) const;

    std::string_view text_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t value_start_ = 0;
    std::vector<Frame> stack_;
    std::string key_;
    std::string scratch_;
    // line_col() counts newlines incrementally from the last position it was asked about.
    mutable std::size_t lc_offset_ = 0;
    mutable std::size_t lc_line_ = 1;
    mutable std::size_t lc_line_start_ = 0;
};

} // namespace smartkpi::detail
