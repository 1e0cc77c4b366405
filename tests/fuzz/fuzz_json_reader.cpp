// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Walks any input with JsonReader, reading every value, then skips it in one go: any crash,
// sanitizer report or exception other than smartkpi::Error is a bug, and so is skip_value()
// rejecting a document the full walk accepted.
#include "io/json_reader.hpp"

#include <smartkpi/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using smartkpi::detail::JsonReader;
using smartkpi::detail::JsonType;

void check(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void visit(JsonReader& reader) {
    switch (reader.peek()) {
    case JsonType::object:
        reader.begin_object();
        while (reader.next_member()) {
            check(!reader.pointer().empty());
            // Exercises the incremental line counting at every member.
            check(reader.location().line >= 1);
            visit(reader);
        }
        break;
    case JsonType::array:
        reader.begin_array();
        while (reader.next_element()) {
            static_cast<void>(reader.index());
            visit(reader);
        }
        break;
    case JsonType::string:
        static_cast<void>(reader.read_string());
        break;
    case JsonType::number:
        static_cast<void>(reader.read_number());
        break;
    case JsonType::boolean:
        static_cast<void>(reader.read_bool());
        break;
    case JsonType::null:
        reader.read_null();
        break;
    }
}

} // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bool walked = false;
    try {
        JsonReader reader(text, "fuzz.json");
        visit(reader);
        reader.expect_end();
        walked = true;
    } catch (const smartkpi::Error& error) {
        check(error.what() != nullptr);
    }
    bool skipped = false;
    try {
        JsonReader reader(text, "fuzz.json");
        reader.skip_value();
        reader.expect_end();
        skipped = true;
    } catch (const smartkpi::Error&) {
    }
    // The walk also rejects duplicate keys and numbers out of range, which skipping ignores.
    check(!walked || skipped);
    return 0;
}
