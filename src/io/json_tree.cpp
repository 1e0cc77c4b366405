// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_tree.hpp"

#include <fmt/format.h>

namespace smartkpi::detail {

namespace {

void append_escaped(std::string& out, std::string_view key) {
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
}

} // namespace

std::string JsonPath::pointer() const {
    std::vector<const JsonPath*> steps;
    for (const JsonPath* p = this; p != nullptr && p->parent != nullptr; p = p->parent) {
        steps.push_back(p);
    }
    std::string out;
    if (const JsonPath* root = this; root != nullptr) {
        while (root->parent != nullptr) {
            root = root->parent;
        }
        // The root may itself carry a prefix key (e.g. a record read from a stream).
        if (!root->key.empty()) {
            out += root->key;
        }
    }
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        out += '/';
        if ((*it)->is_index) {
            out += fmt::format("{}", (*it)->index);
        } else {
            append_escaped(out, (*it)->key);
        }
    }
    return out;
}

JsonType JsonNode::type() const {
    return tree_->nodes_[index_].type;
}

double JsonNode::number() const {
    return tree_->nodes_[index_].number;
}

bool JsonNode::boolean() const {
    return tree_->nodes_[index_].number != 0;
}

std::string_view JsonNode::string() const {
    const auto& n = tree_->nodes_[index_];
    return {tree_->arena_.data() + n.str_begin, n.str_len};
}

Location JsonNode::location() const {
    return tree_->location_at(tree_->nodes_[index_].offset, path_.pointer());
}

bool JsonNode::has(std::string_view key) const {
    bool found = false;
    for_each_member([&](std::string_view k, const JsonNode&) { found = found || k == key; });
    return found;
}

std::size_t JsonNode::size() const {
    return tree_->nodes_[index_].count;
}

void JsonNode::expect(JsonType t, std::string_view what) const {
    if (type() != t) {
        throw SchemaError::wrong_type(what, describe(type()), location());
    }
}

JsonNode JsonTree::build(JsonReader& reader, const JsonPath& path) {
    nodes_.clear();
    arena_.clear();
    const std::uint32_t root = add(reader);
    return {*this, root, path};
}

std::uint32_t JsonTree::store(std::string_view s) {
    const auto begin = static_cast<std::uint32_t>(arena_.size());
    arena_.append(s);
    return begin;
}

std::uint32_t JsonTree::add(JsonReader& reader) {
    const JsonType type = reader.peek();
    const auto me = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(Node{});
    nodes_[me].type = type;
    nodes_[me].offset = reader.offset();
    switch (type) {
    case JsonType::null:
        reader.read_null();
        break;
    case JsonType::boolean:
        nodes_[me].number = reader.read_bool() ? 1 : 0;
        break;
    case JsonType::number:
        nodes_[me].number = reader.read_number();
        break;
    case JsonType::string: {
        const std::string_view s = reader.read_string();
        nodes_[me].str_begin = store(s);
        nodes_[me].str_len = static_cast<std::uint32_t>(s.size());
        break;
    }
    case JsonType::object: {
        reader.begin_object();
        std::uint32_t last = 0;
        while (reader.next_member()) {
            const std::uint32_t key_begin = store(reader.key());
            const auto key_len = static_cast<std::uint32_t>(reader.key().size());
            const std::uint32_t child = add(reader);
            nodes_[child].key_begin = key_begin;
            nodes_[child].key_len = key_len;
            if (last == 0) {
                nodes_[me].first_child = child;
            } else {
                nodes_[last].next_sibling = child;
            }
            last = child;
            ++nodes_[me].count;
        }
        break;
    }
    case JsonType::array: {
        reader.begin_array();
        std::uint32_t last = 0;
        while (reader.next_element()) {
            const std::uint32_t child = add(reader);
            if (last == 0) {
                nodes_[me].first_child = child;
            } else {
                nodes_[last].next_sibling = child;
            }
            last = child;
            ++nodes_[me].count;
        }
        break;
    }
    }
    return me;
}

Location JsonTree::location_at(std::size_t offset, std::string pointer) const {
    if (offset < lc_offset_) {
        lc_offset_ = 0;
        lc_line_ = 1;
        lc_line_start_ = 0;
    }
    for (std::size_t i = lc_offset_; i < offset && i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            ++lc_line_;
            lc_line_start_ = i + 1;
        }
    }
    lc_offset_ = offset;
    return Location{source_, lc_line_, offset - lc_line_start_ + 1, std::move(pointer)};
}

} // namespace smartkpi::detail
