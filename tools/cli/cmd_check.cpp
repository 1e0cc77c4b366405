// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "commands.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "output.hpp"

#include <smartkpi/engine/kpi_gate.hpp>
#include <smartkpi/io/check_input.hpp>
#include <smartkpi/report/check_report.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <ostream>

namespace smartkpi::cli {

namespace {

struct CheckOptions {
    std::string report;
    std::string rules;
    std::string baseline;
    std::string junit;
    EncodingOption encoding;
    OutputOptions output;
};

bool is_stdout(const std::string& path) {
    return path.empty() || path == "-";
}

void check_streams(const CheckOptions& o) {
    const int from_stdin = static_cast<int>(o.report == "-") + static_cast<int>(o.rules == "-") +
                           static_cast<int>(o.baseline == "-");
    if (from_stdin > 1) {
        throw UsageError("only one of --report, --rules and --baseline can read standard input");
    }
    if (!o.junit.empty() && o.junit == "-" && is_stdout(o.output.output)) {
        throw UsageError("--junit - and the report cannot both go to standard output; give "
                         "--output FILE");
    }
    if (!o.junit.empty() && !is_stdout(o.junit) && o.junit == o.output.output) {
        throw UsageError("--junit and --output name the same file");
    }
}

void run_check(const CheckOptions& o, Context& ctx) {
    const Format format = parse_format(o.output.format);
    check_streams(o);
    const std::vector<Rule> rules = read_rules_json(read_input(o.rules, o.encoding, ctx), o.rules);
    // Only the KPIs the rules name are kept from the reports, which may be large.
    std::vector<std::string> kpis;
    for (const Rule& r : rules) {
        kpis.push_back(r.kpi);
    }
    std::sort(kpis.begin(), kpis.end());
    kpis.erase(std::unique(kpis.begin(), kpis.end()), kpis.end());
    const GateReport report =
        read_gate_report_json(read_input(o.report, o.encoding, ctx), o.report, kpis);
    std::optional<GateReport> baseline;
    if (!o.baseline.empty()) {
        baseline = read_gate_report_json(read_input(o.baseline, o.encoding, ctx), o.baseline, kpis);
    }
    const GateResult result = evaluate(rules, report, baseline ? &*baseline : nullptr);

    CheckContext context;
    context.report = o.report;
    context.report_format = report.format;
    if (baseline) {
        context.baseline = o.baseline;
        context.baseline_format = baseline->format;
    }
    context.rules = o.rules;
    // Both files are created before either is written: a bad path leaves neither behind.
    OutputFile output(o.output.output, ctx.out);
    std::unique_ptr<OutputFile> junit;
    if (!o.junit.empty()) {
        junit = std::make_unique<OutputFile>(o.junit, ctx.out);
    }
    write_check_report(output.stream(), format, rules, result, context);
    if (junit) {
        write_check_junit(junit->stream(), rules, result, context);
        junit->commit();
    }
    output.commit();
    if (!result.passed()) {
        // A failed gate is a verdict, not an error: the report is complete (conventions §23).
        ctx.err << "smartkpi: check failed: " << result.failed_rules() << " of "
                << result.rule_count << " rule" << (result.rule_count == 1 ? "" : "s")
                << " failed\n";
        ctx.exit_code = kExitGateFailed;
    }
}

} // namespace

void add_check_command(CLI::App& app, Context& ctx) {
    auto opts = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand(
        "check", "KPI gate: check a JSON report against rules (exit 0 all pass, 1 a rule fails)");
    cmd->add_option("-r,--report", opts->report,
                    "JSON report of 'kpi compute', 'events kpi' or 'impact' ('-' = standard input)")
        ->required();
    cmd->add_option("--rules", opts->rules,
                    "Rules JSON file (data/schema/rules.schema.json): per KPI a min, a max or a "
                    "max_regression")
        ->required();
    cmd->add_option("-b,--baseline", opts->baseline,
                    "Baseline report of the same kind, for max_regression rules");
    cmd->add_option("--junit", opts->junit,
                    "Also write the results as JUnit XML to FILE, for CI systems");
    add_encoding_option(*cmd, opts->encoding);
    add_output_options(*cmd, opts->output);
    cmd->callback([opts, &ctx] { run_check(*opts, ctx); });
}

} // namespace smartkpi::cli
