// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <smartkpi/error.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smartkpi {

/// Kind of consortium member.
enum class MemberType {
    government,
    enterprise,
    financial_institution,
    university,
    research_institute,
    industry_association,
    promotion_center
};

std::span<const MemberType> all_member_types();
std::string_view to_string(MemberType type);
/// Throws SchemaError::bad_enum listing the member types.
MemberType parse_member_type(std::string_view name, const Location& where = {});

/// A consortium member. `founding` is empty when the sources do not say.
struct Member {
    std::string id;
    std::string name;
    MemberType type = MemberType::enterprise;
    std::string region;
    std::optional<bool> founding;
    std::vector<std::string> roles;
    std::vector<std::string> factories; ///< ids of factories the member owns (enterprises)
    bool illustrative = false;
};

/// The consortium: named members, and the count of founding members as announced (which may
/// exceed the named ones: unnamed members are counted, never invented).
struct Consortium {
    std::string name;
    std::string founded_event;
    std::string founded_location;
    std::optional<std::size_t> founding_members_total;
    std::vector<Member> members;
    std::string note;

    /// Members per type, in the order of all_member_types().
    [[nodiscard]] std::map<MemberType, std::size_t> count_by_type() const;
    /// Named founding members.
    [[nodiscard]] std::size_t named_founding_members() const;
    /// The member that owns `factory_id`, or nullptr.
    [[nodiscard]] const Member* owner_of(std::string_view factory_id) const;
};

} // namespace smartkpi
