// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/model/shift_calendar.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace smartkpi {
namespace {

// Expected instants are computed by hand from day numbers (days since 1970-01-01, as in
// `date -u -d 2026-01-05 +%s` / 86400) and checked with Python's zoneinfo, e.g.
// int(datetime.fromisoformat("2026-01-05T06:00:00+08:00").timestamp() * 1000).
constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int32_t kJan5 = 20458;         // 2026-01-05: 56 * 365 + 14 leap days + 4
constexpr std::int32_t kMar29 = 20541;        // 2026-03-29: Europe/Berlin begins CEST at 01:00Z
constexpr std::int32_t kOct25 = 20751;        // 2026-10-25: Europe/Berlin ends CEST at 01:00Z
constexpr UnixMillis kJan5Utc = kJan5 * kDay; // 1767571200000

ShiftCalendar three_shifts(const std::string& zone = "Asia/Shanghai") {
    return {zone, {{"A", 6 * 60, 480}, {"B", 14 * 60, 480}, {"C", 22 * 60, 480}}};
}

ShiftCalendar two_shifts_berlin() {
    return {"Europe/Berlin", {{"early", 6 * 60, 480}, {"late", 14 * 60, 480}}};
}

std::string label_at(const ShiftCalendar& c, UnixMillis t) {
    return c.shift_label(c.slot_at(t));
}

// Runs `f`, which must throw DomainError; returns its message.
template <class F> std::string domain_error(F&& f) {
    try {
        f();
    } catch (const DomainError& e) {
        return e.message();
    } catch (const Error& e) {
        ADD_FAILURE() << "expected a DomainError, got: " << e.what();
        return {};
    }
    ADD_FAILURE() << "expected a DomainError";
    return {};
}

// Walks the slots from `from` to `to` through slot_at(end): each slot holds the instant it was
// asked for, is not empty, and begins where the previous one ended.
std::vector<ShiftCalendar::Slot> walk(const ShiftCalendar& c, UnixMillis from, UnixMillis to) {
    std::vector<ShiftCalendar::Slot> out;
    UnixMillis t = from;
    while (t < to) {
        const ShiftCalendar::Slot s = c.slot_at(t);
        EXPECT_LE(s.begin_ms, t);
        EXPECT_GT(s.end_ms, t);
        if (!out.empty()) {
            EXPECT_EQ(s.begin_ms, out.back().end_ms);
        }
        out.push_back(s);
        t = s.end_ms;
    }
    return out;
}

TEST(ShiftCalendarTest, ShanghaiShiftStartsAtLocalSixOClock) {
    const ShiftCalendar c = three_shifts();
    // 2026-01-05T06:00+08:00 = 2026-01-04T22:00Z = kJan5Utc - 2 h = 1767564000000.
    const UnixMillis a_start = kJan5Utc - 2 * kHour;
    ASSERT_EQ(a_start, 1767564000000);
    const ShiftCalendar::Slot a = c.slot_at(a_start);
    EXPECT_EQ(a.begin_ms, a_start);
    EXPECT_EQ(a.end_ms, a_start + 8 * kHour); // 14:00 local = 06:00Z
    EXPECT_EQ(a.day, kJan5);
    EXPECT_EQ(a.shift, 0);
    EXPECT_EQ(c.shift_label(a), "2026-01-05/A");
    // One millisecond earlier is still the night shift of the day before.
    const ShiftCalendar::Slot before = c.slot_at(a_start - 1);
    EXPECT_EQ(c.shift_label(before), "2026-01-04/C");
    EXPECT_EQ(before.end_ms, a_start);
    // The last millisecond of A, and B from 14:00 local.
    EXPECT_EQ(label_at(c, a_start + 8 * kHour - 1), "2026-01-05/A");
    EXPECT_EQ(label_at(c, a_start + 8 * kHour), "2026-01-05/B");
}

TEST(ShiftCalendarTest, NightShiftKeepsTheDateItBegan) {
    const ShiftCalendar c = three_shifts();
    // C of 2026-01-05: 22:00+08:00 = 14:00Z (1767621600000) to 2026-01-06T06:00+08:00 =
    // 2026-01-05T22:00Z (1767650400000).
    const UnixMillis c_start = kJan5Utc + 14 * kHour;
    ASSERT_EQ(c_start, 1767621600000);
    const ShiftCalendar::Slot night = c.slot_at(c_start);
    EXPECT_EQ(night.begin_ms, c_start);
    EXPECT_EQ(night.end_ms, 1767650400000);
    EXPECT_EQ(night.day, kJan5);
    EXPECT_EQ(night.shift, 2);
    // Local midnight (16:00Z) does not cut a shift.
    EXPECT_EQ(c.slot_at(kJan5Utc + 16 * kHour).begin_ms, c_start);
    // 2026-01-06T03:00+08:00 = 2026-01-05T19:00Z (1767639600000) is C of the 5th.
    EXPECT_EQ(label_at(c, 1767639600000), "2026-01-05/C");
    // 2026-01-05T03:00+08:00 = 2026-01-04T19:00Z is C of the 4th.
    EXPECT_EQ(label_at(c, kJan5Utc - 5 * kHour), "2026-01-04/C");
}

TEST(ShiftCalendarTest, ThreeShiftsCoverTheDayWithoutOffShiftTime) {
    const ShiftCalendar c = three_shifts();
    const auto slots = walk(c, kJan5Utc, kJan5Utc + 3 * kDay);
    for (const auto& s : slots) {
        EXPECT_NE(s.shift, -1);
        EXPECT_LE(s.end_ms - s.begin_ms, 8 * kHour);
    }
    EXPECT_EQ(slots.size(), 10U); // A of the 5th from 08:00 local, B, C, 2 × (A, B, C), A
}

TEST(ShiftCalendarTest, ShiftsAreSortedByStart) {
    const ShiftCalendar c("Asia/Shanghai",
                          {{"C", 22 * 60, 480}, {"A", 6 * 60, 480}, {"B", 14 * 60, 480}});
    ASSERT_EQ(c.shifts().size(), 3U);
    EXPECT_EQ(c.shifts()[0].name, "A");
    EXPECT_EQ(c.shifts()[2].name, "C");
    EXPECT_EQ(c.time_zone(), "Asia/Shanghai");
    EXPECT_EQ(c.canonical(), three_shifts().canonical());
}

TEST(ShiftCalendarTest, OffShiftTimeIsCutAtLocalMidnight) {
    // Berlin in January is CET (UTC+1): local midnight of 2026-01-05 is 2026-01-04T23:00Z.
    const ShiftCalendar c = two_shifts_berlin();
    const UnixMillis midnight = kJan5Utc - kHour;
    const ShiftCalendar::Slot morning = c.slot_at(midnight);
    EXPECT_EQ(morning.begin_ms, midnight);
    EXPECT_EQ(morning.end_ms, midnight + 6 * kHour); // early begins 06:00 local
    EXPECT_EQ(morning.day, kJan5);
    EXPECT_EQ(morning.shift, -1);
    EXPECT_EQ(c.shift_label(morning), "2026-01-05/-");

    // 22:00 to 24:00 local is the off-shift time of the 5th; midnight starts the 6th's.
    const ShiftCalendar::Slot evening = c.slot_at(midnight + 23 * kHour);
    EXPECT_EQ(evening.begin_ms, midnight + 22 * kHour);
    EXPECT_EQ(evening.end_ms, midnight + kDay);
    EXPECT_EQ(c.shift_label(evening), "2026-01-05/-");
    EXPECT_EQ(label_at(c, midnight + kDay), "2026-01-06/-");
    EXPECT_EQ(label_at(c, midnight + 6 * kHour), "2026-01-05/early");
    EXPECT_EQ(label_at(c, midnight + 14 * kHour), "2026-01-05/late");

    // Per local day: off, early, late, off.
    EXPECT_EQ(walk(c, midnight, midnight + kDay).size(), 4U);
}

TEST(ShiftCalendarTest, ShiftEndingAtMidnightAndNightShiftOverMidnight) {
    // A 16:00 + 8 h ends exactly at midnight; N 02:00 + 2 h; off-shift 00:00–02:00, 04:00–16:00.
    const ShiftCalendar c("UTC", {{"A", 16 * 60, 480}, {"N", 2 * 60, 120}});
    const auto slots = walk(c, kJan5Utc, kJan5Utc + kDay);
    ASSERT_EQ(slots.size(), 4U);
    EXPECT_EQ(c.shift_label(slots[0]), "2026-01-05/-");
    EXPECT_EQ(slots[0].end_ms, kJan5Utc + 2 * kHour);
    EXPECT_EQ(c.shift_label(slots[1]), "2026-01-05/N");
    EXPECT_EQ(c.shift_label(slots[2]), "2026-01-05/-");
    EXPECT_EQ(c.shift_label(slots[3]), "2026-01-05/A");
    EXPECT_EQ(slots[3].end_ms, kJan5Utc + kDay);

    // One 24-hour shift from 06:00: no midnight cut at all.
    const ShiftCalendar day("UTC", {{"D", 6 * 60, 1440}});
    const ShiftCalendar::Slot s = day.slot_at(kJan5Utc);
    EXPECT_EQ(s.begin_ms, kJan5Utc - 18 * kHour);
    EXPECT_EQ(s.end_ms, kJan5Utc + 6 * kHour);
    EXPECT_EQ(day.shift_label(s), "2026-01-04/D");
}

TEST(ShiftCalendarTest, UtcDaysAreUtcDays) {
    const ShiftCalendar c = ShiftCalendar::utc_days();
    EXPECT_EQ(c.time_zone(), "UTC");
    EXPECT_TRUE(c.shifts().empty());
    EXPECT_EQ(c.canonical(), "UTC");
    const ShiftCalendar::Slot s = c.slot_at(kJan5Utc + 13 * kHour);
    EXPECT_EQ(s.begin_ms, kJan5Utc);
    EXPECT_EQ(s.end_ms, kJan5Utc + kDay);
    EXPECT_EQ(s.day, kJan5);
    EXPECT_EQ(s.shift, -1);
    EXPECT_EQ(c.shift_label(s), "2026-01-05/-");
    EXPECT_EQ(c.slot_at(kJan5Utc).begin_ms, kJan5Utc);
    EXPECT_EQ(c.slot_at(kJan5Utc - 1).day, kJan5 - 1);
}

TEST(ShiftCalendarTest, ZoneWithoutShiftsHasLocalDays) {
    // Shanghai day 2026-01-05 is 2026-01-04T16:00Z to 2026-01-05T16:00Z.
    const ShiftCalendar c("Asia/Shanghai", {});
    const ShiftCalendar::Slot s = c.slot_at(kJan5Utc);
    EXPECT_EQ(s.begin_ms, kJan5Utc - 8 * kHour);
    EXPECT_EQ(s.end_ms, kJan5Utc + 16 * kHour);
    EXPECT_EQ(c.shift_label(s), "2026-01-05/-");
}

TEST(ShiftCalendarTest, BeforeNineteenSeventy) {
    // UTC: -1 ms is the last millisecond of 1969-12-31 (day -1).
    const ShiftCalendar utc = ShiftCalendar::utc_days();
    const ShiftCalendar::Slot last = utc.slot_at(-1);
    EXPECT_EQ(last.begin_ms, -kDay);
    EXPECT_EQ(last.end_ms, 0);
    EXPECT_EQ(last.day, -1);
    EXPECT_EQ(utc.shift_label(last), "1969-12-31/-");

    // Shanghai was UTC+8 in 1969. 1970-01-01T00:00Z = 08:00 local, shift A of 1970-01-01,
    // which began at 06:00 local = 1969-12-31T22:00Z = -7200000.
    const ShiftCalendar c = three_shifts();
    const ShiftCalendar::Slot a = c.slot_at(0);
    EXPECT_EQ(a.begin_ms, -2 * kHour);
    EXPECT_EQ(a.end_ms, 6 * kHour);
    EXPECT_EQ(c.shift_label(a), "1970-01-01/A");
    // 1969-12-31T22:00+08:00 = 14:00Z = -36000000: C of 1969-12-31.
    const ShiftCalendar::Slot night = c.slot_at(-36000000);
    EXPECT_EQ(night.begin_ms, -36000000);
    EXPECT_EQ(night.end_ms, -7200000);
    EXPECT_EQ(night.day, -1);
    EXPECT_EQ(c.shift_label(night), "1969-12-31/C");
    // 1969-12-31T06:00+08:00 = 1969-12-30T22:00Z = -93600000: A of 1969-12-31.
    EXPECT_EQ(c.slot_at(-93600000).begin_ms, -93600000);
    EXPECT_EQ(label_at(c, -93600000), "1969-12-31/A");
    EXPECT_EQ(label_at(c, -93600000 - 1), "1969-12-30/C");

    // 1900-01-01 is day -25567 (70 years, 17 leap days).
    EXPECT_EQ(utc.slot_at(-25567 * kDay).day, -25567);
    EXPECT_EQ(label_at(utc, -25567 * kDay), "1900-01-01/-");
    walk(c, -25567 * kDay, -25567 * kDay + 3 * kDay);
}

TEST(ShiftCalendarTest, FarPastAndFarFuture) {
    const ShiftCalendar utc = ShiftCalendar::utc_days();
    // 9999-12-31 is day 2932896; 0000-03-01 (proleptic Gregorian) is day -719468.
    EXPECT_EQ(label_at(utc, 2932896 * kDay), "9999-12-31/-");
    EXPECT_EQ(label_at(utc, -719468 * kDay), "0000-03-01/-");
    EXPECT_EQ(label_at(utc, -719469 * kDay), "0000-02-29/-"); // year 0 is a leap year
    EXPECT_EQ(label_at(utc, -719529 * kDay), "-0001-12-31/-");
    const ShiftCalendar c = three_shifts();
    const auto slots = walk(c, 2932890 * kDay, 2932893 * kDay);
    EXPECT_EQ(slots.size(), 10U);
    walk(c, -719468 * kDay, -719465 * kDay);
    walk(two_shifts_berlin(), 30000 * kDay, 30010 * kDay); // 2052
    // The first and last supported instants: -9999-01-01T00:00Z (day -4371587) and
    // 9999-12-31T23:59:59.999Z (day 2932896).
    for (const ShiftCalendar& z : {utc, c, two_shifts_berlin()}) {
        const ShiftCalendar::Slot first = z.slot_at(-4371587 * kDay);
        EXPECT_LE(first.begin_ms, -4371587 * kDay);
        EXPECT_GT(first.end_ms, -4371587 * kDay);
        const ShiftCalendar::Slot last = z.slot_at(2932897 * kDay - 1);
        EXPECT_GT(last.end_ms, 2932897 * kDay - 1);
    }
    EXPECT_EQ(label_at(utc, -4371587 * kDay), "-9999-01-01/-");
    EXPECT_EQ(label_at(c, -4371587 * kDay), "-9999-01-01/A"); // local mean time +08:05:43
    // Outside the years -9999 to 9999: a DomainError, not a wrong answer.
    const UnixMillis max = std::numeric_limits<UnixMillis>::max();
    const UnixMillis min = std::numeric_limits<UnixMillis>::min();
    EXPECT_NE(domain_error([&] { (void)c.slot_at(max); }).find("outside the years"),
              std::string::npos);
    EXPECT_NE(domain_error([&] { (void)c.slot_at(min); }).find("outside the years"),
              std::string::npos);
    EXPECT_NE(domain_error([&] { (void)utc.slot_at(2932897 * kDay); }).find("outside"),
              std::string::npos);
}

TEST(ShiftCalendarTest, BerlinNightShiftOverDaylightSavingChanges) {
    const ShiftCalendar c = three_shifts("Europe/Berlin");
    // Spring: C of 2026-03-28 begins 22:00 CET = 21:00Z (1774731600000) and ends 06:00 CEST
    // = 04:00Z (1774756800000): 7 h.
    const ShiftCalendar::Slot spring = c.slot_at(1774731600000 + kHour);
    EXPECT_EQ(spring.begin_ms, 1774731600000);
    EXPECT_EQ(spring.end_ms, 1774756800000);
    EXPECT_EQ(spring.end_ms - spring.begin_ms, 7 * kHour);
    EXPECT_EQ(c.shift_label(spring), "2026-03-28/C");
    // Autumn: C of 2026-10-24 begins 22:00 CEST = 20:00Z (1792872000000) and ends 06:00 CET
    // = 05:00Z (1792904400000): 9 h.
    const ShiftCalendar::Slot autumn = c.slot_at(1792872000000 + 8 * kHour + 30 * kMinute);
    EXPECT_EQ(autumn.begin_ms, 1792872000000);
    EXPECT_EQ(autumn.end_ms, 1792904400000);
    EXPECT_EQ(autumn.end_ms - autumn.begin_ms, 9 * kHour);
    EXPECT_EQ(c.shift_label(autumn), "2026-10-24/C");
    // Both instants of the repeated local 02:30 belong to it.
    EXPECT_EQ(label_at(c, 1792872000000 + 4 * kHour + 30 * kMinute), "2026-10-24/C");
    EXPECT_EQ(label_at(c, 1792872000000 + 5 * kHour + 30 * kMinute), "2026-10-24/C");
    // Contiguous around both changes; every other shift is 8 h.
    for (const auto day : {kMar29, kOct25}) {
        for (const auto& s : walk(c, (day - 2) * kDay, (day + 2) * kDay)) {
            const UnixMillis length = s.end_ms - s.begin_ms;
            if (s.begin_ms != spring.begin_ms && s.begin_ms != autumn.begin_ms &&
                s.begin_ms > (day - 2) * kDay) {
                EXPECT_EQ(length, 8 * kHour) << c.shift_label(s);
            }
        }
    }
}

TEST(ShiftCalendarTest, BerlinOffShiftDayOverDaylightSavingChanges) {
    const ShiftCalendar c = two_shifts_berlin();
    // 2026-03-29: local midnight = 23:00Z the day before (1774738800000); early begins 06:00
    // CEST = 04:00Z (1774756800000): a 5-hour off-shift slot.
    const ShiftCalendar::Slot spring = c.slot_at(1774746000000); // the change, 01:00Z
    EXPECT_EQ(spring.begin_ms, 1774738800000);
    EXPECT_EQ(spring.end_ms, 1774756800000);
    EXPECT_EQ(c.shift_label(spring), "2026-03-29/-");
    // 2026-10-25: local midnight = 22:00Z the day before (1792879200000); early begins 06:00
    // CET = 05:00Z (1792904400000): 7 hours.
    const ShiftCalendar::Slot autumn = c.slot_at(1792879200000 + 3 * kHour);
    EXPECT_EQ(autumn.begin_ms, 1792879200000);
    EXPECT_EQ(autumn.end_ms, 1792904400000);
    EXPECT_EQ(c.shift_label(autumn), "2026-10-25/-");
    // Local day 2026-03-29 is 23 h long, 2026-10-25 is 25 h: 22:00Z to 23:00Z the next day.
    EXPECT_EQ(walk(c, 1774738800000, 1774821600000).size(), 4U);
    EXPECT_EQ(walk(c, 1792879200000, 1792969200000).size(), 4U);
    EXPECT_EQ(c.slot_at(1792969200000 - 1).end_ms, 1792969200000);
}

TEST(ShiftCalendarTest, ShiftInsideTheSkippedHourIsEmpty) {
    // 02:00–02:30 does not exist in Berlin on 2026-03-29: both ends map to the change (01:00Z),
    // so that day has no slot for X, and its time before and after is off shift.
    const ShiftCalendar c("Europe/Berlin", {{"X", 2 * 60, 30}});
    const ShiftCalendar::Slot before = c.slot_at(1774746000000 - 1);
    EXPECT_EQ(before.begin_ms, 1774738800000); // local midnight
    EXPECT_EQ(before.end_ms, 1774746000000);
    EXPECT_EQ(c.shift_label(before), "2026-03-29/-");
    const ShiftCalendar::Slot after = c.slot_at(1774746000000);
    EXPECT_EQ(after.begin_ms, 1774746000000);
    EXPECT_EQ(after.end_ms, 1774821600000); // local midnight of the 30th (CEST)
    EXPECT_EQ(c.shift_label(after), "2026-03-29/-");
    // The day before, X is there: 02:00 CET = 01:00Z on the 28th.
    EXPECT_EQ(label_at(c, 1774746000000 - kDay), "2026-03-28/X");
    walk(c, (kMar29 - 1) * kDay, (kMar29 + 1) * kDay);
}

TEST(ShiftCalendarTest, OddZonesStayContiguous) {
    // Samoa skipped 2011-12-30 (UTC-10 to UTC+14), Lord Howe shifts by 30 min, Kathmandu is
    // +05:45; 2011-12-28 is day 15336.
    walk(three_shifts("Pacific/Apia"), 15336 * kDay, 15341 * kDay);
    walk(two_shifts_berlin(), 15336 * kDay, 15341 * kDay);
    const ShiftCalendar apia("Pacific/Apia", {});
    EXPECT_EQ(label_at(apia, 15338 * kDay + 9 * kHour + 59 * kMinute + 59'999), "2011-12-29/-");
    EXPECT_EQ(label_at(apia, 15338 * kDay + 10 * kHour), "2011-12-31/-");
    // Every slot holds its own ends, whatever the instant: a linear congruential walk over
    // 1900-2100 in zones with and without daylight saving.
    std::uint64_t x = 12345;
    for (const char* zone : {"UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York",
                             "Australia/Lord_Howe", "Asia/Kathmandu"}) {
        for (const ShiftCalendar& c :
             {three_shifts(zone), ShiftCalendar(zone, {{"early", 6 * 60, 480}}),
              ShiftCalendar(zone, {{"x", 90, 45}, {"y", 23 * 60 + 30, 60}}),
              ShiftCalendar(zone, {})}) {
            for (int i = 0; i < 500; ++i) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                const auto t = static_cast<UnixMillis>(x >> 20) % (73049 * kDay) - 25567 * kDay;
                const ShiftCalendar::Slot s = c.slot_at(t);
                ASSERT_LE(s.begin_ms, t) << zone;
                ASSERT_GT(s.end_ms, t) << zone;
                const ShiftCalendar::Slot first = c.slot_at(s.begin_ms);
                const ShiftCalendar::Slot last = c.slot_at(s.end_ms - 1);
                EXPECT_EQ(first.begin_ms, s.begin_ms);
                EXPECT_EQ(last.end_ms, s.end_ms);
                EXPECT_EQ(c.shift_label(first), c.shift_label(s));
                EXPECT_EQ(c.shift_label(last), c.shift_label(s));
                EXPECT_NE(c.shift_label(c.slot_at(s.end_ms)), c.shift_label(s));
            }
        }
    }
}

TEST(ShiftCalendarTest, CopiesAndMoves) {
    const ShiftCalendar a = three_shifts();
    ShiftCalendar b = a;
    EXPECT_EQ(b.canonical(), a.canonical());
    ShiftCalendar m = std::move(b);
    EXPECT_EQ(m.canonical(), a.canonical());
    m = ShiftCalendar::utc_days();
    EXPECT_EQ(m.canonical(), "UTC");
    m = a;
    EXPECT_EQ(label_at(m, kJan5Utc), "2026-01-05/A");
}

TEST(ShiftCalendarTest, CanonicalText) {
    EXPECT_EQ(three_shifts().canonical(), "Asia/Shanghai;A@06:00+480;B@14:00+480;C@22:00+480");
    EXPECT_EQ(two_shifts_berlin().canonical(), "Europe/Berlin;early@06:00+480;late@14:00+480");
    const ShiftCalendar odd("Etc/GMT+8", {{"a;b@c+d\\e", 0, 1}, {"夜班", 23 * 60 + 59, 1}});
    EXPECT_EQ(odd.canonical(), "Etc/GMT\\+8;a\\;b\\@c\\+d\\\\e@00:00+1;夜班@23:59+1");
}

TEST(ShiftCalendarTest, CanonicalRoundTrip) {
    const std::vector<ShiftCalendar> calendars = {
        three_shifts(),
        two_shifts_berlin(),
        ShiftCalendar::utc_days(),
        ShiftCalendar("Asia/Shanghai", {}),
        ShiftCalendar("Etc/GMT+8", {{"a;b@c+d\\e", 0, 1}, {"\\", 60, 1440 - 60}}),
        ShiftCalendar("UTC", {{"早班", 8 * 60, 450}, {"@", 20 * 60, 720}}),
    };
    for (const auto& c : calendars) {
        const std::string text = c.canonical();
        const ShiftCalendar back = ShiftCalendar::parse_canonical(text);
        EXPECT_EQ(back.canonical(), text);
        EXPECT_EQ(back.time_zone(), c.time_zone());
        ASSERT_EQ(back.shifts().size(), c.shifts().size());
        for (std::size_t i = 0; i < c.shifts().size(); ++i) {
            EXPECT_EQ(back.shifts()[i].name, c.shifts()[i].name);
            EXPECT_EQ(back.shifts()[i].start_minute, c.shifts()[i].start_minute);
            EXPECT_EQ(back.shifts()[i].length_minutes, c.shifts()[i].length_minutes);
        }
    }
}

TEST(ShiftCalendarTest, ParseCanonicalRejectsMalformedText) {
    for (const std::string text :
         {"Asia/Shanghai;A", "Asia/Shanghai;A@6:00+480", "Asia/Shanghai;A@06:00", "UTC;A@06:00+",
          "UTC;A@06:00+0480", "UTC;A@06:00+48000", "UTC;A@24:00+60", "UTC;A@06:60+60",
          "UTC;A@06:00+60x", "UTC;A+B@06:00+60", "UTC;A\\x@06:00+60", "UTC;A\\", "UTC@x",
          "UTC;A@06-00+60"}) {
        EXPECT_THROW((void)ShiftCalendar::parse_canonical(text), ParseError) << text;
    }
    // Well-formed text of an invalid calendar: the constructor's DomainError.
    EXPECT_THROW((void)ShiftCalendar::parse_canonical("UTC;A@06:00+1441"), DomainError);
    EXPECT_THROW((void)ShiftCalendar::parse_canonical("UTC;A@06:00+60;A@08:00+60"), DomainError);
    EXPECT_THROW((void)ShiftCalendar::parse_canonical(""), DomainError);
    EXPECT_THROW((void)ShiftCalendar::parse_canonical("Nowhere/Atlantis"), DomainError);
}

TEST(ShiftCalendarTest, ValidationErrors) {
    using Shifts = std::vector<ShiftDefinition>;
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("Mars/Olympus_Mons", {});
              }).rfind("unknown time zone \"Mars/Olympus_Mons\"", 0),
              0U);
    EXPECT_NE(domain_error([] { (void)ShiftCalendar("", {}); }).find("time zone is empty"),
              std::string::npos);
    EXPECT_NE(
        domain_error([] { (void)ShiftCalendar("../../etc/passwd", {}); }).find("unknown time zone"),
        std::string::npos);
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 0, 60}, {"", 60, 60}});
              }),
              "shift 2: the name is empty");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A\nB", 0, 60}});
              }),
              "shift 1: the name must not contain control characters");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 1440, 60}});
              }),
              "shift \"A\": start 1440 min after midnight is outside 00:00 to 23:59 (0 to 1439 "
              "min)");
    EXPECT_NE(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", -1, 60}});
              }).find("outside 00:00 to 23:59"),
              std::string::npos);
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 0, 0}});
              }),
              "shift \"A\": length 0 min is outside 1 min to 24 h (1 to 1440 min)");
    EXPECT_NE(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 0, 1441}});
              }).find("length 1441 min is outside"),
              std::string::npos);
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 0, 60}, {"B", 60, 60}, {"A", 120, 60}});
              }),
              "duplicate shift name \"A\"");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 6 * 60, 480}, {"B", 13 * 60, 480}});
              }),
              "shifts \"A\" (06:00 + 8 h) and \"B\" (13:00 + 8 h) overlap");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"N", 22 * 60, 510}, {"A", 6 * 60, 60}});
              }),
              "shifts \"N\" (22:00 + 8 h 30 min) and \"A\" (06:00 + 1 h) overlap across "
              "midnight");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 6 * 60, 60}, {"B", 6 * 60, 30}});
              }),
              "shifts \"A\" (06:00 + 1 h) and \"B\" (06:00 + 30 min) overlap");
    EXPECT_EQ(domain_error([] {
                  (void)ShiftCalendar("UTC", Shifts{{"A", 0, 720}, {"B", 720, 721}});
              }),
              "the shifts last 24 h 1 min in all, more than a day (24 h)");
    // Exactly 24 h in all, across midnight, is fine.
    EXPECT_NO_THROW((void)ShiftCalendar("UTC", Shifts({{"A", 60, 720}, {"B", 780, 720}})));
}

TEST(ShiftCalendarTest, ShiftLabelRejectsForeignSlots) {
    const ShiftCalendar c = three_shifts();
    ShiftCalendar::Slot s;
    s.day = kJan5;
    s.shift = 3;
    EXPECT_THROW((void)c.shift_label(s), DomainError);
    s.shift = -2;
    EXPECT_THROW((void)c.shift_label(s), DomainError);
}

} // namespace
} // namespace smartkpi
