// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/event_rollup.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace smartkpi {

/// The input format of an event log.
enum class EventLogFormat : std::uint8_t { automatic, csv, jsonl };
/// "auto", "csv", "jsonl"; UsageError otherwise.
EventLogFormat parse_event_log_format(std::string_view text);

/// Progress of a long read, for a progress bar (the library itself never prints).
struct EventLogProgress {
    std::uint64_t bytes = 0;       ///< bytes read so far (compressed bytes for gzip input)
    std::uint64_t total_bytes = 0; ///< size of the file; 0 when unknown (standard input)
    std::uint64_t rows = 0;
};

struct EventLogReadOptions {
    EventLogFormat format = EventLogFormat::automatic; ///< automatic: by content
    unsigned threads = 0;                              ///< 0: every hardware thread
    /// A plain file read with --on-error fail gives each worker a consecutive region of its
    /// own when every region gets at least this many bytes (else the workers share batches).
    std::uint64_t min_region_bytes = std::uint64_t{8} << 20;
    /// Called from the reading thread about every few megabytes; may be empty.
    std::function<void(const EventLogProgress&)> progress;
};

/// Reads an event log (issue 4 §1) in one streaming pass: CSV with a header (columns in any
/// order, extra columns ignored, quoting, CRLF, BOM) or JSON Lines, plain or
/// gzip-compressed (detected by content), from a file or "-" for standard input. Rows are
/// parsed in parallel and aggregated per machine by `threads` workers; the result does not
/// depend on the thread count. Memory is bounded by the number of groups, never by rows.
///
/// A bad row (unparseable time, end before start, unknown state, negative or non-integer
/// count, overlap with the previous interval of its machine) throws DataError at the first
/// such row by position, with file, line and column — or, with OnError::skip, is counted
/// and the first ones listed in the table. Problems of the input as a whole (no header, a
/// required column missing, not UTF-8 where text is needed) always throw. Missing file:
/// InputError.
///
/// The table is not closed: close_table() it for a report, or write it as a partial.
EventTable read_event_log(const std::string& path,
                          const EventOptions& options,
                          const EventLogReadOptions& read_options = {});

/// The same from a text already in memory (tests, fuzzing); `source` names it in messages.
EventTable read_event_log_text(std::string_view text,
                               const std::string& source,
                               const EventOptions& options,
                               const EventLogReadOptions& read_options = {});

} // namespace smartkpi
