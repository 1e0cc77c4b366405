// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// smartkpi-gen-energy: deterministic energy series for the `energy baseline` benchmark
// (issue 5 §4). Standard library only.
//
//   smartkpi-gen-energy monthly FACTORIES [SEED] > series.csv
//       FACTORIES factories x 36 monthly periods (2023-01 .. 2025-12, upgrade 2025-01-01),
//       header factory,start,end,energy_kWh,production_t,temperature_c
//   smartkpi-gen-energy hourly YEARS [SEED] > series.csv
//       one factory, YEARS x 8760 hourly periods from 2023-01-01 (upgrade on 1 January after
//       two thirds of the years: 2025-01-01 for three),
//       header start,end,energy_kWh,production_t,temperature_c
//
// Factories cycle through five true forms (heating 3P, cooling 3P, 5P, 4P, production
// only), each with production as a driver and 2 % noise; after the upgrade the energy per
// tonne and the base load fall by 13.8 %, the reference claim's figure.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

constexpr double kPi = 3.14159265358979323846;

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's algorithm).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Truth {
    double base_per_day;  // kWh per day
    double per_tonne;     // kWh per t
    double heating_slope; // kWh per degree-day below th
    double cooling_slope; // kWh per degree-day above tc
    double th;
    double tc;
};

Truth truth_for(std::size_t factory, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0.8, 1.2);
    Truth t{2000.0 * u(rng), 310.0 * u(rng), 0, 0, 14.0 + 2 * u(rng), 21.0 + 2 * u(rng)};
    switch (factory % 5) {
    case 0: // heating 3P
        t.heating_slope = 900 * u(rng);
        break;
    case 1: // cooling 3P
        t.cooling_slope = 1100 * u(rng);
        break;
    case 2: // 5P
        t.heating_slope = 700 * u(rng);
        t.cooling_slope = 900 * u(rng);
        break;
    case 3: // 4P: one balance point
        t.heating_slope = 600 * u(rng);
        t.cooling_slope = 800 * u(rng);
        t.tc = t.th = 17.0 + u(rng);
        break;
    default: // production only
        break;
    }
    return t;
}

int monthly(std::size_t factories, std::uint64_t seed) {
    // Shanghai-like monthly mean temperatures (°C).
    constexpr std::array<double, 12> kMean{4.8,  6.4,  10.2, 15.6, 20.8, 24.6,
                                           28.6, 28.3, 24.7, 19.6, 13.9, 7.6};
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::string out = "factory,start,end,energy_kWh,production_t,temperature_c\n";
    char line[256];
    for (std::size_t f = 0; f < factories; ++f) {
        const Truth t = truth_for(f, rng);
        const double offset = noise(rng);
        const double scale = 0.5 + static_cast<double>(f % 7) * 0.25;
        for (int k = 0; k < 36; ++k) {
            const int y = 2023 + k / 12;
            const auto m = static_cast<unsigned>(k % 12 + 1);
            const int ny = m == 12 ? y + 1 : y;
            const unsigned nm = m == 12 ? 1 : m + 1;
            const double days =
                static_cast<double>(days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1));
            const double temp = kMean[m - 1] + offset + 0.8 * noise(rng);
            const bool after = y >= 2025;
            const double production =
                scale * 900.0 * (1.0 + 0.1 * noise(rng)) * (after ? 1.08 : 1.0);
            const double intensity = after ? 1.0 - 0.138 : 1.0;
            double energy = intensity * (t.base_per_day * days + t.per_tonne * production) +
                            t.heating_slope * std::max(t.th - temp, 0.0) * days +
                            t.cooling_slope * std::max(temp - t.tc, 0.0) * days;
            energy *= 1.0 + 0.02 * noise(rng);
            std::snprintf(line, sizeof line, "F%05zu,%04d-%02u-01,%04d-%02u-01,%.1f,%.2f,%.2f\n", f,
                          y, m, ny, nm, energy, production, temp);
            out += line;
        }
        if (out.size() > (1U << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

int hourly(int years, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    const Truth t{80.0, 310.0, 40.0, 55.0, 14.0, 22.0};
    const long first_day = days_from_civil(2023, 1, 1);
    const long hours = static_cast<long>(years) * 8760;
    // The upgrade on 1 January after two thirds of the years (2025-01-01 for three years).
    const long upgrade = (days_from_civil(2023 + years * 2 / 3, 1, 1) - first_day) * 24;
    std::string out = "start,end,energy_kWh,production_t,temperature_c\n";
    char line[256];
    auto stamp = [&](long hour, char* buf, std::size_t size) {
        // civil date of day first_day + hour / 24
        long z = first_day + hour / 24 + 719468;
        const long era = (z >= 0 ? z : z - 146096) / 146097;
        const auto doe = static_cast<unsigned>(z - era * 146097);
        const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const unsigned mp = (5 * doy + 2) / 153;
        const unsigned d = doy - (153 * mp + 2) / 5 + 1;
        const unsigned m = mp < 10 ? mp + 3 : mp - 9;
        const long y = static_cast<long>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
        std::snprintf(buf, size, "%04ld-%02u-%02uT%02ld:00:00Z", y, m, d, hour % 24);
    };
    char a[48];
    char b[48];
    for (long h = 0; h < hours; ++h) {
        const double day_of_year = static_cast<double>(h / 24 % 365);
        const double hour_of_day = static_cast<double>(h % 24);
        const double temp = 17.0 - 12.0 * std::cos(2 * kPi * (day_of_year - 15) / 365.0) -
                            4.0 * std::cos(2 * kPi * (hour_of_day - 3) / 24.0) + 1.5 * noise(rng);
        const bool working = h % 24 >= 6 && h % 24 < 22 && (h / 24) % 7 < 6;
        const bool after = h >= upgrade;
        const double production =
            working ? 1.2 * (1.0 + 0.15 * noise(rng)) * (after ? 1.08 : 1.0) : 0.0;
        const double intensity = after ? 1.0 - 0.138 : 1.0;
        double energy = intensity * (t.base_per_day + t.per_tonne * production) +
                        t.heating_slope * std::max(t.th - temp, 0.0) +
                        t.cooling_slope * std::max(temp - t.tc, 0.0);
        energy *= 1.0 + 0.05 * noise(rng);
        stamp(h, a, sizeof a);
        stamp(h + 1, b, sizeof b);
        std::snprintf(line, sizeof line, "%s,%s,%.2f,%.3f,%.2f\n", a, b, energy, production, temp);
        out += line;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s monthly FACTORIES [SEED] | hourly YEARS [SEED]\n", argv[0]);
        return 64;
    }
    const std::string mode = argv[1];
    const long count = std::strtol(argv[2], nullptr, 10);
    const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
    if (count <= 0) {
        std::fprintf(stderr, "%s: the count must be positive\n", argv[0]);
        return 64;
    }
    if (mode == "monthly") {
        return monthly(static_cast<std::size_t>(count), seed);
    }
    if (mode == "hourly") {
        return hourly(static_cast<int>(count), seed);
    }
    std::fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode.c_str());
    return 64;
}
