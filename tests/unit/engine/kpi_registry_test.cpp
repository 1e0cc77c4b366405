// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/trend.hpp>
#include <smartkpi/engine/kpi_registry.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace {

using smartkpi::all_kpis;
using smartkpi::find_kpi;
using smartkpi::Kpi;
using smartkpi::KpiDefinition;
using smartkpi::Trend;

bool is_snake_case(std::string_view id) {
    if (id.empty() || id.front() == '_' || id.back() == '_' || id.find("__") != id.npos) {
        return false;
    }
    if (id.front() < 'a' || id.front() > 'z') {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// Conventions §19: the identifiers, in ISO 22400-2:2014 clause order, then the extras.
constexpr std::string_view kIds[] = {"worker_efficiency",
                                     "allocation_ratio",
                                     "throughput_rate",
                                     "allocation_efficiency",
                                     "utilization_efficiency",
                                     "oee_index",
                                     "nee_index",
                                     "availability",
                                     "effectiveness",
                                     "quality_ratio",
                                     "setup_ratio",
                                     "technical_efficiency",
                                     "production_process_ratio",
                                     "actual_to_planned_scrap_ratio",
                                     "first_pass_yield",
                                     "scrap_ratio",
                                     "rework_ratio",
                                     "fall_off_ratio",
                                     "cm",
                                     "cmk",
                                     "cp",
                                     "cpk",
                                     "comprehensive_energy_consumption",
                                     "inventory_turns",
                                     "finished_goods_ratio",
                                     "integrated_goods_ratio",
                                     "production_loss_ratio",
                                     "storage_and_transportation_loss_ratio",
                                     "other_loss_ratio",
                                     "equipment_load_ratio",
                                     "mtbf",
                                     "mttf",
                                     "mttr",
                                     "corrective_maintenance_ratio",
                                     "teep",
                                     "pp",
                                     "ppk",
                                     "loss_view_availability",
                                     "loss_view_performance",
                                     "loss_view_quality",
                                     "loss_view_oee"};

TEST(KpiRegistry, FortyOneKpisIsoOnesFirstInClauseOrder) {
    const auto kpis = all_kpis();
    ASSERT_EQ(kpis.size(), 41U);
    ASSERT_EQ(kpis.size(), smartkpi::kKpiCount);
    ASSERT_EQ(std::size(kIds), kpis.size());
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        SCOPED_TRACE(kIds[i]);
        EXPECT_EQ(kpis[i].id, kIds[i]);
        EXPECT_EQ(static_cast<std::size_t>(kpis[i].kpi), i);
        if (i < smartkpi::kIsoKpiCount) {
            EXPECT_EQ(kpis[i].iso_number, static_cast<int>(i) + 1);
            EXPECT_TRUE(kpis[i].is_iso());
            EXPECT_EQ(kpis[i].source, "ISO 22400-2:2014");
        } else {
            EXPECT_EQ(kpis[i].iso_number, 0);
            EXPECT_FALSE(kpis[i].is_iso());
            // Conventions §19: extras are marked as not part of ISO 22400-2:2014.
            EXPECT_NE(kpis[i].source.find("not ISO 22400-2"), std::string_view::npos);
        }
    }
}

TEST(KpiRegistry, IdsAreUniqueSnakeCase) {
    std::set<std::string_view> seen;
    for (const KpiDefinition& d : all_kpis()) {
        EXPECT_TRUE(is_snake_case(d.id)) << d.id;
        EXPECT_TRUE(seen.insert(d.id).second) << "duplicate " << d.id;
    }
}

TEST(KpiRegistry, EveryDefinitionIsComplete) {
    for (const KpiDefinition& d : all_kpis()) {
        SCOPED_TRACE(std::string(d.id));
        EXPECT_FALSE(d.name.empty());
        EXPECT_FALSE(d.formula.empty());
        EXPECT_FALSE(d.unit.empty());
        EXPECT_FALSE(d.range.empty());
        EXPECT_FALSE(d.description.empty());
        EXPECT_FALSE(d.source.empty());
        // Conventions §23: every KPI a check rule can address has a trend.
        EXPECT_NE(d.trend, Trend::none);
        EXPECT_FALSE(d.inputs.empty());
        for (std::string_view input : d.inputs) {
            EXPECT_FALSE(input.empty());
        }
        EXPECT_EQ(&smartkpi::definition(d.kpi), &d);
    }
}

TEST(KpiRegistry, InputsNameElementsOrKnownCompositeInputs) {
    const std::set<std::string_view> composite{"measurements",
                                               "energy",
                                               "inventory",
                                               "tbf",
                                               "ttf",
                                               "ttr",
                                               "period",
                                               "breakdowns",
                                               "setup_adjustments",
                                               "small_stops",
                                               "reduced_speed",
                                               "startup_rejects",
                                               "production_rejects"};
    for (const KpiDefinition& d : all_kpis()) {
        for (std::string_view input : d.inputs) {
            EXPECT_TRUE(smartkpi::find_element(input) != nullptr || composite.contains(input))
                << d.id << ": " << input;
        }
    }
}

TEST(KpiRegistry, UnitsFollowTheConventions) {
    // Conventions §2–3: ratios "%" (printed as fractions), durations "s", indices "1".
    for (Kpi k :
         {Kpi::oee_index, Kpi::availability, Kpi::effectiveness, Kpi::quality_ratio,
          Kpi::scrap_ratio, Kpi::fall_off_ratio, Kpi::equipment_load_ratio, Kpi::allocation_ratio,
          Kpi::corrective_maintenance_ratio, Kpi::teep, Kpi::loss_view_oee}) {
        EXPECT_EQ(smartkpi::definition(k).unit, "%") << smartkpi::definition(k).id;
        EXPECT_TRUE(smartkpi::definition(k).is_ratio());
    }
    for (Kpi k : {Kpi::mtbf, Kpi::mttf, Kpi::mttr}) {
        EXPECT_EQ(smartkpi::definition(k).unit, "s") << smartkpi::definition(k).id;
        EXPECT_FALSE(smartkpi::definition(k).is_ratio());
    }
    for (Kpi k : {Kpi::cm, Kpi::cmk, Kpi::cp, Kpi::cpk, Kpi::pp, Kpi::ppk}) {
        EXPECT_EQ(smartkpi::definition(k).unit, "1") << smartkpi::definition(k).id;
    }
    EXPECT_EQ(smartkpi::definition(Kpi::throughput_rate).unit, "items/s");
    EXPECT_FALSE(smartkpi::definition(Kpi::inventory_turns).is_ratio());
}

TEST(KpiRegistry, TrendsOfTheStandard) {
    // Reference §2.3 trend column.
    using smartkpi::definition;
    EXPECT_EQ(definition(Kpi::oee_index).trend, Trend::higher_is_better);
    EXPECT_EQ(definition(Kpi::availability).trend, Trend::higher_is_better);
    EXPECT_EQ(definition(Kpi::setup_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::actual_to_planned_scrap_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::scrap_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::rework_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::fall_off_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::comprehensive_energy_consumption).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::production_loss_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::mtbf).trend, Trend::higher_is_better);
    EXPECT_EQ(definition(Kpi::mttf).trend, Trend::higher_is_better);
    EXPECT_EQ(definition(Kpi::mttr).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::corrective_maintenance_ratio).trend, Trend::lower_is_better);
    EXPECT_EQ(definition(Kpi::cpk).trend, Trend::higher_is_better);
    EXPECT_EQ(smartkpi::to_string(Trend::higher_is_better), "higher_is_better");
    EXPECT_EQ(smartkpi::to_string(Trend::lower_is_better), "lower_is_better");
    EXPECT_EQ(smartkpi::to_string(Trend::none), "none");
}

TEST(KpiRegistry, FindKpiIsCaseInsensitiveAndKnowsAliases) {
    for (const KpiDefinition& d : all_kpis()) {
        EXPECT_EQ(find_kpi(d.id), &d) << d.id;
        std::string upper(d.id);
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        EXPECT_EQ(find_kpi(upper), &d) << upper;
    }
    EXPECT_EQ(find_kpi("oee"), &smartkpi::definition(Kpi::oee_index));
    EXPECT_EQ(find_kpi("OEE"), &smartkpi::definition(Kpi::oee_index));
    EXPECT_EQ(find_kpi("Oee_Index"), &smartkpi::definition(Kpi::oee_index));
    EXPECT_EQ(find_kpi("nee"), &smartkpi::definition(Kpi::nee_index));
    EXPECT_EQ(find_kpi("a"), &smartkpi::definition(Kpi::availability));
    EXPECT_EQ(find_kpi("e"), &smartkpi::definition(Kpi::effectiveness));
    EXPECT_EQ(find_kpi("qr"), &smartkpi::definition(Kpi::quality_ratio));
    EXPECT_EQ(find_kpi("Quality_Rate"), &smartkpi::definition(Kpi::quality_ratio));
    EXPECT_EQ(find_kpi("unknown_kpi"), nullptr);
    EXPECT_EQ(find_kpi(""), nullptr);
    EXPECT_EQ(find_kpi("oee "), nullptr);
}

} // namespace
