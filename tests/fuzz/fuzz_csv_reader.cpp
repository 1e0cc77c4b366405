// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Reads every record of any input with CsvReader and asks for the location of every field.
#include "io/csv_reader.hpp"

#include <smartkpi/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        smartkpi::detail::CsvReader reader(text, "fuzz.csv");
        std::vector<std::string> fields;
        std::size_t total = 0;
        while (reader.next_record(fields)) {
            if (fields.empty() || reader.line() == 0) {
                std::abort();
            }
            for (std::size_t i = 0; i < fields.size(); ++i) {
                const smartkpi::Location where = reader.location(i, "column");
                if (where.column == 0 || where.line < reader.line()) {
                    std::abort();
                }
                total += fields[i].size();
            }
            // Fields are unquoted text of the input: never longer than it.
            if (total > size) {
                std::abort();
            }
        }
    } catch (const smartkpi::Error&) {
    }
    return 0;
}
