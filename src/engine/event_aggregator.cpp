// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The hot path of `events kpi`: rows → exact group sums. Strings are interned to small ids
// per aggregator, groups are found through a per-machine cache of the last group and an
// open-addressing index, sums are integers (conventions §27, §28). collect() ranks the
// strings of every aggregator together and sorts the groups by key, so the table does not
// depend on how the machines were spread over the threads.
#include "engine/event_seams.hpp"

#include <smartkpi/core/period.hpp>
#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <new>
#include <numeric>
#include <sys/mman.h>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>

namespace smartkpi {

namespace detail {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

constexpr std::uint64_t mix(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// A fast, non-cryptographic hash of short strings (ids of a few dozen bytes): one multiply
// per 8 bytes, the tail read as an overlapping word (no byte loop, no memcpy call).
std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) noexcept {
    constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ULL;
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t h = (seed + n) * kMul;
    if (n >= 8) {
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + i, 8);
            h = (h ^ w) * kMul;
            h ^= h >> 29;
        }
        if (i < n) {
            std::uint64_t w = 0;
            std::memcpy(&w, p + n - 8, 8);
            h = (h ^ w) * kMul;
            h ^= h >> 29;
        }
    } else if (n >= 4) {
        std::uint32_t a = 0;
        std::uint32_t b = 0;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        h = (h ^ ((std::uint64_t{a} << 32) | b)) * kMul;
    } else if (n > 0) {
        const std::uint64_t w = (std::uint64_t{static_cast<unsigned char>(p[0])} << 16) |
                                (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
                                static_cast<unsigned char>(p[n - 1]);
        h = (h ^ w) * kMul;
    }
    return mix(h);
}

// Equality of short strings (ids, shift labels) without a call to memcmp: two overlapping
// loads cover 4..16 bytes and never read outside either string.
[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) {
        return false;
    }
    if (n >= 8 && n <= 16) {
        std::uint64_t a0 = 0;
        std::uint64_t a1 = 0;
        std::uint64_t b0 = 0;
        std::uint64_t b1 = 0;
        std::memcpy(&a0, a.data(), 8);
        std::memcpy(&a1, a.data() + n - 8, 8);
        std::memcpy(&b0, b.data(), 8);
        std::memcpy(&b1, b.data() + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4 && n < 8) {
        std::uint32_t a0 = 0;
        std::uint32_t a1 = 0;
        std::uint32_t b0 = 0;
        std::uint32_t b1 = 0;
        std::memcpy(&a0, a.data(), 4);
        std::memcpy(&a1, a.data() + n - 4, 4);
        std::memcpy(&b0, b.data(), 4);
        std::memcpy(&b1, b.data() + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n > 16 && n <= 32) {
        std::uint64_t a0 = 0;
        std::uint64_t a1 = 0;
        std::uint64_t a2 = 0;
        std::uint64_t a3 = 0;
        std::uint64_t b0 = 0;
        std::uint64_t b1 = 0;
        std::uint64_t b2 = 0;
        std::uint64_t b3 = 0;
        std::memcpy(&a0, a.data(), 8);
        std::memcpy(&a1, a.data() + 8, 8);
        std::memcpy(&a2, a.data() + n - 16, 8);
        std::memcpy(&a3, a.data() + n - 8, 8);
        std::memcpy(&b0, b.data(), 8);
        std::memcpy(&b1, b.data() + 8, 8);
        std::memcpy(&b2, b.data() + n - 16, 8);
        std::memcpy(&b3, b.data() + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3)) == 0;
    }
    return a == b;
}

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return hash_bytes(s, 7); }
};

// Strings to dense ids; the views stay valid (node-based map).
class Interner {
  public:
    std::uint32_t intern(std::string_view s) {
        const auto it = map_.find(s);
        if (it != map_.end()) {
            return it->second;
        }
        const auto id = static_cast<std::uint32_t>(views_.size());
        const auto [pos, inserted] = map_.emplace(std::string(s), id);
        views_.emplace_back(pos->first);
        return id;
    }
    [[nodiscard]] std::string_view at(std::uint32_t id) const { return views_[id]; }
    [[nodiscard]] std::size_t size() const noexcept { return views_.size(); }
    [[nodiscard]] const std::vector<std::string_view>& views() const noexcept { return views_; }

  private:
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> map_;
    std::vector<std::string_view> views_;
};

struct LocalKey {
    std::array<std::uint32_t, 4> ids{};
    std::int32_t time = 0;
    // Field by field: the defaulted operator compares the array with a call to memcmp.
    friend bool operator==(const LocalKey& a, const LocalKey& b) noexcept {
        return ((a.ids[0] ^ b.ids[0]) | (a.ids[1] ^ b.ids[1]) | (a.ids[2] ^ b.ids[2]) |
                (a.ids[3] ^ b.ids[3]) | static_cast<std::uint32_t>(a.time ^ b.time)) == 0;
    }
};

std::uint64_t hash_key(const LocalKey& k) noexcept {
    const std::uint64_t a = (std::uint64_t{k.ids[0]} << 32) | k.ids[1];
    const std::uint64_t b = (std::uint64_t{k.ids[2]} << 32) | k.ids[3];
    return mix(a ^ mix(b ^ mix(static_cast<std::uint32_t>(k.time))));
}

// Open addressing from a key to its index in `keys`; load factor at most 1/2.
class KeyIndex {
  public:
    KeyIndex() : slots_(1024, kNone), mask_(1023) {}

    std::uint32_t find_or_insert(const LocalKey& key, std::vector<LocalKey>& keys, bool& inserted) {
        std::size_t i = hash_key(key) & mask_;
        while (true) {
            const std::uint32_t s = slots_[i];
            if (s == kNone) {
                break;
            }
            if (keys[s] == key) {
                inserted = false;
                return s;
            }
            i = (i + 1) & mask_;
        }
        const auto id = static_cast<std::uint32_t>(keys.size());
        keys.push_back(key);
        slots_[i] = id;
        inserted = true;
        if (keys.size() * 2 > slots_.size()) {
            grow(keys);
        }
        return id;
    }

  private:
    void grow(const std::vector<LocalKey>& keys) {
        std::vector<std::uint32_t> next(slots_.size() * 2, kNone);
        const std::size_t mask = next.size() - 1;
        for (std::uint32_t id = 0; id < keys.size(); ++id) {
            std::size_t i = hash_key(keys[id]) & mask;
            while (next[i] != kNone) {
                i = (i + 1) & mask;
            }
            next[i] = id;
        }
        slots_ = std::move(next);
        mask_ = mask;
    }

    std::vector<std::uint32_t> slots_;
    std::size_t mask_;
};

// Group sums in fixed blocks: growing never copies (no transient double), and collect()
// returns each block to the system as soon as its groups are in the table (conventions
// §28). Blocks are mapped directly: freed heap memory would stay in the process.
class ChunkedSums {
  public:
    static constexpr std::size_t kShift = 12;
    static constexpr std::size_t kBlock = std::size_t{1} << kShift;
    static constexpr std::size_t kBytes = kBlock * sizeof(GroupSums);

    ChunkedSums() = default;
    ChunkedSums(const ChunkedSums&) = delete;
    ChunkedSums& operator=(const ChunkedSums&) = delete;
    ~ChunkedSums() { clear(); }

    GroupSums& operator[](std::size_t i) noexcept { return blocks_[i >> kShift][i & (kBlock - 1)]; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    void emplace_back() {
        if ((size_ & (kBlock - 1)) == 0) {
            void* p =
                ::mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) {
                throw std::bad_alloc();
            }
            auto* block = static_cast<GroupSums*>(p);
            for (std::size_t i = 0; i < kBlock; ++i) {
                new (block + i) GroupSums;
            }
            blocks_.push_back(block);
        }
        ++size_;
    }
    // Called once every group of block `b` has been read.
    void release(std::size_t b) noexcept {
        if (blocks_[b] != nullptr) {
            ::munmap(blocks_[b], kBytes);
            blocks_[b] = nullptr;
        }
    }
    void clear() noexcept {
        for (std::size_t b = 0; b < blocks_.size(); ++b) {
            release(b);
        }
        blocks_.clear();
        size_ = 0;
    }

  private:
    static_assert(std::is_trivially_destructible_v<GroupSums>);
    std::vector<GroupSums*> blocks_;
    std::size_t size_ = 0;
};

struct ReasonKey {
    std::uint32_t group = 0;
    std::uint32_t reason = 0;
    MachineState state = MachineState::down;
    friend bool operator==(const ReasonKey&, const ReasonKey&) = default;
};

struct ReasonKeyHash {
    std::size_t operator()(const ReasonKey& k) const noexcept {
        return mix((std::uint64_t{k.group} << 32) ^ (std::uint64_t{k.reason} << 3) ^
                   static_cast<std::uint64_t>(k.state));
    }
};

struct Machine {
    std::array<std::uint32_t, 3> ids{};
    bool any = false;
    UnixMillis first_start = 0;
    UnixMillis first_end = 0;
    MachineState first_state = MachineState::producing;
    std::uint64_t first_line = 0;
    std::uint64_t first_offset = 0;
    std::uint32_t first_column = 0;
    UnixMillis last_start = 0;
    UnixMillis last_end = 0;
    MachineState last_state = MachineState::producing;
    std::uint64_t last_line = 0;
    // The DOWN run that began with the machine's first row (not counted until closed).
    std::int64_t head_ms = -1;
    std::uint32_t head_group = kNone;
    bool head_open = false;
    // The open DOWN run after the head.
    std::int64_t run_ms = -1;
    std::uint32_t run_group = kNone;
    // Caches: the log's last shift text, the current calendar slot, the last group.
    std::string shift_text;
    std::uint32_t shift_id = kNone;
    UnixMillis slot_begin = std::numeric_limits<UnixMillis>::max();
    UnixMillis slot_end = std::numeric_limits<UnixMillis>::min();
    std::uint32_t slot_shift = 0;
    std::int32_t slot_time = 0;
    bool slot_in_shift = false;
    LocalKey cached_key;
    std::uint32_t cached_group = kNone;
    std::string reason_text;
    std::uint32_t reason_id = kNone;
    std::string key; // "site,line,machine"
    std::size_t site_size = 0;
    std::size_t line_size = 0;
};

// The row's "site,line,machine" key: its own, or joined into `scratch`.
std::string_view row_key(const EventRow& row, std::string& scratch) {
    if (!row.key.empty()) {
        return row.key;
    }
    scratch.assign(row.site);
    scratch.push_back(',');
    scratch.append(row.line);
    scratch.push_back(',');
    scratch.append(row.machine);
    return scratch;
}

struct CacheEntry {
    std::uint64_t hash = 0;
    std::uint32_t machine = kNone;
};

constexpr std::size_t kMachineCacheSize = 1U << 14;

} // namespace

class EventAccumulator {
  public:
    EventAccumulator(const EventOptions& options, EventColumns columns)
        : options_(options), columns_(columns), cache_(kMachineCacheSize) {
        for (EventDimension d : options_.by.dims) {
            switch (d) {
            case EventDimension::site:
                by_[0] = true;
                break;
            case EventDimension::line:
                by_[1] = true;
                break;
            case EventDimension::machine:
                by_[2] = true;
                break;
            case EventDimension::shift:
                by_[3] = true;
                break;
            case EventDimension::day:
            case EventDimension::week:
            case EventDimension::month:
                time_dim_ = d;
                break;
            }
        }
        if (options_.calendar) {
            slots_ = options_.calendar.get();
        } else if (time_dim_) {
            utc_ = std::make_unique<ShiftCalendar>(ShiftCalendar::utc_days());
            slots_ = utc_.get();
        }
    }

    std::optional<RowProblem> add(const EventRow& row, std::uint64_t hash);

    EventOptions options_;
    EventColumns columns_;
    std::array<bool, 4> by_{};
    std::optional<EventDimension> time_dim_;
    const ShiftCalendar* slots_ = nullptr;
    std::unique_ptr<ShiftCalendar> utc_;

    std::array<Interner, 4> dict_; // site, line, machine, shift
    Interner reasons_;
    std::vector<Machine> machines_;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> machine_index_;
    std::vector<CacheEntry> cache_;
    std::vector<LocalKey> keys_;
    ChunkedSums sums_;
    KeyIndex index_;
    std::unordered_map<ReasonKey, std::size_t, ReasonKeyHash> reason_index_;
    std::vector<ReasonKey> reason_keys_;
    std::vector<ReasonSums> reason_sums_; // group and reason hold local ids
    std::string scratch_;

  private:
    Machine& machine_for(const EventRow& row, std::uint64_t hash);
    std::uint32_t group_for(Machine& m, std::uint32_t shift, std::int32_t time);
    std::uint32_t log_shift(Machine& m, std::string_view shift);
    void enter_slot(Machine& m, UnixMillis t);
    void close_run(Machine& m);
    void add_gap(Machine& m, UnixMillis from, UnixMillis to);
    void add_reason(Machine& m,
                    std::uint32_t group,
                    MachineState state,
                    std::string_view reason,
                    std::int64_t ms,
                    bool first);
    std::int32_t time_value(std::int32_t day) const { return event_time_value(*time_dim_, day); }
};

Machine& EventAccumulator::machine_for(const EventRow& row, std::uint64_t hash) {
    const std::string_view key = row_key(row, scratch_);
    CacheEntry& c = cache_[(hash >> 40) & (kMachineCacheSize - 1)];
    if (c.hash == hash && c.machine != kNone) {
        Machine& m = machines_[c.machine];
        if (m.site_size == row.site.size() && m.line_size == row.line.size() &&
            same_text(key, m.key)) {
            return m;
        }
    }
    // The map key adds the field sizes: a site or line holding a comma joins to the same
    // text as another split of it.
    std::string map_key(key);
    map_key += fmt::format("\x1f{}\x1f{}", row.site.size(), row.line.size());
    std::uint32_t id = 0;
    const auto it = machine_index_.find(std::string_view(map_key));
    if (it != machine_index_.end()) {
        id = it->second;
    } else {
        id = static_cast<std::uint32_t>(machines_.size());
        Machine m;
        m.ids = {dict_[0].intern(row.site), dict_[1].intern(row.line),
                 dict_[2].intern(row.machine)};
        m.key.assign(key);
        m.site_size = row.site.size();
        m.line_size = row.line.size();
        machines_.push_back(std::move(m));
        machine_index_.emplace(std::move(map_key), id);
    }
    c.hash = hash;
    c.machine = id;
    return machines_[id];
}

std::uint32_t EventAccumulator::log_shift(Machine& m, std::string_view shift) {
    if (!by_[3]) {
        return 0;
    }
    if (m.shift_id != kNone && same_text(shift, m.shift_text)) {
        return m.shift_id;
    }
    m.shift_text.assign(shift);
    m.shift_id = dict_[3].intern(shift);
    return m.shift_id;
}

std::uint32_t EventAccumulator::group_for(Machine& m, std::uint32_t shift, std::int32_t time) {
    LocalKey k;
    k.ids[0] = by_[0] ? m.ids[0] : 0;
    k.ids[1] = by_[1] ? m.ids[1] : 0;
    k.ids[2] = by_[2] ? m.ids[2] : 0;
    k.ids[3] = by_[3] ? shift : 0;
    k.time = time_dim_ ? time : 0;
    if (m.cached_group != kNone && k == m.cached_key) {
        return m.cached_group;
    }
    bool inserted = false;
    const std::uint32_t g = index_.find_or_insert(k, keys_, inserted);
    if (inserted) {
        sums_.emplace_back();
    }
    m.cached_key = k;
    m.cached_group = g;
    return g;
}

void EventAccumulator::enter_slot(Machine& m, UnixMillis t) {
    if (t >= m.slot_begin && t < m.slot_end) {
        return;
    }
    const ShiftCalendar::Slot s = slots_->slot_at(t);
    m.slot_begin = s.begin_ms;
    m.slot_end = s.end_ms;
    m.slot_time = time_dim_ ? time_value(s.day) : 0;
    m.slot_in_shift = s.shift >= 0;
    if (options_.calendar && by_[3]) {
        m.slot_shift = dict_[3].intern(slots_->shift_label(s));
    }
}

void EventAccumulator::close_run(Machine& m) {
    if (m.head_open) {
        m.head_open = false; // the head run ends; counted when the table is closed
        return;
    }
    if (m.run_ms >= 0) {
        if (m.run_ms >= options_.min_failure_ms) {
            ++sums_[m.run_group].failures;
        }
        m.run_ms = -1;
    }
}

void EventAccumulator::add_gap(Machine& m, UnixMillis from, UnixMillis to) {
    UnixMillis t = from;
    while (t < to) {
        enter_slot(m, t);
        const UnixMillis end = std::min(to, m.slot_end);
        if (m.slot_in_shift) {
            const std::uint32_t shift = options_.calendar ? m.slot_shift : 0;
            const std::uint32_t g = group_for(m, shift, m.slot_time);
            sums_[g].gap_ms += end - t;
            ++sums_[g].gaps;
        }
        t = end;
    }
}

void EventAccumulator::add_reason(Machine& m,
                                  std::uint32_t group,
                                  MachineState state,
                                  std::string_view reason,
                                  std::int64_t ms,
                                  bool first) {
    if (m.reason_id == kNone || !same_text(reason, m.reason_text)) {
        m.reason_text.assign(reason);
        m.reason_id = reasons_.intern(reason);
    }
    const ReasonKey key{group, m.reason_id, state};
    const auto [it, inserted] = reason_index_.try_emplace(key, reason_sums_.size());
    if (inserted) {
        ReasonSums r;
        r.group = group;
        r.state = state;
        r.reason = m.reason_id;
        reason_sums_.push_back(r);
    }
    ReasonSums& r = reason_sums_[it->second];
    r.time_ms += ms;
    r.count += first ? 1 : 0;
}

std::optional<RowProblem> EventAccumulator::add(const EventRow& row, std::uint64_t hash) {
    Machine& m = machine_for(row, hash);
    if (m.any && row.start_ms < m.last_end) {
        RowProblem p;
        p.offset = row.offset;
        p.line = row.line_number;
        p.column = row.start_column;
        p.field = "start";
        p.message = fmt::format(
            "interval of machine '{}' starts at {} before its previous interval ends at {}: a "
            "machine's intervals must not overlap and must come in time order",
            row.machine, format_timestamp_ms(row.start_ms), format_timestamp_ms(m.last_end));
        return p;
    }
    const bool down = row.state == MachineState::down;
    const bool continues =
        down && m.any && m.last_state == MachineState::down && row.start_ms == m.last_end;
    if (slots_ != nullptr && options_.calendar && m.any && row.start_ms > m.last_end) {
        add_gap(m, m.last_end, row.start_ms);
    }
    if (!continues) {
        close_run(m);
    }
    const auto state_index = static_cast<std::size_t>(row.state);
    const bool reasons = options_.reasons && row.state != MachineState::producing;
    std::uint32_t first_group = kNone;
    std::uint32_t g = kNone;
    if (slots_ == nullptr) {
        g = group_for(m, log_shift(m, row.shift), 0);
        GroupSums& s = sums_[g];
        s.state_ms[state_index] += row.end_ms - row.start_ms;
        ++s.segments;
        if (reasons) {
            add_reason(m, g, row.state, row.reason, row.end_ms - row.start_ms, true);
        }
        first_group = g;
    } else {
        const std::uint32_t fixed_shift = options_.calendar ? 0 : log_shift(m, row.shift);
        UnixMillis t = row.start_ms;
        do {
            enter_slot(m, t);
            const UnixMillis end = std::min(row.end_ms, m.slot_end);
            g = group_for(m, options_.calendar ? m.slot_shift : fixed_shift, m.slot_time);
            GroupSums& s = sums_[g];
            s.state_ms[state_index] += end - t;
            ++s.segments;
            if (reasons) {
                add_reason(m, g, row.state, row.reason, end - t, first_group == kNone);
            }
            if (first_group == kNone) {
                first_group = g;
            }
            t = end;
        } while (t < row.end_ms);
    }
    // Counts go to the segment that holds the interval's end (conventions §25).
    GroupSums& last = sums_[g];
    last.good += row.good;
    last.scrap += row.scrap;
    last.rework += row.rework;
    const std::uint64_t pq = row.good + row.scrap + row.rework;
    if (pq != 0) {
        last.ideal_us += static_cast<ExactSum>(row.ideal_cycle_us) * static_cast<ExactSum>(pq);
    }
    if (down) {
        const std::int64_t ms = row.end_ms - row.start_ms;
        if (continues) {
            if (m.head_open) {
                m.head_ms += ms;
            } else {
                m.run_ms += ms;
            }
        } else if (!m.any) {
            m.head_ms = ms;
            m.head_group = first_group;
            m.head_open = true;
        } else {
            m.run_ms = ms;
            m.run_group = first_group;
        }
    }
    if (!m.any) {
        m.any = true;
        m.first_start = row.start_ms;
        m.first_end = row.end_ms;
        m.first_state = row.state;
        m.first_line = row.line_number;
        m.first_offset = row.offset;
        m.first_column = row.start_column;
    }
    m.last_start = row.start_ms;
    m.last_end = row.end_ms;
    m.last_state = row.state;
    m.last_line = row.line_number;
    return std::nullopt;
}

} // namespace detail

using detail::EventAccumulator;

EventAggregator::EventAggregator(const EventOptions& options, EventColumns columns)
    : impl_(std::make_unique<EventAccumulator>(options, columns)) {}
EventAggregator::EventAggregator(EventAggregator&&) noexcept = default;
EventAggregator& EventAggregator::operator=(EventAggregator&&) noexcept = default;
EventAggregator::~EventAggregator() = default;

std::uint64_t EventAggregator::machine_hash(const EventRow& row) noexcept {
    if (!row.key.empty()) {
        return detail::hash_bytes(row.key, 1);
    }
    // The same as hashing the joined key, without joining it.
    std::string joined;
    try {
        joined = detail::row_key(row, joined);
    } catch (...) {
        return 0; // out of memory: any hash is correct, only slower
    }
    return detail::hash_bytes(joined, 1);
}

std::optional<RowProblem> EventAggregator::add(const EventRow& row) {
    return impl_->add(row, machine_hash(row));
}

std::optional<RowProblem> EventAggregator::add(const EventRow& row, std::uint64_t hash) {
    return impl_->add(row, hash);
}

namespace {

// Sorted, distinct union of the parts' strings of one dictionary, and each part's map from
// its local ids to ranks in it.
template <class Get>
std::vector<std::string> rank_union(std::vector<EventAggregator>& parts,
                                    Get get,
                                    std::vector<std::vector<std::uint32_t>>& ranks) {
    std::vector<std::string_view> all;
    for (auto& p : parts) {
        const auto& v = get(p).views();
        all.insert(all.end(), v.begin(), v.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    ranks.assign(parts.size(), {});
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& v = get(parts[i]).views();
        ranks[i].resize(v.size());
        for (std::size_t id = 0; id < v.size(); ++id) {
            ranks[i][id] = static_cast<std::uint32_t>(
                std::lower_bound(all.begin(), all.end(), v[id]) - all.begin());
        }
    }
    return {all.begin(), all.end()};
}

} // namespace

namespace {

// Joins the seams of consecutive regions into `t` (sorted keys and sums): failures closed
// at a seam and gaps across one are added to their groups; a region's first interval of a
// machine that overlaps the previous region's last one becomes a row problem.
void join_regions(EventTable& t,
                  std::vector<std::vector<MachineSeam>>& seam_lists,
                  std::vector<RowProblem>& overlaps) {
    // Shift labels a gap across a seam needs (a shift no row reached): added, keys re-ranked.
    if (t.options.calendar && t.options.by.has(EventDimension::shift)) {
        std::map<std::array<std::uint32_t, 3>, UnixMillis> last_end;
        std::vector<std::string> missing;
        for (const auto& list : seam_lists) {
            for (const MachineSeam& m : list) {
                const auto it = last_end.find(m.ids);
                if (it != last_end.end()) {
                    for (UnixMillis at = it->second; at < m.first_start_ms;) {
                        const ShiftCalendar::Slot slot = t.options.calendar->slot_at(at);
                        if (slot.shift >= 0) {
                            std::string label = t.options.calendar->shift_label(slot);
                            if (!std::binary_search(t.labels[3].begin(), t.labels[3].end(),
                                                    label)) {
                                missing.push_back(std::move(label));
                            }
                        }
                        at = slot.end_ms;
                    }
                }
                last_end[m.ids] = m.last_end_ms;
            }
        }
        if (!missing.empty()) {
            std::vector<std::string> all = t.labels[3];
            all.insert(all.end(), missing.begin(), missing.end());
            std::sort(all.begin(), all.end());
            all.erase(std::unique(all.begin(), all.end()), all.end());
            std::vector<std::uint32_t> rerank(t.labels[3].size());
            for (std::size_t i = 0; i < rerank.size(); ++i) {
                rerank[i] = static_cast<std::uint32_t>(
                    std::lower_bound(all.begin(), all.end(), t.labels[3][i]) - all.begin());
            }
            for (EventKey& k : t.keys) {
                k.ids[3] = rerank[k.ids[3]];
            }
            t.labels[3] = std::move(all);
            // The seams' keys were made with the old ranks.
            for (auto& list : seam_lists) {
                for (MachineSeam& m : list) {
                    m.head_key.ids[3] = rerank[m.head_key.ids[3]];
                    m.tail_key.ids[3] = rerank[m.tail_key.ids[3]];
                }
            }
        }
    }
    std::vector<const std::vector<MachineSeam>*> pieces;
    for (const auto& list : seam_lists) {
        pieces.push_back(&list);
    }
    std::map<EventKey, GroupSums> additions;
    std::vector<detail::SeamOverlap> found;
    t.machines = detail::join_seams(pieces, t.options, t.labels, additions, found);
    std::vector<std::pair<EventKey, GroupSums>> inserts;
    for (const auto& [key, sums] : additions) {
        const auto it = std::lower_bound(t.keys.begin(), t.keys.end(), key);
        if (it != t.keys.end() && *it == key) {
            t.sums[static_cast<std::size_t>(it - t.keys.begin())] += sums;
        } else {
            inserts.emplace_back(key, sums);
        }
    }
    for (const auto& [key, sums] : inserts) { // rare: a gap in a group no row reached
        const auto it = std::lower_bound(t.keys.begin(), t.keys.end(), key);
        const auto at = it - t.keys.begin();
        t.keys.insert(it, key);
        t.sums.insert(t.sums.begin() + at, sums);
    }
    for (const detail::SeamOverlap& o : found) {
        RowProblem p;
        p.offset = o.later.first_offset;
        p.line = o.later.first_line;
        p.column = o.later.first_column;
        p.field = "start";
        p.message = fmt::format(
            "interval of machine '{}' starts at {} before its previous interval ends at {}: a "
            "machine's intervals must not overlap and must come in time order",
            t.labels[2][o.later.ids[2]], format_timestamp_ms(o.later.first_start_ms),
            format_timestamp_ms(o.previous_end_ms));
        overlaps.push_back(std::move(p));
    }
}

} // namespace

// Friend-free access: the accumulator's members are public inside detail.
EventTable EventAggregator::collect(std::vector<EventAggregator>& parts) {
    return collect(parts, nullptr, nullptr);
}

EventTable EventAggregator::collect_consecutive(std::vector<EventAggregator>& parts,
                                                const std::vector<std::uint64_t>& first_lines,
                                                std::vector<RowProblem>& overlaps) {
    if (first_lines.size() != parts.size()) {
        throw InternalError("collect_consecutive: one first line per part");
    }
    return collect(parts, &first_lines, &overlaps);
}

EventTable EventAggregator::collect(std::vector<EventAggregator>& parts,
                                    const std::vector<std::uint64_t>* first_lines,
                                    std::vector<RowProblem>* overlaps) {
    const bool consecutive = first_lines != nullptr;
    if (parts.empty()) {
        throw InternalError("EventAggregator::collect: no parts");
    }
    EventTable t;
    t.options = parts.front().impl_->options_;
    t.columns = parts.front().impl_->columns_;

    std::array<std::vector<std::vector<std::uint32_t>>, 4> ranks;
    for (std::size_t d = 0; d < 4; ++d) {
        t.labels[d] = rank_union(
            parts, [d](EventAggregator& a) -> const detail::Interner& { return a.impl_->dict_[d]; },
            ranks[d]);
    }
    std::vector<std::vector<std::uint32_t>> reason_ranks;
    t.reasons = rank_union(
        parts, [](EventAggregator& a) -> const detail::Interner& { return a.impl_->reasons_; },
        reason_ranks);

    // Each part's groups get global keys and are sorted in place (a permutation applied in
    // cycles: no second copy of the sums); then the parts are merged into the table, equal
    // keys summed, each block of a part freed once read. Peak memory stays near one copy of
    // the sums (conventions §28).
    const std::size_t n_parts = parts.size();
    std::vector<std::vector<EventKey>> gkeys(n_parts);
    std::vector<std::vector<std::uint32_t>> where(n_parts); // local group → sorted position
    // Parts are independent here: one thread each (their sums were made by as many).
    const auto prepare = [&](std::size_t pi) {
        EventAccumulator& a = *parts[pi].impl_;
        const std::size_t n = a.keys_.size();
        std::vector<EventKey>& gk = gkeys[pi];
        gk.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const detail::LocalKey& k = a.keys_[i];
            for (std::size_t d = 0; d < 4; ++d) {
                gk[i].ids[d] = a.by_[d] ? ranks[d][pi][k.ids[d]] : 0;
            }
            gk[i].time = k.time;
        }
        a.keys_ = {};
        a.index_ = {};
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(),
                  [&gk](std::uint32_t x, std::uint32_t y) { return gk[x] < gk[y]; });
        std::vector<std::uint32_t>& inv = where[pi];
        inv.resize(n);
        for (std::uint32_t j = 0; j < n; ++j) {
            inv[order[j]] = j;
        }
        // Position j takes element order[j]: follow each cycle once.
        for (std::uint32_t start = 0; start < n; ++start) {
            if (order[start] == start || order[start] == detail::kNone) {
                continue;
            }
            const EventKey key0 = gk[start];
            const GroupSums sums0 = a.sums_[start];
            std::uint32_t j = start;
            while (true) {
                const std::uint32_t from = order[j];
                order[j] = detail::kNone;
                if (from == start) {
                    gk[j] = key0;
                    a.sums_[j] = sums0;
                    break;
                }
                gk[j] = gk[from];
                a.sums_[j] = a.sums_[from];
                j = from;
            }
        }
    };
    if (n_parts == 1) {
        prepare(0);
    } else {
        std::vector<std::exception_ptr> errors(n_parts);
        {
            std::vector<std::jthread> pool;
            for (std::size_t pi = 0; pi < n_parts; ++pi) {
                pool.emplace_back([&, pi] {
                    try {
                        prepare(pi);
                    } catch (...) {
                        errors[pi] = std::current_exception();
                    }
                });
            }
        }
        for (const std::exception_ptr& e : errors) {
            if (e) {
                std::rethrow_exception(e);
            }
        }
    }
    // Distinct keys, then the merge.
    const auto min_part = [&](const std::vector<std::size_t>& pos) {
        std::size_t best = n_parts;
        for (std::size_t pi = 0; pi < n_parts; ++pi) {
            if (pos[pi] < gkeys[pi].size() &&
                (best == n_parts || gkeys[pi][pos[pi]] < gkeys[best][pos[best]])) {
                best = pi;
            }
        }
        return best;
    };
    std::size_t distinct = 0;
    {
        std::vector<std::size_t> pos(n_parts, 0);
        const EventKey* last = nullptr;
        for (std::size_t pi = min_part(pos); pi < n_parts; pi = min_part(pos)) {
            const EventKey& k = gkeys[pi][pos[pi]++];
            if (last == nullptr || !(*last == k)) {
                ++distinct;
            }
            last = &k;
        }
    }
    t.keys.reserve(distinct);
    t.sums.reserve(distinct);
    {
        std::vector<std::size_t> pos(n_parts, 0);
        for (std::size_t pi = min_part(pos); pi < n_parts; pi = min_part(pos)) {
            const std::size_t i = pos[pi]++;
            const EventKey& k = gkeys[pi][i];
            if (t.keys.empty() || !(t.keys.back() == k)) {
                t.keys.push_back(k);
                t.sums.emplace_back();
            }
            t.sums.back() += parts[pi].impl_->sums_[i];
            if (((i + 1) & (detail::ChunkedSums::kBlock - 1)) == 0) {
                parts[pi].impl_->sums_.release(i >> detail::ChunkedSums::kShift);
            }
        }
    }
    for (auto& p : parts) {
        p.impl_->sums_.clear();
    }
    const auto group_key = [&](std::size_t pi, std::uint32_t local) -> const EventKey& {
        return gkeys[pi][where[pi][local]];
    };
    const auto group_index = [&](const EventKey& k) {
        return static_cast<std::uint32_t>(std::lower_bound(t.keys.begin(), t.keys.end(), k) -
                                          t.keys.begin());
    };

    // Seams. Machine partitions: every machine is in one part. Consecutive regions: a
    // machine's seams are joined region by region, as `events merge` joins pieces.
    std::vector<std::vector<MachineSeam>> seam_lists(n_parts);
    for (std::size_t pi = 0; pi < n_parts; ++pi) {
        for (const detail::Machine& m : parts[pi].impl_->machines_) {
            if (!m.any) {
                continue;
            }
            MachineSeam s;
            for (std::size_t d = 0; d < 3; ++d) {
                s.ids[d] = ranks[d][pi][m.ids[d]];
            }
            s.first_start_ms = m.first_start;
            s.first_end_ms = m.first_end;
            s.first_state = m.first_state;
            s.first_line = m.first_line + (consecutive ? (*first_lines)[pi] - 1 : 0);
            s.first_offset = m.first_offset;
            s.first_column = m.first_column;
            s.last_start_ms = m.last_start;
            s.last_end_ms = m.last_end;
            s.last_state = m.last_state;
            if (m.head_ms >= 0) {
                s.head_ms = m.head_ms;
                s.head_key = group_key(pi, m.head_group);
                s.head_open = m.head_open;
            }
            if (m.run_ms >= 0) {
                s.tail_ms = m.run_ms;
                s.tail_key = group_key(pi, m.run_group);
            }
            seam_lists[pi].push_back(s);
        }
    }
    if (!consecutive) {
        for (auto& list : seam_lists) {
            t.machines.insert(t.machines.end(), list.begin(), list.end());
        }
        std::sort(t.machines.begin(), t.machines.end(),
                  [](const MachineSeam& x, const MachineSeam& y) { return x.ids < y.ids; });
    } else {
        join_regions(t, seam_lists, *overlaps);
    }

    // Pareto sums.
    for (std::size_t pi = 0; pi < n_parts; ++pi) {
        for (const ReasonSums& r : parts[pi].impl_->reason_sums_) {
            ReasonSums g = r;
            g.group = group_index(group_key(pi, r.group));
            g.reason = reason_ranks[pi][r.reason];
            t.reason_sums.push_back(g);
        }
        parts[pi].impl_->reason_sums_ = {};
        parts[pi].impl_->reason_index_ = {};
    }
    std::sort(
        t.reason_sums.begin(), t.reason_sums.end(), [](const ReasonSums& x, const ReasonSums& y) {
            return std::tie(x.group, x.state, x.reason) < std::tie(y.group, y.state, y.reason);
        });
    std::vector<ReasonSums> merged;
    for (const ReasonSums& r : t.reason_sums) {
        if (!merged.empty() && merged.back().group == r.group && merged.back().state == r.state &&
            merged.back().reason == r.reason) {
            merged.back().time_ms += r.time_ms;
            merged.back().count += r.count;
        } else {
            merged.push_back(r);
        }
    }
    t.reason_sums = std::move(merged);

    return t;
}

} // namespace smartkpi
