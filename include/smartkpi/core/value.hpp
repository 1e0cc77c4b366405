// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// The result of a KPI or a derived quantity: a number, "not available" (inputs are missing,
/// named), or "undefined" (e.g. a zero denominator, with the reason). Never NaN, never a
/// sentinel number (conventions §1; architecture habit 7).
class KpiValue {
  public:
    enum class Status { available, not_available, undefined };

    KpiValue() : status_(Status::not_available) {}

    static KpiValue of(double value) { return KpiValue(Status::available, value); }
    static KpiValue missing(std::vector<std::string> elements);
    static KpiValue undefined(std::string reason);

    [[nodiscard]] Status status() const noexcept { return status_; }
    [[nodiscard]] bool available() const noexcept { return status_ == Status::available; }
    /// The number; only meaningful when available().
    [[nodiscard]] double value() const noexcept { return value_; }
    /// Names of the missing inputs (status not_available).
    [[nodiscard]] const std::vector<std::string>& missing_inputs() const noexcept {
        return missing_;
    }
    /// Why the value is undefined (status undefined).
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

  private:
    KpiValue(Status status, double value) : status_(status), value_(value) {}

    Status status_;
    double value_ = 0;
    std::vector<std::string> missing_;
    std::string reason_;
};

/// "available", "not_available", "undefined": the names reports use (conventions §1).
std::string_view to_string(KpiValue::Status status);

/// numerator / denominator with the undefined rule: a zero denominator gives undefined with
/// the reason "zero denominator: <denominator_name> = 0".
KpiValue ratio(double numerator, double denominator, std::string_view denominator_name);

} // namespace smartkpi
