// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "report/display.hpp"
#include "report/json_writer.hpp"

#include <smartkpi/report/consortium_report.hpp>
#include <smartkpi/report/text_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace smartkpi {

namespace {

std::string founding_text(const std::optional<bool>& f) {
    if (!f) {
        return "unknown";
    }
    return *f ? "yes" : "no";
}

const Factory* find_factory(const Dataset* ds, std::string_view id) {
    if (ds == nullptr) {
        return nullptr;
    }
    for (const auto& f : ds->factories) {
        if (f.id == id) {
            return &f;
        }
    }
    return nullptr;
}

std::vector<std::string> ownership_warnings(const Consortium& c, const Dataset* ds) {
    std::vector<std::string> out;
    if (ds == nullptr) {
        return out;
    }
    for (const auto& m : c.members) {
        for (const auto& id : m.factories) {
            if (find_factory(ds, id) == nullptr) {
                out.push_back(fmt::format("member \"{}\" owns factory \"{}\", which is not in "
                                          "the dataset",
                                          m.id, id));
            }
        }
    }
    return out;
}

} // namespace

std::vector<std::string> write_consortium_report(std::ostream& out,
                                                 Format format,
                                                 const Consortium& c,
                                                 const Dataset* factories) {
    const auto by_type = c.count_by_type();
    const std::size_t named = c.named_founding_members();
    const auto warnings = ownership_warnings(c, factories);
    std::size_t owned = 0;
    for (const auto& m : c.members) {
        owned += m.factories.size();
    }

    if (format == Format::json) {
        detail::JsonWriter w(out);
        w.begin_object();
        w.key("format").string("smartkpi-consortium-report/1");
        w.key("name").string(c.name);
        w.key("founded_at");
        w.begin_object(true);
        w.key("event").string(c.founded_event);
        w.key("location").string(c.founded_location);
        w.end_object();
        w.key("founding_members");
        w.begin_object(true);
        w.key("announced");
        if (c.founding_members_total) {
            w.integer(static_cast<long long>(*c.founding_members_total));
        } else {
            w.null();
        }
        w.key("named").integer(static_cast<long long>(named));
        w.key("unnamed");
        if (c.founding_members_total && *c.founding_members_total >= named) {
            w.integer(static_cast<long long>(*c.founding_members_total - named));
        } else {
            w.null();
        }
        w.end_object();
        w.key("members");
        w.begin_array();
        for (const auto& m : c.members) {
            w.begin_object();
            w.key("id").string(m.id);
            w.key("name").string(m.name);
            w.key("type").string(to_string(m.type));
            w.key("region").string(m.region);
            w.key("founding");
            w.value_or_null(m.founding);
            w.key("illustrative").boolean(m.illustrative);
            w.key("roles");
            w.strings(m.roles, true);
            w.key("factories");
            w.strings(m.factories, true);
            w.end_object();
        }
        w.end_array();
        w.key("by_type");
        w.begin_object();
        for (MemberType t : all_member_types()) {
            w.key(to_string(t));
            const auto it = by_type.find(t);
            w.integer(it == by_type.end() ? 0 : static_cast<long long>(it->second));
        }
        w.end_object();
        w.key("factories_owned").integer(static_cast<long long>(owned));
        w.key("warnings");
        w.strings(warnings);
        w.end_object();
        return warnings;
    }

    const bool csv = format == Format::csv;
    TextTable members;
    for (const char* h : {"ID", "Name", "Type", "Region", "Founding", "Roles", "Factories"}) {
        std::string header = h;
        if (csv) {
            // Machine columns are snake_case, like the JSON keys.
            std::transform(header.begin(), header.end(), header.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        }
        members.add_column(header);
    }
    if (csv) {
        members.add_column("illustrative");
    }
    for (const auto& m : c.members) {
        std::vector<std::string> owned_names;
        for (const auto& id : m.factories) {
            const Factory* f = find_factory(factories, id);
            owned_names.push_back(f != nullptr ? fmt::format("{} ({})", id, f->name) : id);
        }
        std::vector<std::string> row{m.id,
                                     m.illustrative && !csv ? m.name + " [illustrative]" : m.name,
                                     std::string(to_string(m.type)),
                                     m.region,
                                     csv ? (m.founding ? (*m.founding ? "true" : "false") : "")
                                         : founding_text(m.founding),
                                     fmt::format("{}", fmt::join(m.roles, csv ? ";" : ", ")),
                                     csv ? fmt::format("{}", fmt::join(m.factories, ";"))
                                         : fmt::format("{}", fmt::join(owned_names, ", "))};
        if (csv) {
            row.emplace_back(m.illustrative ? "true" : "false");
        }
        members.add_row(std::move(row));
    }
    if (csv) {
        members.write_csv(out);
        return warnings;
    }
    TextTable types;
    types.add_column("Type");
    types.add_column("Members", TextTable::Align::right);
    for (MemberType t : all_member_types()) {
        const auto it = by_type.find(t);
        types.add_row(
            {std::string(to_string(t)), fmt::format("{}", it == by_type.end() ? 0 : it->second)});
    }
    const auto heading = [&](std::string_view text) { detail::write_heading(out, format, text); };
    detail::write_title(out, format, c.name);
    const std::string_view bullet = detail::list_bullet(format);
    if (!c.founded_event.empty()) {
        out << bullet << "Founded at: " << c.founded_event;
        if (!c.founded_location.empty()) {
            out << ", " << c.founded_location;
        }
        out << '\n';
    }
    if (c.founding_members_total) {
        out << bullet << "Founding members: " << *c.founding_members_total << " announced, "
            << named << " named in the sources";
        if (*c.founding_members_total > named) {
            out << " (" << *c.founding_members_total - named << " not named; not invented here)";
        }
        out << '\n';
    }
    out << bullet << "Members listed: " << c.members.size() << "; factories owned: " << owned
        << '\n';
    heading("Members");
    members.write(out, format);
    heading("Members by type");
    types.write(out, format);
    if (!warnings.empty()) {
        heading("Warnings");
        detail::write_bullets(out, format, warnings);
    }
    return warnings;
}

} // namespace smartkpi
