// The text fields of a project record. A loaded repository holds some seventy text
// fields per project, most of them empty or a few characters long; std::string spends
// 32 bytes on each. CompactString spends 16: up to 15 bytes inline, longer text on the
// heap. It is an immutable value: assign a new one to change it. data() is not
// NUL-terminated.
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace pipeline {

class CompactString {
public:
    CompactString() noexcept { set_inline_size(0); }
    CompactString(std::string_view text) { assign(text); }
    CompactString(const std::string& text) { assign(text); }
    // A null pointer is the empty string (`field = {}` picks this overload).
    CompactString(const char* text) { assign(text ? std::string_view(text) : std::string_view()); }
    CompactString(const CompactString& other) { assign(other.view()); }
    CompactString(CompactString&& other) noexcept {
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
        other.set_inline_size(0);
    }
    ~CompactString() { release(); }

    CompactString& operator=(const CompactString& other) {
        if (this != &other) {
            CompactString copy(other);
            swap(copy);
        }
        return *this;
    }
    CompactString& operator=(CompactString&& other) noexcept {
        if (this != &other) {
            release();
            std::memcpy(bytes_, other.bytes_, sizeof bytes_);
            other.set_inline_size(0);
        }
        return *this;
    }
    CompactString& operator=(std::string_view text) { return *this = CompactString(text); }
    CompactString& operator=(const std::string& text) { return *this = CompactString(text); }
    CompactString& operator=(const char* text) { return *this = CompactString(text); }

    void clear() noexcept { *this = CompactString(); }

    void swap(CompactString& other) noexcept {
        if (this == &other) return;
        char temporary[sizeof bytes_];
        std::memcpy(temporary, bytes_, sizeof bytes_);
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
        std::memcpy(other.bytes_, temporary, sizeof bytes_);
    }

    // Views of a temporary would dangle (`std::string_view v = c ? p.owner : "-";` copies
    // p.owner into one): they do not compile.
    std::string_view view() const& noexcept { return {data(), size()}; }
    std::string_view view() const&& = delete;
    operator std::string_view() const& noexcept { return view(); }
    operator std::string_view() const&& = delete;
    // A copy as std::string, for the places that keep or build text (also implicit, so
    // that functions taking std::string take the fields as they did).
    std::string str() const { return std::string(view()); }
    operator std::string() const { return str(); }

    const char* data() const noexcept { return on_heap() ? heap_pointer() : bytes_; }
    std::size_t size() const noexcept {
        if (!on_heap()) return static_cast<unsigned char>(bytes_[kTag]);
        std::uint32_t size;
        std::memcpy(&size, bytes_ + 8, sizeof size);
        return size;
    }
    bool empty() const noexcept { return size() == 0; }
    const char* begin() const noexcept { return data(); }
    const char* end() const noexcept { return data() + size(); }
    char operator[](std::size_t i) const noexcept { return data()[i]; }

    friend bool operator==(const CompactString& a, const CompactString& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CompactString& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactString& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const CompactString& a, const char* b) noexcept {
        return a.view() == (b ? std::string_view(b) : std::string_view());
    }
    friend std::strong_ordering operator<=>(const CompactString& a, const CompactString& b) noexcept {
        return a.view() <=> b.view();
    }
    friend std::strong_ordering operator<=>(const CompactString& a, std::string_view b) noexcept { return a.view() <=> b; }
    friend std::strong_ordering operator<=>(const CompactString& a, const std::string& b) noexcept {
        return a.view() <=> std::string_view(b);
    }
    friend std::strong_ordering operator<=>(const CompactString& a, const char* b) noexcept {
        return a.view() <=> (b ? std::string_view(b) : std::string_view());
    }
    friend std::string operator+(const CompactString& a, std::string_view b) { return a.str().append(b); }
    friend std::string operator+(std::string_view a, const CompactString& b) { return std::string(a).append(b.view()); }
    friend std::ostream& operator<<(std::ostream& out, const CompactString& s) { return out << s.view(); }

private:
    // Inline: bytes_[0..14] hold the text and bytes_[15] its length (0..15), so the tag kHeap
    // (255) can never be an inline length.
    // On the heap: bytes_[0..7] the pointer, bytes_[8..11] the length, bytes_[15] == kHeap.
    static constexpr std::size_t kTag = 15;
    static constexpr unsigned char kHeap = 0xFF;

    bool on_heap() const noexcept { return static_cast<unsigned char>(bytes_[kTag]) == kHeap; }
    const char* heap_pointer() const noexcept {
        const char* pointer;
        std::memcpy(&pointer, bytes_, sizeof pointer);
        return pointer;
    }
    void set_inline_size(std::size_t size) noexcept { bytes_[kTag] = static_cast<char>(size); }
    void release() noexcept {
        if (on_heap()) delete[] heap_pointer();
    }
    void assign(std::string_view text);

    alignas(8) char bytes_[16];
};

static_assert(sizeof(CompactString) == 16 && sizeof(char*) <= 8, "the layout above needs 64-bit pointers at most");

}  // namespace pipeline

template <>
struct fmt::formatter<pipeline::CompactString> : fmt::formatter<std::string_view> {
    template <class FormatContext>
    auto format(const pipeline::CompactString& s, FormatContext& context) const -> decltype(context.out()) {
        return fmt::formatter<std::string_view>::format(s.view(), context);
    }
};

template <>
struct std::hash<pipeline::CompactString> {
    std::size_t operator()(const pipeline::CompactString& s) const noexcept { return std::hash<std::string_view>{}(s.view()); }
};
