// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/core/trend.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace smartkpi {

/// The KPIs of ISO 22400-2:2014 in clause order (numbers 1–34), then the extras that the
/// standard does not define: TEEP, the long-term performance indices Pp/Ppk and the loss
/// view of OEE (conventions §19, §22).
enum class Kpi {
    worker_efficiency,
    allocation_ratio,
    throughput_rate,
    allocation_efficiency,
    utilization_efficiency,
    oee_index,
    nee_index,
    availability,
    effectiveness,
    quality_ratio,
    setup_ratio,
    technical_efficiency,
    production_process_ratio,
    actual_to_planned_scrap_ratio,
    first_pass_yield,
    scrap_ratio,
    rework_ratio,
    fall_off_ratio,
    cm,
    cmk,
    cp,
    cpk,
    comprehensive_energy_consumption,
    inventory_turns,
    finished_goods_ratio,
    integrated_goods_ratio,
    production_loss_ratio,
    storage_and_transportation_loss_ratio,
    other_loss_ratio,
    equipment_load_ratio,
    mtbf,
    mttf,
    mttr,
    corrective_maintenance_ratio,
    // Not part of ISO 22400-2:2014.
    teep,
    pp,
    ppk,
    loss_view_availability,
    loss_view_performance,
    loss_view_quality,
    loss_view_oee,
};
inline constexpr std::size_t kKpiCount = 41;
/// The first kIsoKpiCount KPIs are those of ISO 22400-2:2014.
inline constexpr std::size_t kIsoKpiCount = 34;

/// A KPI's description after the ISO 22400-1 §4.3 template.
struct KpiDefinition {
    Kpi kpi;
    std::string_view id;      ///< lower snake case, the JSON key ("oee_index")
    int iso_number;           ///< clause order in ISO 22400-2:2014 (1–34), 0 for extras
    std::string_view name;    ///< "OEE index"
    std::string_view formula; ///< in the elementary elements ("A × E × QR = APT/PBT × ...")
    std::string_view unit;    ///< display unit: "%" for ratios, "s", "1", "items/s", ...
    std::string_view range;   ///< logical range ("0–100 %", "0–∞")
    Trend trend;
    /// The inputs it needs, as element keys ("pbt", "tbf", "measurements", "period", ...).
    std::span<const std::string_view> inputs;
    std::string_view description;
    std::string_view source; ///< "ISO 22400-2:2014" or where an extra comes from
    /// True for ratios printed as fractions in machine formats (unit "%").
    [[nodiscard]] bool is_ratio() const noexcept { return unit == "%"; }
    [[nodiscard]] bool is_iso() const noexcept { return iso_number != 0; }
};

/// Every KPI, ISO ones first in clause order.
std::span<const KpiDefinition> all_kpis();
const KpiDefinition& definition(Kpi kpi);
/// Looks a KPI up by identifier, case-insensitively ("oee_index", "OEE_INDEX"); also accepts
/// the common short names "oee", "nee", "a", "e", "qr"/"quality_rate". nullptr if unknown.
const KpiDefinition* find_kpi(std::string_view id);

} // namespace smartkpi
