// Bytes of the record cache: little-endian varints and length-prefixed texts, read with
// bounds checked (a damaged file makes the reader fail, never overrun). Internal to store/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/base/compact_string.hpp"
#include "pipeline/base/date.hpp"
#include "pipeline/base/diagnostic.hpp"
#include "pipeline/base/money.hpp"
#include "pipeline/model/status.hpp"

namespace pipeline::cache_bytes {

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}
    void u64(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void i64(std::int64_t v) { u64((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }

    void operator()(std::string_view s) {
        u64(s.size());
        out_.append(s);
    }
    void operator()(const std::string& s) { (*this)(std::string_view(s)); }
    void operator()(const CompactString& s) { (*this)(s.view()); }
    void operator()(const int& v) { i64(v); }
    void operator()(const bool& v) { out_.push_back(v ? 1 : 0); }
    void operator()(const Status& s) { out_.push_back(static_cast<char>(s)); }
    void operator()(const Severity& s) { out_.push_back(static_cast<char>(s)); }
    void operator()(const Date& d) { i64(d.days()); }
    void operator()(const Money& m) { i64(m.cents); }
    void operator()(const Position& p) {
        i64(p.line);
        i64(p.column);
    }
    template <class T>
    void operator()(const std::optional<T>& o) {
        (*this)(o.has_value());
        if (o) (*this)(*o);
    }
    template <class T>
    void operator()(const std::vector<T>& v) {
        u64(v.size());
        for (const T& x : v) (*this)(x);
    }

private:
    std::string& out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    bool at_end() const { return in_.empty(); }
    std::size_t remaining() const { return in_.size(); }
    // Marks the input as damaged: every later read fails.
    void fail_now() { fail(); }

    std::uint64_t u64() {
        // Most numbers of a record (positions, sizes, small ints) fit in one byte.
        if (!in_.empty() && !(static_cast<unsigned char>(in_.front()) & 0x80)) {
            const auto byte = static_cast<unsigned char>(in_.front());
            in_.remove_prefix(1);
            return byte;
        }
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (in_.empty()) return fail();
            const auto byte = static_cast<unsigned char>(in_.front());
            in_.remove_prefix(1);
            v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return v;
        }
        return fail();
    }
    std::int64_t i64() {
        const std::uint64_t z = u64();
        return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    }
    unsigned char byte() {
        if (in_.empty()) return static_cast<unsigned char>(fail());
        const auto b = static_cast<unsigned char>(in_.front());
        in_.remove_prefix(1);
        return b;
    }

    // A length-prefixed text; empty (and the reader failed) when the length overruns the input.
    std::string_view text() {
        const std::uint64_t n = u64();
        if (n > in_.size()) {
            fail();
            return {};
        }
        const std::string_view t = in_.substr(0, n);
        in_.remove_prefix(n);
        return t;
    }
    void operator()(std::string& s) { s = text(); }
    void operator()(CompactString& s) { s = text(); }
    void operator()(int& v) {
        const std::int64_t x = i64();
        if (x < INT32_MIN || x > INT32_MAX) fail();
        v = static_cast<int>(x);
    }
    void operator()(bool& v) {
        const unsigned char b = byte();
        if (b > 1) fail();
        v = b == 1;
    }
    void operator()(Status& s) {
        const unsigned char b = byte();
        if (b > static_cast<unsigned char>(Status::abandoned)) fail();
        s = static_cast<Status>(b);
    }
    void operator()(Severity& s) {
        const unsigned char b = byte();
        if (b > static_cast<unsigned char>(Severity::warning)) fail();
        s = static_cast<Severity>(b);
    }
    void operator()(Date& d) {
        const std::int64_t x = i64();
        if (x < INT32_MIN || x > INT32_MAX) fail();
        d = Date::from_days(static_cast<std::int32_t>(x));
    }
    void operator()(Money& m) { m.cents = i64(); }
    void operator()(Position& p) {
        (*this)(p.line);
        (*this)(p.column);
    }
    template <class T>
    void operator()(std::optional<T>& o) {
        bool present = false;
        (*this)(present);
        if (!present) {
            o.reset();
            return;
        }
        o.emplace();
        (*this)(*o);
    }
    template <class T>
    void operator()(std::vector<T>& v) {
        const std::uint64_t n = u64();
        if (n > in_.size()) {  // every item takes at least a byte
            fail();
            return;
        }
        v.clear();
        v.resize(n);
        for (T& x : v) (*this)(x);
    }

private:
    std::uint64_t fail() {
        ok_ = false;
        in_ = {};
        return 0;
    }
    std::string_view in_;
    bool ok_ = true;
};

// A finding, in one order for writing and reading.
template <class C> void fields(C& c, Diagnostic& x) { c(x.path); c(x.position); c(x.severity); c(x.message); c(x.rule); c(x.message_local); }

inline void write_diagnostics(Writer& w, const std::vector<Diagnostic>& items) {
    w.u64(items.size());
    for (const Diagnostic& d : items) fields(w, const_cast<Diagnostic&>(d));  // the writer only reads
}

inline void read_diagnostics(Reader& r, std::vector<Diagnostic>& items) {
    const std::uint64_t n = r.u64();
    if (!r.ok() || n > r.remaining()) {
        r.fail_now();
        return;
    }
    items.resize(n);
    for (Diagnostic& d : items) fields(r, d);
}

}  // namespace pipeline::cache_bytes
