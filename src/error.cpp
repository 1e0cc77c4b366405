// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>

#include <fmt/format.h>

namespace smartkpi {

namespace {

std::string join(const std::vector<std::string_view>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += item;
    }
    return out;
}

std::string compose(const std::string& message, const Location& where) {
    const std::string prefix = where.to_string();
    return prefix.empty() ? message : prefix + ": " + message;
}

} // namespace

std::string Location::to_string() const {
    std::string out = source;
    if (!source.empty() && line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) {
            out += fmt::format(":{}", column);
        }
    }
    if (!json_pointer.empty()) {
        if (!out.empty()) {
            out += ' ';
        }
        out += '(';
        out += json_pointer;
        out += ')';
    }
    return out;
}

Error::Error(std::string message, Location where)
    : std::runtime_error(compose(message, where)), where_(std::move(where)),
      message_(std::move(message)) {}

ParseError
ParseError::unexpected(std::string_view found, std::string_view expected, Location where) {
    return {fmt::format("unexpected {}; expected {}", found, expected), std::move(where)};
}

ParseError ParseError::invalid_utf8(std::size_t byte_offset, Location where) {
    return {fmt::format("invalid UTF-8 at byte offset {}; if the file is GBK-encoded, convert it "
                        "(e.g. iconv -f GBK -t UTF-8) or pass --encoding gbk",
                        byte_offset),
            std::move(where)};
}

SchemaError SchemaError::missing_key(std::string_view key, Location where) {
    return {fmt::format("missing required field \"{}\"", key), std::move(where)};
}

SchemaError
SchemaError::wrong_type(std::string_view expected, std::string_view found, Location where) {
    return {fmt::format("expected {}, found {}", expected, found), std::move(where)};
}

SchemaError SchemaError::unknown_key(std::string_view key,
                                     const std::vector<std::string_view>& accepted,
                                     Location where) {
    return {fmt::format("unknown field \"{}\"; accepted: {}", key, join(accepted)),
            std::move(where)};
}

SchemaError SchemaError::bad_enum(std::string_view value,
                                  const std::vector<std::string_view>& accepted,
                                  Location where) {
    return {fmt::format("invalid value \"{}\"; accepted: {}", value, join(accepted)),
            std::move(where)};
}

SchemaError SchemaError::duplicate(std::string_view what, std::string_view value, Location where) {
    return {fmt::format("duplicate {} \"{}\"", what, value), std::move(where)};
}

UnitError UnitError::unknown_unit(std::string_view unit,
                                  const std::vector<std::string_view>& accepted,
                                  Location where) {
    return {fmt::format("unknown unit \"{}\"; accepted: {}", unit, join(accepted)),
            std::move(where)};
}

UnitError UnitError::unknown_currency(std::string_view code, Location where) {
    return {
        fmt::format("unknown currency \"{}\" (expected an ISO 4217 code such as CNY or USD)", code),
        std::move(where)};
}

UnitError UnitError::no_fx_rate(std::string_view from, std::string_view to, Location where) {
    return {fmt::format("no exchange rate from {} to {}; add one to the \"fx\" table", from, to),
            std::move(where)};
}

DomainError DomainError::negative(std::string_view what, double value, Location where) {
    return {fmt::format("{} must not be negative (got {})", what, value), std::move(where)};
}

DomainError DomainError::not_finite(std::string_view what, Location where) {
    return {fmt::format("{} must be a finite number", what), std::move(where)};
}

InputError InputError::not_found(std::string_view path) {
    return InputError(fmt::format("{}: no such file", path));
}

InputError InputError::unreadable(std::string_view path, std::string_view reason) {
    return InputError(fmt::format("{}: cannot read: {}", path, reason));
}

OutputError OutputError::cannot_create(std::string_view path, std::string_view reason) {
    return {Kind::cannot_create, fmt::format("{}: cannot create: {}", path, reason)};
}

OutputError OutputError::write_failed(std::string_view path, std::string_view reason) {
    return {Kind::write_failed, fmt::format("{}: write failed: {}", path, reason)};
}

InternalError::InternalError(std::string_view message, const char* file, int line)
    : Error(fmt::format(
          "internal error: {} [{}:{}]; this is a bug, please report it", message, file, line)) {}

} // namespace smartkpi
