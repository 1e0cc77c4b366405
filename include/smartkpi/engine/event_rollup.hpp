// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/value.hpp>
#include <smartkpi/model/machine_state.hpp>
#include <smartkpi/model/shift_calendar.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Exact integer sums of ideal time in microseconds (conventions §27): 128 bits, so that no
/// log can overflow them and neither thread count nor merge order changes a digit.
__extension__ using ExactSum = __int128;

/// A key column of an event-log report.
enum class EventDimension : std::uint8_t { site, line, machine, shift, day, week, month };
std::string_view to_string(EventDimension d) noexcept;

/// How `events kpi` groups: a prefix of site,line,machine,shift (groups are paths,
/// conventions §21), then at most one of day|week|month; no dimension is one group "all".
struct EventGrouping {
    std::vector<EventDimension> dims;

    [[nodiscard]] bool has(EventDimension d) const noexcept;
    /// day, week or month when grouped by one.
    [[nodiscard]] std::optional<EventDimension> time_dimension() const noexcept;
    /// "site,line,machine,shift", "site,day", "all".
    [[nodiscard]] std::string text() const;
    friend bool operator==(const EventGrouping&, const EventGrouping&) = default;
};
/// Parses "site,line,machine,shift", "site,line,day", "machine" (= site,line,machine),
/// "week", "all"; UsageError naming the rule otherwise.
EventGrouping parse_event_grouping(std::string_view text);

/// What a bad row does (issue 4 §1): stop with a data error, or skip it, count it and list
/// it in the report.
enum class OnError : std::uint8_t { fail, skip };
std::string_view to_string(OnError v) noexcept;

/// The options that shape the sums; partial results record them and merge refuses to mix
/// partials made with different ones (conventions §29).
struct EventOptions {
    EventGrouping by;
    /// Shift calendar: shifts come from it instead of the log's column, intervals are split
    /// at its slot boundaries, days/weeks/months use its zone, and uncovered time inside a
    /// shift is a gap. Null: the log's shift column as given, days in UTC.
    std::shared_ptr<const ShiftCalendar> calendar;
    /// DOWN episodes shorter than this are not failures (conventions §26).
    std::int64_t min_failure_ms = 0;
    /// Collect time and count by (group, state, reason) for the downtime Pareto.
    bool reasons = false;
    OnError on_error = OnError::fail;
    /// How many skipped rows the report lists (the first ones by position in the input).
    std::size_t max_listed = 20;

    /// One line naming every option above, for partial files.
    [[nodiscard]] std::string fingerprint() const;
};

/// One interval of one machine, as read from a log. The strings view the reader's buffer.
struct EventRow {
    std::string_view site;
    std::string_view line;
    std::string_view machine;
    /// site, line and machine joined by ',' (a reader's buffer often holds exactly this);
    /// optional: computed when empty.
    std::string_view key;
    std::string_view shift;  ///< empty when the log has no shift column
    std::string_view reason; ///< may be empty
    UnixMillis start_ms = 0;
    UnixMillis end_ms = 0;
    MachineState state = MachineState::producing;
    std::uint64_t good = 0;
    std::uint64_t scrap = 0;
    std::uint64_t rework = 0;
    std::int64_t ideal_cycle_us = 0; ///< planned run time per item, microseconds
    std::uint64_t offset = 0;        ///< byte offset of the row in the input
    std::uint64_t line_number = 0;   ///< 1-based line of the row in the input
    std::uint32_t start_column = 0;  ///< 1-based column of the start field (for problems)
};

/// The exact sums of one group (conventions §27): times in integer milliseconds by state,
/// counts as 64-bit integers, ideal time as an exact 128-bit sum of microseconds.
struct GroupSums {
    std::array<std::int64_t, kMachineStateCount> state_ms{};
    std::uint64_t good = 0;
    std::uint64_t scrap = 0;
    std::uint64_t rework = 0;
    ExactSum ideal_us = 0;      ///< Σ ideal_cycle_us × (good + scrap + rework)
    std::uint64_t failures = 0; ///< DOWN episodes that start in the group (FE)
    std::uint64_t segments = 0; ///< row pieces that fell in the group
    std::int64_t gap_ms = 0;    ///< shift time no row covers (with a calendar)
    std::uint64_t gaps = 0;

    GroupSums& operator+=(const GroupSums& o) noexcept;
    friend bool operator==(const GroupSums&, const GroupSums&) = default;

    [[nodiscard]] std::int64_t ms(MachineState s) const noexcept {
        return state_ms[static_cast<std::size_t>(s)];
    }
    /// PBT = PRODUCING + SETUP + DOWN + IDLE (conventions §26).
    [[nodiscard]] std::int64_t pbt_ms() const noexcept;
    /// PQ = good + scrap + rework.
    [[nodiscard]] std::uint64_t pq() const noexcept { return good + scrap + rework; }
};

/// The KPIs of one group, computed from its sums with the ISO 22400 engine's OEE code
/// (engine/oee.hpp): A = APT/PBT, E = Σ PRI·PQ / APT, QR = GQ/PQ, OEE = A·E·QR;
/// MTBF = APT/FE, MTTR = Σ DOWN/FE (conventions §26), seconds.
struct EventKpis {
    KpiValue availability;
    KpiValue effectiveness;
    KpiValue quality_ratio;
    KpiValue oee;
    KpiValue mtbf;
    KpiValue mttr;
};

/// Which optional columns the log had: without counts, quantities and the KPIs that need
/// them are not available (missing is not zero).
struct EventColumns {
    bool shift = false;
    bool reason = false;
    bool counts = false; ///< good, scrap, rework
    bool ideal_cycle = false;
    friend bool operator==(const EventColumns&, const EventColumns&) = default;
};

EventKpis event_kpis(const GroupSums& sums, const EventColumns& columns);

/// A row the reader rejected: where, which field, why.
struct RowProblem {
    std::string source;       ///< the file (a piece's own file after a merge)
    std::uint64_t offset = 0; ///< orders problems: the first K by position are listed
    std::size_t line = 0;
    std::size_t column = 0;
    std::string field;   ///< "start", "state", ...; "row" for the whole row
    std::string message; ///< "end 2026-01-05T05:00:00Z is before start 2026-01-05T06:00:00Z"
};

/// The key of a group: ranks into EventTable's label lists (0 for dimensions not grouped
/// by), and the day/ISO week/month number of the time dimension.
struct EventKey {
    std::array<std::uint32_t, 4> ids{}; ///< site, line, machine, shift
    std::int32_t time = 0; ///< days since 1970-01-01; ISO year×100+week; year×12+month−1
    friend auto operator<=>(const EventKey&, const EventKey&) = default;
};

/// The state of one machine at the edges of a piece of a log: what merging pieces needs to
/// re-check overlaps, join DOWN episodes across a split and find gaps (conventions §29).
struct MachineSeam {
    std::array<std::uint32_t, 3> ids{}; ///< site, line, machine ranks
    UnixMillis first_start_ms = 0;
    UnixMillis first_end_ms = 0;
    MachineState first_state = MachineState::producing;
    std::uint64_t first_line = 0;   ///< line of the first row in its piece
    std::uint64_t first_offset = 0; ///< its byte offset and start column (not in partials)
    std::uint32_t first_column = 0;
    UnixMillis last_start_ms = 0;
    UnixMillis last_end_ms = 0;
    MachineState last_state = MachineState::producing;
    /// The DOWN run that starts with the piece's first row of the machine, not yet counted
    /// as a failure: its length and the group of its start (head_ms < 0: none).
    std::int64_t head_ms = -1;
    EventKey head_key;
    /// The head run is still open at the end of the piece (every row so far was one run).
    bool head_open = false;
    /// A DOWN run open at the end of the piece (other than an open head run), not yet
    /// counted: its length and the group of its start (tail_ms < 0: none).
    std::int64_t tail_ms = -1;
    EventKey tail_key;
};

/// Time and count of one (group, state, reason) for the downtime Pareto. The count is the
/// number of intervals whose start falls in the group.
struct ReasonSums {
    std::uint32_t group = 0; ///< index into EventTable::keys
    MachineState state = MachineState::down;
    std::uint32_t reason = 0; ///< rank into EventTable::reasons
    std::int64_t time_ms = 0;
    std::uint64_t count = 0;
};

/// The result of reading a log or a piece of one: the sums of every group, sorted by key
/// (conventions §5), and the seams of every machine. A table from a whole run is `closed`
/// (failures of the runs at the edges counted); a partial is not, so that merge can join
/// pieces in order and give the same table as one run over the whole log.
struct EventTable {
    EventOptions options;
    EventColumns columns;
    /// Sorted, distinct labels of site, line, machine, shift: EventKey::ids rank into them.
    std::array<std::vector<std::string>, 4> labels;
    std::vector<EventKey> keys;          ///< sorted
    std::vector<GroupSums> sums;         ///< parallel to keys
    std::vector<std::string> reasons;    ///< sorted
    std::vector<ReasonSums> reason_sums; ///< sorted by (group, state, reason)
    std::vector<MachineSeam> machines;   ///< sorted by ids
    std::vector<RowProblem> skipped;     ///< the first options.max_listed, by position
    std::uint64_t skipped_count = 0;
    std::uint64_t rows = 0;  ///< rows read (accepted + skipped)
    std::uint64_t bytes = 0; ///< bytes read (after decompression)
    std::vector<std::string> warnings;
    bool closed = false;

    /// The text of dimension `d` of `key`: a label, or "2026-01-05", "2026-W02", "2026-01".
    [[nodiscard]] std::string label(EventDimension d, const EventKey& key) const;
    /// The sums of every group together.
    [[nodiscard]] GroupSums total() const;
};

/// The warning every table with skipped rows carries (conventions §6):
/// "--on-error skip: 3 of 1200 rows skipped (the first 2 are listed)".
inline constexpr std::string_view kSkipWarning = "--on-error skip:";
std::string skipped_warning(const EventTable& table);

/// Counts the failures of the runs still open at the edges of every machine and marks the
/// table closed: what a whole run does at the end of the log.
void close_table(EventTable& table);

/// Joins pieces of one log given in log order (`events merge`): sums the groups, joins the
/// DOWN episodes and checks overlaps across each seam, and keeps the first skipped rows.
/// Throws DataError when the pieces were made with different options or columns, or when a
/// piece's first interval of a machine overlaps the previous piece's last one. The result
/// is not closed.
EventTable merge_tables(std::vector<EventTable> pieces);

/// The day/week/month number of the time dimension `d` for a day (days since 1970-01-01):
/// the day itself, ISO year×100 + ISO week, or year×12 + month − 1.
std::int32_t event_time_value(EventDimension d, std::int32_t day);

/// Formats a day number "2026-01-05", an ISO week "2026-W02", a month "2026-01".
std::string format_event_time(EventDimension d, std::int32_t value);

namespace detail {
class EventAccumulator;
}

/// Turns rows into group sums. One per worker thread; each owns a disjoint set of machines
/// (the reader partitions rows by machine), so every machine's rows arrive in log order and
/// the sums are independent of the thread count. Not thread-safe itself.
class EventAggregator {
  public:
    explicit EventAggregator(const EventOptions& options, EventColumns columns);
    EventAggregator(EventAggregator&&) noexcept;
    EventAggregator& operator=(EventAggregator&&) noexcept;
    ~EventAggregator();

    /// Adds a row that parsed. Returns a problem when the row overlaps (or precedes) the
    /// previous accepted interval of its machine; the row is then not added.
    std::optional<RowProblem> add(const EventRow& row);
    /// The same with the row's machine_hash() already computed.
    std::optional<RowProblem> add(const EventRow& row, std::uint64_t hash);

    /// The hash of the row's (site, line, machine): the reader partitions rows over the
    /// aggregators by it.
    static std::uint64_t machine_hash(const EventRow& row) noexcept;

    /// The sums of several aggregators (disjoint machines) as one table, not closed.
    static EventTable collect(std::vector<EventAggregator>& parts);

    /// The sums of aggregators that read consecutive regions of one log, in order, as one
    /// table: each machine's seams joined as merge_tables() joins pieces. A region's first
    /// interval of a machine that overlaps the previous region's last one is listed in
    /// `overlaps`. The parts counted lines from 1: `first_lines[i]` is the real number of
    /// part i's first line, for the seams' and the overlaps' line numbers.
    static EventTable collect_consecutive(std::vector<EventAggregator>& parts,
                                          const std::vector<std::uint64_t>& first_lines,
                                          std::vector<RowProblem>& overlaps);

  private:
    static EventTable collect(std::vector<EventAggregator>& parts,
                              const std::vector<std::uint64_t>* first_lines,
                              std::vector<RowProblem>* overlaps);
    std::unique_ptr<detail::EventAccumulator> impl_;
};

} // namespace smartkpi
