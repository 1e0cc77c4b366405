// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/quantity.hpp>
#include <smartkpi/error.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Energy carriers a factory reports. Each has a native unit in which its coefficients are
/// stated: electricity kWh, natural gas m3, coal/steam/diesel kg, heat MJ.
enum class Carrier { electricity, natural_gas, coal, steam, diesel, heat };

inline constexpr std::size_t kCarrierCount = 6;

/// All carriers in a fixed order (the order of reports).
std::span<const Carrier> all_carriers();
/// JSON spelling: "electricity", "natural_gas", "coal", "steam", "diesel", "heat".
std::string_view to_string(Carrier carrier);
/// Inverse of to_string; throws SchemaError::bad_enum listing the carriers.
Carrier parse_carrier(std::string_view name, const Location& where = {});
/// The unit the carrier's coefficients refer to ("kWh", "m3", "kg", "MJ").
const Unit& native_unit(Carrier carrier);
/// Units a quantity of this carrier may be given in (the native dimension only: tce is never
/// accepted for a carrier, because its coefficient would then be bypassed; conventions §12).
std::vector<std::string_view> accepted_units(Carrier carrier);
/// Converts a quantity of the carrier to its native unit; UnitError lists accepted_units().
double to_native(Carrier carrier, const Quantity& quantity, const Location& where = {});

/// Amount of each carrier consumed, in native units. A carrier that is absent was not
/// consumed; `unknown` names carriers whose amount is missing (so totals are not available).
struct EnergyUse {
    std::array<std::optional<double>, kCarrierCount> native{};
    std::vector<Carrier> unknown;

    [[nodiscard]] const std::optional<double>& operator[](Carrier c) const {
        return native[static_cast<std::size_t>(c)];
    }
    std::optional<double>& operator[](Carrier c) { return native[static_cast<std::size_t>(c)]; }
};

/// Basis for converting electricity to standard coal (GB/T 2589-2020): the calorific-value
/// basis (0.1229 kgce/kWh) or the equal-value basis (the previous year's generation coal rate,
/// a dated figure the user must give).
enum class ElectricityBasis { calorific, equivalent };
std::string_view to_string(ElectricityBasis basis);
ElectricityBasis parse_electricity_basis(std::string_view name, const Location& where = {});

/// A coefficient with its provenance, as printed in every report.
struct Coefficient {
    double value = 0;
    std::string unit;   ///< e.g. "kgce/kWh", "kgCO2/m3"
    std::string source; ///< document, issuer, year
    int year = 0;       ///< data year when the source gives one (0 = not stated)
    /// The body that published the figure ("MEE & NBS"); empty when only `source` names it.
    std::string issuer{};
};

/// Where an electricity grid factor was found for a factory's region: its own province, the
/// regional grid the province belongs to, or the national average (in that order).
enum class GridScope { province, grid_region, national };
std::string_view to_string(GridScope scope);

/// A grid factor with the key it was found under ("Shanghai", "East China", "national").
struct GridFactorMatch {
    const Coefficient* factor = nullptr;
    std::string key;
    GridScope scope = GridScope::national;
};

/// The regional grid a province belongs to in the MEE & NBS regional tables ("East China" for
/// Shanghai, Jiangsu, Zhejiang, Anhui and Fujian; energy.md §5.3), or empty when the
/// membership is not shipped. The name of a grid region maps to itself.
std::string_view grid_region_of(std::string_view province);
/// The provinces grid_region_of() maps to `grid_region`, in byte order.
std::vector<std::string_view> provinces_of(std::string_view grid_region);

/// Conversion coefficients to standard coal and CO2 emission factors. Defaults: GB/T 2589-2020
/// Annex A for standard coal; MEE & NBS 2022 provincial grid factors and the NDRC accounting
/// defaults for CO2 (conventions §12–13). Passed by value: no global state.
class Coefficients {
  public:
    /// The defaults described above.
    static Coefficients defaults();

    /// kgce per native unit of `carrier`, for the selected electricity basis.
    [[nodiscard]] const Coefficient& tce(Carrier carrier) const;
    /// kgCO2 per native unit of `carrier`; for electricity, grid_factor(region).
    [[nodiscard]] const Coefficient& co2(Carrier carrier, std::string_view region = {}) const;
    /// The electricity grid factor for `region` (a province): the province's own factor, else
    /// that of its grid region (grid_region_of), else the national one. UsageError when the
    /// set has none of these.
    [[nodiscard]] GridFactorMatch grid_factor(std::string_view region) const;
    /// Net calorific value in MJ per native unit, for final (physical) energy: electricity
    /// 3.6 MJ/kWh and heat 1 MJ/MJ by definition; fuels and steam by the GB/T 2589-2020
    /// Annex A values behind their standard-coal coefficients (energy.md §5.2).
    [[nodiscard]] const Coefficient& calorific_value(Carrier carrier) const;
    void set_calorific_value(Carrier carrier, Coefficient coefficient);

    [[nodiscard]] ElectricityBasis electricity_basis() const noexcept { return basis_; }
    /// Selects the basis; the equal-value basis needs a coefficient with a source and year
    /// (set_equivalent_electricity), else UsageError (conventions §12).
    void set_electricity_basis(ElectricityBasis basis);
    /// The dated equal-value coefficient (kgce/kWh).
    void set_equivalent_electricity(Coefficient coefficient);
    void set_tce(Carrier carrier, Coefficient coefficient);
    void set_co2(Carrier carrier, Coefficient coefficient);
    /// Grid factor for one region ("Shanghai"), or the national fallback when region is "national".
    void set_grid_factor(const std::string& region, Coefficient coefficient);
    /// Grid factor for a regional grid ("East China"), used for provinces without their own.
    void set_grid_region_factor(const std::string& grid_region, Coefficient coefficient);
    /// Replaces the grid factors (provincial, regional, national) by a named, dated set:
    /// "mee-nbs-2022" (default), "mee-nbs-2021", "mee-nbs-2023" (national average and the
    /// provinces published with it) or "shanghai-local" (mee-nbs-2022 with Shanghai's local
    /// accounting value 0.42 kgCO2/kWh, 沪环气〔2022〕34号). UsageError otherwise.
    void use_grid_factor_set(std::string_view name);
    /// The names use_grid_factor_set() accepts, the default first.
    static std::span<const std::string_view> grid_factor_set_names();
    [[nodiscard]] const std::string& grid_factor_set() const noexcept { return grid_set_; }

    /// kgce of `amount` native units of `carrier`.
    [[nodiscard]] double kgce(Carrier carrier, double amount) const {
        return amount * tce(carrier).value;
    }
    /// Provincial factors and the "national" fallback (also regional ones set by name with
    /// set_grid_factor, as a coefficients file does).
    [[nodiscard]] const std::map<std::string, Coefficient>& grid_factors() const noexcept {
        return grid_;
    }
    /// Factors of the regional grids in the selected set.
    [[nodiscard]] const std::map<std::string, Coefficient>& grid_region_factors() const noexcept {
        return grid_regions_;
    }

  private:
    std::array<Coefficient, kCarrierCount> tce_{};
    std::array<Coefficient, kCarrierCount> co2_{};
    std::array<Coefficient, kCarrierCount> ncv_{};
    std::optional<Coefficient> equivalent_;
    std::map<std::string, Coefficient> grid_; // region -> factor; "national" is the fallback
    std::map<std::string, Coefficient> grid_regions_; // regional grid -> factor
    ElectricityBasis basis_ = ElectricityBasis::calorific;
    std::string grid_set_ = "mee-nbs-2022";
};

} // namespace smartkpi
