// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/factory.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Figures of an energy account (issue 5 §1): first the summable quantities, then the ratios
/// of their sums (conventions §10: never averages of ratios).
///
/// Two GJ figures, because energy.md §5.2 asks to keep them apart: `final_energy_gj` is the
/// physical energy content of what was delivered (electricity 3.6 MJ/kWh, fuels and steam by
/// their net calorific value), `standard_coal_gj` is energy_tce x 29.3076 GJ/tce, which on the
/// equal-value electricity basis counts electricity as the primary energy burnt to make it.
enum class AccountFigure {
    energy_tce,
    final_energy_gj,
    standard_coal_gj,
    co2_t,
    value_added,
    output,
    energy_intensity,
    energy_per_output,
    carbon_intensity
};
inline constexpr std::size_t kAccountFigureCount = 9;
/// The first kAccountQuantityCount figures are summable.
inline constexpr std::size_t kAccountQuantityCount = 6;

struct AccountFigureInfo {
    AccountFigure figure;
    std::string_view key;  ///< JSON key
    std::string_view name; ///< readable name
    /// Unit pattern: "{cur}" is the reporting currency, "{out}" the output unit.
    std::string_view unit;
    std::optional<AccountFigure> numerator;
    std::optional<AccountFigure> denominator;
    double denominator_scale = 1.0;
    std::string_view definition;
};
std::span<const AccountFigureInfo> all_account_figures();
const AccountFigureInfo& info(AccountFigure figure);
std::string
unit_text(AccountFigure figure, std::string_view currency, std::string_view output_unit);

/// Per-carrier figures. `share` is the carrier's part of the total tce (a fraction).
enum class CarrierFigure { amount, energy_tce, final_energy_gj, standard_coal_gj, co2_t, share };
inline constexpr std::size_t kCarrierFigureCount = 6;
std::span<const CarrierFigure> all_carrier_figures();
std::string_view to_string(CarrierFigure figure);
/// "kWh" (the carrier's native unit) for amount, "tce", "GJ", "GJ", "tCO2", "%".
std::string_view unit_text(CarrierFigure figure, Carrier carrier);

/// One carrier of one factory record: its amount and the coefficients applied to it.
struct CarrierLine {
    Carrier carrier = Carrier::electricity;
    std::optional<double> amount; ///< native units; nullopt: the amount is unknown
    Coefficient tce;              ///< kgce per native unit (for the selected electricity basis)
    Coefficient calorific_value;  ///< MJ per native unit
    Coefficient co2;              ///< kgCO2 per native unit
    GridScope grid_scope = GridScope::national; ///< electricity: where the factor was found
    std::string grid_key;                       ///< electricity: "Shanghai", "East China", ...
};

/// The energy account of one factory record (id, period; conventions §14).
struct FactoryAccount {
    const Factory* factory = nullptr;
    /// The carriers the record gives (consumed or unknown), in all_carriers() order. A carrier
    /// the record does not name was not consumed.
    std::vector<CarrierLine> carriers;
    std::array<std::optional<double>, kAccountQuantityCount> quantities{};
    std::string output_unit;
    /// What makes the energy totals unavailable: "energy" (no energy data) or
    /// "energy.<carrier>" for each carrier with an unknown amount; empty when complete.
    std::vector<std::string> energy_missing;

    [[nodiscard]] KpiValue value(AccountFigure figure) const;
    /// A carrier's figure; not_available for a carrier the record does not name.
    [[nodiscard]] KpiValue carrier_value(Carrier carrier, CarrierFigure figure) const;
    [[nodiscard]] const CarrierLine* line(Carrier carrier) const;
};

/// The account of one factory record: tce with the GB/T 2589 coefficients of `coefficients`
/// (conventions §12), CO2 with the carrier factors and the grid factor of the factory's region,
/// money converted to `currency` with `fx` (UnitError when a rate is missing).
FactoryAccount account_factory(const Factory& factory,
                               const Coefficients& coefficients,
                               const FxTable& fx,
                               Currency currency);

/// Sums of factory accounts (a group): quantities summed over the factories that have them,
/// ratios from summed numerators and denominators of the factories that have both, with
/// coverage (conventions §10); per-output-unit figures undefined across output units.
/// Per-carrier sums run over the factories whose energy data are complete, so that the
/// carriers add up to energy_tce and the shares to 1.
class AccountTotals {
  public:
    void add(const FactoryAccount& account);

    [[nodiscard]] std::size_t factories() const noexcept { return factories_; }
    [[nodiscard]] KpiValue value(AccountFigure figure) const;
    /// How many factories contribute to the figure.
    [[nodiscard]] std::size_t coverage(AccountFigure figure) const {
        return count_[static_cast<std::size_t>(figure)];
    }
    [[nodiscard]] KpiValue carrier_value(Carrier carrier, CarrierFigure figure) const;
    /// True when a factory with complete energy data names the carrier.
    [[nodiscard]] bool has_carrier(Carrier carrier) const {
        return carrier_seen_[static_cast<std::size_t>(carrier)];
    }
    /// The common output unit, or empty when the factories use several (or none).
    [[nodiscard]] std::string output_unit() const;

  private:
    std::size_t factories_ = 0;
    std::array<double, kAccountFigureCount> num_{};
    std::array<double, kAccountFigureCount> den_{};
    std::array<std::size_t, kAccountFigureCount> count_{};
    std::array<std::array<double, kCarrierFigureCount>, kCarrierCount> carrier_sums_{};
    std::array<bool, kCarrierCount> carrier_seen_{};
    std::vector<std::string> output_units_;
    std::vector<std::string> missing_; ///< inputs missing anywhere, for an empty coverage
};

/// How accounts are rolled up: per factory record, per sector, per region (province), or
/// only the total of all.
enum class AccountsGrouping { factory, sector, region, all };
std::string_view to_string(AccountsGrouping grouping);
/// Throws UsageError listing factory, sector, region, all.
AccountsGrouping parse_accounts_grouping(std::string_view name);

/// The accounts of a dataset.
struct EnergyAccounts {
    AccountsGrouping by = AccountsGrouping::factory;
    Currency currency = Currency("CNY");
    Coefficients coefficients = Coefficients::defaults();
    FxTable fx = FxTable::defaults();
    std::vector<FactoryAccount> factories; ///< input order; point into the dataset
    /// By sector or region (empty otherwise), keyed and ordered by the key's bytes
    /// (conventions §5); factories without a sector or region are under "".
    std::map<std::string, AccountTotals> groups;
    AccountTotals total;
    std::vector<std::string> warnings;
};

/// Accounts every factory of `dataset` (which must outlive the result) with the dataset's
/// coefficients and FX table; UnitError (conventions §11) when money cannot be converted.
EnergyAccounts compute_energy_accounts(const Dataset& dataset,
                                       Currency currency = Currency("CNY"),
                                       AccountsGrouping by = AccountsGrouping::factory);

} // namespace smartkpi
