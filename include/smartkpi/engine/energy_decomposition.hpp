// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// The change of total energy (tce) or CO2 (t) between two periods, split by LMDI-I into
// activity, structure and intensity effects with the identity E = Σᵢ Q·Sᵢ·Iᵢ: Q total value
// added, Sᵢ = Qᵢ/Q the share of group i, Iᵢ = Eᵢ/Qᵢ its intensity (energy.md §4.2).
#pragma once

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/value.hpp>
#include <smartkpi/error.hpp>
#include <smartkpi/model/dataset.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// What the groups i of the identity are: sectors, regions (provinces) or single factories.
enum class DecompositionGrouping { sector, region, factory };
std::string_view to_string(DecompositionGrouping grouping);
/// Parses "sector", "region", "factory"; throws UsageError otherwise.
DecompositionGrouping parse_decomposition_grouping(std::string_view name);

/// The aggregate that is decomposed: energy in tce or CO2 in t.
enum class DecomposedQuantity { energy, co2 };
std::string_view to_string(DecomposedQuantity quantity);
/// Parses "energy", "co2"; throws UsageError otherwise.
DecomposedQuantity parse_decomposed_quantity(std::string_view name);
/// "tce" or "tCO2" (the units of the impact report's energy_tce and co2_t).
std::string_view unit_text(DecomposedQuantity quantity);

/// The three factors of E = Σᵢ Q·Sᵢ·Iᵢ, in this order in every array below.
enum class DecompositionEffect { activity, structure, intensity };
inline constexpr std::size_t kDecompositionEffectCount = 3;
std::span<const DecompositionEffect> all_decomposition_effects();
std::string_view to_string(DecompositionEffect effect);

/// One factory in one period, with what the decomposition needs of it; a figure that the
/// data lack is nullopt (never 0).
struct DecompositionRecord {
    std::string id;
    std::string sector;
    std::string region;
    std::optional<double> value_added; ///< in the period's currency
    std::optional<double> energy_tce;
    std::optional<double> co2_t;
    /// Inputs a missing energy_tce or co2_t lacks ("energy", "energy.natural_gas"); when
    /// empty, the name of the figure itself is shown.
    std::vector<std::string> missing_energy;
    std::vector<std::string> missing_co2;
    Location where; ///< the record in its input, for error messages
};

/// The factories of one period: one period file, or one side of an impact report.
struct DecompositionPeriod {
    std::string label;  ///< e.g. "2024-01-01/2025-01-01", "baseline", or the file name
    std::string source; ///< the input it was read from
    std::string currency = "CNY";
    std::vector<DecompositionRecord> records; ///< in input order
};

/// The factories of `dataset` as a period: value added converted to `currency` with the
/// dataset's FX table, energy and CO2 from factory_figures() with its coefficients (the one
/// conversion table of the library). The label is the records' common period, else the source.
/// Throws UnitError when money cannot be converted.
DecompositionPeriod decomposition_period(const Dataset& dataset, Currency currency);

/// One group's part of the decomposition.
struct DecompositionGroup {
    enum class Presence { both, from_only, to_only };
    std::string key; ///< sector, region or factory id ("(no sector)" for an empty one)
    Presence presence = Presence::both;
    std::size_t factories_from = 0;
    std::size_t factories_to = 0;
    double value_added_from = 0;
    double value_added_to = 0;
    double from = 0; ///< Eᵢ⁰ (tce or t CO2)
    double to = 0;   ///< Eᵢᵀ
    /// The group's contributions to the activity, structure and intensity effects; a group
    /// that opens or closes takes its whole change as structure (the zero-value limits).
    std::array<double, kDecompositionEffectCount> effects{};
};
std::string_view to_string(DecompositionGroup::Presence presence);

/// How many factories the sums of a period include (conventions §10).
struct DecompositionCoverage {
    std::size_t factories = 0;
    std::size_t of = 0;
};

/// The intensity effect in the three readings of energy.md §0 item 7, each as a change of the
/// aggregate (negative = less): LMDI-I (the decomposition's own), Laspeyres Σ Qᵢ⁰·(Iᵢᵀ − Iᵢ⁰)
/// (baseline activity, "−13.8 on 100") and avoided energy Σ Qᵢᵀ·(Iᵢᵀ − Iᵢ⁰), the negative of
/// IPMVP / GB/T 13234 savings (baseline intensity × reporting activity − reporting quantity),
/// which `smartkpi impact` reports as savings. The last two cover groups present in both
/// periods with value added in both.
struct IntensityReadings {
    double lmdi = 0;
    double laspeyres = 0;
    double avoided_energy = 0;
};

/// The result: totals, additive and multiplicative effects, and each group's part.
struct EnergyDecomposition {
    DecompositionGrouping grouping = DecompositionGrouping::sector;
    DecomposedQuantity quantity = DecomposedQuantity::energy;
    std::string currency;
    std::string from_label;
    std::string to_label;
    std::string from_source;
    std::string to_source;
    double value_added_from = 0; ///< Q⁰
    double value_added_to = 0;   ///< Qᵀ
    double from = 0;             ///< V⁰ = Σᵢ Eᵢ⁰ over the included factories
    double to = 0;               ///< Vᵀ
    /// ΔV_k; they sum to to − from (checked to 1e-12 relative, else InternalError).
    std::array<double, kDecompositionEffectCount> additive{};
    /// D_k; they multiply to to / from. Absent when a total is 0.
    std::optional<std::array<double, kDecompositionEffectCount>> multiplicative;
    std::vector<DecompositionGroup> groups; ///< sorted by key (byte order; conventions §5)
    DecompositionCoverage coverage_from;
    DecompositionCoverage coverage_to;
    IntensityReadings readings;
    std::vector<std::string> warnings;

    [[nodiscard]] double change() const { return to - from; }
    /// to / from; undefined when from is 0.
    [[nodiscard]] KpiValue ratio() const;
    /// An additive effect as a fraction of the change; undefined when the change is 0.
    [[nodiscard]] KpiValue share(DecompositionEffect effect) const;
};

struct DecompositionOptions {
    DecompositionGrouping grouping = DecompositionGrouping::sector;
    DecomposedQuantity quantity = DecomposedQuantity::energy;
};

/// Decomposes the change from `from` to `to`. Factories are matched by id: one that lacks value
/// added or the quantity in either period is left out of both periods' sums, with a warning
/// and the coverage counted (conventions §10); one present in a single period opens or closes.
/// Throws DataError naming the factory for a negative value (LMDI needs values of one sign;
/// Ang & Liu 2007), energy without value added (the intensity is then undefined), or an id
/// given twice in a period; DataError when a period has no factory with both figures or the
/// periods use different currencies.
EnergyDecomposition decompose_energy(const DecompositionPeriod& from,
                                     const DecompositionPeriod& to,
                                     const DecompositionOptions& options = {});

} // namespace smartkpi
