// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// PRIVATE header: where the bytes of an event log come from (a file, a gzip stream, memory)
// and how they are cut into batches of whole lines — read into a buffer, or viewed through
// mapped windows of a plain file that are unmapped behind the reader (conventions §28).
#pragma once

#include "io/event_csv_parser.hpp"

#include <smartkpi/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace smartkpi::detail {

inline constexpr std::size_t kGzipInput = std::size_t{1} << 18;

// Bytes from a file descriptor, a gzip stream on one, or memory.
class Source {
  public:
    Source(std::string_view memory) : memory_(memory), is_memory_(true) {}
    Source(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {
        // Sniff the gzip magic; the bytes read stay pending for the first reads.
        pending_.resize(2);
        std::size_t got = 0;
        while (got < 2) {
            const ssize_t n = ::read(fd_, pending_.data() + got, 2 - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                throw InputError::unreadable(name_, std::strerror(errno));
            }
            if (n == 0) {
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        pending_.resize(got);
        raw_bytes_ = got;
        if (got == 2 && static_cast<unsigned char>(pending_[0]) == 0x1f &&
            static_cast<unsigned char>(pending_[1]) == 0x8b) {
            gzip_ = true;
            z_ = {};
            if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
                throw InputError::unreadable(name_, "cannot start gzip decompression");
            }
            in_.resize(kGzipInput);
            std::memcpy(in_.data(), pending_.data(), 2);
            z_.next_in = reinterpret_cast<Bytef*>(in_.data());
            z_.avail_in = 2;
            pending_.clear();
        }
    }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    ~Source() {
        if (gzip_) {
            inflateEnd(&z_);
        }
        if (owned_ && fd_ >= 0) {
            ::close(fd_);
        }
    }

    // A plain (not compressed) file descriptor, which can be mapped; -1 otherwise.
    [[nodiscard]] int plain_fd() const noexcept { return is_memory_ || gzip_ ? -1 : fd_; }

    [[nodiscard]] std::uint64_t raw_bytes() const noexcept {
        return is_memory_ ? memory_pos_ : raw_bytes_;
    }

    // Up to n bytes into dst; 0 at the end.
    std::size_t read(char* dst, std::size_t n) {
        if (is_memory_) {
            const std::size_t k = std::min(n, memory_.size() - memory_pos_);
            std::memcpy(dst, memory_.data() + memory_pos_, k);
            memory_pos_ += k;
            return k;
        }
        if (gzip_) {
            return inflate_into(dst, n);
        }
        if (!pending_.empty()) {
            const std::size_t k = std::min(n, pending_.size());
            std::memcpy(dst, pending_.data(), k);
            pending_.erase(0, k);
            return k;
        }
        return read_fd(dst, n);
    }

  private:
    std::size_t read_fd(char* dst, std::size_t n) {
        while (true) {
            const ssize_t k = ::read(fd_, dst, n);
            if (k < 0 && errno == EINTR) {
                continue;
            }
            if (k < 0) {
                throw InputError::unreadable(name_, std::strerror(errno));
            }
            raw_bytes_ += static_cast<std::uint64_t>(k);
            return static_cast<std::size_t>(k);
        }
    }

    std::size_t inflate_into(char* dst, std::size_t n) {
        z_.next_out = reinterpret_cast<Bytef*>(dst);
        z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1U << 30));
        const uInt want = z_.avail_out;
        while (z_.avail_out > 0) {
            if (z_.avail_in == 0 && !eof_) {
                const std::size_t k = read_fd(in_.data(), in_.size());
                if (k == 0) {
                    eof_ = true;
                } else {
                    z_.next_in = reinterpret_cast<Bytef*>(in_.data());
                    z_.avail_in = static_cast<uInt>(k);
                }
            }
            if (z_.avail_in == 0 && eof_) {
                if (!stream_end_) {
                    throw DataError(fmt::format("{}: the gzip stream ends early (the file is "
                                                "truncated)",
                                                name_));
                }
                break;
            }
            if (stream_end_) {
                // Another gzip member follows (concatenated files, as `cat a.gz b.gz`).
                inflateReset(&z_);
                stream_end_ = false;
            }
            const int rc = inflate(&z_, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                stream_end_ = true;
                continue;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                throw DataError(fmt::format("{}: corrupt gzip data near compressed byte {}: {}",
                                            name_, raw_bytes_ - z_.avail_in,
                                            z_.msg != nullptr ? z_.msg : "inflate failed"));
            }
        }
        return want - z_.avail_out;
    }

    std::string_view memory_;
    std::size_t memory_pos_ = 0;
    bool is_memory_ = false;
    int fd_ = -1;
    bool owned_ = false;
    std::string name_;
    std::string pending_;
    std::uint64_t raw_bytes_ = 0;
    bool gzip_ = false;
    bool eof_ = false;
    bool stream_end_ = false;
    z_stream z_{};
    std::vector<char> in_;
};

// Bytes that resize() leaves uninitialised: a batch is overwritten by read() at once, and
// zeroing 1 GB first costs as much as parsing a tenth of it.
template <class T> struct UninitAllocator : std::allocator<T> {
    template <class U> struct rebind { using other = UninitAllocator<U>; };
    UninitAllocator() = default;
    template <class U> explicit UninitAllocator(const UninitAllocator<U>&) noexcept {}
    template <class U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <class U, class... A> void construct(U* p, A&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(args)...);
    }
};
using Bytes = std::vector<char, UninitAllocator<char>>;

// A batch of whole lines, cut into one share per worker.
struct Batch {
    Bytes data;                 // the bytes, when read (not mapped)
    const char* base = nullptr; // the batch's first byte: into `data` or a mapped window
    std::size_t size = 0;
    std::uint64_t offset = 0;      // of data[0] in the (decompressed) input
    std::vector<std::size_t> cuts; // share i is [cuts[i], cuts[i+1])
};

// Reads batches of whole lines.
class BatchReader {
  public:
    BatchReader(Source& source, bool csv) : source_(source), csv_(csv) {}
    BatchReader(const BatchReader&) = delete;
    BatchReader& operator=(const BatchReader&) = delete;
    ~BatchReader() {
        for (const Window& w : windows_) {
            ::munmap(w.base, w.length);
        }
    }

    // From here on, read the plain file `fd` of `size` bytes through mapped windows (no
    // copy into a buffer); windows are unmapped behind the reader, so the resident set
    // stays at two windows whatever the file size (conventions §28).
    void map_file(int fd, std::uint64_t size) {
        fd_ = fd;
        file_size_ = size;
        mapped_ = true;
        carry_ = Bytes();
    }

    // Reads only [from, to) of the plain file `fd` (a worker's region), mapped.
    void map_range(int fd, std::uint64_t from, std::uint64_t to) {
        map_file(fd, to);
        offset_ = from;
    }

    void set_csv(bool csv) { csv_ = csv; }

    // The first line (without its end) and everything after; used to read the header.
    std::string_view peek(std::size_t want) {
        while (carry_.size() < want && !eof_) {
            more(want);
        }
        return {carry_.data(), carry_.size()};
    }
    void consume(std::size_t n) {
        carry_.erase(carry_.begin(), carry_.begin() + static_cast<std::ptrdiff_t>(n));
        offset_ += n;
    }
    [[nodiscard]] std::uint64_t offset() const noexcept { return offset_; }

    // Fills `b` with about `target` bytes of whole lines, cut into `shares`; false at the end.
    bool fill(Batch& b, std::size_t target, unsigned shares) {
        if (mapped_) {
            return fill_mapped(b, target, shares);
        }
        b.data.swap(carry_);
        carry_.clear();
        b.offset = offset_;
        std::size_t cut = 0;
        while (true) {
            while (b.data.size() < target && !eof_) {
                const std::size_t old = b.data.size();
                b.data.resize(target);
                const std::size_t got = source_.read(b.data.data() + old, target - old);
                b.data.resize(old + got);
                eof_ = got == 0;
            }
            if (eof_) {
                cut = b.data.size();
                break;
            }
            cut = detail::whole_lines_length({b.data.data(), b.data.size()}, csv_);
            if (cut > 0) {
                break;
            }
            target *= 2; // a line longer than the batch
        }
        carry_.assign(b.data.begin() + static_cast<std::ptrdiff_t>(cut), b.data.end());
        b.base = b.data.data();
        b.size = cut;
        offset_ += cut;
        cut_shares(b, shares);
        return b.size > 0;
    }

  private:
    struct Window {
        char* base = nullptr;
        std::size_t length = 0;
        std::uint64_t offset = 0; // file offset of base
    };
    static constexpr std::size_t kWindow = std::size_t{4} << 20;

    bool fill_mapped(Batch& b, std::size_t target, unsigned shares) {
        if (offset_ >= file_size_) {
            b.size = 0;
            return false;
        }
        while (true) {
            const std::uint64_t want_end = std::min<std::uint64_t>(file_size_, offset_ + target);
            const Window& w = window_for(offset_, want_end);
            const char* p = w.base + (offset_ - w.offset);
            const auto avail = static_cast<std::size_t>(want_end - offset_);
            std::size_t cut = avail;
            if (want_end < file_size_) {
                cut = detail::whole_lines_length({p, avail}, csv_);
                if (cut == 0) {
                    target *= 2; // a line longer than the batch
                    continue;
                }
            }
            b.base = p;
            b.size = cut;
            b.offset = offset_;
            offset_ += cut;
            cut_shares(b, shares);
            return true;
        }
    }

    // A mapped window that holds [from, to); at most two stay mapped (the batch being
    // processed and the one being prepared).
    const Window& window_for(std::uint64_t from, std::uint64_t to) {
        if (!windows_.empty()) {
            const Window& w = windows_.back();
            if (from >= w.offset && to <= w.offset + w.length) {
                return w;
            }
        }
        static const auto kPage = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
        Window w;
        w.offset = from / kPage * kPage;
        w.length = static_cast<std::size_t>(std::min<std::uint64_t>(
            file_size_ - w.offset, std::max<std::uint64_t>(kWindow, to - w.offset)));
        void* p = ::mmap(nullptr, w.length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_,
                         static_cast<off_t>(w.offset));
        if (p == MAP_FAILED) {
            throw InputError::unreadable(source_name_, std::strerror(errno));
        }
        ::madvise(p, w.length, MADV_SEQUENTIAL);
        w.base = static_cast<char*>(p);
        if (windows_.size() == 2) {
            ::munmap(windows_.front().base, windows_.front().length);
            windows_.erase(windows_.begin());
        }
        windows_.push_back(w);
        return windows_.back();
    }

  public:
    void set_name(std::string name) { source_name_ = std::move(name); }
    [[nodiscard]] bool mapped() const noexcept { return mapped_; }

  private:
    void cut_shares(Batch& b, unsigned shares) {
        b.cuts.assign(1, 0);
        for (unsigned i = 1; i < shares; ++i) {
            const std::size_t want = b.size * i / shares;
            const std::size_t prev = b.cuts.back();
            std::size_t at =
                want <= prev
                    ? prev
                    : prev + detail::whole_lines_length({b.base + prev, want - prev}, csv_);
            b.cuts.push_back(std::max(at, prev));
        }
        b.cuts.push_back(b.size);
    }

    void more(std::size_t want) {
        const std::size_t old = carry_.size();
        carry_.resize(old + std::max<std::size_t>(want, 4096));
        const std::size_t got = source_.read(carry_.data() + old, carry_.size() - old);
        carry_.resize(old + got);
        eof_ = got == 0;
    }

    Source& source_;
    bool csv_;
    Bytes carry_;
    std::uint64_t offset_ = 0;
    bool eof_ = false;
    bool mapped_ = false;
    int fd_ = -1;
    std::uint64_t file_size_ = 0;
    std::string source_name_;
    std::vector<Window> windows_;
};

} // namespace smartkpi::detail
