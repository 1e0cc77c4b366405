// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/money.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using smartkpi::Currency;
using smartkpi::FxRate;
using smartkpi::FxTable;
using smartkpi::Location;
using smartkpi::Money;
using smartkpi::parse_money;
using smartkpi::ParseError;
using smartkpi::UnitError;

template <typename E> std::string money_error(std::string_view text) {
    try {
        (void)parse_money(text);
    } catch (const E& error) {
        return error.what();
    }
    return "no error";
}

std::string currency_error(std::string_view code) {
    try {
        (void)Currency(code);
    } catch (const UnitError& error) {
        return error.what();
    }
    return "no error";
}

const Currency kCny("CNY");
const Currency kUsd("USD");
const Currency kEur("EUR");

TEST(CurrencyTest, KnownCodes) {
    EXPECT_EQ(Currency("CNY").code(), "CNY");
    EXPECT_EQ(Currency("USD").code(), "USD");
    EXPECT_EQ(Currency().code(), "CNY"); // the default reporting currency (conventions §11)
    EXPECT_EQ(Currency("EUR"), kEur);
    EXPECT_FALSE(Currency("EUR") == kCny);
    EXPECT_TRUE(smartkpi::is_known_currency("HKD"));
    EXPECT_FALSE(smartkpi::is_known_currency("XYZ"));
    EXPECT_FALSE(smartkpi::is_known_currency("cny"));
}

TEST(CurrencyTest, RejectsUnknownCode) {
    EXPECT_EQ(currency_error("XYZ"),
              "unknown currency \"XYZ\" (expected an ISO 4217 code such as CNY or USD)");
}

TEST(CurrencyTest, RejectsLowerCase) {
    // ISO 4217 alphabetic codes are upper case; "cny" is not silently accepted.
    EXPECT_EQ(currency_error("cny"),
              "unknown currency \"cny\" (expected an ISO 4217 code such as CNY or USD)");
}

TEST(CurrencyTest, RejectsWrongLength) {
    EXPECT_EQ(currency_error(""),
              "unknown currency \"\" (expected an ISO 4217 code such as CNY or USD)");
    EXPECT_EQ(currency_error("CNYY"),
              "unknown currency \"CNYY\" (expected an ISO 4217 code such as CNY or USD)");
    EXPECT_EQ(currency_error("RMB"),
              "unknown currency \"RMB\" (expected an ISO 4217 code such as CNY or USD)");
}

TEST(CurrencyTest, ErrorCarriesLocation) {
    try {
        (void)Currency("XYZ", Location{"f.json", 8, 21, "/factories/0/value_added"});
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(), "f.json:8:21 (/factories/0/value_added): unknown currency "
                                   "\"XYZ\" (expected an ISO 4217 code such as CNY or USD)");
    }
}

TEST(ParseMoneyTest, AmountAndCode) {
    const Money m = parse_money("850000000 CNY");
    EXPECT_EQ(m.amount, 8.5e8);
    EXPECT_EQ(m.currency, kCny);
}

TEST(ParseMoneyTest, ExtraSpacesAndExponent) {
    const Money m = parse_money("  12.5   USD  ");
    EXPECT_EQ(m.amount, 12.5);
    EXPECT_EQ(m.currency, kUsd);
    const Money e = parse_money("1.38e10 USD");
    EXPECT_EQ(e.amount, 1.38e10);
    EXPECT_EQ(parse_money("+7 EUR").amount, 7.0);
}

TEST(ParseMoneyTest, MissingCurrencyIsParseError) {
    EXPECT_EQ(money_error<ParseError>("850000000"),
              "\"850000000\" is not an amount of money; expected a number and an ISO 4217 code, "
              "e.g. \"850000000 CNY\"");
    // The code must be separated by a space.
    EXPECT_EQ(money_error<ParseError>("850000000CNY"),
              "\"850000000CNY\" is not an amount of money; expected a number and an ISO 4217 "
              "code, e.g. \"850000000 CNY\"");
}

TEST(ParseMoneyTest, MalformedAmountIsParseError) {
    EXPECT_EQ(money_error<ParseError>("abc CNY"),
              "\"abc CNY\" is not an amount of money; expected a number and an ISO 4217 code, "
              "e.g. \"850000000 CNY\"");
    EXPECT_THROW((void)parse_money(" CNY"), ParseError);
    EXPECT_THROW((void)parse_money("nan CNY"), ParseError);
    EXPECT_THROW((void)parse_money("1,000 CNY"), ParseError);
}

TEST(ParseMoneyTest, UnknownCurrencyIsUnitError) {
    EXPECT_EQ(money_error<UnitError>("100 XYZ"),
              "unknown currency \"XYZ\" (expected an ISO 4217 code such as CNY or USD)");
    EXPECT_EQ(money_error<UnitError>("100 cny"),
              "unknown currency \"cny\" (expected an ISO 4217 code such as CNY or USD)");
}

TEST(FxTableTest, DefaultsAreTheConsortiumFigure) {
    // "100 billion yuan (about $13.8 billion)": 13.8e9 / 100e9 = 0.138 USD per CNY.
    const FxTable fx = FxTable::defaults();
    ASSERT_EQ(fx.rates().size(), 1U);
    EXPECT_EQ(fx.rates()[0].from, kCny);
    EXPECT_EQ(fx.rates()[0].to, kUsd);
    EXPECT_EQ(fx.rates()[0].rate, 0.138);
    EXPECT_NE(fx.rates()[0].source.find("13.8 billion"), std::string::npos);
    EXPECT_EQ(fx.rate(kCny, kUsd), 0.138);
}

TEST(FxTableTest, InverseOfDefault) {
    // 1 USD = 1 / 0.138 CNY = 7.246376811594... CNY.
    const FxTable fx = FxTable::defaults();
    EXPECT_DOUBLE_EQ(fx.rate(kUsd, kCny), 1.0 / 0.138);
    EXPECT_NEAR(fx.rate(kUsd, kCny), 7.2463768116, 1e-9);
}

TEST(FxTableTest, ConvertsAmounts) {
    const FxTable fx = FxTable::defaults();
    // 100e9 CNY x 0.138 = 13.8e9 USD (the consortium's own figure).
    EXPECT_DOUBLE_EQ(fx.convert(Money{1.0e11, kCny}, kUsd), 1.38e10);
    // 13.8e6 USD / 0.138 = 100e6 CNY.
    EXPECT_DOUBLE_EQ(fx.convert(Money{1.38e7, kUsd}, kCny), 1.0e8);
    // Same currency: unchanged.
    EXPECT_EQ(fx.convert(Money{123.45, kCny}, kCny), 123.45);
}

TEST(FxTableTest, SameCurrencyIsOneEvenWithoutRates) {
    const FxTable empty;
    EXPECT_EQ(empty.rate(kEur, kEur), 1.0);
    EXPECT_EQ(empty.convert(Money{5, kEur}, kEur), 5.0);
}

TEST(FxTableTest, NoRateIsUnitError) {
    const FxTable fx = FxTable::defaults();
    try {
        (void)fx.rate(kEur, kCny, Location{"f.json", 3, 4, "/factories/1/revenue"});
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(), "f.json:3:4 (/factories/1/revenue): no exchange rate from EUR "
                                   "to CNY; add one to the \"fx\" table");
    }
    EXPECT_THROW((void)fx.convert(Money{1, kCny}, kEur), UnitError);
}

TEST(FxTableTest, NoChainedRates) {
    // EUR -> CNY and CNY -> USD exist; EUR -> USD is not derived through CNY.
    FxTable fx = FxTable::defaults();
    fx.set({kEur, kCny, 7.8, "test"});
    EXPECT_EQ(fx.rate(kEur, kCny), 7.8);
    EXPECT_DOUBLE_EQ(fx.rate(kCny, kEur), 1.0 / 7.8);
    try {
        (void)fx.rate(kEur, kUsd);
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(), "no exchange rate from EUR to USD; add one to the \"fx\" table");
    }
}

TEST(FxTableTest, SetReplacesRateOrItsInverse) {
    FxTable fx = FxTable::defaults();
    // Giving USD -> CNY replaces the stored CNY -> USD pair instead of adding a second one.
    fx.set({kUsd, kCny, 7.2, "central parity"});
    ASSERT_EQ(fx.rates().size(), 1U);
    EXPECT_EQ(fx.rates()[0].from, kUsd);
    EXPECT_EQ(fx.rates()[0].source, "central parity");
    EXPECT_EQ(fx.rate(kUsd, kCny), 7.2);
    EXPECT_DOUBLE_EQ(fx.rate(kCny, kUsd), 1.0 / 7.2);
    // 720 CNY / 7.2 = 100 USD.
    EXPECT_DOUBLE_EQ(fx.convert(Money{720, kCny}, kUsd), 100.0);
    fx.set({kCny, kUsd, 0.14, "again"});
    ASSERT_EQ(fx.rates().size(), 1U);
    EXPECT_EQ(fx.rate(kCny, kUsd), 0.14);
    fx.set(FxRate{kEur, kCny, 7.8, "added"});
    EXPECT_EQ(fx.rates().size(), 2U);
}

} // namespace
