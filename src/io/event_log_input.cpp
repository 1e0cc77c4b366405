// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// One streaming pass over an event log (issue 4 §3): the calling thread reads batches of
// whole lines (plain or gzip) while the workers process the previous batch in two phases —
// each parses its share of the batch's lines, then each aggregates the rows of its own
// machines from every share, in log order. So a machine's rows always meet one aggregator in
// order, whatever the thread count, and memory stays at a few batches plus the groups.
#include "io/event_csv_parser.hpp"
#include "io/log_source.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/io/event_log_input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <optional>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <zlib.h>

namespace smartkpi {

EventLogFormat parse_event_log_format(std::string_view text) {
    if (text == "auto") {
        return EventLogFormat::automatic;
    }
    if (text == "csv") {
        return EventLogFormat::csv;
    }
    if (text == "jsonl" || text == "ndjson") {
        return EventLogFormat::jsonl;
    }
    throw UsageError(fmt::format("unknown log format '{}' (expected auto, csv, jsonl)", text));
}

namespace {

using detail::Batch;
using detail::BatchReader;
using detail::EventBlockParser;
using detail::EventHeader;
using detail::ParsedBlock;
using detail::Source;

constexpr std::size_t kShareBytes = std::size_t{1} << 18; // per worker and batch: rows in L2

class LogReader {
  public:
    LogReader(Source& source,
              std::string name,
              const EventOptions& options,
              const EventLogReadOptions& read_options,
              std::uint64_t total_bytes,
              bool regular_file = false)
        : regular_file_(regular_file), source_(source), name_(std::move(name)), options_(options),
          read_options_(read_options), total_bytes_(total_bytes), reader_(source, true) {
        threads_ = read_options.threads != 0 ? read_options.threads
                                             : std::max(1U, std::thread::hardware_concurrency());
        threads_ = std::min(threads_, 64U);
    }

    EventTable run();

  private:
    std::optional<EventTable> run_regions();
    void read_header();
    void parse_share(unsigned share, const Batch& b);
    void aggregate(unsigned worker, unsigned workers);
    void after_batch(const Batch& b);
    [[noreturn]] void fail(const RowProblem& p) const;
    std::uint64_t share_base_line(unsigned share) const;

    bool regular_file_;
    Source& source_;
    std::string name_;
    EventOptions options_;
    EventLogReadOptions read_options_;
    std::uint64_t total_bytes_;
    BatchReader reader_;
    unsigned threads_ = 1;

    bool csv_ = true;
    EventHeader header_;
    EventColumns seen_;
    std::uint64_t next_line_ = 1; // line number of the current batch's first line
    std::vector<ParsedBlock> parsed_;
    std::vector<EventBlockParser> parsers_;
    std::vector<EventAggregator> aggregators_;
    std::vector<std::vector<RowProblem>> overlap_problems_;
    std::uint64_t limit_offset_ = UINT64_MAX; // fail mode: rows at or past the first problem wait

    std::vector<RowProblem> listed_;
    std::uint64_t skipped_ = 0;
    std::uint64_t rows_ = 0;
};

void LogReader::read_header() {
    std::string_view head = reader_.peek(4096);
    if (head.size() >= 3 && std::memcmp(head.data(), "\xEF\xBB\xBF", 3) == 0) {
        reader_.consume(3);
        head = reader_.peek(4096);
    }
    EventLogFormat format = read_options_.format;
    if (format == EventLogFormat::automatic) {
        std::size_t i = 0;
        while (i < head.size() &&
               (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            ++i;
        }
        if (i == head.size()) {
            throw DataError("the event log is empty: no header line and no rows",
                            Location{name_, 1, 1, {}});
        }
        format = head[i] == '{' ? EventLogFormat::jsonl : EventLogFormat::csv;
    }
    csv_ = format == EventLogFormat::csv;
    reader_.set_csv(csv_);
    if (!csv_) {
        return;
    }
    // The header: the first line (it may be longer than what was peeked).
    std::size_t want = 4096;
    while (true) {
        head = reader_.peek(want);
        const std::size_t nl = head.find('\n');
        if (nl != std::string_view::npos || head.size() < want) {
            const std::size_t len = nl == std::string_view::npos ? head.size() : nl;
            std::string_view line = head.substr(0, len);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            if (line.find_first_not_of(" \t") == std::string_view::npos) {
                throw DataError("the event log is empty: no header line",
                                Location{name_, 1, 1, {}});
            }
            header_ = detail::parse_event_header(line, name_);
            reader_.consume(nl == std::string_view::npos ? head.size() : nl + 1);
            next_line_ = 2;
            break;
        }
        want *= 2;
    }
    if (options_.by.has(EventDimension::shift) && !options_.calendar && !header_.columns.shift) {
        throw UsageError(
            fmt::format("{}: --by shift needs a 'shift' column in the log or a --calendar", name_));
    }
}

std::uint64_t LogReader::share_base_line(unsigned share) const {
    std::uint64_t line = next_line_;
    for (unsigned s = 0; s < share; ++s) {
        line += parsed_[s].lines;
    }
    return line;
}

void LogReader::parse_share(unsigned share, const Batch& b) {
    ParsedBlock& out = parsed_[share];
    out.clear();
    // One worker numbers lines for real at once (direct mode aggregates while parsing);
    // shares of several count from 1 and are shifted once every share's length is known.
    out.first_line = parsed_.size() == 1 ? next_line_ : 1;
    const std::size_t from = b.cuts[share];
    const std::size_t to = b.cuts[share + 1];
    parsers_[share].parse({b.base + from, to - from}, b.offset + from, out);
}

void LogReader::aggregate(unsigned worker, unsigned workers) {
    EventAggregator& agg = aggregators_[worker];
    std::vector<RowProblem>& problems = overlap_problems_[worker];
    for (unsigned s = 0; s < parsed_.size(); ++s) {
        ParsedBlock& block = parsed_[s];
        const std::uint64_t base = share_base_line(s) - block.first_line;
        for (std::size_t i = 0; i < block.rows.size(); ++i) {
            const std::uint64_t h = workers > 1 ? block.hashes[i] : 0;
            // Lemire's multiply-shift range reduction: no division per row.
            if (workers > 1 && static_cast<unsigned>(((h >> 32) * workers) >> 32) != worker) {
                continue;
            }
            EventRow& row = block.rows[i];
            if (row.offset >= limit_offset_) {
                continue;
            }
            row.line_number += base;
            std::optional<RowProblem> p = workers > 1 ? agg.add(row, h) : agg.add(row);
            if (p) {
                problems.push_back(std::move(*p));
            }
        }
    }
}

[[noreturn]] void LogReader::fail(const RowProblem& p) const {
    throw DataError(p.message, Location{name_, p.line, p.column, p.field == "row" ? "" : p.field});
}

void LogReader::after_batch(const Batch& b) {
    std::vector<RowProblem> problems;
    for (unsigned s = 0; s < parsed_.size(); ++s) {
        const std::uint64_t base = share_base_line(s) - parsed_[s].first_line;
        for (RowProblem& p : parsed_[s].problems) {
            p.line += base;
            problems.push_back(std::move(p));
        }
        for (RowProblem& p : parsed_[s].direct_problems) {
            problems.push_back(std::move(p)); // rows had their line numbers already
        }
        rows_ += parsed_[s].rows_seen;
        seen_.shift |= parsed_[s].seen.shift;
        seen_.reason |= parsed_[s].seen.reason;
        seen_.counts |= parsed_[s].seen.counts;
        seen_.ideal_cycle |= parsed_[s].seen.ideal_cycle;
    }
    for (auto& list : overlap_problems_) {
        for (RowProblem& p : list) {
            problems.push_back(std::move(p));
        }
        list.clear();
    }
    if (!problems.empty()) {
        std::sort(problems.begin(), problems.end(),
                  [](const RowProblem& x, const RowProblem& y) { return x.offset < y.offset; });
        if (options_.on_error == OnError::fail) {
            fail(problems.front());
        }
        skipped_ += problems.size();
        for (RowProblem& p : problems) {
            if (listed_.size() >= options_.max_listed) {
                break;
            }
            p.source = name_;
            listed_.push_back(std::move(p));
        }
    }
    next_line_ = share_base_line(static_cast<unsigned>(parsed_.size()));
    (void)b;
    if (read_options_.progress) {
        read_options_.progress(
            {reader_.mapped() ? reader_.offset() : source_.raw_bytes(), total_bytes_, rows_});
    }
}

// Several workers on a plain file, --on-error fail: each reads its own consecutive region
// through its own mapped windows and aggregates while parsing (no rows handed between
// threads); the regions' seams are then joined as `events merge` joins pieces, which gives
// the same table as one pass (tested). Returns nothing when a region met a double quote (a
// quoted field might hold the line end a region starts after): the caller then reads the log
// the general way.
std::optional<EventTable> LogReader::run_regions() {
    const int fd = source_.plain_fd();
    const std::uint64_t start = reader_.offset();
    const std::uint64_t end = total_bytes_;
    const unsigned n = threads_;
    // Region boundaries: just after the first line end at or after an even split.
    std::vector<std::uint64_t> bounds = {start};
    std::vector<char> probe(std::size_t{1} << 16);
    for (unsigned t = 1; t < n; ++t) {
        std::uint64_t at = std::max(bounds.back(), start + (end - start) * t / n);
        std::uint64_t cut = end;
        while (at < end) {
            const ssize_t got = ::pread(fd, probe.data(), probe.size(), static_cast<off_t>(at));
            if (got <= 0) {
                break;
            }
            const void* nl = std::memchr(probe.data(), '\n', static_cast<std::size_t>(got));
            if (nl != nullptr) {
                cut = at + static_cast<std::uint64_t>(static_cast<const char*>(nl) - probe.data()) +
                      1;
                break;
            }
            at += static_cast<std::uint64_t>(got);
        }
        bounds.push_back(cut);
    }
    bounds.push_back(end);

    struct Region {
        std::vector<EventAggregator> agg; // one, in a vector for collect_consecutive()
        std::optional<RowProblem> problem;
        std::uint64_t lines = 0;
        std::uint64_t rows = 0;
        bool quoted = false;
        std::atomic<std::uint64_t> done{0};
        std::atomic<std::uint64_t> rows_done{0};
        std::exception_ptr error;
    };
    const EventColumns columns = csv_ ? header_.columns : EventColumns{};
    std::vector<std::unique_ptr<Region>> regions;
    std::atomic<unsigned> finished{0};
    for (unsigned t = 0; t < n; ++t) {
        regions.push_back(std::make_unique<Region>());
        regions.back()->agg.emplace_back(options_, columns);
    }
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < n; ++t) {
            pool.emplace_back([&, t] {
                Region& r = *regions[t];
                try {
                    // Batches are cut at the last line end without a look at quotes: a
                    // region that holds one is read again the general way anyway.
                    BatchReader reader(source_, false);
                    reader.set_name(name_);
                    reader.map_range(fd, bounds[t], bounds[t + 1]);
                    EventBlockParser parser(csv_ ? &header_ : nullptr, true, false);
                    parser.set_direct(&r.agg.front());
                    ParsedBlock block;
                    Batch batch;
                    while (reader.fill(batch, kShareBytes, 1)) {
                        block.clear();
                        block.first_line = r.lines + 1; // relative to the region
                        parser.parse({batch.base, batch.size}, batch.offset, block);
                        r.quoted = r.quoted || block.quoted;
                        r.rows += block.rows_seen;
                        r.lines += block.lines;
                        r.done.store(reader.offset() - bounds[t], std::memory_order_relaxed);
                        r.rows_done.store(r.rows, std::memory_order_relaxed);
                        for (auto* list : {&block.problems, &block.direct_problems}) {
                            for (RowProblem& p : *list) {
                                if (!r.problem || p.offset < r.problem->offset) {
                                    r.problem = std::move(p);
                                }
                            }
                        }
                        if (r.problem || r.quoted) {
                            break;
                        }
                    }
                } catch (...) {
                    r.error = std::current_exception();
                }
                ++finished;
            });
        }
        if (read_options_.progress) {
            // The calling thread reports progress while the workers read.
            while (finished.load() < n) {
                std::uint64_t done = 0;
                std::uint64_t rows = 0;
                for (unsigned t = 0; t < n; ++t) {
                    done += regions[t]->done.load(std::memory_order_relaxed);
                    rows += regions[t]->rows_done.load(std::memory_order_relaxed);
                }
                read_options_.progress({start + done, total_bytes_, rows});
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
    }
    for (auto& r : regions) {
        if (r->error) {
            std::rethrow_exception(r->error);
        }
        if (r->quoted) {
            return std::nullopt;
        }
    }
    // Line numbers: region t starts after the lines of the header and regions before it.
    std::vector<std::uint64_t> first_line(n);
    std::uint64_t line = next_line_;
    for (unsigned t = 0; t < n; ++t) {
        first_line[t] = line;
        line += regions[t]->lines;
    }
    std::optional<RowProblem> first;
    for (unsigned t = 0; t < n; ++t) {
        if (std::optional<RowProblem>& p = regions[t]->problem) {
            p->line += first_line[t] - 1;
            if (!first || p->offset < first->offset) {
                first = std::move(p);
            }
        }
    }
    std::vector<EventAggregator> parts;
    for (auto& r : regions) {
        parts.push_back(std::move(r->agg.front()));
        rows_ += r->rows;
    }
    std::vector<RowProblem> overlaps;
    EventTable table = EventAggregator::collect_consecutive(parts, first_line, overlaps);
    for (RowProblem& p : overlaps) {
        if (!first || p.offset < first->offset) {
            first = std::move(p);
        }
    }
    if (first) {
        fail(*first);
    }
    table.columns = columns;
    table.rows = rows_;
    table.bytes = end;
    return table;
}

EventTable LogReader::run() {
    read_header();
    reader_.set_name(name_);
    const bool mappable = regular_file_ && source_.plain_fd() >= 0 && total_bytes_ > 0;
    if (mappable && options_.on_error == OnError::fail && threads_ > 1 && csv_ &&
        total_bytes_ - reader_.offset() >=
            std::uint64_t{threads_} * read_options_.min_region_bytes) {
        if (std::optional<EventTable> table = run_regions()) {
            return std::move(*table);
        }
        rows_ = 0; // a quoted log: read it again the general way
    }
    if (mappable) {
        reader_.map_file(source_.plain_fd(), total_bytes_);
    }
    const bool fail_fast = options_.on_error == OnError::fail;
    const EventColumns columns = csv_ ? header_.columns : EventColumns{};
    const unsigned workers = threads_;
    for (unsigned i = 0; i < workers; ++i) {
        aggregators_.emplace_back(options_, columns);
        parsers_.emplace_back(csv_ ? &header_ : nullptr, fail_fast, workers > 1);
    }
    if (workers == 1) {
        parsers_[0].set_direct(&aggregators_[0]);
    }
    parsed_.resize(workers);
    overlap_problems_.resize(workers);
    std::uint64_t bytes = reader_.offset();

    const auto limit_from_parse = [&] {
        limit_offset_ = UINT64_MAX;
        if (fail_fast) {
            for (const ParsedBlock& p : parsed_) {
                if (!p.problems.empty()) {
                    limit_offset_ = std::min(limit_offset_, p.problems.front().offset);
                }
            }
        }
    };

    std::array<Batch, 2> batches;
    // Several workers meet at two barriers per batch: larger shares make them rarer.
    const std::size_t target = (workers == 1 ? kShareBytes : 4 * kShareBytes) * workers;
    if (workers == 1) {
        while (reader_.fill(batches[0], target, 1)) {
            bytes += batches[0].size;
            parse_share(0, batches[0]);
            limit_from_parse();
            aggregate(0, 1);
            after_batch(batches[0]);
        }
    } else {
        // Workers run phase 1 (parse a share) and phase 2 (aggregate own machines) per batch
        // while this thread reads the next batch.
        std::barrier sync(static_cast<std::ptrdiff_t>(workers + 1));
        std::barrier middle(static_cast<std::ptrdiff_t>(workers),
                            [&limit_from_parse]() noexcept { limit_from_parse(); });
        std::atomic<bool> stop{false};
        const Batch* current = nullptr;
        std::vector<std::exception_ptr> errors(workers);
        std::vector<std::jthread> pool;
        for (unsigned w = 0; w < workers; ++w) {
            pool.emplace_back([&, w] {
                while (true) {
                    sync.arrive_and_wait(); // start
                    if (stop.load()) {
                        return;
                    }
                    try {
                        parse_share(w, *current);
                    } catch (...) {
                        errors[w] = std::current_exception();
                    }
                    middle.arrive_and_wait();
                    try {
                        if (!errors[w]) {
                            aggregate(w, workers);
                        }
                    } catch (...) {
                        errors[w] = std::current_exception();
                    }
                    sync.arrive_and_wait(); // done
                }
            });
        }
        const auto shutdown = [&] {
            stop.store(true);
            sync.arrive_and_wait();
            pool.clear();
        };
        try {
            unsigned cur = 0;
            bool have = reader_.fill(batches[cur], target, workers);
            while (have) {
                bytes += batches[cur].size;
                current = &batches[cur];
                sync.arrive_and_wait(); // start the workers on `cur`
                bool next = false;
                std::exception_ptr read_error;
                try {
                    next = reader_.fill(batches[1 - cur], target, workers);
                } catch (...) {
                    read_error = std::current_exception();
                }
                sync.arrive_and_wait(); // wait for them
                for (auto& e : errors) {
                    if (e) {
                        std::rethrow_exception(e);
                    }
                }
                after_batch(batches[cur]);
                if (read_error) {
                    std::rethrow_exception(read_error);
                }
                cur = 1 - cur;
                have = next;
            }
        } catch (...) {
            shutdown();
            throw;
        }
        shutdown();
    }

    EventTable table = EventAggregator::collect(aggregators_);
    table.columns = csv_ ? header_.columns : seen_;
    if (!csv_ && options_.by.has(EventDimension::shift) && !options_.calendar && !seen_.shift &&
        rows_ > 0) {
        throw UsageError(
            fmt::format("{}: --by shift needs a 'shift' key in the log or a --calendar", name_));
    }
    table.skipped = std::move(listed_);
    table.skipped_count = skipped_;
    table.rows = rows_;
    table.bytes = bytes;
    if (skipped_ > 0) {
        table.warnings.push_back(skipped_warning(table));
    }
    return table;
}

} // namespace

EventTable read_event_log(const std::string& path,
                          const EventOptions& options,
                          const EventLogReadOptions& read_options) {
    int fd = 0;
    bool owned = false;
    bool regular = false;
    std::uint64_t total = 0;
    if (path != "-") {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT) {
                throw InputError::not_found(path);
            }
            throw InputError::unreadable(path, std::strerror(errno));
        }
        owned = true;
        struct stat st {};
        if (::fstat(fd, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                ::close(fd);
                throw InputError::unreadable(path, "it is a directory");
            }
            total = static_cast<std::uint64_t>(st.st_size);
            regular = S_ISREG(st.st_mode);
        }
#ifdef POSIX_FADV_SEQUENTIAL
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    Source source(fd, owned, path);
    LogReader reader(source, path, options, read_options, total, regular);
    return reader.run();
}

EventTable read_event_log_text(std::string_view text,
                               const std::string& source,
                               const EventOptions& options,
                               const EventLogReadOptions& read_options) {
    Source s(text);
    LogReader reader(s, source, options, read_options, text.size());
    return reader.run();
}

} // namespace smartkpi
