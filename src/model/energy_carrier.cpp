// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/energy_carrier.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace smartkpi {

namespace {

constexpr std::array kCarriers{Carrier::electricity, Carrier::natural_gas, Carrier::coal,
                               Carrier::steam,       Carrier::diesel,      Carrier::heat};

constexpr std::array<std::string_view, kCarrierCount> kCarrierNames{
    "electricity", "natural_gas", "coal", "steam", "diesel", "heat"};

std::size_t idx(Carrier c) {
    return static_cast<std::size_t>(c);
}

const char* const kGbt2589 = "GB/T 2589-2020 Annex A";
const char* const kMeeNbs2022 = "MEE & NBS, 2022 electricity CO2 emission factors (published "
                                "2024-12-26)";
const char* const kMeeNbs = "MEE & NBS";
const char* const kSamrSac = "SAMR & SAC";
const char* const kNdrc = "NDRC";

constexpr std::array<std::string_view, 4> kGridSets{"mee-nbs-2022", "mee-nbs-2021", "mee-nbs-2023",
                                                    "shanghai-local"};

// Regional grids of the MEE & NBS tables (energy.md §5.3). Only East China's membership is
// shipped: it is the one the reference states; other provinces fall back to the national
// factor unless they have their own (a factory may also name its grid region as its region).
struct RegionalGrid {
    std::string_view name;
    std::string_view chinese;
    double factor_2021;
    double factor_2022;
};
constexpr std::array<RegionalGrid, 7> kRegionalGrids{{
    {"Central China", "华中", 0.5354, 0.5395},
    {"East China", "华东", 0.5992, 0.5617},
    {"North China", "华北", 0.7120, 0.6776},
    {"Northeast China", "东北", 0.6012, 0.5564},
    {"Northwest China", "西北", 0.5951, 0.5857},
    {"South China", "南方", 0.4326, 0.3869},
    {"Southwest China", "西南", 0.2113, 0.2268},
}};
struct ProvinceGrid {
    std::string_view province;
    std::string_view grid;
};
constexpr std::array<ProvinceGrid, 5> kProvinceGrids{{{"Anhui", "East China"},
                                                      {"Fujian", "East China"},
                                                      {"Jiangsu", "East China"},
                                                      {"Shanghai", "East China"},
                                                      {"Zhejiang", "East China"}}};

// Provincial factors published with each data year (energy.md §5.3), kgCO2/kWh.
struct ProvinceFactor {
    std::string_view province;
    double factor_2021;
    double factor_2022;
};
constexpr std::array<ProvinceFactor, 4> kProvinceFactors{{{"Shanghai", 0.5834, 0.5849},
                                                          {"Jiangsu", 0.6451, 0.5978},
                                                          {"Zhejiang", 0.5422, 0.5153},
                                                          {"Anhui", 0.7075, 0.6782}}};

Coefficient grid_coefficient(double value, std::string source, int year) {
    return {value, "kgCO2/kWh", std::move(source), year, kMeeNbs};
}

} // namespace

std::string_view to_string(GridScope scope) {
    switch (scope) {
    case GridScope::province:
        return "province";
    case GridScope::grid_region:
        return "grid_region";
    case GridScope::national:
        return "national";
    }
    return "national";
}

std::string_view grid_region_of(std::string_view province) {
    for (const auto& g : kRegionalGrids) {
        if (g.name == province) {
            return g.name;
        }
    }
    for (const auto& p : kProvinceGrids) {
        if (p.province == province) {
            return p.grid;
        }
    }
    return {};
}

std::vector<std::string_view> provinces_of(std::string_view grid_region) {
    std::vector<std::string_view> out;
    for (const auto& p : kProvinceGrids) {
        if (p.grid == grid_region) {
            out.push_back(p.province);
        }
    }
    return out;
}

std::span<const Carrier> all_carriers() {
    return kCarriers;
}

std::string_view to_string(Carrier carrier) {
    return kCarrierNames[idx(carrier)];
}

Carrier parse_carrier(std::string_view name, const Location& where) {
    for (std::size_t i = 0; i < kCarrierCount; ++i) {
        if (kCarrierNames[i] == name) {
            return kCarriers[i];
        }
    }
    throw SchemaError::bad_enum(name, {kCarrierNames.begin(), kCarrierNames.end()}, where);
}

const Unit& native_unit(Carrier carrier) {
    switch (carrier) {
    case Carrier::electricity:
        return find_unit("kWh");
    case Carrier::natural_gas:
        return find_unit("m3");
    case Carrier::coal:
    case Carrier::steam:
    case Carrier::diesel:
        return find_unit("kg");
    case Carrier::heat:
        return find_unit("MJ");
    }
    throw InternalError("unknown carrier");
}

std::vector<std::string_view> accepted_units(Carrier carrier) {
    std::vector<std::string_view> out;
    for (const auto& unit : all_units()) {
        // Standard coal is an energy unit physically, but never an accepted carrier unit.
        if (unit.dimension == native_unit(carrier).dimension && unit.symbol != "kgce" &&
            unit.symbol != "tce") {
            out.push_back(unit.symbol);
        }
    }
    return out;
}

double to_native(Carrier carrier, const Quantity& quantity, const Location& where) {
    const Unit& native = native_unit(carrier);
    const Unit& unit = quantity.unit();
    if (unit.dimension != native.dimension || unit.symbol == "kgce" || unit.symbol == "tce") {
        throw UnitError(fmt::format("unit \"{}\" cannot measure {}; accepted: {}", unit.symbol,
                                    to_string(carrier), fmt::join(accepted_units(carrier), ", ")),
                        where);
    }
    return quantity.in(native);
}

std::string_view to_string(ElectricityBasis basis) {
    return basis == ElectricityBasis::calorific ? "calorific" : "equivalent";
}

ElectricityBasis parse_electricity_basis(std::string_view name, const Location& where) {
    if (name == "calorific") {
        return ElectricityBasis::calorific;
    }
    if (name == "equivalent") {
        return ElectricityBasis::equivalent;
    }
    throw SchemaError::bad_enum(name, {"calorific", "equivalent"}, where);
}

Coefficients Coefficients::defaults() {
    Coefficients c;
    // Standard coal: GB/T 2589-2020 Annex A, 4-decimal tabulated values (energy.md §5.2).
    c.tce_[idx(Carrier::electricity)] = {
        0.1229, "kgce/kWh", std::string(kGbt2589) + ", calorific-value basis", 2020, kSamrSac};
    c.tce_[idx(Carrier::natural_gas)] = {
        1.2143, "kgce/m3", std::string(kGbt2589) + ", gas-field natural gas", 2020, kSamrSac};
    c.tce_[idx(Carrier::coal)] = {0.7143, "kgce/kg", std::string(kGbt2589) + ", raw coal", 2020,
                                  kSamrSac};
    c.tce_[idx(Carrier::steam)] = {0.1286, "kgce/kg",
                                   std::string(kGbt2589) + ", low-pressure steam", 2020, kSamrSac};
    c.tce_[idx(Carrier::diesel)] = {1.4571, "kgce/kg", std::string(kGbt2589) + ", diesel", 2020,
                                    kSamrSac};
    c.tce_[idx(Carrier::heat)] = {0.03412, "kgce/MJ", std::string(kGbt2589) + ", heat (1/29.3076)",
                                  2020, kSamrSac};
    // Calorific values for final energy: physical for electricity (1 kWh = 3.6 MJ) and heat;
    // for fuels the NCV column of GB/T 2589-2020 Annex A that the coefficients above are
    // divided from (coefficient = NCV / 7000 kcal; energy.md §5.2). Final energy never uses
    // the equal-value electricity coefficient: that is primary energy (energy.md §5.2).
    c.ncv_[idx(Carrier::electricity)] = {3.6, "MJ/kWh", "physical: 1 kWh = 3.6 MJ", 0};
    c.ncv_[idx(Carrier::natural_gas)] = {
        35.544, "MJ/m3", std::string(kGbt2589) + ", gas-field natural gas, 35544 kJ/m3 (8500 kcal)",
        2020, kSamrSac};
    c.ncv_[idx(Carrier::coal)] = {20.908, "MJ/kg",
                                  std::string(kGbt2589) + ", raw coal, 20908 kJ/kg (5000 kcal)",
                                  2020, kSamrSac};
    c.ncv_[idx(Carrier::steam)] = {
        3.763, "MJ/kg", std::string(kGbt2589) + ", low-pressure steam, 3763 MJ/t (900 Mcal)", 2020,
        kSamrSac};
    c.ncv_[idx(Carrier::diesel)] = {42.652, "MJ/kg",
                                    std::string(kGbt2589) + ", diesel, 42652 kJ/kg (10200 kcal)",
                                    2020, kSamrSac};
    c.ncv_[idx(Carrier::heat)] = {1.0, "MJ/MJ", "physical: heat is stated in MJ", 0};
    // CO2: fuels by the NDRC enterprise accounting method, EF = NCV x carbon content x oxidation
    // x 44/12, with the guideline defaults (energy.md §5.3); purchased heat 0.11 tCO2/GJ.
    c.co2_[idx(Carrier::natural_gas)] = {2.1622, "kgCO2/m3",
                                         "NDRC 2013 GHG accounting guideline defaults: 389.31 "
                                         "GJ/10^4 m3 x 15.3 tC/TJ x 99 % x 44/12",
                                         0, kNdrc};
    c.co2_[idx(Carrier::coal)] = {
        1.9003, "kgCO2/kg",
        "NDRC 2013 GHG accounting guideline defaults: raw coal 20.908 GJ/t x 26.37 tC/TJ x 94 % x "
        "44/12",
        0, kNdrc};
    c.co2_[idx(Carrier::diesel)] = {
        3.0959, "kgCO2/kg",
        "NDRC 2013 GHG accounting guideline defaults: 42.652 GJ/t x 20.2 tC/TJ x 98 % x 44/12", 0,
        kNdrc};
    c.co2_[idx(Carrier::heat)] = {
        0.11, "kgCO2/MJ", "national guideline default for purchased heat, 0.11 tCO2/GJ", 0, kNdrc};
    c.co2_[idx(Carrier::steam)] = {
        0.41393, "kgCO2/kg",
        "purchased heat 0.11 tCO2/GJ x 3.763 GJ/t (low-pressure steam, GB/T 2589-2020)", 0, kNdrc};
    c.use_grid_factor_set("mee-nbs-2022");
    return c;
}

const Coefficient& Coefficients::tce(Carrier carrier) const {
    if (carrier == Carrier::electricity && basis_ == ElectricityBasis::equivalent) {
        return *equivalent_;
    }
    return tce_[idx(carrier)];
}

const Coefficient& Coefficients::co2(Carrier carrier, std::string_view region) const {
    if (carrier != Carrier::electricity) {
        return co2_[idx(carrier)];
    }
    return *grid_factor(region).factor;
}

GridFactorMatch Coefficients::grid_factor(std::string_view region) const {
    const auto own = grid_.find(std::string(region));
    if (own != grid_.end()) {
        return {&own->second, own->first, GridScope::province};
    }
    const std::string_view grid = grid_region_of(region);
    if (!grid.empty()) {
        // A regional factor given by name (a coefficients file) wins over the set's own.
        for (const auto* table : {&grid_, &grid_regions_}) {
            const auto it = table->find(std::string(grid));
            if (it != table->end()) {
                return {&it->second, it->first, GridScope::grid_region};
            }
        }
    }
    const auto national = grid_.find("national");
    if (national == grid_.end()) {
        throw UsageError(fmt::format(
            "no grid emission factor for region \"{}\" and no \"national\" fallback", region));
    }
    return {&national->second, national->first, GridScope::national};
}

const Coefficient& Coefficients::calorific_value(Carrier carrier) const {
    return ncv_[idx(carrier)];
}

void Coefficients::set_calorific_value(Carrier carrier, Coefficient coefficient) {
    ncv_[idx(carrier)] = std::move(coefficient);
}

void Coefficients::set_electricity_basis(ElectricityBasis basis) {
    if (basis == ElectricityBasis::equivalent && !equivalent_) {
        throw UsageError(
            "the equal-value (equivalent) electricity basis needs a dated coefficient: give "
            "the previous year's generation coal rate in kgce/kWh with its source and year "
            "(coefficients.tce.electricity_equivalent, or --electricity-equivalent)");
    }
    basis_ = basis;
}

void Coefficients::set_equivalent_electricity(Coefficient coefficient) {
    equivalent_ = std::move(coefficient);
}

void Coefficients::set_tce(Carrier carrier, Coefficient coefficient) {
    tce_[idx(carrier)] = std::move(coefficient);
}

void Coefficients::set_co2(Carrier carrier, Coefficient coefficient) {
    if (carrier == Carrier::electricity) {
        set_grid_factor("national", std::move(coefficient));
        return;
    }
    co2_[idx(carrier)] = std::move(coefficient);
}

void Coefficients::set_grid_factor(const std::string& region, Coefficient coefficient) {
    grid_[region] = std::move(coefficient);
}

void Coefficients::set_grid_region_factor(const std::string& grid_region, Coefficient coefficient) {
    grid_regions_[grid_region] = std::move(coefficient);
}

std::span<const std::string_view> Coefficients::grid_factor_set_names() {
    return kGridSets;
}

void Coefficients::use_grid_factor_set(std::string_view name) {
    // Check the name first, so that an unknown set leaves the current factors untouched.
    if (std::find(kGridSets.begin(), kGridSets.end(), name) == kGridSets.end()) {
        throw UsageError(fmt::format("unknown grid factor set \"{}\"; accepted: {}", name,
                                     fmt::join(kGridSets, ", ")));
    }
    grid_.clear();
    grid_regions_.clear();
    if (name == "mee-nbs-2023") {
        // MEE & NBS Announcement 2025 No. 47 (energy.md §5.3): the national average and
        // Guangdong are the 2023 values we have; every other province uses the national one.
        const std::string source = "MEE & NBS, 2023 electricity CO2 emission factors, "
                                   "Announcement 2025 No. 47 (2025-12-31)";
        grid_["national"] = grid_coefficient(0.5306, source + ", national average", 2023);
        grid_["Guangdong"] = grid_coefficient(0.4419, source + ", Guangdong (Table 3)", 2023);
        grid_set_ = name;
        return;
    }
    if (name == "mee-nbs-2021") {
        // The 2021 provincial and regional factors as transcribed (energy.md §5.3, [2nd]); the
        // 2021 national average is marked there as recalled, and the source says so.
        const std::string source = "MEE & NBS, 2021 electricity CO2 emission factors (published "
                                   "2024)";
        grid_["national"] =
            grid_coefficient(0.5568,
                             source + ", national average (unverified: check against the "
                                      "announcement)",
                             2021);
        for (const auto& p : kProvinceFactors) {
            grid_[std::string(p.province)] =
                grid_coefficient(p.factor_2021, fmt::format("{}, {}", source, p.province), 2021);
        }
        for (const auto& g : kRegionalGrids) {
            grid_regions_[std::string(g.name)] = grid_coefficient(
                g.factor_2021, fmt::format("{}, {} regional grid ({})", source, g.name, g.chinese),
                2021);
        }
        grid_set_ = name;
        return;
    }
    // MEE & NBS 2022 provincial factors (energy.md §5.3; conventions §13), kgCO2/kWh.
    grid_["national"] =
        grid_coefficient(0.5366, std::string(kMeeNbs2022) + ", national average", 2022);
    for (const auto& p : kProvinceFactors) {
        grid_[std::string(p.province)] =
            grid_coefficient(p.factor_2022, fmt::format("{}, {}", kMeeNbs2022, p.province), 2022);
    }
    for (const auto& g : kRegionalGrids) {
        grid_regions_[std::string(g.name)] = grid_coefficient(
            g.factor_2022, fmt::format("{}, {} regional grid ({})", kMeeNbs2022, g.name, g.chinese),
            2022);
    }
    if (name == "shanghai-local") {
        grid_["Shanghai"] = {0.42, "kgCO2/kWh",
                             "Shanghai Ecology and Environment Bureau, 沪环气〔2022〕34号 "
                             "(local accounting value)",
                             2022, "Shanghai Ecology and Environment Bureau"};
    }
    grid_set_ = name;
}

} // namespace smartkpi
