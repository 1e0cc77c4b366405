// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/value.hpp>
#include <smartkpi/engine/kpi_registry.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// The choices where OEE conventions differ (reference iso22400-oee.md §3); every report
/// prints the ones it used.
struct KpiOptions {
    /// Planned downtime (POT − PBT): outside the availability base as in ISO 22400 and
    /// Nakajima (default), or an availability loss as in SMRP (then A, OEE, NEE and TEEP
    /// use POT instead of PBT).
    enum class PlannedDowntime { excluded, availability_loss };
    /// Loss view: minor stops as a performance loss (Nakajima, default) or an availability loss
    /// (ISO 22400 books them in ADET).
    enum class MinorStops { performance_loss, availability_loss };
    /// Loss view: setup and adjustment as an availability loss (Nakajima, default) or not a
    /// loss (removed from the base, as ISO's NEE does).
    enum class Setup { availability_loss, not_a_loss };
    /// Divisor of the variance of individual values: n − 1 (sample, SPC practice, default) or
    /// n (the ISO 22400-2 note).
    enum class VarianceDivisor { n_minus_1, n };

    PlannedDowntime planned_downtime = PlannedDowntime::excluded;
    MinorStops minor_stops = MinorStops::performance_loss;
    Setup setup = Setup::availability_loss;
    VarianceDivisor variance_divisor = VarianceDivisor::n_minus_1;
    /// Converts energy to standard coal; defaults (GB/T 2589-2020) when null.
    const Coefficients* coefficients = nullptr;
};

std::string_view to_string(KpiOptions::PlannedDowntime v);
std::string_view to_string(KpiOptions::MinorStops v);
std::string_view to_string(KpiOptions::Setup v);
std::string_view to_string(KpiOptions::VarianceDivisor v);

/// One consistency problem of a work unit's elements (e.g. APT > PBT), naming the element.
struct ElementProblem {
    std::string unit;
    std::string element; ///< key of the element at fault ("apt", "gq", "measurements")
    std::string message; ///< "actual production time (apt = 30000 s) exceeds planned busy time (pbt
                         ///< = 28800 s)"
};

/// Completes a unit's derivable elements (AUPT = APT + AUST, AUBT = AUPT + ADET, the ideal
/// time PRI·PQ, PQ = GQ + SQ + RQ) and checks every relation of the ISO time and
/// quantity model: derived elements given must agree, parts may not exceed their whole
/// (APT ≤ AUPT ≤ AUBT ≤ PBT ≤ POT, GQ + SQ + RQ ≤ PQ, GP ≤ IP, APWT ≤ APAT, PBT ≤ calendar
/// time, LSL < USL, ...). Returns the problems found; the caller decides whether they are
/// errors or, with --lenient, warnings.
std::vector<ElementProblem> complete_and_check(WorkUnit& unit);

/// Runs complete_and_check() on every unit. Strict (default): throws DomainError at the
/// first problem, located at the unit's record and the element (pointer
/// ".../elements/apt"). Lenient: returns every problem as a warning line naming the unit and
/// the element, and the KPIs are computed anyway.
std::vector<std::string> check_work_units(std::span<WorkUnit> units, bool lenient);

/// A KPI's value for a group of units, with the number of units whose data it covers.
struct KpiResult {
    const KpiDefinition* definition = nullptr;
    KpiValue value;
    std::size_t covered = 0; ///< units that carry every input of the KPI
    std::size_t of = 0;      ///< units in the group
};

/// A summed element of a group: the sum over the units that carry it.
struct ElementSum {
    std::optional<double> sum;
    std::size_t covered = 0;
};

/// The six-big-loss breakdown of a group's planned busy time, seconds (loss view).
struct LossBreakdown {
    double loading_time = 0; ///< PBT
    double breakdowns = 0;
    double setup_adjustments = 0;
    double small_stops = 0;
    double reduced_speed = 0;      ///< given, or derived as the residual
    double startup_rejects = 0;    ///< time: PRI × items
    double production_rejects = 0; ///< time: PRI × items
    double fully_productive = 0;   ///< PRI × (PQ − rejects)
    bool reduced_speed_derived = false;
};

/// The KPIs of one group of units, computed from summed elements.
struct GroupKpis {
    std::vector<KpiResult> kpis; ///< in the order asked for
    std::array<ElementSum, kElementCount> elements{};
    ElementSum ideal_time;    ///< Σ PRI·PQ (the elements hold PRI itself only where uniform)
    ElementSum calendar_time; ///< Σ period lengths
    std::optional<LossBreakdown> losses;
    std::vector<std::string> warnings; ///< e.g. effectiveness above 100 %
    [[nodiscard]] const KpiResult* find(Kpi kpi) const;
};

/// Computes `which` (every KPI when empty) for the units of one group. Each KPI sums its
/// numerator and denominator over the units that carry all its inputs (coverage), never
/// averaging the units' own KPIs (conventions §10, §20); a KPI none of the units can give is
/// not available, naming the missing inputs. Units must have been through
/// complete_and_check().
GroupKpis compute_kpis(std::span<const WorkUnit* const> units,
                       const KpiOptions& options = {},
                       std::span<const Kpi> which = {});

/// Levels of the roll-up (conventions §21: groups are paths).
enum class GroupBy { unit, line, site, region, all };
std::string_view to_string(GroupBy by);
/// Parses "unit", "machine", "line", "site", "region", "all"; UsageError otherwise.
GroupBy parse_group_by(std::string_view text);

/// A group of units at one level.
struct UnitGroup {
    GroupBy level = GroupBy::all;
    std::string id; ///< "M01", "S1/L1", "Shanghai/S1", "Shanghai", "all"
    /// The key fields, outermost first: {"site","S1"},{"line","L1"}.
    std::vector<std::pair<std::string_view, std::string>> key;
    std::vector<const WorkUnit*> units;
};

/// Groups units (pointers into `units`, which must outlive the result) by `by`, sorted by
/// key (byte order, conventions §5); units keep their input order inside a group.
/// `unit` groups by id (a unit's line and site must then agree across its periods,
/// DomainError otherwise); `line` by (site, line); `site` by (region, site); `region` by
/// region; `all` is one group.
std::vector<UnitGroup> group_units(std::span<const WorkUnit> units, GroupBy by);

/// The KPIs of every group at one level and of every unit record (the report shows both).
struct KpiRollup {
    struct Group {
        UnitGroup group;
        GroupKpis kpis;
    };
    struct Unit {
        const WorkUnit* unit = nullptr;
        GroupKpis kpis;
    };
    GroupBy by = GroupBy::unit;
    std::vector<Group> groups; ///< sorted by key
    /// Every unit record in input order, with its KPIs; empty when roll_up() was asked not to
    /// keep them (see record_kpis()).
    std::vector<Unit> units;
    /// The unit records, their options and the KPIs asked for, so that a writer can compute
    /// one record's KPIs at a time instead of holding them all.
    std::span<const WorkUnit> records;
    KpiOptions options;
    std::vector<Kpi> which;

    /// False when roll_up() was asked not to keep the KPIs (groups[i].kpis are then empty).
    bool kept = true;

    /// The KPIs of groups[i]: the kept ones, or computed now.
    [[nodiscard]] GroupKpis group_kpis(std::size_t i) const;
    /// The KPIs of records[i]: the kept ones, or computed now.
    [[nodiscard]] GroupKpis record_kpis(std::size_t i) const;
};

/// Groups `units` by `by` and computes `which` (every KPI when empty) for each group, from the
/// summed elements of its units, and for each unit record. Without `keep`, only the groups
/// are formed: a report writer then computes the KPIs of one group or record at a time
/// (group_kpis(), record_kpis()), which keeps memory flat for large inputs.
KpiRollup roll_up(std::span<const WorkUnit> units,
                  GroupBy by,
                  const KpiOptions& options = {},
                  std::span<const Kpi> which = {},
                  bool keep = true);

} // namespace smartkpi
