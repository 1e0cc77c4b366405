// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/report/format.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Columns of a table as it is shown on a terminal, in Markdown or in CSV.
class TextTable {
  public:
    enum class Align { left, right };

    /// Adds a column; call before the first row.
    void add_column(std::string header, Align align = Align::left);
    /// Adds a row; it must have one cell per column.
    void add_row(std::vector<std::string> cells);
    [[nodiscard]] std::size_t rows() const noexcept { return rows_.size(); }

    /// Aligned by display width (CJK characters count two columns; conventions §17), a dashed
    /// rule under the header.
    void write_table(std::ostream& out) const;
    /// A GitHub-flavoured pipe table ('|' in cells escaped).
    void write_markdown(std::ostream& out) const;
    /// RFC 4180, header first, "\n" line ends.
    void write_csv(std::ostream& out) const;
    /// One of the three above (json is not a table format: InternalError).
    void write(std::ostream& out, Format format) const;

  private:
    std::vector<std::string> headers_;
    std::vector<Align> aligns_;
    std::vector<std::vector<std::string>> rows_;
};

/// Columns a UTF-8 string occupies on a terminal.
std::size_t display_width(std::string_view utf8);

/// Appends `cell` to `out` quoted as RFC 4180 requires (only when needed).
void append_csv_cell(std::string& out, std::string_view cell);

} // namespace smartkpi
