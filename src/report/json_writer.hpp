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
#include <ostream>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

class JsonWriter {
  public:
    /// `indent` spaces per level; nesting deeper than `max_pretty_depth` is written on one line.
    explicit JsonWriter(std::ostream& out, int indent = 2, int max_pretty_depth = 64);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    /// A compact object or array is written on one line (KPI values, short lists).
    void begin_object(bool compact = false);
    void end_object();
    void begin_array(bool compact = false);
    void end_array();
    /// Member name; must be followed by a value or begin_*.
    void key(std::string_view k);

    void string(std::string_view s);
    void number(double v);
    void integer(long long v);
    void boolean(bool v);
    void null();

    /// The KPI value encoding of conventions §1: {"value", "unit"} | {"status": "not_available",
    /// "missing": [...]} | {"status": "undefined", "reason": "..."}.
    void kpi(const KpiValue& v, std::string_view unit);

    /// Writes the buffer to the stream (also done when it grows large and at destruction).
    void flush();

  private:
    void before_value();
    void newline();
    void open(char c, bool compact);
    void close(char c);

    std::ostream& out_;
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
/// Shortest round-trip text of a finite double ("42000", "0.138", "1e+21").
void append_number(fmt::memory_buffer& buf, double v);

} // namespace smartkpi::detail
