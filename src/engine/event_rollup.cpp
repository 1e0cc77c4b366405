// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "engine/event_seams.hpp"

#include <smartkpi/core/period.hpp>
#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/engine/oee.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace smartkpi {

namespace {

constexpr std::array<std::string_view, 7> kDimensionNames = {"site", "line", "machine", "shift",
                                                             "day",  "week", "month"};

} // namespace

std::string_view to_string(EventDimension d) noexcept {
    return kDimensionNames[static_cast<std::size_t>(d)];
}

bool EventGrouping::has(EventDimension d) const noexcept {
    return std::find(dims.begin(), dims.end(), d) != dims.end();
}

std::optional<EventDimension> EventGrouping::time_dimension() const noexcept {
    for (EventDimension d : dims) {
        if (d == EventDimension::day || d == EventDimension::week || d == EventDimension::month) {
            return d;
        }
    }
    return std::nullopt;
}

std::string EventGrouping::text() const {
    if (dims.empty()) {
        return "all";
    }
    std::string s;
    for (EventDimension d : dims) {
        s += s.empty() ? "" : ",";
        s += to_string(d);
    }
    return s;
}

EventGrouping parse_event_grouping(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        throw UsageError(fmt::format("--by '{}': {}; expected a prefix of site,line,machine,shift, "
                                     "optionally followed by one of day, week, month (or 'all')",
                                     text, why));
    };
    EventGrouping g;
    if (text == "all") {
        return g;
    }
    std::vector<EventDimension> asked;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string_view name = text.substr(pos, comma - pos);
        const auto* it = std::find(kDimensionNames.begin(), kDimensionNames.end(), name);
        if (it == kDimensionNames.end()) {
            fail(fmt::format("unknown dimension '{}'", name));
        }
        const auto d = static_cast<EventDimension>(it - kDimensionNames.begin());
        if (std::find(asked.begin(), asked.end(), d) != asked.end()) {
            fail(fmt::format("'{}' is named twice", name));
        }
        asked.push_back(d);
        pos = comma + 1;
    }
    // A path dimension alone names its parents too: "machine" is site,line,machine
    // (conventions §21: groups are paths).
    std::size_t deepest = 0;
    bool any_path = false;
    std::optional<EventDimension> time;
    for (EventDimension d : asked) {
        const auto i = static_cast<std::size_t>(d);
        if (i < 4) {
            if (time) {
                fail("the time dimension must come last");
            }
            deepest = std::max(deepest, i);
            any_path = true;
        } else {
            if (time) {
                fail("at most one of day, week, month");
            }
            time = d;
        }
    }
    if (any_path) {
        // Any of them in order names the path down to the deepest: "machine,shift" is
        // site,line,machine,shift (conventions §21: groups are paths).
        std::size_t previous = 0;
        bool first = true;
        for (EventDimension d : asked) {
            const auto i = static_cast<std::size_t>(d);
            if (i < 4) {
                if (!first && i < previous) {
                    fail("site, line, machine, shift must come in this order");
                }
                previous = i;
                first = false;
            }
        }
        for (std::size_t i = 0; i <= deepest; ++i) {
            g.dims.push_back(static_cast<EventDimension>(i));
        }
    }
    if (time) {
        g.dims.push_back(*time);
    }
    return g;
}

std::string_view to_string(OnError v) noexcept {
    return v == OnError::fail ? "fail" : "skip";
}

std::string EventOptions::fingerprint() const {
    return fmt::format("by={};calendar={};min_failure_ms={};reasons={};on_error={}", by.text(),
                       calendar ? calendar->canonical() : std::string("none"), min_failure_ms,
                       reasons ? 1 : 0, to_string(on_error));
}

GroupSums& GroupSums::operator+=(const GroupSums& o) noexcept {
    for (std::size_t i = 0; i < state_ms.size(); ++i) {
        state_ms[i] += o.state_ms[i];
    }
    good += o.good;
    scrap += o.scrap;
    rework += o.rework;
    ideal_us += o.ideal_us;
    failures += o.failures;
    segments += o.segments;
    gap_ms += o.gap_ms;
    gaps += o.gaps;
    return *this;
}

std::int64_t GroupSums::pbt_ms() const noexcept {
    return ms(MachineState::producing) + ms(MachineState::setup) + ms(MachineState::down) +
           ms(MachineState::idle);
}

EventKpis event_kpis(const GroupSums& sums, const EventColumns& columns) {
    EventKpis k;
    const double apt = static_cast<double>(sums.ms(MachineState::producing)) / 1000.0;
    if (columns.counts) {
        OeeSums s;
        s.base = static_cast<double>(sums.pbt_ms()) / 1000.0;
        s.apt = apt;
        s.ideal = static_cast<double>(sums.ideal_us) / 1e6;
        s.pq = static_cast<double>(sums.pq());
        s.gq = static_cast<double>(sums.good);
        const OeeKpis o = oee_kpis(s);
        k.availability = o.availability;
        k.effectiveness =
            columns.ideal_cycle ? o.effectiveness : KpiValue::missing({"ideal_cycle_s"});
        k.quality_ratio = o.quality_ratio;
        k.oee = columns.ideal_cycle ? o.oee : KpiValue::missing({"ideal_cycle_s"});
    } else {
        // Availability needs times only.
        k.availability = ratio(apt, static_cast<double>(sums.pbt_ms()) / 1000.0, "pbt");
        k.effectiveness = KpiValue::missing({"good", "scrap", "rework"});
        k.quality_ratio = KpiValue::missing({"good", "scrap", "rework"});
        k.oee = KpiValue::missing({"good", "scrap", "rework"});
    }
    const auto failures = static_cast<double>(sums.failures);
    k.mtbf = ratio(apt, failures, "fe");
    k.mttr = ratio(static_cast<double>(sums.ms(MachineState::down)) / 1000.0, failures, "fe");
    return k;
}

std::int32_t event_time_value(EventDimension d, std::int32_t day) {
    switch (d) {
    case EventDimension::week: {
        // ISO 8601: the week belongs to the year of its Thursday; Monday = 0, and
        // 1970-01-01 was a Thursday.
        const std::int32_t weekday = ((day % 7) + 7 + 3) % 7;
        const std::int32_t thursday = day - weekday + 3;
        const Date date = date_from_days(thursday);
        const long jan1 = Date{date.year, 1, 1}.days_since_epoch();
        return date.year * 100 + static_cast<std::int32_t>((thursday - jan1) / 7 + 1);
    }
    case EventDimension::month: {
        const Date date = date_from_days(day);
        return date.year * 12 + (date.month - 1);
    }
    default:
        return day;
    }
}

std::string format_event_time(EventDimension d, std::int32_t value) {
    switch (d) {
    case EventDimension::week:
        return fmt::format("{:04}-W{:02}", value / 100, value % 100);
    case EventDimension::month: {
        const std::int32_t year = value >= 0 ? value / 12 : -((-value + 11) / 12);
        return fmt::format("{:04}-{:02}", year, value - year * 12 + 1);
    }
    default:
        return date_from_days(value).to_string();
    }
}

std::string EventTable::label(EventDimension d, const EventKey& key) const {
    const auto i = static_cast<std::size_t>(d);
    if (i < 4) {
        return labels[i][key.ids[i]];
    }
    return format_event_time(d, key.time);
}

GroupSums EventTable::total() const {
    GroupSums t;
    for (const GroupSums& s : sums) {
        t += s;
    }
    return t;
}

namespace {

// The group of `key` in a sorted table; every head and tail key names a group that got the
// run's time, so it exists.
GroupSums& group_of(EventTable& t, const EventKey& key) {
    const auto it = std::lower_bound(t.keys.begin(), t.keys.end(), key);
    if (it == t.keys.end() || !(*it == key)) {
        throw InternalError("event table: a run's group is missing");
    }
    return t.sums[static_cast<std::size_t>(it - t.keys.begin())];
}

} // namespace

void close_table(EventTable& table) {
    if (table.closed) {
        return;
    }
    for (MachineSeam& m : table.machines) {
        if (m.head_ms >= 0) {
            if (m.head_ms >= table.options.min_failure_ms) {
                ++group_of(table, m.head_key).failures;
            }
            m.head_ms = -1;
            m.head_open = false;
        }
        if (m.tail_ms >= 0) {
            if (m.tail_ms >= table.options.min_failure_ms) {
                ++group_of(table, m.tail_key).failures;
            }
            m.tail_ms = -1;
        }
    }
    table.closed = true;
}

namespace {

// Ranks of `labels` in the sorted union `all`.
std::vector<std::uint32_t> ranks_in(const std::vector<std::string>& labels,
                                    const std::vector<std::string>& all) {
    std::vector<std::uint32_t> r(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        r[i] = static_cast<std::uint32_t>(std::lower_bound(all.begin(), all.end(), labels[i]) -
                                          all.begin());
    }
    return r;
}

std::vector<std::string> union_of(const std::vector<const std::vector<std::string>*>& lists) {
    std::vector<std::string> all;
    for (const auto* l : lists) {
        all.insert(all.end(), l->begin(), l->end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

// Adds `sums` to the group `key`, creating it if needed (a gap found at a seam may fall in
// a group that no row reached).
struct GroupAdder {
    std::map<EventKey, GroupSums> extra;
    void add(const EventKey& key, const GroupSums& s) { extra[key] += s; }
};

// The shift time between a machine's last interval in one piece and its first in the next
// (conventions §26: a gap), by slot; the shift labels must be in `labels` already.
void add_seam_gap(const EventOptions& options,
                  const std::array<std::vector<std::string>, 4>& labels,
                  const std::array<bool, 4>& by,
                  const MachineSeam& a,
                  UnixMillis to,
                  GroupAdder& adder) {
    const ShiftCalendar& cal = *options.calendar;
    const std::optional<EventDimension> td = options.by.time_dimension();
    UnixMillis t = a.last_end_ms;
    while (t < to) {
        const ShiftCalendar::Slot s = cal.slot_at(t);
        const UnixMillis end = std::min(to, s.end_ms);
        if (s.shift >= 0) {
            EventKey key;
            key.ids[0] = by[0] ? a.ids[0] : 0;
            key.ids[1] = by[1] ? a.ids[1] : 0;
            key.ids[2] = by[2] ? a.ids[2] : 0;
            if (by[3]) {
                const std::string label = cal.shift_label(s);
                key.ids[3] = static_cast<std::uint32_t>(
                    std::lower_bound(labels[3].begin(), labels[3].end(), label) -
                    labels[3].begin());
            }
            key.time = td ? event_time_value(*td, s.day) : 0;
            GroupSums g;
            g.gap_ms = end - t;
            g.gaps = 1;
            adder.add(key, g);
        }
        t = end;
    }
}

// The shift labels of the gaps across seams, which may name shifts no piece has rows in.
std::vector<std::string> seam_gap_labels(const std::vector<EventTable>& pieces) {
    std::vector<std::string> labels;
    const EventOptions& o = pieces.front().options;
    if (!o.calendar || !o.by.has(EventDimension::shift)) {
        return labels;
    }
    std::map<std::array<std::string, 3>, UnixMillis> last_end;
    for (const EventTable& p : pieces) {
        for (const MachineSeam& m : p.machines) {
            const std::array<std::string, 3> id = {p.labels[0][m.ids[0]], p.labels[1][m.ids[1]],
                                                   p.labels[2][m.ids[2]]};
            const auto it = last_end.find(id);
            if (it != last_end.end()) {
                for (UnixMillis t = it->second; t < m.first_start_ms;) {
                    const ShiftCalendar::Slot s = o.calendar->slot_at(t);
                    if (s.shift >= 0) {
                        labels.push_back(o.calendar->shift_label(s));
                    }
                    t = s.end_ms;
                }
            }
            last_end[id] = m.last_end_ms;
        }
    }
    return labels;
}

} // namespace

std::string skipped_warning(const EventTable& table) {
    return fmt::format("{} {} of {} rows skipped{}", kSkipWarning, table.skipped_count, table.rows,
                       table.skipped_count > table.skipped.size()
                           ? fmt::format(" (the first {} are listed)", table.skipped.size())
                           : std::string());
}

namespace detail {

std::vector<MachineSeam> join_seams(const std::vector<const std::vector<MachineSeam>*>& pieces,
                                    const EventOptions& options,
                                    const std::array<std::vector<std::string>, 4>& labels,
                                    std::map<EventKey, GroupSums>& additions,
                                    std::vector<SeamOverlap>& overlaps) {
    const std::array<bool, 4> by = {
        options.by.has(EventDimension::site), options.by.has(EventDimension::line),
        options.by.has(EventDimension::machine), options.by.has(EventDimension::shift)};
    GroupAdder adder;
    const auto credit = [&](const EventKey& key) {
        GroupSums s;
        s.failures = 1;
        adder.add(key, s);
    };
    const std::int64_t min_ms = options.min_failure_ms;
    std::map<std::array<std::uint32_t, 3>, MachineSeam> seams;
    for (std::size_t pi = 0; pi < pieces.size(); ++pi) {
        for (const MachineSeam& b : *pieces[pi]) {
            const auto it = seams.find(b.ids);
            if (it == seams.end()) {
                seams.emplace(b.ids, b);
                continue;
            }
            MachineSeam& a = it->second;
            if (b.first_start_ms < a.last_end_ms) {
                overlaps.push_back({pi, b, a.last_end_ms});
                continue; // the later piece's first interval is the bad row
            }
            if (b.first_start_ms > a.last_end_ms && options.calendar) {
                add_seam_gap(options, labels, by, a, b.first_start_ms, adder);
            }
            const bool contiguous = a.last_state == MachineState::down &&
                                    b.first_state == MachineState::down &&
                                    b.first_start_ms == a.last_end_ms;
            MachineSeam c = a;
            c.last_start_ms = b.last_start_ms;
            c.last_end_ms = b.last_end_ms;
            c.last_state = b.last_state;
            c.tail_ms = -1;
            c.tail_key = {}; // no stale key where there is no run
            // A's open run: its head (all of A was one run) or its tail.
            const bool a_head_open = a.head_ms >= 0 && a.head_open;
            const bool a_tail_open = a.tail_ms >= 0;
            if (contiguous && (a_head_open || a_tail_open) && b.head_ms >= 0) {
                const std::int64_t joined = (a_head_open ? a.head_ms : a.tail_ms) + b.head_ms;
                const EventKey key = a_head_open ? a.head_key : a.tail_key;
                if (a_head_open) {
                    c.head_ms = joined;
                    c.head_open = b.head_open;
                } else if (b.head_open) {
                    c.tail_ms = joined;
                    c.tail_key = key;
                } else if (joined >= min_ms) {
                    credit(key);
                }
                if (!b.head_open && b.tail_ms >= 0) {
                    c.tail_ms = b.tail_ms;
                    c.tail_key = b.tail_key;
                }
            } else {
                // A's open run ends at the seam.
                if (a_head_open) {
                    c.head_open = false;
                } else if (a_tail_open && a.tail_ms >= min_ms) {
                    credit(a.tail_key);
                }
                // B's head run is inside the joined piece now.
                if (b.head_ms >= 0) {
                    if (b.head_open) {
                        c.tail_ms = b.head_ms;
                        c.tail_key = b.head_key;
                    } else if (b.head_ms >= min_ms) {
                        credit(b.head_key);
                    }
                }
                if (b.tail_ms >= 0) {
                    c.tail_ms = b.tail_ms;
                    c.tail_key = b.tail_key;
                }
            }
            a = c;
        }
    }

    for (auto& [key, sums] : adder.extra) {
        additions[key] += sums;
    }
    std::vector<MachineSeam> out;
    out.reserve(seams.size());
    for (auto& [ids, m] : seams) {
        out.push_back(m);
    }
    return out;
}

} // namespace detail

EventTable merge_tables(std::vector<EventTable> pieces) {
    if (pieces.empty()) {
        throw UsageError("events merge: no partial results given");
    }
    EventTable out;
    out.options = pieces.front().options;
    out.columns = pieces.front().columns;
    const std::string fingerprint = out.options.fingerprint();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const EventTable& p = pieces[i];
        if (p.closed) {
            throw DataError(fmt::format("events merge: piece {} is a closed report, not a partial "
                                        "result (write it with --emit-partials)",
                                        i + 1));
        }
        if (p.options.fingerprint() != fingerprint) {
            throw DataError(fmt::format(
                "events merge: piece {} was made with other options ({}) than piece 1 ({})", i + 1,
                p.options.fingerprint(), fingerprint));
        }
        if (!(p.columns == out.columns)) {
            throw DataError(fmt::format(
                "events merge: piece {} has other optional columns than piece 1", i + 1));
        }
    }

    // Union of the labels; remap every piece's keys and seams.
    for (std::size_t d = 0; d < 4; ++d) {
        std::vector<const std::vector<std::string>*> lists;
        for (const EventTable& p : pieces) {
            lists.push_back(&p.labels[d]);
        }
        const std::vector<std::string> gap_labels =
            d == 3 ? seam_gap_labels(pieces) : std::vector<std::string>{};
        lists.push_back(&gap_labels);
        out.labels[d] = union_of(lists);
    }
    {
        std::vector<const std::vector<std::string>*> lists;
        for (const EventTable& p : pieces) {
            lists.push_back(&p.reasons);
        }
        out.reasons = union_of(lists);
    }
    const std::array<bool, 4> by = {
        out.options.by.has(EventDimension::site), out.options.by.has(EventDimension::line),
        out.options.by.has(EventDimension::machine), out.options.by.has(EventDimension::shift)};
    for (EventTable& p : pieces) {
        std::array<std::vector<std::uint32_t>, 4> r;
        for (std::size_t d = 0; d < 4; ++d) {
            r[d] = ranks_in(p.labels[d], out.labels[d]);
        }
        const auto remap = [&](EventKey& k) {
            for (std::size_t d = 0; d < 4; ++d) {
                if (by[d]) {
                    k.ids[d] = r[d][k.ids[d]];
                }
            }
        };
        for (EventKey& k : p.keys) {
            remap(k);
        }
        for (MachineSeam& m : p.machines) {
            for (std::size_t d = 0; d < 3; ++d) {
                m.ids[d] = r[d][m.ids[d]];
            }
            remap(m.head_key);
            remap(m.tail_key);
        }
        const std::vector<std::uint32_t> rr = ranks_in(p.reasons, out.reasons);
        for (ReasonSums& s : p.reason_sums) {
            s.reason = rr[s.reason];
        }
    }

    // Seams, machine by machine in piece order.
    std::vector<const std::vector<MachineSeam>*> seam_lists;
    for (const EventTable& p : pieces) {
        seam_lists.push_back(&p.machines);
    }
    std::vector<detail::SeamOverlap> overlaps;
    GroupAdder adder;
    out.machines = detail::join_seams(seam_lists, out.options, out.labels, adder.extra, overlaps);
    if (!overlaps.empty()) {
        const detail::SeamOverlap& o = overlaps.front();
        throw DataError(fmt::format(
            "events merge: piece {}, line {}: interval of machine '{}' starts at {} before the "
            "previous piece's last interval of it ends at {}: the pieces overlap or are not "
            "given in log order",
            o.piece + 1, o.later.first_line, out.labels[2][o.later.ids[2]],
            format_timestamp_ms(o.later.first_start_ms), format_timestamp_ms(o.previous_end_ms)));
    }

    // Sum the groups of every piece and the seam additions; Pareto sums by group key.
    std::map<EventKey, GroupSums> groups;
    std::map<std::tuple<EventKey, MachineState, std::uint32_t>, ReasonSums> reasons;
    for (EventTable& p : pieces) {
        for (std::size_t i = 0; i < p.keys.size(); ++i) {
            groups[p.keys[i]] += p.sums[i];
        }
        for (const ReasonSums& r : p.reason_sums) {
            ReasonSums& t = reasons[{p.keys[r.group], r.state, r.reason}];
            t.state = r.state;
            t.reason = r.reason;
            t.time_ms += r.time_ms;
            t.count += r.count;
        }
        p.keys = {};
        p.sums = {};
        p.reason_sums = {};
    }
    for (const auto& [key, sums] : adder.extra) {
        groups[key] += sums;
    }
    out.keys.reserve(groups.size());
    out.sums.reserve(groups.size());
    for (const auto& [key, sums] : groups) {
        out.keys.push_back(key);
        out.sums.push_back(sums);
    }
    groups.clear();
    for (const auto& [k, r] : reasons) {
        ReasonSums t = r;
        t.group = static_cast<std::uint32_t>(
            std::lower_bound(out.keys.begin(), out.keys.end(), std::get<0>(k)) - out.keys.begin());
        out.reason_sums.push_back(t);
    }

    for (EventTable& p : pieces) {
        out.rows += p.rows;
        out.bytes += p.bytes;
        out.skipped_count += p.skipped_count;
        out.skipped.insert(out.skipped.end(), p.skipped.begin(), p.skipped.end());
        for (std::string& w : p.warnings) {
            // Each piece's count of skipped rows is replaced by the total below.
            if (w.rfind(kSkipWarning, 0) != 0 &&
                std::find(out.warnings.begin(), out.warnings.end(), w) == out.warnings.end()) {
                out.warnings.push_back(std::move(w));
            }
        }
    }
    if (out.skipped.size() > out.options.max_listed) {
        out.skipped.resize(out.options.max_listed);
    }
    if (out.skipped_count > 0) {
        out.warnings.insert(out.warnings.begin(), skipped_warning(out));
    }
    return out;
}

} // namespace smartkpi
