// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Umbrella header: every public header, in layer order (core → model → engine → io → report).
// Includes only; tests/headers checks that it lists every header under include/smartkpi/.
#pragma once

// Layer order, not alphabetical: keep clang-format's include sorting away.
// clang-format off
#include <smartkpi/error.hpp>
#include <smartkpi/version.hpp>

#include <smartkpi/core/money.hpp>
#include <smartkpi/core/period.hpp>
#include <smartkpi/core/quantity.hpp>
#include <smartkpi/core/timestamp.hpp>
#include <smartkpi/core/trend.hpp>
#include <smartkpi/core/value.hpp>

#include <smartkpi/model/consortium.hpp>
#include <smartkpi/model/dataset.hpp>
#include <smartkpi/model/energy_carrier.hpp>
#include <smartkpi/model/energy_series.hpp>
#include <smartkpi/model/factory.hpp>
#include <smartkpi/model/machine_state.hpp>
#include <smartkpi/model/programme_target.hpp>
#include <smartkpi/model/shift_calendar.hpp>
#include <smartkpi/model/work_unit.hpp>

#include <smartkpi/engine/event_rollup.hpp>
#include <smartkpi/engine/factory_kpis.hpp>
#include <smartkpi/engine/kpi_gate.hpp>
#include <smartkpi/engine/kpi_engine.hpp>
#include <smartkpi/engine/kpi_registry.hpp>
#include <smartkpi/engine/oee.hpp>
#include <smartkpi/engine/scenario.hpp>
#include <smartkpi/engine/target_progress.hpp>
#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/engine/regression.hpp>
#include <smartkpi/engine/baseline_metrics.hpp>
#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/engine/lmdi.hpp>
#include <smartkpi/engine/energy_decomposition.hpp>
#include <smartkpi/engine/energy_accounts.hpp>

#include <smartkpi/io/calendar_input.hpp>
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/io/csv_input.hpp>
#include <smartkpi/io/embedded_data.hpp>
#include <smartkpi/io/energy_series_input.hpp>
#include <smartkpi/io/event_log_input.hpp>
#include <smartkpi/io/event_partial_input.hpp>
#include <smartkpi/io/impact_report_input.hpp>
#include <smartkpi/io/json_input.hpp>
#include <smartkpi/io/problems.hpp>
#include <smartkpi/io/text_file.hpp>
#include <smartkpi/io/work_unit_input.hpp>

#include <smartkpi/report/check_report.hpp>
#include <smartkpi/report/consortium_report.hpp>
#include <smartkpi/report/event_report.hpp>
#include <smartkpi/report/format.hpp>
#include <smartkpi/report/impact_report.hpp>
#include <smartkpi/report/kpi_report.hpp>
#include <smartkpi/report/targets_report.hpp>
#include <smartkpi/report/text_table.hpp>
#include <smartkpi/report/baseline_report.hpp>
#include <smartkpi/report/baseline_chart.hpp>
#include <smartkpi/report/decomposition_report.hpp>
#include <smartkpi/report/energy_accounts_report.hpp>
// clang-format on
