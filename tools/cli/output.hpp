// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#pragma once

#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace smartkpi::cli {

/// Where a report goes: standard output ("" or "-"), or a file written to a temporary name
/// beside it and renamed into place by commit(), so a failed run never leaves a partial file.
class OutputFile {
  public:
    /// Creates the temporary file now; OutputError::cannot_create (exit 73) when impossible.
    OutputFile(const std::string& path, std::ostream& standard_output);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream() { return to_file_ ? file_ : stdout_; }
    /// Flushes, checks the stream and renames into place (OutputError::write_failed, exit 74).
    void commit();

  private:
    std::ostream& stdout_;
    std::string path_;
    std::string temp_;
    std::ofstream file_;
    bool to_file_ = false;
    bool direct_ = false; // a device or pipe: written in place, never renamed over
    bool committed_ = false;
};

/// The report's warnings on standard error, one "smartkpi: warning: ..." line each (after the
/// report was committed, so a failed write shows no warnings of a report that is not there).
void print_warnings(std::ostream& err, const std::vector<std::string>& warnings);

} // namespace smartkpi::cli
