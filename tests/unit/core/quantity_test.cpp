// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/core/quantity.hpp>
#include <smartkpi/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Dimension;
using smartkpi::find_unit;
using smartkpi::Location;
using smartkpi::parse_number;
using smartkpi::parse_quantity;
using smartkpi::ParseError;
using smartkpi::Quantity;
using smartkpi::UnitError;

constexpr std::string_view kAllUnits = "kWh, MWh, GWh, MJ, GJ, TJ, kgce, tce, kg, t, m3, s, min, h";

double convert(double value, std::string_view from, std::string_view to) {
    return Quantity(value, find_unit(from)).in(to);
}

template <typename E> std::string message_of(std::string_view text) {
    try {
        (void)parse_quantity(text);
    } catch (const E& error) {
        return error.what();
    }
    return "no error";
}

bool number(std::string_view text, double& out) {
    out = -12345;
    return parse_number(text, out);
}

TEST(QuantityTest, ConvertsMwhToGj) {
    // 1 MWh = 3,600 MJ = 3.6 GJ (1 kWh = 3.6 MJ; conventions §12).
    EXPECT_DOUBLE_EQ(convert(1, "MWh", "GJ"), 3.6);
    EXPECT_DOUBLE_EQ(convert(1, "kWh", "MJ"), 3.6);
    EXPECT_DOUBLE_EQ(convert(1, "GWh", "MWh"), 1000.0);
    EXPECT_DOUBLE_EQ(convert(42000, "MWh", "kWh"), 4.2e7);
    EXPECT_DOUBLE_EQ(convert(1, "TJ", "GJ"), 1000.0);
}

TEST(QuantityTest, ConvertsStandardCoalToGj) {
    // GB/T 2589-2020 §3.2: 1 kgce = 29,307.6 kJ = 29.3076 MJ, so 1 tce = 29.3076 GJ
    // (energy.md §5.1; conventions §12).
    EXPECT_DOUBLE_EQ(convert(1, "tce", "GJ"), 29.3076);
    EXPECT_DOUBLE_EQ(convert(1, "kgce", "MJ"), 29.3076);
    EXPECT_DOUBLE_EQ(convert(1, "tce", "kgce"), 1000.0);
}

TEST(QuantityTest, PhysicalKwhToKgceIsNotTheElectricityCoefficient) {
    // conventions §12: physically 1 kWh = 3.6 / 29.3076 kgce = 0.122835 kgce, which differs
    // from the GB/T 2589 electricity coefficient 0.1229 used for standard coal.
    EXPECT_NEAR(convert(1, "kWh", "kgce"), 0.122835, 1e-6);
}

TEST(QuantityTest, ConvertsMassVolumeAndTime) {
    // 1 t = 1,000 kg; 1 h = 3,600 s; 1 min = 60 s.
    EXPECT_DOUBLE_EQ(convert(1, "t", "kg"), 1000.0);
    EXPECT_DOUBLE_EQ(convert(5200, "t", "kg"), 5.2e6);
    EXPECT_DOUBLE_EQ(convert(1, "h", "s"), 3600.0);
    EXPECT_DOUBLE_EQ(convert(1, "min", "s"), 60.0);
    EXPECT_DOUBLE_EQ(convert(90, "min", "h"), 1.5);
    EXPECT_DOUBLE_EQ(convert(1.8e6, "m3", "m3"), 1.8e6);
}

TEST(QuantityTest, SameUnitReturnsValueUnchanged) {
    const Quantity q(0.1, find_unit("GJ"));
    EXPECT_EQ(q.in("GJ"), 0.1);
    EXPECT_EQ(q.in(find_unit("GJ")), 0.1);
    EXPECT_EQ(q.value(), 0.1);
    EXPECT_EQ(q.unit().symbol, "GJ");
    EXPECT_EQ(q.unit().dimension, Dimension::energy);
}

TEST(QuantityTest, DimensionMismatchThrows) {
    const Quantity q(1, find_unit("kWh"));
    EXPECT_THROW((void)q.in("kg"), UnitError);
    try {
        (void)q.in(find_unit("h"));
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(), "cannot convert kWh (energy) to h (time)");
    }
    try {
        (void)Quantity(5, find_unit("t")).in("m3");
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_STREQ(error.what(), "cannot convert t (mass) to m3 (volume)");
    }
}

TEST(QuantityTest, UnitTableIsFixed) {
    std::string symbols;
    for (const auto& unit : smartkpi::all_units()) {
        if (!symbols.empty()) {
            symbols += ", ";
        }
        symbols += unit.symbol;
    }
    EXPECT_EQ(symbols, kAllUnits);
    // Base units: MJ, kg, m3, s.
    EXPECT_EQ(find_unit("MJ").to_base, 1.0);
    EXPECT_EQ(find_unit("kg").to_base, 1.0);
    EXPECT_EQ(find_unit("m3").to_base, 1.0);
    EXPECT_EQ(find_unit("s").to_base, 1.0);
}

TEST(QuantityTest, UnitSymbolsByDimension) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(smartkpi::unit_symbols(Dimension::energy),
              (V{"kWh", "MWh", "GWh", "MJ", "GJ", "TJ", "kgce", "tce"}));
    EXPECT_EQ(smartkpi::unit_symbols(Dimension::mass), (V{"kg", "t"}));
    EXPECT_EQ(smartkpi::unit_symbols(Dimension::volume), (V{"m3"}));
    EXPECT_EQ(smartkpi::unit_symbols(Dimension::time), (V{"s", "min", "h"}));
}

TEST(QuantityTest, DimensionNames) {
    EXPECT_EQ(smartkpi::to_string(Dimension::energy), "energy");
    EXPECT_EQ(smartkpi::to_string(Dimension::mass), "mass");
    EXPECT_EQ(smartkpi::to_string(Dimension::volume), "volume");
    EXPECT_EQ(smartkpi::to_string(Dimension::time), "time");
}

TEST(QuantityTest, FindUnitIsCaseSensitiveAndListsAccepted) {
    EXPECT_EQ(&find_unit("MWh"), &find_unit("MWh"));
    try {
        (void)find_unit("mwh", Location{"f.json", 2, 3, "/e"});
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_EQ(error.message(), "unknown unit \"mwh\"; accepted: " + std::string(kAllUnits));
        EXPECT_EQ(error.where().json_pointer, "/e");
    }
}

TEST(QuantityTest, FindUnitOfDimensionListsThatDimension) {
    EXPECT_EQ(find_unit("t", Dimension::mass).symbol, "t");
    try {
        (void)find_unit("kg", Dimension::energy);
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_EQ(error.message(),
                  "unknown unit \"kg\"; accepted: kWh, MWh, GWh, MJ, GJ, TJ, kgce, tce");
    }
}

TEST(ParseQuantityTest, NumberSpaceUnit) {
    const Quantity q = parse_quantity("42000 MWh");
    EXPECT_EQ(q.value(), 42000.0);
    EXPECT_EQ(q.unit().symbol, "MWh");
}

TEST(ParseQuantityTest, NoSpaceBeforeUnit) {
    const Quantity q = parse_quantity("42000MWh");
    EXPECT_EQ(q.value(), 42000.0);
    EXPECT_EQ(q.unit().symbol, "MWh");
    const Quantity m = parse_quantity("1.8e6m3");
    EXPECT_EQ(m.value(), 1.8e6);
    EXPECT_EQ(m.unit().symbol, "m3");
}

TEST(ParseQuantityTest, ExponentAndSurroundingSpaces) {
    const Quantity q = parse_quantity(" 1.5e3 kWh ");
    EXPECT_EQ(q.value(), 1500.0);
    EXPECT_EQ(q.unit().symbol, "kWh");
    EXPECT_EQ(parse_quantity("1.5e3kWh").value(), 1500.0);
    EXPECT_EQ(parse_quantity("2E-1 t").value(), 0.2);
    EXPECT_EQ(parse_quantity("+5   t").value(), 5.0);
    EXPECT_EQ(parse_quantity("0.5 h").in("s"), 1800.0);
}

TEST(ParseQuantityTest, UnitWithoutNumberIsParseError) {
    EXPECT_EQ(message_of<ParseError>("MWh"),
              "\"MWh\" is not a quantity; expected a number and a unit, e.g. \"42000 MWh\"");
    EXPECT_EQ(message_of<ParseError>(""),
              "\"\" is not a quantity; expected a number and a unit, e.g. \"42000 MWh\"");
}

TEST(ParseQuantityTest, NumberWithoutUnitIsParseError) {
    EXPECT_EQ(message_of<ParseError>("42000"),
              "\"42000\" has no unit; expected e.g. \"42000 MWh\"");
    EXPECT_EQ(message_of<ParseError>("42000   "),
              "\"42000   \" has no unit; expected e.g. \"42000 MWh\"");
}

TEST(ParseQuantityTest, MalformedNumberIsParseError) {
    EXPECT_EQ(message_of<ParseError>("abc MWh"),
              "\"abc MWh\" is not a quantity; expected a number and a unit, e.g. \"42000 MWh\"");
    EXPECT_EQ(message_of<ParseError>("1.2.3 kWh"),
              "\"1.2.3 kWh\" is not a quantity; expected a number and a unit, e.g. \"42000 MWh\"");
}

TEST(ParseQuantityTest, UnknownUnitListsAcceptedUnits) {
    EXPECT_EQ(message_of<UnitError>("42000 MWhh"),
              "unknown unit \"MWhh\"; accepted: " + std::string(kAllUnits));
    EXPECT_EQ(message_of<UnitError>("5 tonnes"),
              "unknown unit \"tonnes\"; accepted: " + std::string(kAllUnits));
}

TEST(ParseQuantityTest, NonFiniteTextIsRejected) {
    // from_chars would read "nan" and "inf"; the grammar check rejects them first.
    EXPECT_EQ(message_of<ParseError>("nan kWh"),
              "\"nan kWh\" is not a quantity; expected a number and a unit, e.g. \"42000 MWh\"");
    EXPECT_THROW((void)parse_quantity("inf kWh"), ParseError);
    EXPECT_THROW((void)parse_quantity("-inf kWh"), ParseError);
}

TEST(ParseQuantityTest, ErrorCarriesLocation) {
    try {
        (void)parse_quantity("42000 MWhh", Location{"f.json", 12, 7, "/factories/3/energy"});
        FAIL() << "no error";
    } catch (const UnitError& error) {
        EXPECT_EQ(std::string(error.what())
                      .rfind("f.json:12:7 (/factories/3/energy): unknown "
                             "unit \"MWhh\"; accepted: kWh",
                             0),
                  0U)
            << error.what();
    }
    try {
        (void)parse_quantity("MWh", Location{"f.csv", 4, 9, "electricity"});
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().to_string(), "f.csv:4:9 (electricity)");
    }
}

TEST(ParseNumberTest, AcceptsJsonNumbersAndLeadingPlus) {
    double v = 0;
    EXPECT_TRUE(number("0", v));
    EXPECT_EQ(v, 0.0);
    EXPECT_TRUE(number("42", v));
    EXPECT_EQ(v, 42.0);
    EXPECT_TRUE(number("-42", v));
    EXPECT_EQ(v, -42.0);
    EXPECT_TRUE(number("+42", v));
    EXPECT_EQ(v, 42.0);
    EXPECT_TRUE(number("-0.138", v));
    EXPECT_EQ(v, -0.138);
    EXPECT_TRUE(number("1.5e3", v));
    EXPECT_EQ(v, 1500.0);
    EXPECT_TRUE(number("1E-3", v));
    EXPECT_EQ(v, 0.001);
    EXPECT_TRUE(number("2e+2", v));
    EXPECT_EQ(v, 200.0);
    EXPECT_TRUE(number("850000000", v));
    EXPECT_EQ(v, 8.5e8);
}

TEST(ParseNumberTest, RejectsNonNumbers) {
    double v = 0;
    for (std::string_view text : {"",      "+",   "-",   ".",   "e5",  "1e",   "1e+",      "1.2.3",
                                  "--1",   "+-1", "++1", "nan", "inf", "NaN",  "Infinity", "0x10",
                                  "1,000", " 1",  "1 ",  "1f",  "abc", "1e5.5"}) {
        EXPECT_FALSE(number(text, v)) << '"' << text << "\" gave " << v;
    }
}

TEST(ParseNumberTest, RejectsOutOfRange) {
    // from_chars reports 1e999 as out of range; the number is not taken.
    double v = 0;
    EXPECT_FALSE(number("1e999", v));
}

} // namespace
