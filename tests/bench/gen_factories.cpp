// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// smartkpi-gen-factories: writes a deterministic synthetic dataset to standard output, in the
// JSON (smartkpi-dataset/1) or CSV layout of data/README.md, for the benchmarks.
//
//   smartkpi-gen-factories --count 500000 --format json --seed 1 > factories.json
//
// The same count and seed give the same factories in both formats (CSV numbers in the header's
// units), and factory i does not depend on the count, so a smaller file is a prefix of a larger
// one. Figures follow the bundled sample's proportions (value added 22-34 % of revenue, operating
// cost between revenue minus value added and revenue, 2,000-2,100 labour hours per employee,
// 0.10-0.58 tce per 10,000 CNY of value added). About 4 % of the factories lack one metric;
// names sometimes carry CJK characters, commas or quotes, so quoting and escaping are exercised.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

// splitmix64: tiny, fast and fully specified (std:: distributions are not portable).
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
    /// Uniform in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(double p) { return unit() < p; }

  private:
    std::uint64_t state_;
};

struct Province {
    std::string_view name;
    std::array<std::string_view, 4> districts;
};

constexpr std::array<Province, 4> kProvinces = {{
    {"Shanghai", {"Jiading", "Songjiang", "Pudong", "Minhang"}},
    {"Jiangsu", {"Suzhou Industrial Park", "Wuxi", "Changzhou", "Nanjing"}},
    {"Zhejiang", {"Ningbo", "Hangzhou", "Shaoxing", "Jiaxing"}},
    {"Anhui", {"Hefei", "Wuhu", "Ma'anshan", "Bengbu"}},
}};

constexpr std::array<std::string_view, 10> kSectors = {"automotive parts", "electronics",
                                                       "pharmaceuticals",  "machinery",
                                                       "chemicals",        "food",
                                                       "textiles",         "household appliances",
                                                       "steel products",   "new-energy batteries"};

constexpr std::array<std::string_view, 5> kProducts = {"Auto Parts", "Electronics", "Machinery",
                                                       "Chemicals", "Textiles"};

// GB/T 2589-2020 coefficients (data/README.md), kgce per CSV unit: MWh, m3, t, t, t, GJ.
enum Carrier : std::size_t { electricity, natural_gas, coal, steam, diesel, heat, kCarriers };
constexpr std::array<std::string_view, kCarriers> kCarrierKeys = {
    "electricity", "natural_gas", "coal", "steam", "diesel", "heat"};
constexpr std::array<std::string_view, kCarriers> kCarrierUnits = {"MWh", "m3", "t",
                                                                   "t",   "t",  "GJ"};
constexpr std::array<double, kCarriers> kKgcePerUnit = {122.9, 1.2143, 714.3, 128.6, 1457.1, 34.12};

// The metrics a factory may lack (one at most).
enum class Gap {
    none,
    district,
    sector,
    period,
    output,
    revenue,
    value_added,
    employees,
    labour_hours,
    operating_cost,
    energy
};

struct Factory {
    std::string id;
    std::string name;
    std::string_view region;
    std::string_view district;
    std::string_view sector;
    std::string_view level;
    double output = 0;
    std::string_view output_unit;
    double revenue = 0;
    double value_added = 0;
    double employees = 0;
    double labour_hours = 0;
    double operating_cost = 0;
    std::array<double, kCarriers> energy{}; // in kCarrierUnits; 0 = not consumed
    Gap gap = Gap::none;
    std::uint64_t style = 0; // bits choosing between the equivalent JSON spellings
};

double round_to(double v, double step) {
    return std::round(v / step) * step;
}

Factory make_factory(std::uint64_t seed, std::uint64_t index) {
    Rng rng(seed * 0x2545f4914f6cdd1dULL + index);
    Factory f;
    char id[32];
    std::snprintf(id, sizeof id, "F%06llu", static_cast<unsigned long long>(index));
    f.id = id;
    const std::string_view product = kProducts[rng.below(kProducts.size())];
    if (index % 53 == 0) {
        f.name = "示例工厂 Synthetic " + std::string(product) + " Plant " + f.id;
    } else if (index % 41 == 0) {
        f.name = "Synthetic \"" + std::string(product) + "\" Works, Plant " + f.id;
    } else {
        f.name = "Synthetic " + std::string(product) + " Plant " + f.id;
    }
    const Province& p = kProvinces[rng.below(kProvinces.size())];
    f.region = p.name;
    f.district = p.districts[rng.below(p.districts.size())];
    f.sector = kSectors[rng.below(kSectors.size())];
    const double lv = rng.unit();
    f.level = lv < 0.6 ? "none" : lv < 0.9 ? "city" : "state";

    f.employees = std::round(rng.uniform(50, 3000));
    f.labour_hours = std::round(f.employees * rng.uniform(2000, 2100));
    f.revenue = round_to(f.employees * rng.uniform(5e5, 2e6), 1000);
    f.value_added = round_to(f.revenue * rng.uniform(0.22, 0.34), 1000);
    f.operating_cost = round_to(f.revenue - f.value_added * rng.uniform(0.1, 0.9), 1000);
    if (rng.chance(0.8)) {
        f.output_unit = "pcs";
        f.output = std::round(f.revenue / rng.uniform(50, 2000));
    } else {
        f.output_unit = "t";
        f.output = round_to(f.revenue / rng.uniform(2000, 20000), 0.1);
    }

    // Energy: a total from the intensity, split over the carriers the factory consumes.
    const double tce = f.value_added / 1e4 * rng.uniform(0.10, 0.58);
    std::array<double, kCarriers> share{};
    share[electricity] = rng.uniform(1.0, 3.0);
    share[natural_gas] = rng.chance(0.7) ? rng.uniform(0.3, 1.5) : 0;
    share[steam] = rng.chance(0.4) ? rng.uniform(0.2, 1.0) : 0;
    share[coal] = rng.chance(0.1) ? rng.uniform(0.2, 1.0) : 0;
    share[diesel] = rng.chance(0.1) ? rng.uniform(0.05, 0.2) : 0;
    share[heat] = rng.chance(0.1) ? rng.uniform(0.1, 0.5) : 0;
    double total_share = 0;
    for (const double s : share) {
        total_share += s;
    }
    for (std::size_t c = 0; c < kCarriers; ++c) {
        if (share[c] > 0) {
            const double native = tce * 1000 * share[c] / total_share / kKgcePerUnit[c];
            f.energy[c] = std::max(c == natural_gas ? 1.0 : 0.1,
                                   round_to(native, c == natural_gas ? 1.0 : 0.1));
        }
    }

    if (rng.chance(0.04)) {
        f.gap = static_cast<Gap>(1 + rng.below(static_cast<std::size_t>(Gap::energy)));
    }
    f.style = rng.next();
    return f;
}

// Output buffered in large blocks; numbers via std::to_chars (shortest round-trip text).
class Writer {
  public:
    Writer() { buf_.reserve(kBlock + 4096); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer() { flush(); }

    Writer& operator<<(std::string_view s) {
        buf_.append(s);
        return *this;
    }
    Writer& operator<<(char c) {
        buf_.push_back(c);
        return *this;
    }
    // Fixed notation ("850000000", not the shorter "8.5e+08"), as spreadsheets export it.
    Writer& num(double v) {
        char tmp[64];
        const auto r = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed);
        buf_.append(tmp, r.ptr);
        return *this;
    }
    Writer& json_string(std::string_view s) {
        buf_.push_back('"');
        for (const char c : s) {
            if (c == '"' || c == '\\') {
                buf_.push_back('\\');
            }
            buf_.push_back(c);
        }
        buf_.push_back('"');
        return *this;
    }
    Writer& csv_field(std::string_view s) {
        if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
            buf_.append(s);
            return *this;
        }
        buf_.push_back('"');
        for (const char c : s) {
            if (c == '"') {
                buf_.push_back('"');
            }
            buf_.push_back(c);
        }
        buf_.push_back('"');
        return *this;
    }
    void maybe_flush() {
        if (buf_.size() >= kBlock) {
            flush();
        }
    }
    void flush() {
        if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), stdout) != buf_.size()) {
            std::perror("smartkpi-gen-factories: write");
            std::exit(74);
        }
        buf_.clear();
    }

  private:
    static constexpr std::size_t kBlock = std::size_t{1} << 20U;
    std::string buf_;
};

bool style(const Factory& f, std::size_t bit) {
    return ((f.style >> bit) & 1U) != 0;
}

// A quantity as "42000 MWh" or {"value": 42000, "unit": "MWh"}.
void json_quantity(Writer& w, double value, std::string_view unit, bool as_object) {
    if (as_object) {
        w << "{\"value\": ";
        w.num(value) << ", \"unit\": \"" << unit << "\"}";
    } else {
        w << '"';
        w.num(value) << ' ' << unit << '"';
    }
}

// Money as "850000000 CNY", {"value", "currency"} or {"value", "unit"}.
void json_money(Writer& w, double value, unsigned choice) {
    switch (choice % 3) {
    case 0:
        w << '"';
        w.num(value) << " CNY\"";
        break;
    case 1:
        w << "{\"value\": ";
        w.num(value) << ", \"currency\": \"CNY\"}";
        break;
    default:
        w << "{\"value\": ";
        w.num(value) << ", \"unit\": \"CNY\"}";
        break;
    }
}

void write_json_factory(Writer& w, const Factory& f, bool first) {
    constexpr std::string_view kIndent = ",\n      \"";
    w << (first ? "\n    {\n      \"id\": " : ",\n    {\n      \"id\": ");
    w.json_string(f.id) << kIndent << "name\": ";
    w.json_string(f.name) << kIndent << "region\": \"" << f.region << '"';
    if (f.gap != Gap::district) {
        w << kIndent << "district\": ";
        w.json_string(f.district);
    }
    if (f.gap != Gap::sector) {
        w << kIndent << "sector\": \"" << f.sector << '"';
    }
    w << kIndent << "level\": \"" << f.level << '"';
    if (f.gap != Gap::period) {
        w << kIndent << "period\": {\"start\": \"2024-01-01\", \"end\": \"2025-01-01\"}";
    }
    if (f.gap != Gap::output) {
        w << kIndent << "output\": ";
        json_quantity(w, f.output, f.output_unit, style(f, 0));
    }
    if (f.gap != Gap::revenue) {
        w << kIndent << "revenue\": ";
        json_money(w, f.revenue, static_cast<unsigned>(f.style >> 1U));
    }
    if (f.gap != Gap::value_added) {
        w << kIndent << "value_added\": ";
        json_money(w, f.value_added, static_cast<unsigned>(f.style >> 3U));
    }
    if (f.gap != Gap::employees) {
        w << kIndent << "employees\": ";
        w.num(f.employees);
    }
    if (f.gap != Gap::labour_hours) {
        w << kIndent << "labour_hours\": ";
        if (style(f, 5)) {
            w.num(f.labour_hours);
        } else {
            json_quantity(w, f.labour_hours, "h", style(f, 6));
        }
    }
    if (f.gap != Gap::operating_cost) {
        w << kIndent << "operating_cost\": ";
        json_money(w, f.operating_cost, static_cast<unsigned>(f.style >> 7U));
    }
    if (f.gap != Gap::energy) {
        w << kIndent << "energy\": {";
        bool first_carrier = true;
        for (std::size_t c = 0; c < kCarriers; ++c) {
            if (f.energy[c] <= 0) {
                continue;
            }
            w << (first_carrier ? "\"" : ", \"") << kCarrierKeys[c] << "\": ";
            first_carrier = false;
            // Electricity sometimes in kWh, as metering exports give it.
            if (c == electricity && style(f, 9)) {
                json_quantity(w, std::round(f.energy[c] * 1000), "kWh", style(f, 10));
            } else {
                json_quantity(w, f.energy[c], kCarrierUnits[c], style(f, 10 + c));
            }
        }
        w << '}';
    }
    w << "\n    }";
}

void write_csv_factory(Writer& w, const Factory& f) {
    w.csv_field(f.id) << ',';
    w.csv_field(f.name) << ',' << f.region << ',';
    if (f.gap != Gap::district) {
        w.csv_field(f.district);
    }
    w << ',';
    if (f.gap != Gap::sector) {
        w << f.sector;
    }
    w << ',' << f.level << ',';
    if (f.gap != Gap::period) {
        w << "2024-01-01,2025-01-01";
    } else {
        w << ',';
    }
    w << ',';
    if (f.gap != Gap::output) {
        w.num(f.output) << ',' << f.output_unit;
    } else {
        w << ',';
    }
    const auto cell = [&](Gap gap, double v) {
        w << ',';
        if (f.gap != gap) {
            w.num(v);
        }
    };
    cell(Gap::revenue, f.revenue);
    cell(Gap::value_added, f.value_added);
    cell(Gap::employees, f.employees);
    cell(Gap::labour_hours, f.labour_hours);
    cell(Gap::operating_cost, f.operating_cost);
    for (std::size_t c = 0; c < kCarriers; ++c) {
        w << ',';
        if (f.gap != Gap::energy && f.energy[c] > 0) {
            w.num(f.energy[c]);
        }
    }
    w << '\n';
}

[[noreturn]] void usage(int code) {
    std::fputs("usage: smartkpi-gen-factories [--count N] [--format json|csv] [--seed S]\n"
               "Writes N synthetic factories (default 1000, seed 1, JSON) to standard output\n"
               "in the dataset layouts of data/README.md.\n",
               code == 0 ? stdout : stderr);
    std::exit(code);
}

std::uint64_t parse_count(const char* text, const char* option) {
    std::uint64_t v = 0;
    const std::string_view s(text);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        std::fprintf(stderr,
                     "smartkpi-gen-factories: %s needs a non-negative integer, not \"%s\"\n",
                     option, text);
        usage(64);
    }
    return v;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t count = 1000;
    std::uint64_t seed = 1;
    std::string_view format = "json";
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "--help") {
            usage(0);
        }
        if (i + 1 >= argc) {
            usage(64);
        }
        const char* value = argv[++i];
        if (arg == "--count") {
            count = parse_count(value, "--count");
        } else if (arg == "--seed") {
            seed = parse_count(value, "--seed");
        } else if (arg == "--format") {
            format = value;
            if (format != "json" && format != "csv") {
                std::fprintf(stderr, "smartkpi-gen-factories: --format is json or csv\n");
                usage(64);
            }
        } else {
            std::fprintf(stderr, "smartkpi-gen-factories: unknown option %s\n", argv[i - 1]);
            usage(64);
        }
    }

    Writer w;
    if (format == "json") {
        w << "{\n  \"format\": \"smartkpi-dataset/1\",\n  \"name\": \"synthetic-";
        w.num(static_cast<double>(count)) << "-seed-";
        w.num(static_cast<double>(seed)) << "\",\n  \"illustrative\": true,\n"
                                            "  \"note\": \"Synthetic factories written by "
                                            "smartkpi-gen-factories for benchmarks; not real "
                                            "data.\",\n  \"factories\": [";
        for (std::uint64_t i = 1; i <= count; ++i) {
            write_json_factory(w, make_factory(seed, i), i == 1);
            w.maybe_flush();
        }
        w << (count > 0 ? "\n  ]\n}\n" : "]\n}\n");
    } else {
        w << "id,name,region,district,sector,level,period_start,period_end,output,output_unit,"
             "revenue_CNY,value_added_CNY,employees,labour_hours_h,operating_cost_CNY,"
             "energy_electricity_MWh,energy_natural_gas_m3,energy_coal_t,energy_steam_t,"
             "energy_diesel_t,energy_heat_GJ\n";
        for (std::uint64_t i = 1; i <= count; ++i) {
            write_csv_factory(w, make_factory(seed, i));
            w.maybe_flush();
        }
    }
    w.flush();
    if (std::fflush(stdout) != 0) {
        std::perror("smartkpi-gen-factories: write");
        return 74;
    }
    return 0;
}
