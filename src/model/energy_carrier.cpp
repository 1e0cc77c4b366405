// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/energy_carrier.hpp>

#include <fmt/format.h>

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

} // namespace

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
    c.tce_[idx(Carrier::electricity)] = {0.1229, "kgce/kWh",
                                         std::string(kGbt2589) + ", calorific-value basis", 2020};
    c.tce_[idx(Carrier::natural_gas)] = {1.2143, "kgce/m3",
                                         std::string(kGbt2589) + ", gas-field natural gas", 2020};
    c.tce_[idx(Carrier::coal)] = {0.7143, "kgce/kg", std::string(kGbt2589) + ", raw coal", 2020};
    c.tce_[idx(Carrier::steam)] = {0.1286, "kgce/kg",
                                   std::string(kGbt2589) + ", low-pressure steam", 2020};
    c.tce_[idx(Carrier::diesel)] = {1.4571, "kgce/kg", std::string(kGbt2589) + ", diesel", 2020};
    c.tce_[idx(Carrier::heat)] = {0.03412, "kgce/MJ", std::string(kGbt2589) + ", heat (1/29.3076)",
                                  2020};
    // CO2: fuels by the NDRC enterprise accounting method, EF = NCV x carbon content x oxidation
    // x 44/12, with the guideline defaults (energy.md §5.3); purchased heat 0.11 tCO2/GJ.
    c.co2_[idx(Carrier::natural_gas)] = {2.1622, "kgCO2/m3",
                                         "NDRC 2013 GHG accounting guideline defaults: 389.31 "
                                         "GJ/10^4 m3 x 15.3 tC/TJ x 99 % x 44/12",
                                         0};
    c.co2_[idx(Carrier::coal)] = {
        1.9003, "kgCO2/kg",
        "NDRC 2013 GHG accounting guideline defaults: raw coal 20.908 GJ/t x 26.37 tC/TJ x 94 % x "
        "44/12",
        0};
    c.co2_[idx(Carrier::diesel)] = {
        3.0959, "kgCO2/kg",
        "NDRC 2013 GHG accounting guideline defaults: 42.652 GJ/t x 20.2 tC/TJ x 98 % x 44/12", 0};
    c.co2_[idx(Carrier::heat)] = {0.11, "kgCO2/MJ",
                                  "national guideline default for purchased heat, 0.11 tCO2/GJ", 0};
    c.co2_[idx(Carrier::steam)] = {
        0.41393, "kgCO2/kg",
        "purchased heat 0.11 tCO2/GJ x 3.763 GJ/t (low-pressure steam, GB/T 2589-2020)", 0};
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
    const auto it = grid_.find(std::string(region));
    if (it != grid_.end()) {
        return it->second;
    }
    const auto national = grid_.find("national");
    if (national == grid_.end()) {
        throw UsageError(fmt::format(
            "no grid emission factor for region \"{}\" and no \"national\" fallback", region));
    }
    return national->second;
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

void Coefficients::use_grid_factor_set(std::string_view name) {
    // Check the name first, so that an unknown set leaves the current factors untouched.
    if (name != "mee-nbs-2022" && name != "shanghai-local") {
        throw UsageError(fmt::format(
            "unknown grid factor set \"{}\"; accepted: mee-nbs-2022, shanghai-local", name));
    }
    // MEE & NBS 2022 provincial factors (energy.md §5.3; conventions §13), kgCO2/kWh.
    grid_.clear();
    grid_["national"] = {0.5366, "kgCO2/kWh", std::string(kMeeNbs2022) + ", national average",
                         2022};
    grid_["Shanghai"] = {0.5849, "kgCO2/kWh", std::string(kMeeNbs2022) + ", Shanghai", 2022};
    grid_["Jiangsu"] = {0.5978, "kgCO2/kWh", std::string(kMeeNbs2022) + ", Jiangsu", 2022};
    grid_["Zhejiang"] = {0.5153, "kgCO2/kWh", std::string(kMeeNbs2022) + ", Zhejiang", 2022};
    grid_["Anhui"] = {0.6782, "kgCO2/kWh", std::string(kMeeNbs2022) + ", Anhui", 2022};
    if (name == "shanghai-local") {
        grid_["Shanghai"] = {0.42, "kgCO2/kWh",
                             "Shanghai Ecology and Environment Bureau, 沪环气〔2022〕34号 "
                             "(local accounting value)",
                             2022};
    }
    grid_set_ = name;
}

} // namespace smartkpi
