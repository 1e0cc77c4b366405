// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header (never installed): an RFC 4180 CSV reader over a whole text that knows the
// line and column of every field.
#pragma once

#include <smartkpi/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

class CsvReader {
  public:
    /// `text` must outlive the reader (a leading UTF-8 BOM is skipped). `source` names it.
    CsvReader(std::string_view text, std::string source);

    /// Reads the next record into `fields` (unquoted, "" unescaped). False at end of text.
    /// Blank lines are skipped. Throws ParseError on an unterminated quote or text after a
    /// closing quote.
    bool next_record(std::vector<std::string>& fields);

    /// 1-based line on which the last record started.
    [[nodiscard]] std::size_t line() const { return record_line_; }
    /// 1-based column (in bytes) of field `i` of the last record.
    [[nodiscard]] std::size_t column(std::size_t i) const;
    /// Location of field `i` of the last record; `name` is the column's header name.
    [[nodiscard]] Location location(std::size_t i, std::string_view name = {}) const;
    [[nodiscard]] const std::string& source() const { return source_; }

  private:
    std::string_view text_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
    std::size_t record_line_ = 0;
    std::vector<std::size_t> columns_;
    // Line of each field: later than record_line_ after a quoted field with a line break.
    std::vector<std::size_t> field_lines_;
};

} // namespace smartkpi::detail
