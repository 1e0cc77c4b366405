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
    /// Skips the current value, whatever it is (still checks its syntax, but not for duplicate
    /// member names inside it).
    void skip_value();

    /// After the top-level value: throws ParseError if anything but whitespace follows.
    void expect_end();

    /// Where the current value starts (call before reading it): source, line, column, pointer.
    [[nodiscard]] Location location() const;
    /// Byte offset in the text where the current value starts (the place location() names).
    [[nodiscard]] std::size_t offset() const { return value_start_; }
    /// The JSON pointer of the current value, e.g. "/factories/3/energy".
    [[nodiscard]] std::string pointer() const;
    [[nodiscard]] const std::string& source() const { return source_; }

  private:
    // A member name: a view into the text when it has no escapes, else a slice of key_arena_.
    // Offsets rather than views, because key_arena_ may reallocate.
    struct KeyRef {
        std::size_t offset = 0;
        std::size_t size = 0;
        std::uint64_t hash = 0; // of the unescaped name: most comparisons stop here
        bool in_arena = false;
    };
    struct Frame {
        bool is_array = false;
        bool in_value = false;      // standing on a member/element: the pointer includes it
        std::size_t count = 0;      // members or elements seen so far
        std::size_t start = 0;      // offset of the '{' or '['
        std::size_t keys_begin = 0; // first of this object's names in keys_
        std::size_t arena_begin = 0;
        KeyRef key;
    };

    // Most tokens follow no whitespace or a single space: that test stays inline.
    void skip_ws() {
        if (pos_ < text_.size() && static_cast<unsigned char>(text_[pos_]) > ' ') {
            return;
        }
        skip_ws_run();
    }
    void skip_ws_run();
    [[nodiscard]] Location location_at(std::size_t offset) const;
    [[noreturn]] void fail_unexpected(std::string_view expected) const;
    /// `as_word`: describe a letter as the whole word it starts ("'NaN'"), not one character.
    [[noreturn]] void
    fail_unexpected_at(std::size_t offset, std::string_view expected, bool as_word = false) const;
    [[noreturn]] void fail_type(std::string_view expected, JsonType found) const;
    [[noreturn]] void fail_depth() const;
    /// Scans the string at pos_ (on its '"'): a view into the text when it has no escapes,
    /// else the unescaped text written to `buffer`.
    std::string_view scan_string(std::string& buffer);
    void skip_string();
    /// Decodes the escape at `offset` (on its '\\'), appending to `out` unless null; returns
    /// the offset after it.
    std::size_t scan_escape(std::size_t offset, std::string* out) const;
    [[nodiscard]] std::uint32_t scan_hex4(std::size_t offset) const;
    std::size_t scan_literal(std::string_view literal, std::string_view expected) const;
    std::size_t scan_number();
    void push_frame(bool is_array);
    void pop_frame();
    void read_member_name();
    void check_duplicate(std::size_t index);
    [[nodiscard]] std::string_view key_text(const KeyRef& ref) const;
    void line_col(std::size_t offset, std::size_t& line, std::size_t& column) const;

    std::string_view text_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t value_start_ = 0;
    std::vector<Frame> stack_;
    std::string key_;
    std::string scratch_;
    // Names of the members of every open object, innermost last; for duplicate detection.
    std::vector<KeyRef> keys_;
    std::string key_arena_;
    // Per depth: an open-addressing index (key number + 1, 0 = empty) into keys_, built only
    // for objects with more than 8 members. Kept across objects to reuse capacity.
    std::vector<std::vector<std::size_t>> key_tables_;
    // line_col() counts newlines incrementally from the last position it was asked about.
    mutable std::size_t lc_offset_ = 0;
    mutable std::size_t lc_line_ = 1;
    mutable std::size_t lc_line_start_ = 0;
};

} // namespace smartkpi::detail
