// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/report/text_table.hpp>

#include <algorithm>

namespace smartkpi {

namespace {

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), the ones that occur in Chinese text.
bool is_wide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_combining(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0xFE00 && cp <= 0xFE0F);
}

} // namespace

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) {
            len = 4;
            cp = c & 0x07U;
        } else if (c >= 0xE0) {
            len = 3;
            cp = c & 0x0FU;
        } else if (c >= 0xC0) {
            len = 2;
            cp = c & 0x1FU;
        }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
        }
        i += len;
        if (is_combining(cp)) {
            continue;
        }
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}

void append_csv_cell(std::string& out, std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

void TextTable::add_column(std::string header, Align align) {
    headers_.push_back(std::move(header));
    aligns_.push_back(align);
}

void TextTable::add_row(std::vector<std::string> cells) {
    if (cells.size() != headers_.size()) {
        throw InternalError("table row has the wrong number of cells");
    }
    rows_.push_back(std::move(cells));
}

void TextTable::write_table(std::ostream& out) const {
    std::vector<std::size_t> widths(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        widths[c] = display_width(headers_[c]);
        for (const auto& row : rows_) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    std::string text;
    auto line = [&](const std::vector<std::string>& cells) {
        text.clear();
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t fill = widths[c] - display_width(cells[c]);
            if (aligns_[c] == Align::right) {
                text.append(fill, ' ');
                text += cells[c];
            } else {
                text += cells[c];
                text.append(fill, ' ');
            }
            if (c + 1 < cells.size()) {
                text += "  ";
            }
        }
        // No trailing blanks when the last cells are empty or left-aligned.
        text.erase(text.find_last_not_of(' ') + 1);
        text += '\n';
        out << text;
    };
    line(headers_);
    for (std::size_t c = 0; c < headers_.size(); ++c) {
        out << std::string(widths[c], '-');
        if (c + 1 < headers_.size()) {
            out << "  ";
        }
    }
    out << '\n';
    for (const auto& row : rows_) {
        line(row);
    }
}

void TextTable::write_markdown(std::ostream& out) const {
    auto escape = [](const std::string& s) {
        std::string e;
        for (char ch : s) {
            if (ch == '|') {
                e += '\\';
            }
            e += ch;
        }
        return e;
    };
    out << '|';
    for (const auto& h : headers_) {
        out << ' ' << escape(h) << " |";
    }
    out << "\n|";
    for (auto a : aligns_) {
        out << (a == Align::right ? " ---: |" : " --- |");
    }
    out << '\n';
    for (const auto& row : rows_) {
        out << '|';
        for (const auto& cell : row) {
            out << ' ' << escape(cell) << " |";
        }
        out << '\n';
    }
}

void TextTable::write_csv(std::ostream& out) const {
    std::string line;
    auto emit = [&](const std::vector<std::string>& cells) {
        line.clear();
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) {
                line += ',';
            }
            append_csv_cell(line, cells[c]);
        }
        line += '\n';
        out << line;
    };
    emit(headers_);
    for (const auto& row : rows_) {
        emit(row);
    }
}

void TextTable::write(std::ostream& out, Format format) const {
    switch (format) {
    case Format::table:
        write_table(out);
        return;
    case Format::markdown:
        write_markdown(out);
        return;
    case Format::csv:
        write_csv(out);
        return;
    case Format::json:
        break;
    }
    throw InternalError("a TextTable cannot be written as JSON");
}

} // namespace smartkpi
