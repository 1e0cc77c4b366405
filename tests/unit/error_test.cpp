// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

namespace {

using smartkpi::DataError;
using smartkpi::DomainError;
using smartkpi::Error;
using smartkpi::InputError;
using smartkpi::InternalError;
using smartkpi::Location;
using smartkpi::OutputError;
using smartkpi::ParseError;
using smartkpi::SchemaError;
using smartkpi::UnitError;
using smartkpi::UsageError;

Location factory_energy() {
    return Location{"f.json", 12, 7, "/factories/3/energy"};
}

// The hierarchy decides the CLI exit code (ARCHITECTURE: one catch ladder): data errors 65,
// usage 64, input 66, output 73/74, internal 70.
static_assert(std::is_base_of_v<std::runtime_error, Error>);
static_assert(std::is_base_of_v<Error, DataError>);
static_assert(std::is_base_of_v<DataError, ParseError>);
static_assert(std::is_base_of_v<DataError, SchemaError>);
static_assert(std::is_base_of_v<DataError, UnitError>);
static_assert(std::is_base_of_v<DataError, DomainError>);
static_assert(!std::is_base_of_v<DataError, UsageError>);
static_assert(!std::is_base_of_v<DataError, InputError>);
static_assert(!std::is_base_of_v<DataError, OutputError>);
static_assert(!std::is_base_of_v<DataError, InternalError>);

TEST(LocationTest, FormatsFileLineColumnAndPointer) {
    EXPECT_EQ(factory_energy().to_string(), "f.json:12:7 (/factories/3/energy)");
}

TEST(LocationTest, OmitsUnknownColumn) {
    EXPECT_EQ((Location{"f.json", 12, 0, ""}).to_string(), "f.json:12");
    EXPECT_EQ((Location{"f.json", 12, 0, "/a"}).to_string(), "f.json:12 (/a)");
}

TEST(LocationTest, OmitsUnknownLine) {
    // No line: neither line nor column is printed, even if a column is set.
    EXPECT_EQ((Location{"f.json", 0, 0, "/factories/3/energy"}).to_string(),
              "f.json (/factories/3/energy)");
    EXPECT_EQ((Location{"f.json", 0, 7, ""}).to_string(), "f.json");
}

TEST(LocationTest, OmitsUnknownSource) {
    // Without a source, line and column have nothing to attach to: only the pointer remains.
    EXPECT_EQ((Location{"", 12, 7, "/factories/3/energy"}).to_string(), "(/factories/3/energy)");
    EXPECT_EQ((Location{"", 12, 7, ""}).to_string(), "");
}

TEST(LocationTest, EmptyWhenNothingIsKnown) {
    EXPECT_EQ(Location{}.to_string(), "");
}

TEST(LocationTest, StandardInputAndCsvColumn) {
    EXPECT_EQ((Location{"-", 3, 1, ""}).to_string(), "-:3:1");
    EXPECT_EQ((Location{"data.csv", 4, 2, "energy_electricity"}).to_string(),
              "data.csv:4:2 (energy_electricity)");
}

TEST(ErrorTest, WhatIsLocationColonMessage) {
    const Error error("something is wrong", factory_energy());
    EXPECT_STREQ(error.what(), "f.json:12:7 (/factories/3/energy): something is wrong");
    EXPECT_EQ(error.message(), "something is wrong");
    EXPECT_EQ(error.where().source, "f.json");
    EXPECT_EQ(error.where().line, 12U);
    EXPECT_EQ(error.where().column, 7U);
    EXPECT_EQ(error.where().json_pointer, "/factories/3/energy");
}

TEST(ErrorTest, WhatIsMessageAloneWithoutLocation) {
    const Error error("something is wrong");
    EXPECT_STREQ(error.what(), "something is wrong");
    EXPECT_EQ(error.message(), "something is wrong");
    EXPECT_EQ(error.where().to_string(), "");
}

TEST(ErrorTest, DerivedErrorsCatchableAsBase) {
    try {
        throw UnitError::unknown_currency("XYZ", factory_energy());
    } catch (const DataError& error) {
        EXPECT_EQ(error.where().line, 12U);
        EXPECT_EQ(std::string(error.what()).rfind("f.json:12:7 (/factories/3/energy): ", 0), 0U);
        return;
    }
    FAIL() << "UnitError was not caught as DataError";
}

TEST(ParseErrorTest, Unexpected) {
    const auto error = ParseError::unexpected("'}'", "a value", factory_energy());
    EXPECT_EQ(error.message(), "unexpected '}'; expected a value");
    EXPECT_STREQ(error.what(),
                 "f.json:12:7 (/factories/3/energy): unexpected '}'; expected a value");
}

TEST(ParseErrorTest, InvalidUtf8SuggestsGbk) {
    // conventions §17: name the byte offset and suggest --encoding gbk.
    const auto error = ParseError::invalid_utf8(17, Location{"f.csv", 2, 5, ""});
    EXPECT_EQ(error.message(), "invalid UTF-8 at byte offset 17; if the file is GBK-encoded, "
                               "convert it (e.g. iconv -f GBK -t UTF-8) or pass --encoding gbk");
    EXPECT_EQ(std::string(error.what()).rfind("f.csv:2:5: invalid UTF-8 at byte offset 17", 0), 0U);
}

TEST(SchemaErrorTest, MissingKey) {
    EXPECT_EQ(SchemaError::missing_key("id", {}).message(), "missing required field \"id\"");
}

TEST(SchemaErrorTest, WrongType) {
    EXPECT_EQ(SchemaError::wrong_type("number", "string", {}).message(),
              "expected number, found string");
}

TEST(SchemaErrorTest, UnknownKeyListsAccepted) {
    EXPECT_EQ(SchemaError::unknown_key("enrgy", {"id", "name", "energy"}, {}).message(),
              "unknown field \"enrgy\"; accepted: id, name, energy");
}

TEST(SchemaErrorTest, BadEnumListsAccepted) {
    const auto error =
        SchemaError::bad_enum("national", {"none", "city", "state"}, Location{"f.json", 4, 15, ""});
    EXPECT_EQ(error.message(), "invalid value \"national\"; accepted: none, city, state");
    EXPECT_STREQ(error.what(),
                 "f.json:4:15: invalid value \"national\"; accepted: none, city, state");
}

TEST(SchemaErrorTest, Duplicate) {
    EXPECT_EQ(SchemaError::duplicate("factory record", "SH-01 2024-01-01/2025-01-01", {}).message(),
              "duplicate factory record \"SH-01 2024-01-01/2025-01-01\"");
}

TEST(UnitErrorTest, UnknownUnitListsAccepted) {
    EXPECT_EQ(UnitError::unknown_unit("MWhh", {"kWh", "MWh", "GWh"}, {}).message(),
              "unknown unit \"MWhh\"; accepted: kWh, MWh, GWh");
}

TEST(UnitErrorTest, UnknownUnitWithEmptyList) {
    EXPECT_EQ(UnitError::unknown_unit("x", {}, {}).message(), "unknown unit \"x\"; accepted: ");
}

TEST(UnitErrorTest, UnknownCurrency) {
    EXPECT_EQ(UnitError::unknown_currency("XYZ", {}).message(),
              "unknown currency \"XYZ\" (expected an ISO 4217 code such as CNY or USD)");
}

TEST(UnitErrorTest, NoFxRate) {
    EXPECT_EQ(UnitError::no_fx_rate("EUR", "CNY", {}).message(),
              "no exchange rate from EUR to CNY; add one to the \"fx\" table");
}

TEST(DomainErrorTest, Negative) {
    EXPECT_EQ(DomainError::negative("employees", -3, {}).message(),
              "employees must not be negative (got -3)");
    EXPECT_EQ(DomainError::negative("labour_hours", -2.5, {}).message(),
              "labour_hours must not be negative (got -2.5)");
}

TEST(DomainErrorTest, NotFinite) {
    EXPECT_EQ(DomainError::not_finite("quantity", {}).message(),
              "quantity must be a finite number");
}

TEST(InputErrorTest, NotFoundAndUnreadable) {
    const auto missing = InputError::not_found("in/factories.json");
    EXPECT_STREQ(missing.what(), "in/factories.json: no such file");
    EXPECT_EQ(missing.where().to_string(), "");
    EXPECT_STREQ(InputError::unreadable("in/factories.json", "Permission denied").what(),
                 "in/factories.json: cannot read: Permission denied");
}

TEST(OutputErrorTest, KindsAndMessages) {
    const auto create = OutputError::cannot_create("out/r.json", "No such file or directory");
    EXPECT_EQ(create.kind(), OutputError::Kind::cannot_create);
    EXPECT_STREQ(create.what(), "out/r.json: cannot create: No such file or directory");
    const auto write = OutputError::write_failed("out/r.json", "No space left on device");
    EXPECT_EQ(write.kind(), OutputError::Kind::write_failed);
    EXPECT_STREQ(write.what(), "out/r.json: write failed: No space left on device");
}

TEST(InternalErrorTest, NamesTheCallSite) {
    const int line = __LINE__ + 1;
    const InternalError error("counter went negative");
    const std::string what = error.what();
    EXPECT_EQ(what.rfind("internal error: counter went negative [", 0), 0U) << what;
    EXPECT_NE(what.find("error_test.cpp:" + std::to_string(line) + "]"), std::string::npos) << what;
    const std::string tail = "; this is a bug, please report it";
    ASSERT_GE(what.size(), tail.size());
    EXPECT_EQ(what.substr(what.size() - tail.size()), tail);
}

} // namespace
