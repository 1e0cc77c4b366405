// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/engine/upgrade_impact.hpp>
#include <smartkpi/report/format.hpp>

#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace smartkpi {

/// Writes the upgrade-impact report factory by factory, so that a large dataset never has to
/// be held as a report in memory (JSON and CSV stream; table and Markdown keep their rows to
/// align them).
///
/// JSON (data/schema/impact-report.schema.json): {"format", "scenario", "currency",
/// "factories": [{"id", ..., "baseline", "upgraded", "change", "savings"}], "totals": {"factories",
/// "covered", "baseline", ..., "coverage", "by_region", "by_level"}, "coefficients", "fx",
/// "warnings"}; every value in the encoding of
/// conventions §1, ratios as fractions, numbers unrounded.
/// CSV: one row per (factory or group, metric): scope,key,name,region,level,covered,metric,
/// unit,baseline,upgraded,change,change_relative,savings,savings_relative; then the
/// coefficients used (scope "coefficient").
class ImpactReportWriter {
  public:
    /// Writes the report's head. `assessor` must outlive the writer; its scenario and
    /// coefficients are the ones the report states.
    ImpactReportWriter(std::ostream& out, Format format, const ImpactAssessor& assessor);
    ~ImpactReportWriter();
    ImpactReportWriter(const ImpactReportWriter&) = delete;
    ImpactReportWriter& operator=(const ImpactReportWriter&) = delete;

    /// Adds one factory's impact (in input order).
    void add(const FactoryImpact& impact);
    /// Assesses and adds every factory, evaluating and formatting on up to `threads` threads
    /// (0: one per processor). The output is the same, byte for byte, as calling
    /// add(assessor.assess(f)) for each factory in order.
    void
    add_all(std::span<const Factory> factories, ImpactAssessor& assessor, unsigned threads = 0);
    /// Hands consecutive chunks of factories, in input order, to the sink it is given.
    using ChunkProducer =
        std::function<void(const std::function<void(std::vector<Factory>&&)>& sink)>;
    /// Like add_all() over every factory `produce` hands over, while it is still producing:
    /// `produce` runs on a thread of its own (e.g. reading a large file), so reading, assessing,
    /// formatting and writing overlap. An exception thrown by `produce` is thrown here.
    void add_streamed(const ChunkProducer& produce, ImpactAssessor& assessor, unsigned threads = 0);
    /// Writes the totals (from the assessor), coefficients and warnings, and flushes.
    void finish(const std::vector<std::string>& warnings);

  private:
    class Impl;
    class Pipeline;
    std::unique_ptr<Impl> impl_;
    Format format_;
};

/// Assesses every factory of `dataset` under `scenario` and writes the report, using up to
/// `threads` threads (0: one per processor; the output does not depend on the number).
void write_impact_report(std::ostream& out,
                         Format format,
                         const Dataset& dataset,
                         const Scenario& scenario,
                         Currency currency = Currency("CNY"),
                         unsigned threads = 0);

} // namespace smartkpi
