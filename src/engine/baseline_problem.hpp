// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

// The data of one baseline fit, set up once: which drivers and forms take part, which periods
// are baseline and reporting, and their values as flat columns. Kept apart from the fitting
// so that the model selection and the savings see the same, already checked, periods.

#include <smartkpi/engine/energy_baseline.hpp>
#include <smartkpi/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smartkpi::detail {

inline constexpr std::string_view kTemperature = "temperature_c";
inline constexpr std::string_view kHeatingSlope = "heating_slope";
inline constexpr std::string_view kCoolingSlope = "cooling_slope";
inline constexpr double kMillisPerDay = 86'400'000.0;

constexpr bool is_change_point(ModelType type) {
    return type != ModelType::ols;
}
constexpr bool has_heating(ModelType type) {
    return type == ModelType::cp3_heating || type == ModelType::cp4 || type == ModelType::cp5;
}
constexpr bool has_cooling(ModelType type) {
    return type == ModelType::cp3_cooling || type == ModelType::cp4 || type == ModelType::cp5;
}

/// Degree-day columns and the temperature itself do not enter the change-point forms
/// linearly: the hinge terms of temperature_c replace them (and with them the design would be
/// collinear, e.g. 4p's two hinges add up to T - Tb).
bool linear_in_change_point(std::string_view driver);

/// Whether a driver adds up over a period (production, degree days, ...) and so is divided by
/// the period's days in a per-day fit; temperature_c and drivers named temperature* are
/// period means and enter as they are (CalTRACK usage per day, energy.md §2.2).
bool summable(std::string_view driver);

/// Length of row i in days (fractional); not positive for a period of no length.
double period_days(const EnergySeries& series, std::size_t i);

/// "a, b, c" for a message, "(none)" for no names.
std::string join_names(const std::vector<std::string>& names);

/// Rows of one period (baseline or reporting) gathered into flat columns: per day of each
/// period in a per-day fit (y and the summable drivers divided by the days; the series keeps
/// the energy per period).
struct Sample {
    std::vector<std::size_t> rows;
    std::vector<double> y;
    std::vector<double> weights;             ///< empty when unweighted (never in a per-day fit)
    std::vector<double> temperature;         ///< empty without a temperature column
    std::vector<std::vector<double>> linear; ///< per name in Problem::drivers
    [[nodiscard]] std::size_t size() const noexcept { return rows.size(); }
};

/// What one fit_baseline call works on.
struct Problem {
    const EnergySeries* series = nullptr;
    const BaselineOptions* options = nullptr;
    std::vector<std::string> drivers;               ///< linear drivers of the ols form
    std::vector<const std::vector<double>*> values; ///< their columns
    const std::vector<double>* temperature = nullptr;
    std::vector<ModelType> forms;
    const AcceptancePreset* preset = nullptr;
    std::string acceptance_note;
    std::vector<std::string> notes; ///< warnings about the data found while setting up
};

/// Evaluates a fitted model on the series' own columns.
class Evaluator {
  public:
    Evaluator(const BaselineModel& model, const EnergySeries& series);

    /// The model's value for row i, per period (a per-day model's value × the days): NaN when a
    /// column it needs is absent or missing there, when the value overflows, or (per day) when
    /// the period has no length.
    [[nodiscard]] double operator()(std::size_t i) const;

  private:
    struct Linear {
        const std::vector<double>* column = nullptr;
        double coefficient = 0;
        bool per_day = false; ///< divided by the period's days (a summable driver, per-day model)
    };
    const BaselineModel& model_;
    const EnergySeries& series_;
    double intercept_ = 0;
    double heating_ = 0;
    double cooling_ = 0;
    std::vector<Linear> linear_;
    const std::vector<double>* temperature_ = nullptr;
};

/// Where in the series' file an error is (line 0: the file as a whole).
Location where(const EnergySeries& series, std::size_t line = 0);

/// The linear drivers of one form: the change-point forms leave out those their hinge terms
/// replace.
std::vector<std::string> form_drivers(const Problem& problem, ModelType type);

/// Position of a driver in Problem::drivers (and so in Sample::linear).
std::size_t driver_index(const Problem& problem, std::string_view name);

/// The rows' values; throws DataError for a weighted or per-day fit over a period of no length.
Sample gather(const Problem& problem, std::vector<std::size_t> rows);

/// Throws UsageError for options no series could be fitted with.
void validate(const BaselineOptions& options);

/// The drivers and forms of a fit (its acceptance preset is left to the caller). Throws
/// DataError for an unknown driver or a change-point form without temperature_c.
Problem make_problem(const EnergySeries& series, const BaselineOptions& options);

/// Rows of each period, with the warnings about what was left out.
struct Split {
    std::vector<std::size_t> baseline;
    std::vector<std::size_t> reporting;
    std::vector<std::string> warnings;
};

/// Splits the rows at the upgrade date, leaving out periods that straddle it or lack a value
/// the fit needs. Throws DataError when either period ends up empty.
Split split_periods(const Problem& problem);

} // namespace smartkpi::detail
