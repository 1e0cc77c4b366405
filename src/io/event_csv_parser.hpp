// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the row parser of event logs (CSV and JSON Lines). A block of whole lines
// becomes EventRows that view the block; fields that need unescaping live in the block's
// arena. No locale, no allocation per row on the fast path (conventions §28).
#pragma once

#include <smartkpi/engine/event_rollup.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

/// The role of a column of an event log.
enum class EventColumn : std::uint8_t {
    site,
    line,
    machine,
    shift,
    start,
    end,
    state,
    reason,
    good,
    scrap,
    rework,
    ideal_cycle,
    ignore
};

/// The role of a column (CSV header) or key (JSON Lines) name, ASCII case-insensitive.
std::optional<EventColumn> event_column_role(std::string_view name);

/// The columns of a CSV log, from its header.
struct EventHeader {
    std::vector<EventColumn> roles; ///< per field of a row
    std::vector<std::string> names; ///< per field, as written
    EventColumns columns;
    std::size_t required = 0; ///< fields a row needs: one past the last used column
};

/// Reads the header line (without its line end). Throws SchemaError naming the missing
/// required column (machine, start, end, state) or a column named twice.
EventHeader parse_event_header(std::string_view line, const std::string& source);

/// A bump allocator for the field texts a block's rows view (unescaped quotes, joined
/// keys): no allocation per row once warm.
class TextArena {
  public:
    std::string_view store(std::string_view a,
                           std::string_view b = {},
                           std::string_view c = {},
                           char sep = ',',
                           int parts = 1);
    void clear() noexcept {
        if (chunks_.size() > 1) {
            chunks_.resize(1);
        }
        used_ = 0;
    }

  private:
    char* allocate(std::size_t n);
    std::vector<std::unique_ptr<char[]>> chunks_;
    std::vector<std::size_t> sizes_;
    std::size_t used_ = 0;
};

/// What parsing a block gives.
struct ParsedBlock {
    std::vector<EventRow> rows;
    std::vector<std::uint64_t> hashes;       ///< machine hash per row, when asked for
    std::vector<RowProblem> problems;        ///< in block order; line numbers block-relative
    TextArena arena;                         ///< unescaped field texts the rows view
    std::uint64_t lines = 0;                 ///< line ends in the block
    std::uint64_t first_line = 1;            ///< the number the block's first line gets
    std::uint64_t rows_seen = 0;             ///< non-empty lines (good and bad rows)
    EventColumns seen;                       ///< JSON Lines: the keys rows had
    bool quoted = false;                     ///< the block held a double quote
    std::vector<RowProblem> direct_problems; ///< from the aggregator in direct mode

    void clear() {
        rows.clear();
        hashes.clear();
        problems.clear();
        arena.clear();
        lines = 0;
        first_line = 1;
        rows_seen = 0;
        seen = {};
        direct_problems.clear();
        quoted = false;
    }
};

/// Parses blocks of whole lines. One per worker thread (it keeps small caches).
class EventBlockParser {
  public:
    /// `header` null: JSON Lines. `stop_at_problem`: stop the block at its first bad row
    /// (--on-error fail). `hash`: compute the machine hash of every row.
    EventBlockParser(const EventHeader* header, bool stop_at_problem, bool hash);

    /// Direct mode (one worker): rows go straight to `aggregator` instead of into
    /// ParsedBlock::rows; its problems land in ParsedBlock::direct_problems.
    void set_direct(EventAggregator* aggregator) noexcept { direct_ = aggregator; }

    /// Parses `block` (whole lines; the last may lack its line end) that starts at byte
    /// `offset` of the input. Line numbers in the result count from out.first_line at the block's
    /// start.
    void parse(std::string_view block, std::uint64_t offset, ParsedBlock& out);

  private:
    struct DateCache {
        char text[10] = {};
        std::int64_t day = 0;
        bool valid = false;
    };

    bool valid_utf8(std::string_view line, std::uint64_t offset, std::uint64_t line_number);
    // A row from its fields by role: kept in out.rows, or aggregated at once in direct mode.
    bool emit_row(const std::array<std::string_view, 13>& fields,
                  const std::uint32_t* columns,
                  const char* line_start,
                  const std::array<bool, 13>& present,
                  std::uint64_t offset,
                  std::uint64_t line_number,
                  ParsedBlock& out);
    // Returns where a line with a double quote stopped it (the general loop goes on from
    // there), or null when it parsed the whole block or stopped at a problem.
    const char* parse_plain_csv(std::string_view block, std::uint64_t offset, ParsedBlock& out);
    bool row_from_fields(std::string_view line,
                         std::uint64_t offset,
                         std::uint64_t line_number,
                         std::size_t field_count,
                         ParsedBlock& out);
    bool parse_csv_line(std::string_view line,
                        std::uint64_t offset,
                        std::uint64_t line_number,
                        ParsedBlock& out);
    bool parse_jsonl_line(std::string_view line,
                          std::uint64_t offset,
                          std::uint64_t line_number,
                          ParsedBlock& out);
    // `columns` null: the fields view `line_start`'s line and their columns follow.
    bool finish_row(EventRow& row,
                    const std::array<std::string_view, 13>& fields,
                    const std::uint32_t* columns,
                    const char* line_start,
                    const std::array<bool, 13>& present,
                    ParsedBlock& out);
    bool timestamp(std::string_view text, DateCache& cache, UnixMillis& out);

    const EventHeader* header_;
    bool stop_at_problem_;
    bool hash_;
    DateCache start_cache_;
    DateCache end_cache_;
    std::vector<std::uint8_t> roles_;          // role per CSV field
    std::array<std::string_view, 13> plain_{}; // the current line's fields by role (plain path)
    std::array<bool, 13> header_present_{};    // roles the header has
    RowProblem problem_;                       // the current line's problem
    std::string scratch_;                      // unescaping
    EventAggregator* direct_ = nullptr;
    EventRow direct_row_;
};

/// Splits `text` at its last line end outside double quotes, given that `text` starts
/// outside quotes: the length of the whole lines (0 when there is none).
std::size_t whole_lines_length(std::string_view text, bool csv);

} // namespace smartkpi::detail
