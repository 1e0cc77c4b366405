// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
#include "io/utf8.hpp"

#include <smartkpi/error.hpp>
#include <smartkpi/io/text_file.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace smartkpi {

using detail::find_invalid_utf8;
using detail::find_non_ascii;
using detail::kNotFound;

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kReadChunk = std::size_t{64} * 1024;

class IconvHandle {
  public:
    IconvHandle(const char* to, const char* from) : handle_(iconv_open(to, from)) {}
    ~IconvHandle() {
        if (valid()) {
            iconv_close(handle_);
        }
    }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;
    [[nodiscard]] bool valid() const {
        // NOLINTNEXTLINE(performance-no-int-to-ptr): (iconv_t)-1 is iconv_open's failure value.
        return handle_ != reinterpret_cast<iconv_t>(-1);
    }
    [[nodiscard]] iconv_t get() const { return handle_; }

  private:
    iconv_t handle_;
};

// `base_offset` is where `in` starts in the caller's bytes, so errors name the file offset.
std::string convert_gbk(std::string_view in, std::size_t base_offset, std::string_view source) {
    // GB18030 is a superset of GBK (and of the GB2312 files that call themselves GBK).
    const IconvHandle converter("UTF-8", "GB18030");
    if (!converter.valid()) {
        throw UsageError("GBK decoding is unavailable: iconv cannot convert from GB18030 "
                         "(are the glibc gconv modules installed?)");
    }
    // Two GBK bytes become at most three UTF-8 bytes, four GB18030 bytes at most four.
    std::string out(in.size() + in.size() / 2 + 16, '\0');
    // POSIX iconv takes char** for its input although it never writes through it.
    char* in_ptr = const_cast<char*>(in.data());
    std::size_t in_left = in.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    while (in_left > 0) {
        if (iconv(converter.get(), &in_ptr, &in_left, &out_ptr, &out_left) !=
            static_cast<std::size_t>(-1)) {
            continue;
        }
        if (errno == E2BIG) {
            const auto used = static_cast<std::size_t>(out_ptr - out.data());
            out.resize(out.size() * 2);
            out_ptr = out.data() + used;
            out_left = out.size() - used;
            continue;
        }
        // EILSEQ (invalid sequence) or EINVAL (sequence cut off by the end of the text).
        const auto offset = base_offset + static_cast<std::size_t>(in_ptr - in.data());
        throw ParseError(fmt::format("invalid GBK byte sequence at byte offset {}; if the file "
                                     "is UTF-8, do not declare it GBK",
                                     offset),
                         Location{std::string(source), 0, 0, {}});
    }
    out.resize(static_cast<std::size_t>(out_ptr - out.data()));
    return out;
}

std::string error_text(int error) {
    std::string text = std::generic_category().message(error);
    // "cannot read: permission denied", like the "is a directory" we write ourselves.
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    }
    return text;
}

class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() { ::close(fd_); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    [[nodiscard]] int get() const { return fd_; }

  private:
    int fd_;
};

// Reads up to `size` bytes into `buffer`; returns how many arrived before end of file.
std::size_t read_up_to(int fd, char* buffer, std::size_t size, const std::string& path) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, buffer + done, size - done);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            throw InputError::unreadable(path,
                                         error == EISDIR ? "is a directory" : error_text(error));
        }
        if (got == 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    return done;
}

} // namespace

Encoding parse_encoding(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    if (lower == "utf8" || lower == "utf-8") {
        return Encoding::utf8;
    }
    if (lower == "gbk") {
        return Encoding::gbk;
    }
    throw UsageError(fmt::format("unknown encoding \"{}\"; accepted: utf8, gbk", name));
}

std::string decode_text(std::string raw, Encoding encoding, std::string_view source) {
    const std::size_t skip = std::string_view(raw).starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
    const std::string_view body = std::string_view(raw).substr(skip);
    if (encoding == Encoding::gbk) {
        // Plain ASCII reads the same in GBK and UTF-8; iconv would only copy it.
        if (find_non_ascii(body, 0) != kNotFound) {
            return convert_gbk(body, skip, source);
        }
    } else if (const std::size_t bad = find_invalid_utf8(body); bad != kNotFound) {
        throw ParseError::invalid_utf8(skip + bad, Location{std::string(source), 0, 0, {}});
    }
    raw.erase(0, skip);
    return raw;
}

std::string read_text_file(const std::string& path, Encoding encoding) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) {
            throw InputError::not_found(path);
        }
        throw InputError::unreadable(path, error_text(error));
    }
    const FileDescriptor file(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        throw InputError::unreadable(path, error_text(errno));
    }
    if (S_ISDIR(info.st_mode)) {
        throw InputError::unreadable(path, "is a directory");
    }
    std::string raw;
    if (S_ISREG(info.st_mode) && info.st_size > 0) {
        raw.resize(static_cast<std::size_t>(info.st_size));
        // A file that shrank since fstat() is simply shorter; one that grew is read as it was.
        raw.resize(read_up_to(fd, raw.data(), raw.size(), path));
    } else {
        // Pipes, character devices and /proc files have no size: read until end of file.
        std::size_t done = 0;
        for (;;) {
            raw.resize(done + kReadChunk);
            const std::size_t got = read_up_to(fd, raw.data() + done, kReadChunk, path);
            done += got;
            if (got < kReadChunk) {
                break;
            }
        }
        raw.resize(done);
    }
    return decode_text(std::move(raw), encoding, path);
}

} // namespace smartkpi
