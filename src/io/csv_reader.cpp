// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/csv_reader.hpp"

#include <fmt/format.h>

namespace smartkpi::detail {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool ends_unquoted_field(char c) {
    return c == ',' || c == '\n' || c == '\r';
}

std::string describe_found(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) {
        return "end of input";
    }
    const char c = text[offset];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
        return fmt::format("control character U+{:04X}", static_cast<unsigned>(byte));
    }
    if (byte >= 0x80) {
        return fmt::format("byte 0x{:02X}", static_cast<unsigned>(byte));
    }
    return fmt::format("character '{}'", c);
}

} // namespace

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {
    if (text_.starts_with(kUtf8Bom)) {
        pos_ = kUtf8Bom.size();
        // The BOM is invisible in every editor: the first field is still in column 1.
        line_start_ = pos_;
    }
}

bool CsvReader::next_record(std::vector<std::string>& fields) {
    const char* const data = text_.data();
    const std::size_t size = text_.size();
    // A lone CR counts as a line end too (old Mac exports), both here and inside fields.
    const auto end_line = [&](char c) {
        ++pos_;
        if (c == '\r' && pos_ < size && data[pos_] == '\n') {
            ++pos_;
        }
        ++line_;
        line_start_ = pos_;
    };
    while (pos_ < size && (data[pos_] == '\n' || data[pos_] == '\r')) {
        end_line(data[pos_]);
    }
    if (pos_ >= size) {
        return false;
    }
    record_line_ = line_;
    columns_.clear();
    field_lines_.clear();
    std::size_t count = 0;
    for (;;) {
        // Reuse the caller's strings so a steady stream of records allocates nothing.
        std::string& field = count < fields.size() ? fields[count] : fields.emplace_back();
        ++count;
        field.clear();
        columns_.push_back(pos_ - line_start_ + 1);
        field_lines_.push_back(line_);
        if (pos_ < size && data[pos_] == '"') {
            const std::size_t open_line = line_;
            ++pos_;
            for (;;) {
                std::size_t run = pos_;
                while (run < size && data[run] != '"' && data[run] != '\n' && data[run] != '\r') {
                    ++run;
                }
                field.append(data + pos_, run - pos_);
                pos_ = run;
                if (pos_ >= size) {
                    throw ParseError::unexpected("end of input",
                                                 "'\"' to close the quoted field opened here",
                                                 Location{source_, open_line, columns_.back(), {}});
                }
                const char c = data[pos_];
                if (c == '"') {
                    if (pos_ + 1 < size && data[pos_ + 1] == '"') {
                        field += '"';
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                // A line break inside quotes is data, kept as written.
                const std::size_t break_start = pos_;
                end_line(c);
                field.append(data + break_start, pos_ - break_start);
            }
            if (pos_ < size && !ends_unquoted_field(data[pos_])) {
                throw ParseError::unexpected(describe_found(text_, pos_),
                                             "',' or a line end after the closing quote",
                                             Location{source_, line_, pos_ - line_start_ + 1, {}});
            }
        } else {
            std::size_t run = pos_;
            while (run < size && !ends_unquoted_field(data[run])) {
                ++run;
            }
            field.assign(data + pos_, run - pos_);
            pos_ = run;
        }
        if (pos_ >= size) {
            break;
        }
        const char c = data[pos_];
        if (c == ',') {
            ++pos_;
            continue;
        }
        end_line(c);
        break;
    }
    fields.resize(count);
    return true;
}

std::size_t CsvReader::column(std::size_t i) const {
    return i < columns_.size() ? columns_[i] : 0;
}

Location CsvReader::location(std::size_t i, std::string_view name) const {
    const std::size_t line = i < field_lines_.size() ? field_lines_[i] : record_line_;
    return Location{source_, line, column(i), std::string(name)};
}

} // namespace smartkpi::detail
