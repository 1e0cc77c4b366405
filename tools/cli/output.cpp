// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "output.hpp"

#include <smartkpi/error.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace smartkpi::cli {

OutputFile::OutputFile(const std::string& path, std::ostream& standard_output)
    : stdout_(standard_output), path_(path) {
    if (path.empty() || path == "-") {
        return;
    }
    to_file_ = true;
    std::filesystem::path target(path);
    if (std::filesystem::is_directory(target)) {
        throw OutputError::cannot_create(path, "is a directory");
    }
    std::error_code ec;
    const auto status = std::filesystem::status(target, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // A device or pipe (/dev/stdout, a FIFO) is written in place: renaming a temporary file
        // over it would replace the device with a file.
        direct_ = true;
        file_.open(path, std::ios::binary);
        if (!file_) {
            throw OutputError::cannot_create(path, std::strerror(errno));
        }
        return;
    }
    const std::filesystem::path dir =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = ::mkstemp(buf.data());
    if (fd < 0) {
        throw OutputError::cannot_create(path, std::strerror(errno));
    }
    ::close(fd);
    temp_ = buf.data();
    file_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!file_) {
        std::remove(temp_.c_str());
        throw OutputError::cannot_create(path, "cannot open a temporary file beside it");
    }
}

OutputFile::~OutputFile() {
    if (to_file_ && !committed_ && !direct_) {
        file_.close();
        std::remove(temp_.c_str());
    }
}

void OutputFile::commit() {
    if (!to_file_) {
        stdout_.flush();
        if (!stdout_) {
            throw OutputError::write_failed("standard output", "write error");
        }
        return;
    }
    file_.flush();
    const bool ok = static_cast<bool>(file_);
    file_.close();
    if (!ok || file_.fail()) {
        throw OutputError::write_failed(path_, std::strerror(errno != 0 ? errno : EIO));
    }
    if (direct_) {
        committed_ = true;
        return;
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        throw OutputError::write_failed(path_, std::strerror(errno));
    }
    committed_ = true;
}

void print_warnings(std::ostream& err, const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) {
        err << "smartkpi: warning: " << w << '\n';
    }
}

} // namespace smartkpi::cli
