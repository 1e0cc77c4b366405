// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Decodes any bytes as UTF-8 and as GBK. Whatever decode_text() returns must itself be valid
// UTF-8 without a BOM, and accepted UTF-8 must come back unchanged.
#include <smartkpi/error.hpp>
#include <smartkpi/io/text_file.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void check(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check_valid_utf8(const std::string& text) {
    try {
        // Decoding valid UTF-8 again is the identity (a U+FEFF left at the front would go).
        check(smartkpi::decode_text(text, smartkpi::Encoding::utf8, "again") == text ||
              std::string_view(text).starts_with(kBom));
    } catch (const smartkpi::Error&) {
        std::abort();
    }
}

} // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string raw(reinterpret_cast<const char*>(data), size);
    std::string_view body(raw);
    if (body.starts_with(kBom)) {
        body.remove_prefix(kBom.size());
    }
    try {
        const std::string text = smartkpi::decode_text(raw, smartkpi::Encoding::utf8, "fuzz");
        check(text == body);
    } catch (const smartkpi::Error&) {
    }
    try {
        const std::string text = smartkpi::decode_text(raw, smartkpi::Encoding::gbk, "fuzz");
        check_valid_utf8(text);
    } catch (const smartkpi::Error&) {
    }
    return 0;
}
