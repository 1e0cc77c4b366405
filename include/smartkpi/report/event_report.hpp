// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/model/machine_state.hpp>
#include <smartkpi/report/format.hpp>

#include <array>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// What a report says about where its numbers come from.
struct EventReportContext {
    std::vector<std::string> inputs; ///< the log files (or partial files) as the user named them
    unsigned threads = 1;            ///< not printed in machine-readable output: it never
                                     ///< changes a number
};

/// `events kpi`: one row per group (sorted by key) with the elements (pbt, apt, adet, aust,
/// adot in seconds; pq, gq, sq, rq) and availability, effectiveness, quality ratio, OEE,
/// and, beyond the CSV's fixed header, failures, MTBF, MTTR and gaps; then the skipped
/// rows and warnings (conventions §6). The CSV header for site,line,machine,shift is exactly
/// `site,line,machine,shift,pbt_s,apt_s,adet_s,aust_s,adot_s,pq,gq,sq,rq,availability,
/// effectiveness,quality_ratio,oee`; other groupings replace the key columns (grouping
/// "all": one column `group` = `all`); an undefined ratio is an empty field, as are the
/// quantities of a log without counts. Seconds are exact decimals of the integer
/// milliseconds. JSON ("smartkpi-events-report/1", data/schema/events-report.schema.json):
/// every group with its id (the key parts joined with "/", which `check` addresses), key,
/// elements and KPIs as {"value", "unit"} or {"status", ...} (conventions §1), then the
/// whole log as "total" (id "all"). Table and Markdown round, and add a total row. The
/// table must be closed (UsageError otherwise).
void write_event_kpi_report(std::ostream& out,
                            const EventTable& table,
                            Format format,
                            const EventReportContext& context);

/// The states a downtime Pareto shows unless told otherwise.
inline constexpr std::array<MachineState, 1> kDefaultParetoStates = {MachineState::down};

/// `events pareto`: per group, the reasons of the chosen states sorted by time (descending,
/// then by reason in byte order), with time, count, share and cumulative share of the time
/// and the mean time per interval, and the group's failures, MTBF and MTTR; then the same
/// over the whole log. CSV is long: one row per (group, state, reason). The table must be
/// closed and have been read with options.reasons (UsageError otherwise).
void write_event_pareto_report(std::ostream& out,
                               const EventTable& table,
                               Format format,
                               const EventReportContext& context,
                               std::span<const MachineState> states = kDefaultParetoStates);

/// The warnings both reports list (conventions §6): the table's warnings, then a line
/// saying how many rows `--on-error skip` skipped, when any. The CLI prints the same lines
/// on standard error.
std::vector<std::string> event_report_warnings(const EventTable& table);

/// `--emit-partials`: the table as a partial file (JSON Lines, "smartkpi-event-partial/1"),
/// exact (integers as text), that read_event_partial() reads back to an equal table.
void write_event_partial(std::ostream& out, const EventTable& table);

} // namespace smartkpi
