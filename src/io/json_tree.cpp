// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/json_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

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

std::pair<std::size_t, std::size_t> JsonNode::line_column() const {
    return tree_->line_column_at(tree_->nodes_[index_].offset);
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
    const auto [line, column] = line_column_at(offset);
    return Location{source_, line, column, std::move(pointer)};
}

std::pair<std::size_t, std::size_t> JsonTree::line_column_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const char* base = text_.data();
    if (offset < lc_offset_) {
        // Walk back rather than restart, so that asking in any order stays cheap.
        for (std::size_t i = offset; i < lc_offset_; ++i) {
            if (base[i] == '\n') {
                --lc_line_;
            }
        }
        const std::size_t nl = offset == 0 ? std::string_view::npos : text_.rfind('\n', offset - 1);
        lc_line_start_ = nl == std::string_view::npos ? 0 : nl + 1;
    } else {
        // memchr finds the newlines a word at a time; the files are hundreds of MB.
        const char* p = base + lc_offset_;
        const char* end = base + offset;
        while (p < end) {
            const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
            if (hit == nullptr) {
                break;
            }
            const char* nl = static_cast<const char*>(hit);
            ++lc_line_;
            lc_line_start_ = static_cast<std::size_t>(nl - base) + 1;
            p = nl + 1;
        }
    }
    lc_offset_ = offset;
    return {lc_line_, offset - lc_line_start_ + 1};
}

} // namespace smartkpi::detail
