// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: a streaming JSON writer. Reports of 500,000 factories are hundreds of MB, so
// text goes through one reusable buffer flushed in large blocks, numbers print as the shortest
// text that reads back as the same double (conventions §4), and no DOM is ever built.
#pragma once

#include <smartkpi/core/value.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace smartkpi::detail {

class JsonWriter {
  public:
    /// `indent` spaces per level; nesting deeper than `max_pretty_depth` is written on one line.
    explicit JsonWriter(std::ostream& out, int indent = 2, int max_pretty_depth = 64);
    /// A writer of fragments into its own buffer (text(), clear()): values written at the top
    /// level get no trailing newline, so fragments can be placed with raw_elements().
    JsonWriter();
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    /// A compact object or array is written on one line (KPI values, short lists).
    void begin_object(bool compact = false);
    void end_object();
    void begin_array(bool compact = false);
    void end_array();
    /// Member name; must be followed by a value or begin_* (chainable: w.key("id").string(id)).
    JsonWriter& key(std::string_view k);

    void string(std::string_view s);
    void number(double v);
    void integer(long long v);
    void boolean(bool v);
    void null();
    /// The value, or null when it is absent (reports never write 0 for missing: conventions §1).
    template <class T> void value_or_null(const std::optional<T>& v) {
        if (!v) {
            null();
        } else if constexpr (std::is_same_v<T, bool>) {
            boolean(*v);
        } else if constexpr (std::is_integral_v<T>) {
            integer(static_cast<long long>(*v));
        } else if constexpr (std::is_floating_point_v<T>) {
            number(*v);
        } else {
            string(*v);
        }
    }
    /// An array of strings (on one line when `compact`).
    void strings(const std::vector<std::string>& items, bool compact = false);

    /// The KPI value encoding of conventions §1: {"value", "unit"} | {"status": "not_available",
    /// "missing": [...]} | {"status": "undefined", "reason": "..."}.
    void kpi(const KpiValue& v, std::string_view unit);
    /// The same with the unit given as a JSON string literal made by quoted(): reports write
    /// tens of millions of values, and the unit of a metric is escaped once, not each time.
    void kpi_quoted(const KpiValue& v, std::string_view quoted_unit);
    /// Member name that needs no escaping (a static identifier such as "energy_tce").
    void key_literal(std::string_view k);
    /// A value already written as JSON text (an exact decimal made from integers, a
    /// fragment such as `{"value":1.5,"unit":"s"}`), placed as it is.
    void raw_value(std::string_view json);

    /// Separator text this writer puts before the next value at the current level when it is
    /// (`first`) or is not the first one there: for fragments placed with raw_elements().
    [[nodiscard]] std::string separator(bool first) const;
    /// Writes values made elsewhere, each preceded by separator() text, straight to the stream.
    void raw_elements(std::string_view text);
    /// True when nothing has been written yet at the current level.
    [[nodiscard]] bool at_first() const { return stack_.empty() || stack_.back().first; }

    /// Writes the buffer to the stream (also done when it grows large and at destruction);
    /// a fragment writer keeps its text.
    void flush();
    [[nodiscard]] std::string_view text() const { return {buf_.data(), buf_.size()}; }
    void clear() { buf_.clear(); }

  private:
    void before_value();
    void newline();
    void open(char c, bool compact);
    void close(char c);

    std::ostream* out_ = nullptr;
    fmt::memory_buffer buf_;
    int indent_;
    int max_pretty_depth_;
    struct Level {
        bool first = true;
        bool pretty = true;
    };
    std::vector<Level> stack_;
    bool after_key_ = false;
};

/// Appends `s` as a JSON string literal (quotes included).
void append_json_string(fmt::memory_buffer& buf, std::string_view s);
/// `s` as a JSON string literal (quotes included).
std::string quoted(std::string_view s);
/// Shortest round-trip text of a finite double ("42000", "0.138", "1e+21").
void append_number(fmt::memory_buffer& buf, double v);
/// The same text as a string (CSV cells, JUnit attributes).
std::string number_text(double v);

} // namespace smartkpi::detail
