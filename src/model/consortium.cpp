// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include <smartkpi/model/consortium.hpp>

#include <algorithm>
#include <array>

namespace smartkpi {

namespace {
constexpr std::array kTypes{
    MemberType::government,      MemberType::enterprise,         MemberType::financial_institution,
    MemberType::university,      MemberType::research_institute, MemberType::industry_association,
    MemberType::promotion_center};
constexpr std::array<std::string_view, 7> kTypeNames{
    "government",         "enterprise",           "financial_institution", "university",
    "research_institute", "industry_association", "promotion_center"};
} // namespace

std::span<const MemberType> all_member_types() {
    return kTypes;
}

std::string_view to_string(MemberType type) {
    return kTypeNames[static_cast<std::size_t>(type)];
}

MemberType parse_member_type(std::string_view name, const Location& where) {
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
        if (kTypeNames[i] == name) {
            return kTypes[i];
        }
    }
    throw SchemaError::bad_enum(name, {kTypeNames.begin(), kTypeNames.end()}, where);
}

std::map<MemberType, std::size_t> Consortium::count_by_type() const {
    std::map<MemberType, std::size_t> out;
    for (const auto& m : members) {
        ++out[m.type];
    }
    return out;
}

std::size_t Consortium::named_founding_members() const {
    return static_cast<std::size_t>(
        std::count_if(members.begin(), members.end(),
                      [](const Member& m) { return m.founding.value_or(false); }));
}

const Member* Consortium::owner_of(std::string_view factory_id) const {
    for (const auto& m : members) {
        if (std::find(m.factories.begin(), m.factories.end(), factory_id) != m.factories.end()) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace smartkpi
