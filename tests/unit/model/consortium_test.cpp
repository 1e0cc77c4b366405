// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/error.hpp>
#include <smartkpi/model/consortium.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using smartkpi::Consortium;
using smartkpi::Member;
using smartkpi::MemberType;
using smartkpi::SchemaError;

Member member(std::string id,
              MemberType type,
              std::optional<bool> founding,
              std::vector<std::string> factories = {}) {
    Member m;
    m.id = std::move(id);
    m.name = m.id + " name";
    m.type = type;
    m.founding = founding;
    m.factories = std::move(factories);
    return m;
}

// Six named members; the announcement counts more founding members than are named.
Consortium sample() {
    Consortium c;
    c.name = "Yangtze River Delta intelligent manufacturing consortium";
    c.founding_members_total = 40;
    c.members = {
        member("gov-sh", MemberType::government, true),
        member("ent-a", MemberType::enterprise, true, {"SH-01", "SH-02"}),
        member("ent-b", MemberType::enterprise, false, {"JS-01"}),
        member("ent-c", MemberType::enterprise, std::nullopt, {}),
        member("uni-a", MemberType::university, true),
        member("bank-a", MemberType::financial_institution, std::nullopt),
    };
    return c;
}

TEST(ConsortiumTest, CountByType) {
    const auto counts = sample().count_by_type();
    // 1 government + 3 enterprises + 1 university + 1 financial institution = 6 members.
    const std::map<MemberType, std::size_t> expected{{MemberType::government, 1},
                                                     {MemberType::enterprise, 3},
                                                     {MemberType::financial_institution, 1},
                                                     {MemberType::university, 1}};
    EXPECT_EQ(counts, expected);
    // Keys follow all_member_types() order.
    std::vector<MemberType> keys;
    for (const auto& [type, n] : counts) {
        keys.push_back(type);
    }
    EXPECT_EQ(keys,
              (std::vector<MemberType>{MemberType::government, MemberType::enterprise,
                                       MemberType::financial_institution, MemberType::university}));
}

TEST(ConsortiumTest, CountByTypeOfEmptyConsortium) {
    EXPECT_TRUE(Consortium{}.count_by_type().empty());
    EXPECT_EQ(Consortium{}.named_founding_members(), 0U);
}

TEST(ConsortiumTest, NamedFoundingMembersCountsOnlyConfirmed) {
    // gov-sh, ent-a, uni-a are founding; ent-b is not; ent-c and bank-a are unknown (not counted).
    const Consortium c = sample();
    EXPECT_EQ(c.named_founding_members(), 3U);
    // Unnamed founding members are counted in the total, never invented as members.
    ASSERT_TRUE(c.founding_members_total.has_value());
    EXPECT_EQ(*c.founding_members_total, 40U);
    EXPECT_EQ(c.members.size(), 6U);
}

TEST(ConsortiumTest, OwnerOf) {
    const Consortium c = sample();
    const Member* a = c.owner_of("SH-02");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->id, "ent-a");
    EXPECT_EQ(a, &c.members[1]);
    const Member* b = c.owner_of("JS-01");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->id, "ent-b");
    EXPECT_EQ(c.owner_of("ZJ-01"), nullptr);
    EXPECT_EQ(c.owner_of(""), nullptr);
    EXPECT_EQ(c.owner_of("sh-01"), nullptr); // ids are exact
}

TEST(MemberTypeTest, RoundTrip) {
    std::vector<std::string_view> names;
    for (MemberType t : smartkpi::all_member_types()) {
        names.push_back(smartkpi::to_string(t));
        EXPECT_EQ(smartkpi::parse_member_type(smartkpi::to_string(t)), t);
    }
    EXPECT_EQ(names, (std::vector<std::string_view>{
                         "government", "enterprise", "financial_institution", "university",
                         "research_institute", "industry_association", "promotion_center"}));
}

TEST(MemberTypeTest, BadTypeListsAccepted) {
    try {
        (void)smartkpi::parse_member_type("company");
        FAIL() << "no error";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(), "invalid value \"company\"; accepted: government, enterprise, "
                                   "financial_institution, university, research_institute, "
                                   "industry_association, promotion_center");
    }
}

} // namespace
