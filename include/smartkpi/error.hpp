// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// A place in the user's input: file, line and column (1-based, 0 = unknown), and the JSON
/// pointer (RFC 6901) of the value or the CSV column name.
struct Location {
    std::string source;       ///< file name as given by the user, "-" for standard input
    std::size_t line = 0;     ///< 1-based; 0 when unknown
    std::size_t column = 0;   ///< 1-based; 0 when unknown
    std::string json_pointer; ///< e.g. "/factories/3/energy/electricity"; CSV: "column name"

    /// Compiler-style prefix: `file:line:column (pointer)`; empty when nothing is known.
    [[nodiscard]] std::string to_string() const;
};

/// Base of every exception smartkpi throws. `what()` is one line: `<where>: <message>`.
class Error : public std::runtime_error {
  public:
    Error(std::string message, Location where);
    explicit Error(const std::string& message) : Error(message, Location{}) {}

    /// Where in the input the problem is (may be empty).
    [[nodiscard]] const Location& where() const noexcept { return where_; }
    /// The message without the location prefix.
    [[nodiscard]] const std::string& message() const noexcept { return message_; }

  private:
    Location where_;
    std::string message_;
};

/// The content of an input is wrong (CLI exit code 65).
class DataError : public Error {
  public:
    using Error::Error;
};

/// The text is not well-formed JSON or CSV.
class ParseError : public DataError {
  public:
    using DataError::DataError;
    static ParseError unexpected(std::string_view found, std::string_view expected, Location where);
    static ParseError invalid_utf8(std::size_t byte_offset, Location where);
};

/// A value has the wrong type, a required key is missing, a key is unknown or duplicated.
class SchemaError : public DataError {
  public:
    using DataError::DataError;
    static SchemaError missing_key(std::string_view key, Location where);
    static SchemaError
    wrong_type(std::string_view expected, std::string_view found, Location where);
    static SchemaError unknown_key(std::string_view key,
                                   const std::vector<std::string_view>& accepted,
                                   Location where);
    static SchemaError
    bad_enum(std::string_view value, const std::vector<std::string_view>& accepted, Location where);
    static SchemaError duplicate(std::string_view what, std::string_view value, Location where);
};

/// An unknown unit or currency, a unit of the wrong dimension, or currencies mixed without a rate.
class UnitError : public DataError {
  public:
    using DataError::DataError;
    static UnitError unknown_unit(std::string_view unit,
                                  const std::vector<std::string_view>& accepted,
                                  Location where);
    static UnitError unknown_currency(std::string_view code, Location where);
    static UnitError no_fx_rate(std::string_view from, std::string_view to, Location where);
};

/// A value is outside its domain: negative quantities, non-finite numbers, effects <= -100 %.
class DomainError : public DataError {
  public:
    using DataError::DataError;
    static DomainError negative(std::string_view what, double value, Location where);
    static DomainError not_finite(std::string_view what, Location where);
};

/// The caller asked for something that cannot be done with the given options (CLI exit code 64).
class UsageError : public Error {
  public:
    using Error::Error;
};

/// A named input cannot be opened or read (CLI exit code 66).
class InputError : public Error {
  public:
    using Error::Error;
    static InputError not_found(std::string_view path);
    static InputError unreadable(std::string_view path, std::string_view reason);
};

/// A result cannot be written (CLI exit codes 73 and 74).
class OutputError : public Error {
  public:
    enum class Kind { cannot_create, write_failed };
    OutputError(Kind kind, std::string message) : Error(std::move(message)), kind_(kind) {}
    [[nodiscard]] Kind kind() const noexcept { return kind_; }
    static OutputError cannot_create(std::string_view path, std::string_view reason);
    static OutputError write_failed(std::string_view path, std::string_view reason);

  private:
    Kind kind_;
};

/// A broken invariant inside smartkpi: a bug (CLI exit code 70).
class InternalError : public Error {
  public:
    // __builtin_FILE/LINE rather than std::source_location: clang 14 (the fuzz and tidy
    // presets) cannot compile libstdc++ 12's <source_location>.
    explicit InternalError(std::string_view message,
                           const char* file = __builtin_FILE(),
                           int line = __builtin_LINE());
};

} // namespace smartkpi
