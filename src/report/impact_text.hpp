// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: the table and Markdown forms of the impact report. Rows are gathered as the
// factories come and written at the end, since columns are aligned over all rows.
#pragma once

#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/report/format.hpp>
#include <smartkpi/report/text_table.hpp>

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi::detail {

class ImpactTextReport {
  public:
    ImpactTextReport(std::ostream& out, Format format, const ImpactAssessor& assessor);

    void add(const FactoryImpact& fi);
    void finish(const std::vector<std::string>& warnings);

  private:
    static constexpr std::array kPairMetrics{Metric::labour_productivity, Metric::operating_cost,
                                             Metric::energy_tce, Metric::energy_intensity,
                                             Metric::co2_t};

    void add_pair_columns(TextTable& t) const;
    [[nodiscard]] TextTable totals_table(const ImpactTotals& t) const;
    [[nodiscard]] TextTable savings_table(const ImpactTotals& t) const;
    [[nodiscard]] TextTable groups_table(std::string_view label,
                                         const std::map<std::string, ImpactTotals>& groups) const;
    void heading(std::string_view text);

    std::ostream& out_;
    Format format_;
    const ImpactAssessor& a_;
    std::string currency_;
    TextTable factory_table_;
};

} // namespace smartkpi::detail
