// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// smartkpi-gen-events: writes a deterministic synthetic machine-state event log (issue 4) for
// the benchmarks and tests, as CSV with a header or as JSON Lines.
//
//   smartkpi-gen-events --rows 10000000 --seed 1 --output events.csv
//
// Model. SITES × LINES × MACHINES machines (ids S01, L1, S01-L1-M01), each with a contiguous
// timeline of intervals (the end of one is the start of the next) from the first local day
// (--start, Asia/Shanghai, UTC+8 without daylight saving time) at 06:00 plus a staggered
// offset of up to an hour. Three shifts of 8 h start at 06:00, 14:00 and 22:00 local time
// (22:00Z, 06:00Z, 14:00Z), labelled `YYYY-MM-DD/A|B|C` with the local date on which the
// shift starts; an interval that crosses a shift boundary is cut there, so the shift column
// agrees with that calendar. By time, about 70 % PRODUCING, 6 % SETUP, 8 % DOWN, 6 % IDLE
// and 10 % PLANNED_STOP (breaks), about 26 rows per machine and shift. PRODUCING rows carry
// counts at 85-95 % of the machine's ideal rate (ideal_cycle_s is fixed per machine), with
// a little scrap and rework; DOWN rows carry a skewed downtime reason, SETUP rows a setup
// reason; other rows have an empty reason and zero counts.
//
// Order. --order time (default) writes the rows of all machines merged by start time (ties
// by machine); --order machine writes each machine's rows together. Both orders hold the
// same rows: exactly --rows of them, the first ones by (start, machine), the timelines
// stopping wherever that count is reached.
//
// Bad rows. --bad-rows R replaces about R rows per million, chosen by their own random
// stream so that every other row is unchanged, with one of: an unknown state, an
// unparseable time, end before start, a negative count, a non-integer count, an interval
// overlapping its machine's previous one, a missing field. Their number is reported on
// standard error.
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <future>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

constexpr const char* kProgram = "smartkpi-gen-events";
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kShift = std::int64_t{8} * 3600;
constexpr std::int64_t kUtcOffset =
    std::int64_t{8} * 3600; // Asia/Shanghai, no daylight saving time

// xoshiro256**, seeded through splitmix64: small, fast and fully specified (std::
// distributions are not portable between standard libraries).
class Rng {
  public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : s_) {
            std::uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
            z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31U);
        }
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17U;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
    /// Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    /// Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    /// Exponential with the given mean.
    double exponential(double mean) { return -mean * std::log1p(-unit()); }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_{};
};

enum class State : std::uint8_t { producing, setup, down, idle, planned_stop };
constexpr std::array<std::string_view, 5> kStateNames = {"PRODUCING", "SETUP", "DOWN", "IDLE",
                                                         "PLANNED_STOP"};

struct Reason {
    std::string_view text;
    double weight;
    std::int64_t min_s;
    std::int64_t max_s;
};

// Downtime: many short jams, fewer long breakdowns (mean about 7 min).
constexpr std::array<Reason, 10> kDownReasons = {{
    {"E101 jam", 30, 30, 240},
    {"E102 sensor fault", 10, 60, 600},
    {"E205 tool break", 8, 300, 1500},
    {"E310 motor overload", 3, 600, 2400},
    {"M300 material shortage", 12, 300, 1200},
    {"M310 missing component", 5, 120, 900},
    {"Q410 quality check", 14, 120, 600},
    {"O500 operator absent", 7, 180, 900},
    {"U600 compressed air loss", 2, 600, 2400},
    {"X999 unspecified", 9, 60, 480},
}};

constexpr std::array<Reason, 4> kSetupReasons = {{
    {"changeover", 60, 600, 1500},
    {"tool change", 20, 300, 900},
    {"warm-up", 10, 300, 900},
    {"first-article inspection", 10, 300, 900},
}};

// Planned stops are breaks: 10, 15 or 30 min.
constexpr std::array<std::int64_t, 3> kBreaks = {600, 900, 1800};

// Ideal cycle times (s per item), as written in the log; at most 3 decimals.
constexpr std::array<std::string_view, 12> kCycles = {"0.75",  "1.2", "1.5", "1.8", "2.25", "2.4",
                                                      "3.125", "3.6", "4.5", "6",   "7.5",  "12"};

// Index into kReasonTexts: 0 none, then the DOWN reasons, then the SETUP reasons.
constexpr std::size_t kSetupReasonBase = 1 + kDownReasons.size();
constexpr std::array<std::string_view, 1 + kDownReasons.size() + kSetupReasons.size()>
    kReasonTexts = [] {
        std::array<std::string_view, 1 + kDownReasons.size() + kSetupReasons.size()> a{};
        for (std::size_t i = 0; i < kDownReasons.size(); ++i) {
            a[1 + i] = kDownReasons[i].text;
        }
        for (std::size_t i = 0; i < kSetupReasons.size(); ++i) {
            a[kSetupReasonBase + i] = kSetupReasons[i].text;
        }
        return a;
    }();

template <std::size_t N> std::size_t pick(Rng& rng, const std::array<Reason, N>& reasons) {
    double total = 0;
    for (const Reason& r : reasons) {
        total += r.weight;
    }
    double u = rng.unit() * total;
    for (std::size_t i = 0; i < N; ++i) {
        u -= reasons[i].weight;
        if (u < 0) {
            return i;
        }
    }
    return N - 1;
}

/// One row of the log: [start, end) in Unix seconds within one shift.
struct Row {
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t shift = 0; ///< shift instance, 0 = the first day's shift A
    State state = State::producing;
    std::uint8_t reason = 0; ///< index into kReasonTexts
    std::uint32_t good = 0;
    std::uint32_t scrap = 0;
    std::uint32_t rework = 0;
};

/// One machine's timeline, generated row by row from its own random stream.
class Machine {
  public:
    Machine(std::uint64_t seed, std::uint64_t index, std::int64_t base)
        : rng_(seed * 0x2545f4914f6cdd1dULL + index + 1), base_(base) {
        cycle_index_ = static_cast<std::size_t>(rng_.below(kCycles.size()));
        const std::string_view text = kCycles[cycle_index_];
        std::from_chars(text.data(), text.data() + text.size(), cycle_);
        effectiveness_ = rng_.uniform(0.87, 0.93);
        scrap_rate_ = rng_.uniform(0.003, 0.02);
        rework_rate_ = rng_.uniform(0.001, 0.01);
        t_ = base + rng_.between(0, 3599);
        interval_end_ = t_;
        producing_ = rng_.unit() < 0.5; // the first interval is the other kind
    }

    [[nodiscard]] std::string_view cycle_text() const { return kCycles[cycle_index_]; }

    Row next() {
        if (t_ >= interval_end_) {
            start_interval();
        }
        Row row;
        row.start = t_;
        row.shift = (t_ - base_) / kShift;
        row.end = std::min(interval_end_, base_ + (row.shift + 1) * kShift);
        row.state = state_;
        row.reason = reason_;
        if (state_ == State::producing) {
            const auto d = static_cast<double>(row.end - row.start);
            const double e = std::min(0.995, effectiveness_ + rng_.uniform(-0.04, 0.04));
            const auto pq = static_cast<std::uint32_t>(d * e / cycle_ + rng_.unit());
            auto scrap =
                static_cast<std::uint32_t>(pq * scrap_rate_ * rng_.uniform(0.3, 1.7) + rng_.unit());
            auto rework = static_cast<std::uint32_t>(pq * rework_rate_ * rng_.uniform(0.3, 1.7) +
                                                     rng_.unit());
            scrap = std::min(scrap, pq);
            rework = std::min(rework, pq - scrap);
            row.good = pq - scrap - rework;
            row.scrap = scrap;
            row.rework = rework;
        }
        t_ = row.end;
        return row;
    }

  private:
    void start_interval() {
        std::int64_t d = 0;
        reason_ = 0;
        // PRODUCING runs alternate with stops; a stop is followed by another one at times.
        if (!producing_ && rng_.unit() < 0.88) {
            producing_ = true;
            state_ = State::producing;
            d = 120 + static_cast<std::int64_t>(rng_.exponential(1610.0));
        } else {
            producing_ = false;
            const double u = rng_.unit();
            if (u < 0.40) {
                state_ = State::down;
                const std::size_t r = pick(rng_, kDownReasons);
                reason_ = static_cast<std::uint8_t>(1 + r);
                d = rng_.between(kDownReasons[r].min_s, kDownReasons[r].max_s);
            } else if (u < 0.65) {
                state_ = State::idle;
                d = rng_.between(120, 900);
            } else if (u < 0.80) {
                state_ = State::setup;
                const std::size_t r = pick(rng_, kSetupReasons);
                reason_ = static_cast<std::uint8_t>(kSetupReasonBase + r);
                d = rng_.between(kSetupReasons[r].min_s, kSetupReasons[r].max_s);
            } else {
                state_ = State::planned_stop;
                d = kBreaks[rng_.below(kBreaks.size())];
            }
        }
        interval_end_ = t_ + d;
    }

    Rng rng_;
    std::int64_t base_;
    std::size_t cycle_index_ = 0;
    double cycle_ = 1;
    double effectiveness_ = 0.9;
    double scrap_rate_ = 0.01;
    double rework_rate_ = 0.005;
    std::int64_t t_ = 0;
    std::int64_t interval_end_ = 0;
    State state_ = State::producing;
    std::uint8_t reason_ = 0;
    bool producing_ = false;
};

// Howard Hinnant's civil-date algorithms (proleptic Gregorian, days since 1970-01-01).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

/// "YYYY-MM-DD" of a day.
std::array<char, 10> date_text(std::int64_t day) {
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(day, y, m, d);
    std::array<char, 10> out{};
    auto digits = [&out](std::size_t at, std::size_t n, std::uint64_t v) {
        for (std::size_t i = n; i-- > 0; v /= 10) {
            out[at + i] = static_cast<char>('0' + v % 10);
        }
    };
    digits(0, 4, static_cast<std::uint64_t>(y));
    out[4] = '-';
    digits(5, 2, m);
    out[7] = '-';
    digits(8, 2, d);
    return out;
}

constexpr std::array<char, 200> kDigitPairs = [] {
    std::array<char, 200> a{};
    for (std::size_t i = 0; i < 100; ++i) {
        a[2 * i] = static_cast<char>('0' + i / 10);
        a[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return a;
}();

enum class Format : std::uint8_t { csv, jsonl };
enum class Order : std::uint8_t { time, machine };

enum class Bad : std::uint8_t {
    none,
    state,
    time,
    reversed,
    negative,
    fraction,
    overlap,
    missing,
    kinds
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Bad::kinds)> kBadNames = {
    "none",           "unknown state",     "unparseable time", "end before start",
    "negative count", "non-integer count", "overlap",          "missing field"};

struct Options {
    std::uint64_t rows = 0;
    bool rows_given = false;
    std::uint64_t seed = 1;
    std::string output;
    std::uint64_t sites = 20;
    std::uint64_t lines = 5;
    std::uint64_t machines = 10;
    Order order = Order::time;
    std::int64_t start_day = 0; // days since 1970-01-01 of the first local day
    bool shift = true;
    Format format = Format::csv;
    std::uint64_t bad_per_million = 0;
};

/// Formats rows into large buffers, written with fwrite by a second thread while the next
/// buffer fills (double buffering: generating and writing overlap).
class Writer {
  public:
    Writer(std::FILE* out, const Options& options, std::int64_t base)
        : out_(out), options_(options), base_(base), buf_(kBlock + kSlack), spare_(kBlock + kSlack),
          p_(buf_.data()) {}
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer() { wait(); }

    void header() {
        if (options_.format == Format::csv) {
            put(options_.shift ? "site,line,machine,shift,start,end,state,reason,good,scrap,"
                                 "rework,ideal_cycle_s\n"
                               : "site,line,machine,start,end,state,reason,good,scrap,"
                                 "rework,ideal_cycle_s\n");
        }
    }

    void row(std::string_view prefix, std::string_view cycle, const Row& r, Bad bad) {
        if (options_.format == Format::csv) {
            csv_row(prefix, cycle, r, bad);
        } else {
            json_row(prefix, cycle, r, bad);
        }
        if (p_ - buf_.data() >= static_cast<std::ptrdiff_t>(kBlock)) {
            hand_over();
        }
    }

    /// Writes everything so far and waits for it.
    void flush() {
        hand_over();
        wait();
    }

  private:
    /// Starts writing the full buffer in the background and continues in the spare one.
    void hand_over() {
        wait();
        const auto n = static_cast<std::size_t>(p_ - buf_.data());
        std::swap(buf_, spare_);
        p_ = buf_.data();
        if (n > 0) {
            writing_ = std::async(std::launch::async, [this, n] {
                return std::fwrite(spare_.data(), 1, n, out_) == n ? 0 : errno;
            });
        }
    }
    void wait() {
        if (writing_.valid()) {
            const int error = writing_.get();
            if (error != 0) {
                std::fprintf(stderr, "%s: write: %s\n", kProgram, std::strerror(error));
                std::exit(74);
            }
        }
    }

    static constexpr std::size_t kBlock = std::size_t{8} << 20U;
    static constexpr std::size_t kSlack = 4096; // more than any row

    void put(std::string_view s) {
        std::memcpy(p_, s.data(), s.size());
        p_ += s.size();
    }
    void put(char c) { *p_++ = c; }
    void put_uint(std::uint64_t v) { p_ = std::to_chars(p_, p_ + 24, v).ptr; }
    void put_pair(std::int64_t v) {
        std::memcpy(p_, &kDigitPairs[static_cast<std::size_t>(v) * 2], 2);
        p_ += 2;
    }

    // 2026-01-05T06:00:00Z; a month of 13 when `broken`.
    void put_time(std::int64_t t, bool broken = false) {
        const std::int64_t day = t / kDay; // times are after 1970
        const std::int64_t sec = t - day * kDay;
        const std::array<char, 10>& date = utc_date(day);
        std::memcpy(p_, date.data(), date.size());
        if (broken) {
            p_[5] = '1';
            p_[6] = '3';
        }
        p_ += date.size();
        put('T');
        put_pair(sec / 3600);
        put(':');
        put_pair(sec / 60 % 60);
        put(':');
        put_pair(sec % 60);
        put('Z');
    }

    void put_shift(std::int64_t shift) {
        const auto k = static_cast<std::size_t>(shift);
        if (k / 3 >= local_dates_.size()) {
            for (std::size_t i = local_dates_.size(); i <= k / 3 + 64; ++i) {
                local_dates_.push_back(
                    date_text(options_.start_day + static_cast<std::int64_t>(i)));
            }
        }
        const std::array<char, 10>& date = local_dates_[k / 3];
        std::memcpy(p_, date.data(), date.size());
        p_ += date.size();
        put('/');
        put(static_cast<char>('A' + k % 3));
    }

    const std::array<char, 10>& utc_date(std::int64_t day) {
        const std::int64_t first = base_ / kDay;
        const auto k = static_cast<std::size_t>(day - first);
        if (k >= utc_dates_.size()) {
            for (std::size_t i = utc_dates_.size(); i <= k + 64; ++i) {
                utc_dates_.push_back(date_text(first + static_cast<std::int64_t>(i)));
            }
        }
        return utc_dates_[k];
    }

    void csv_row(std::string_view prefix, std::string_view cycle, const Row& r, Bad bad) {
        put(prefix);
        if (options_.shift) {
            put_shift(r.shift);
            put(',');
        }
        const std::int64_t start = bad == Bad::overlap ? r.start - 900 : r.start;
        put_time(bad == Bad::reversed ? r.end : start, bad == Bad::time);
        put(',');
        put_time(bad == Bad::reversed ? start : r.end);
        put(',');
        put(bad == Bad::state ? std::string_view("RUNNING")
                              : kStateNames[static_cast<std::size_t>(r.state)]);
        put(',');
        put(kReasonTexts[r.reason]);
        put(',');
        if (bad == Bad::negative) {
            put('-');
        }
        put_uint(r.good);
        put(',');
        put_uint(r.scrap);
        if (bad == Bad::fraction) {
            put(".5");
        }
        put(',');
        put_uint(r.rework);
        if (bad != Bad::missing) {
            put(',');
            put(cycle);
        }
        put('\n');
    }

    void json_row(std::string_view prefix, std::string_view cycle, const Row& r, Bad bad) {
        put(prefix);
        if (options_.shift) {
            put(R"(,"shift":")");
            put_shift(r.shift);
            put('"');
        }
        const std::int64_t start = bad == Bad::overlap ? r.start - 900 : r.start;
        put(R"(,"start":")");
        put_time(bad == Bad::reversed ? r.end : start, bad == Bad::time);
        if (bad != Bad::missing) {
            put(R"(","end":")");
            put_time(bad == Bad::reversed ? start : r.end);
        }
        put(R"(","state":")");
        put(bad == Bad::state ? std::string_view("RUNNING")
                              : kStateNames[static_cast<std::size_t>(r.state)]);
        put(R"(","reason":")");
        put(kReasonTexts[r.reason]);
        put(R"(","good":)");
        if (bad == Bad::negative) {
            put('-');
        }
        put_uint(r.good);
        put(R"(,"scrap":)");
        put_uint(r.scrap);
        if (bad == Bad::fraction) {
            put(".5");
        }
        put(R"(,"rework":)");
        put_uint(r.rework);
        put(R"(,"ideal_cycle_s":)");
        put(cycle);
        put("}\n");
    }

    std::FILE* out_;
    const Options& options_;
    std::int64_t base_;
    std::vector<char> buf_;
    std::vector<char> spare_; // being written by writing_
    char* p_;
    std::future<int> writing_; // errno of the background write, 0 when it succeeded
    std::vector<std::array<char, 10>> utc_dates_;
    std::vector<std::array<char, 10>> local_dates_;
};

/// Chooses which rows are bad, from a stream of its own.
class BadRows {
  public:
    BadRows(std::uint64_t seed, std::uint64_t per_million)
        : rng_(~seed * 0x9e3779b97f4a7c15ULL), per_million_(per_million) {}

    /// The fate of the next row; `can_overlap`: the machine's previous row was written good.
    Bad next(bool can_overlap) {
        if (per_million_ == 0 || rng_.below(1000000) >= per_million_) {
            return Bad::none;
        }
        auto kind = static_cast<Bad>(1 + rng_.below(static_cast<std::uint64_t>(Bad::kinds) - 1));
        if (kind == Bad::overlap && !can_overlap) {
            kind = Bad::state;
        }
        ++counts_[static_cast<std::size_t>(kind)];
        return kind;
    }

    void report(std::uint64_t rows) const {
        if (per_million_ == 0) {
            return;
        }
        std::uint64_t total = 0;
        for (const std::uint64_t c : counts_) {
            total += c;
        }
        std::fprintf(stderr, "%s: %llu rows, %llu bad:", kProgram,
                     static_cast<unsigned long long>(rows), static_cast<unsigned long long>(total));
        for (std::size_t i = 1; i < counts_.size(); ++i) {
            std::fprintf(stderr, "%s %s %llu", i == 1 ? "" : ",", kBadNames[i].data(),
                         static_cast<unsigned long long>(counts_[i]));
        }
        std::fputc('\n', stderr);
    }

  private:
    Rng rng_;
    std::uint64_t per_million_;
    std::array<std::uint64_t, static_cast<std::size_t>(Bad::kinds)> counts_{};
};

/// "S01", "L1", "M01": the prefix and the index from 1, at least `width` digits.
std::string id_text(char prefix, std::uint64_t index, std::uint64_t count, int min_width) {
    int width = 1;
    for (std::uint64_t c = count; c >= 10; c /= 10) {
        ++width;
    }
    width = std::max(width, min_width);
    std::array<char, 32> tmp{};
    std::snprintf(tmp.data(), tmp.size(), "%c%0*llu", prefix, width,
                  static_cast<unsigned long long>(index));
    return tmp.data();
}

struct MachineInfo {
    std::string prefix; // "S01,L1,S01-L1-M01," or {"site":"S01",...,"machine":"S01-L1-M01"
    bool written_good = false;
};

std::vector<MachineInfo> machine_infos(const Options& o) {
    std::vector<MachineInfo> infos;
    infos.reserve(o.sites * o.lines * o.machines);
    for (std::uint64_t s = 1; s <= o.sites; ++s) {
        const std::string site = id_text('S', s, o.sites, 2);
        for (std::uint64_t l = 1; l <= o.lines; ++l) {
            const std::string line = id_text('L', l, o.lines, 1);
            for (std::uint64_t m = 1; m <= o.machines; ++m) {
                std::string machine = site;
                machine.append("-").append(line).append("-").append(id_text('M', m, o.machines, 2));
                MachineInfo info;
                if (o.format == Format::csv) {
                    info.prefix.append(site).append(",").append(line).append(",");
                    info.prefix.append(machine).append(",");
                } else {
                    info.prefix.append(R"({"site":")").append(site);
                    info.prefix.append(R"(","line":")").append(line);
                    info.prefix.append(R"(","machine":")").append(machine).append("\"");
                }
                infos.push_back(std::move(info));
            }
        }
    }
    return infos;
}

[[noreturn]] void usage(int code) {
    std::fputs(
        "usage: smartkpi-gen-events --rows N [--seed S] [--output FILE]\n"
        "         [--sites 20] [--lines 5] [--machines 10] [--order time|machine]\n"
        "         [--start 2026-01-05] [--no-shift] [--format csv|jsonl] [--bad-rows R]\n"
        "Writes N rows of a synthetic machine-state event log (issue 4) to FILE or standard\n"
        "output: --machines per line, --lines per site; --start is the first local day\n"
        "(Asia/Shanghai, shifts A 06:00, B 14:00, C 22:00); --bad-rows, bad rows per million.\n",
        code == 0 ? stdout : stderr);
    std::exit(code);
}

std::uint64_t parse_uint(std::string_view s, std::string_view option) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        std::fprintf(stderr, "%s: %.*s needs a non-negative integer, not \"%.*s\"\n", kProgram,
                     static_cast<int>(option.size()), option.data(), static_cast<int>(s.size()),
                     s.data());
        usage(64);
    }
    return v;
}

std::int64_t parse_date(std::string_view s) {
    unsigned y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
    const auto field = [&](std::size_t at, std::size_t n, unsigned& v) {
        const auto r = std::from_chars(s.data() + at, s.data() + at + n, v);
        return r.ec == std::errc() && r.ptr == s.data() + at + n;
    };
    if (!shape || !field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d) || y < 1971 || m < 1 ||
        m > 12 || d < 1 || d > 31 || date_text(days_from_civil(y, m, d)) != [&] {
            std::array<char, 10> a{};
            std::memcpy(a.data(), s.data(), a.size());
            return a;
        }()) {
        std::fprintf(stderr, "%s: --start needs a date YYYY-MM-DD after 1970\n", kProgram);
        usage(64);
    }
    return days_from_civil(y, m, d);
}

Options parse_options(int argc, char** argv) {
    Options o;
    o.start_day = days_from_civil(2026, 1, 5);
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "--help") {
            usage(0);
        }
        if (arg == "--no-shift") {
            o.shift = false;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s: %s needs a value\n", kProgram, argv[i]);
            usage(64);
        }
        const std::string_view value(argv[++i]);
        if (arg == "--rows") {
            o.rows = parse_uint(value, arg);
            o.rows_given = true;
        } else if (arg == "--seed") {
            o.seed = parse_uint(value, arg);
        } else if (arg == "--output") {
            o.output = value;
        } else if (arg == "--sites") {
            o.sites = parse_uint(value, arg);
        } else if (arg == "--lines") {
            o.lines = parse_uint(value, arg);
        } else if (arg == "--machines") {
            o.machines = parse_uint(value, arg);
        } else if (arg == "--order") {
            if (value != "time" && value != "machine") {
                std::fprintf(stderr, "%s: --order is time or machine\n", kProgram);
                usage(64);
            }
            o.order = value == "time" ? Order::time : Order::machine;
        } else if (arg == "--start") {
            o.start_day = parse_date(value);
        } else if (arg == "--format") {
            if (value != "csv" && value != "jsonl") {
                std::fprintf(stderr, "%s: --format is csv or jsonl\n", kProgram);
                usage(64);
            }
            o.format = value == "csv" ? Format::csv : Format::jsonl;
        } else if (arg == "--bad-rows") {
            o.bad_per_million = parse_uint(value, arg);
            if (o.bad_per_million > 1000000) {
                std::fprintf(stderr, "%s: --bad-rows is at most 1000000 (per million)\n", kProgram);
                usage(64);
            }
        } else {
            std::fprintf(stderr, "%s: unknown option %.*s\n", kProgram,
                         static_cast<int>(arg.size()), arg.data());
            usage(64);
        }
    }
    if (!o.rows_given) {
        std::fprintf(stderr, "%s: --rows is required\n", kProgram);
        usage(64);
    }
    if (o.sites == 0 || o.lines == 0 || o.machines == 0 || o.sites > 999 || o.lines > 999 ||
        o.machines > 999 || o.sites * o.lines * o.machines > 10000000) {
        std::fprintf(stderr,
                     "%s: --sites, --lines and --machines are 1..999, at most "
                     "10,000,000 machines in all\n",
                     kProgram);
        usage(64);
    }
    return o;
}

std::vector<Machine> make_machines(const Options& o, std::int64_t base, std::size_t n) {
    std::vector<Machine> machines;
    machines.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        machines.emplace_back(o.seed, i, base);
    }
    return machines;
}

using Pending = std::pair<std::int64_t, std::uint32_t>; // (start, machine)
using Heap = std::priority_queue<Pending, std::vector<Pending>, std::greater<>>;

} // namespace

int main(int argc, char** argv) {
    const Options o = parse_options(argc, argv);
    // Shift A of the first local day starts at 06:00 local time.
    const std::int64_t base = o.start_day * kDay + std::int64_t{6} * 3600 - kUtcOffset;
    std::vector<MachineInfo> infos = machine_infos(o);
    const std::size_t n = infos.size();

    std::FILE* out = stdout;
    if (!o.output.empty() && o.output != "-") {
        out = std::fopen(o.output.c_str(), "wb");
        if (out == nullptr) {
            std::fprintf(stderr, "%s: %s: %s\n", kProgram, o.output.c_str(), std::strerror(errno));
            return 73;
        }
    }

    Writer w(out, o, base);
    BadRows bad(o.seed, o.bad_per_million);
    w.header();
    std::vector<Machine> machines = make_machines(o, base, n);
    std::vector<Row> pending(n);
    Heap heap;
    for (std::size_t i = 0; i < n; ++i) {
        pending[i] = machines[i].next();
        heap.emplace(pending[i].start, static_cast<std::uint32_t>(i));
    }
    const auto emit = [&](std::size_t i, const Row& row) {
        const Bad kind = bad.next(infos[i].written_good);
        infos[i].written_good = kind == Bad::none;
        w.row(infos[i].prefix, machines[i].cycle_text(), row, kind);
    };

    if (o.order == Order::time) {
        for (std::uint64_t r = 0; r < o.rows; ++r) {
            const std::uint32_t i = heap.top().second;
            heap.pop();
            emit(i, pending[i]);
            pending[i] = machines[i].next();
            heap.emplace(pending[i].start, i);
        }
    } else {
        // The same rows as --order time: count them per machine first, then replay.
        std::vector<std::uint64_t> counts(n);
        for (std::uint64_t r = 0; r < o.rows; ++r) {
            const std::uint32_t i = heap.top().second;
            heap.pop();
            ++counts[i];
            pending[i] = machines[i].next();
            heap.emplace(pending[i].start, i);
        }
        machines = make_machines(o, base, n);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::uint64_t r = 0; r < counts[i]; ++r) {
                emit(i, machines[i].next());
            }
        }
    }
    w.flush();
    if (std::fflush(out) != 0 || (out != stdout && std::fclose(out) != 0)) {
        std::fprintf(stderr, "%s: write: %s\n", kProgram, std::strerror(errno));
        return 74;
    }
    bad.report(o.rows);
    return 0;
}
