// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// `--emit-partials`: an event table as JSON Lines ("smartkpi-event-partial/1"), read back by
// io/event_partial_input.cpp. Every number is an integer written exactly (the 128-bit ideal
// time as a decimal string), so that merging partials gives the same digits as one run
// (conventions §27, §29). Line order: header, labels (site, line, machine, shift), reasons,
// groups, reason sums, machine seams, skipped rows, warnings.
#include "report/event_text.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/report/event_report.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <iterator>
#include <ostream>
#include <string_view>

namespace smartkpi {

namespace {

constexpr std::size_t kFlushAt = std::size_t{1} << 20;
constexpr std::array<std::string_view, 4> kLabelDims = {"site", "line", "machine", "shift"};

class LineWriter {
  public:
    explicit LineWriter(std::ostream& out) : out_(out) {}
    LineWriter(const LineWriter&) = delete;
    LineWriter& operator=(const LineWriter&) = delete;
    ~LineWriter() = default;

    LineWriter& raw(std::string_view s) {
        buf_.append(s.data(), s.data() + s.size());
        return *this;
    }
    template <class T> LineWriter& integer(T v) {
        fmt::format_to(std::back_inserter(buf_), FMT_COMPILE("{}"), v);
        return *this;
    }
    LineWriter& string(std::string_view s) {
        detail::append_json_string(buf_, s);
        return *this;
    }
    LineWriter& boolean(bool v) { return raw(v ? "true" : "false"); }
    LineWriter& exact(ExactSum v) {
        buf_.push_back('"');
        detail::append_exact(buf_, v);
        buf_.push_back('"');
        return *this;
    }
    LineWriter& key(const EventKey& k) {
        raw("[");
        for (const std::uint32_t id : k.ids) {
            integer(id).raw(",");
        }
        return integer(k.time).raw("]");
    }
    void end_line() {
        buf_.push_back('\n');
        if (buf_.size() >= kFlushAt) {
            flush();
        }
    }
    void flush() {
        out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }

  private:
    std::ostream& out_;
    fmt::memory_buffer buf_;
};

void write_header(LineWriter& w, const EventTable& t) {
    const EventOptions& o = t.options;
    w.raw(R"({"format":"smartkpi-event-partial/1","fingerprint":)").string(o.fingerprint());
    w.raw(R"(,"by":)").string(o.by.text());
    w.raw(R"(,"on_error":)").string(to_string(o.on_error));
    w.raw(R"(,"min_failure_ms":)").integer(o.min_failure_ms);
    w.raw(R"(,"max_listed":)").integer(o.max_listed);
    w.raw(R"(,"reasons":)").boolean(o.reasons);
    w.raw(R"(,"calendar":)");
    if (o.calendar) {
        w.string(o.calendar->canonical());
    } else {
        w.raw("null");
    }
    w.raw(R"(,"columns":{"shift":)").boolean(t.columns.shift);
    w.raw(R"(,"reason":)").boolean(t.columns.reason);
    w.raw(R"(,"counts":)").boolean(t.columns.counts);
    w.raw(R"(,"ideal_cycle":)").boolean(t.columns.ideal_cycle);
    w.raw(R"(},"rows":)").integer(t.rows);
    w.raw(R"(,"bytes":)").integer(t.bytes);
    w.raw(R"(,"skipped_count":)").integer(t.skipped_count);
    w.raw(R"(,"closed":)").boolean(t.closed);
    w.raw(R"(,"counts":{)");
    for (std::size_t d = 0; d < kLabelDims.size(); ++d) {
        w.raw("\"").raw(kLabelDims[d]).raw("\":").integer(t.labels[d].size()).raw(",");
    }
    w.raw(R"("reasons":)").integer(t.reasons.size());
    w.raw(R"(,"groups":)").integer(t.keys.size());
    w.raw(R"(,"reason_sums":)").integer(t.reason_sums.size());
    w.raw(R"(,"machines":)").integer(t.machines.size());
    w.raw(R"(,"skipped":)").integer(t.skipped.size());
    w.raw(R"(,"warnings":)").integer(t.warnings.size());
    w.raw("}}");
    w.end_line();
}

} // namespace

void write_event_partial(std::ostream& out, const EventTable& t) {
    if (t.sums.size() != t.keys.size()) {
        throw InternalError("event table with sums not parallel to its keys");
    }
    LineWriter w(out);
    write_header(w, t);
    for (std::size_t d = 0; d < kLabelDims.size(); ++d) {
        for (const std::string& label : t.labels[d]) {
            w.raw(R"({"type":"label","dim":")").raw(kLabelDims[d]).raw(R"(","text":)");
            w.string(label).raw("}");
            w.end_line();
        }
    }
    for (const std::string& reason : t.reasons) {
        w.raw(R"({"type":"reason","text":)").string(reason).raw("}");
        w.end_line();
    }
    for (std::size_t i = 0; i < t.keys.size(); ++i) {
        const GroupSums& s = t.sums[i];
        w.raw(R"({"type":"group","key":)").key(t.keys[i]).raw(R"(,"ms":[)");
        for (std::size_t k = 0; k < s.state_ms.size(); ++k) {
            w.raw(k == 0 ? "" : ",").integer(s.state_ms[k]);
        }
        w.raw(R"(],"good":)").integer(s.good);
        w.raw(R"(,"scrap":)").integer(s.scrap);
        w.raw(R"(,"rework":)").integer(s.rework);
        w.raw(R"(,"ideal_us":)").exact(s.ideal_us);
        w.raw(R"(,"failures":)").integer(s.failures);
        w.raw(R"(,"segments":)").integer(s.segments);
        w.raw(R"(,"gap_ms":)").integer(s.gap_ms);
        w.raw(R"(,"gaps":)").integer(s.gaps).raw("}");
        w.end_line();
    }
    for (const ReasonSums& r : t.reason_sums) {
        w.raw(R"({"type":"reason_sum","group":)").integer(r.group);
        w.raw(R"(,"state":")").raw(to_string(r.state));
        w.raw(R"(","reason":)").integer(r.reason);
        w.raw(R"(,"time_ms":)").integer(r.time_ms);
        w.raw(R"(,"count":)").integer(r.count).raw("}");
        w.end_line();
    }
    for (const MachineSeam& m : t.machines) {
        w.raw(R"({"type":"machine","ids":[)").integer(m.ids[0]).raw(",").integer(m.ids[1]);
        w.raw(",").integer(m.ids[2]);
        w.raw(R"(],"first_start_ms":)").integer(m.first_start_ms);
        w.raw(R"(,"first_end_ms":)").integer(m.first_end_ms);
        w.raw(R"(,"first_state":")").raw(to_string(m.first_state));
        w.raw(R"(","first_line":)").integer(m.first_line);
        w.raw(R"(,"last_start_ms":)").integer(m.last_start_ms);
        w.raw(R"(,"last_end_ms":)").integer(m.last_end_ms);
        w.raw(R"(,"last_state":")").raw(to_string(m.last_state));
        w.raw(R"(","head_ms":)").integer(m.head_ms);
        w.raw(R"(,"head_key":)").key(m.head_key);
        w.raw(R"(,"head_open":)").boolean(m.head_open);
        w.raw(R"(,"tail_ms":)").integer(m.tail_ms);
        w.raw(R"(,"tail_key":)").key(m.tail_key).raw("}");
        w.end_line();
    }
    for (const RowProblem& p : t.skipped) {
        w.raw(R"({"type":"skipped","source":)").string(p.source);
        w.raw(R"(,"offset":)").integer(p.offset);
        w.raw(R"(,"line":)").integer(p.line);
        w.raw(R"(,"column":)").integer(p.column);
        w.raw(R"(,"field":)").string(p.field);
        w.raw(R"(,"message":)").string(p.message).raw("}");
        w.end_line();
    }
    for (const std::string& warning : t.warnings) {
        w.raw(R"({"type":"warning","text":)").string(warning).raw("}");
        w.end_line();
    }
    w.flush();
}

} // namespace smartkpi
