// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/json_writer.hpp"

#include <smartkpi/error.hpp>

#include <fmt/compile.h>

#include <cmath>
#include <iterator>

namespace smartkpi::detail {

namespace {
constexpr std::size_t kFlushAt = std::size_t{1} << 20;
}

void append_json_string(fmt::memory_buffer& buf, std::string_view s) {
    buf.push_back('"');
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        buf.append(s.data() + run, s.data() + i);
        run = i + 1;
        switch (c) {
        case '"':
            buf.append(std::string_view("\\\""));
            break;
        case '\\':
            buf.append(std::string_view("\\\\"));
            break;
        case '\n':
            buf.append(std::string_view("\\n"));
            break;
        case '\r':
            buf.append(std::string_view("\\r"));
            break;
        case '\t':
            buf.append(std::string_view("\\t"));
            break;
        default:
            fmt::format_to(std::back_inserter(buf), FMT_COMPILE("\\u{:04x}"), c);
        }
    }
    buf.append(s.data() + run, s.data() + s.size());
    buf.push_back('"');
}

std::string quoted(std::string_view s) {
    fmt::memory_buffer buf;
    append_json_string(buf, s);
    return fmt::to_string(buf);
}

void append_number(fmt::memory_buffer& buf, double v) {
    if (!std::isfinite(v)) {
        // Values are checked at input; a non-finite number here is a bug, not data.
        throw InternalError("non-finite number in a JSON report");
    }
    if (v == 0) {
        v = 0; // no "-0"
    }
    // Whole numbers (money, counts, hours) are most of a report: printing them as integers
    // gives the same text as the shortest-round-trip path, several times faster.
    if (std::fabs(v) < 1e15 && v == std::trunc(v)) {
        fmt::format_to(std::back_inserter(buf), FMT_COMPILE("{}"), static_cast<long long>(v));
        return;
    }
    // Shortest text that reads back as the same double (conventions §4). fmt keeps integers
    // such as 210000000 whole, where std::to_chars would write 2.1e+08.
    fmt::format_to(std::back_inserter(buf), FMT_COMPILE("{}"), v);
}

std::string number_text(double v) {
    fmt::memory_buffer buf;
    append_number(buf, v);
    return fmt::to_string(buf);
}

JsonWriter::JsonWriter(std::ostream& out, int indent, int max_pretty_depth)
    : out_(&out), indent_(indent), max_pretty_depth_(max_pretty_depth) {}

JsonWriter::JsonWriter() : indent_(2), max_pretty_depth_(64) {}

JsonWriter::~JsonWriter() {
    try {
        flush();
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
}

void JsonWriter::flush() {
    if (out_ == nullptr) {
        return;
    }
    out_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
}

void JsonWriter::newline() {
    if (stack_.empty() || !stack_.back().pretty || indent_ == 0) {
        return;
    }
    buf_.push_back('\n');
    for (std::size_t i = 0; i < stack_.size() * static_cast<std::size_t>(indent_); ++i) {
        buf_.push_back(' ');
    }
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!stack_.empty()) {
        if (!stack_.back().first) {
            buf_.push_back(',');
        }
        stack_.back().first = false;
        newline();
    }
}

void JsonWriter::open(char c, bool compact) {
    before_value();
    buf_.push_back(c);
    const bool parent_pretty = stack_.empty() || stack_.back().pretty;
    stack_.push_back(
        {true, !compact && parent_pretty && static_cast<int>(stack_.size()) < max_pretty_depth_});
}

void JsonWriter::close(char c) {
    const Level level = stack_.back();
    stack_.pop_back();
    if (!level.first && level.pretty && indent_ > 0) {
        buf_.push_back('\n');
        for (std::size_t i = 0; i < stack_.size() * static_cast<std::size_t>(indent_); ++i) {
            buf_.push_back(' ');
        }
    }
    buf_.push_back(c);
    if (stack_.empty() && out_ != nullptr) {
        buf_.push_back('\n');
    }
    if (buf_.size() >= kFlushAt) {
        flush();
    }
}

void JsonWriter::begin_object(bool compact) {
    open('{', compact);
}
void JsonWriter::end_object() {
    close('}');
}
void JsonWriter::begin_array(bool compact) {
    open('[', compact);
}
void JsonWriter::end_array() {
    close(']');
}

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    append_json_string(buf_, k);
    buf_.push_back(':');
    // One-line objects are written without blanks: large reports are mostly such objects.
    if (stack_.empty() || stack_.back().pretty) {
        buf_.push_back(' ');
    }
    after_key_ = true;
    return *this;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    append_json_string(buf_, s);
}

void JsonWriter::number(double v) {
    before_value();
    append_number(buf_, v);
}

void JsonWriter::integer(long long v) {
    before_value();
    fmt::format_to(std::back_inserter(buf_), FMT_COMPILE("{}"), v);
}

void JsonWriter::boolean(bool v) {
    before_value();
    buf_.append(v ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::strings(const std::vector<std::string>& items, bool compact) {
    begin_array(compact);
    for (const auto& item : items) {
        string(item);
    }
    end_array();
}

void JsonWriter::null() {
    before_value();
    buf_.append(std::string_view("null"));
}

void JsonWriter::key_literal(std::string_view k) {
    before_value();
    buf_.push_back('"');
    buf_.append(k);
    buf_.push_back('"');
    buf_.push_back(':');
    if (stack_.empty() || stack_.back().pretty) {
        buf_.push_back(' ');
    }
    after_key_ = true;
}

void JsonWriter::raw_value(std::string_view json) {
    before_value();
    buf_.append(json);
}

void JsonWriter::kpi_quoted(const KpiValue& v, std::string_view quoted_unit) {
    if (!v.available()) {
        kpi(v, {});
        return;
    }
    // The same text as kpi() writes for an available value, without its bookkeeping.
    before_value();
    buf_.append(std::string_view("{\"value\":"));
    append_number(buf_, v.value());
    buf_.append(std::string_view(",\"unit\":"));
    buf_.append(quoted_unit);
    buf_.push_back('}');
}

std::string JsonWriter::separator(bool first) const {
    std::string out = first ? "" : ",";
    if (!stack_.empty() && stack_.back().pretty && indent_ > 0) {
        out += '\n';
        out.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
    }
    return out;
}

void JsonWriter::raw_elements(std::string_view text) {
    if (text.empty()) {
        return;
    }
    flush();
    if (out_ != nullptr) {
        out_->write(text.data(), static_cast<std::streamsize>(text.size()));
    } else {
        buf_.append(text);
    }
    stack_.back().first = false;
}

void JsonWriter::kpi(const KpiValue& v, std::string_view unit) {
    begin_object(true);
    switch (v.status()) {
    case KpiValue::Status::available:
        key("value");
        number(v.value());
        key("unit");
        string(unit);
        break;
    case KpiValue::Status::not_available:
        key("status");
        string("not_available");
        key("missing");
        begin_array();
        for (const auto& m : v.missing_inputs()) {
            string(m);
        }
        end_array();
        break;
    case KpiValue::Status::undefined:
        key("status");
        string("undefined");
        key("reason");
        string(v.reason());
        break;
    }
    end_object();
}

} // namespace smartkpi::detail
