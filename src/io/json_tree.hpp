// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: a small read-only tree of one JSON value (a factory, a scenario) built with
// JsonReader, so that the interpretation of a record can report every problem it has and go
// on (smartkpi validate) while large files are still read one record at a time.
#pragma once

#include "io/json_reader.hpp"

#include <smartkpi/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smartkpi::detail {

class JsonTree;

/// A step of the path from the document root to a value; rendered as a JSON pointer on error.
struct JsonPath {
    const JsonPath* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;

    [[nodiscard]] JsonPath member(std::string_view k) const { return {this, k, 0, false}; }
    [[nodiscard]] JsonPath element(std::size_t i) const { return {this, {}, i, true}; }
    [[nodiscard]] std::string pointer() const;
};

/// One value of a JsonTree, with its path.
class JsonNode {
  public:
    JsonNode(const JsonTree& tree, std::uint32_t index, JsonPath path)
        : tree_(&tree), index_(index), path_(path) {}

    [[nodiscard]] JsonType type() const;
    [[nodiscard]] bool is(JsonType t) const { return type() == t; }
    [[nodiscard]] double number() const;
    [[nodiscard]] bool boolean() const;
    [[nodiscard]] std::string_view string() const;
    [[nodiscard]] const JsonPath& path() const { return path_; }
    /// Source, line, column and pointer of this value.
    [[nodiscard]] Location location() const;
    /// Line and column of this value, without building its pointer.
    [[nodiscard]] std::pair<std::size_t, std::size_t> line_column() const;

    /// Member by name (objects), or an invalid node (valid() false).
    [[nodiscard]] bool has(std::string_view key) const;
    /// Visits each member of an object: f(key, node).
    template <class F> void for_each_member(F&& f) const;
    /// Visits each element of an array: f(node).
    template <class F> void for_each_element(F&& f) const;
    [[nodiscard]] std::size_t size() const;

    /// Throws SchemaError::wrong_type unless the node has type `t`.
    void expect(JsonType t, std::string_view what) const;

  private:
    friend class JsonTree;
    const JsonTree* tree_;
    std::uint32_t index_;
    JsonPath path_;
};

/// Storage of one parsed value; reusable (build() clears it).
class JsonTree {
  public:
    explicit JsonTree(std::string_view text) : text_(text) {}

    /// Reads the value the reader stands on into the tree; returns its root.
    JsonNode build(JsonReader& reader, const JsonPath& path);

    /// Location of a byte offset of the text: line and column counted incrementally.
    [[nodiscard]] Location location_at(std::size_t offset, std::string pointer) const;
    [[nodiscard]] std::pair<std::size_t, std::size_t> line_column_at(std::size_t offset) const;
    void set_source(std::string source) { source_ = std::move(source); }

  private:
    friend class JsonNode;
    struct Node {
        JsonType type = JsonType::null;
        std::uint32_t first_child = 0; ///< 0: none (node 0 is always a root)
        std::uint32_t next_sibling = 0;
        std::uint32_t count = 0;
        std::size_t offset = 0;
        double number = 0;
        std::uint32_t str_begin = 0; ///< string value (or member key) in arena_
        std::uint32_t str_len = 0;
        std::uint32_t key_begin = 0;
        std::uint32_t key_len = 0;
    };

    std::uint32_t add(JsonReader& reader);
    std::uint32_t store(std::string_view s);

    std::string_view text_;
    std::string source_;
    std::vector<Node> nodes_;
    std::string arena_;
    mutable std::size_t lc_offset_ = 0;
    mutable std::size_t lc_line_ = 1;
    mutable std::size_t lc_line_start_ = 0;
};

template <class F> void JsonNode::for_each_member(F&& f) const {
    const auto& nodes = tree_->nodes_;
    for (std::uint32_t c = nodes[index_].first_child; c != 0; c = nodes[c].next_sibling) {
        const std::string_view key(tree_->arena_.data() + nodes[c].key_begin, nodes[c].key_len);
        f(key, JsonNode(*tree_, c, path_.member(key)));
    }
}

template <class F> void JsonNode::for_each_element(F&& f) const {
    const auto& nodes = tree_->nodes_;
    std::size_t i = 0;
    for (std::uint32_t c = nodes[index_].first_child; c != 0; c = nodes[c].next_sibling) {
        f(JsonNode(*tree_, c, path_.element(i++)));
    }
}

} // namespace smartkpi::detail
