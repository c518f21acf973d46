#include "pipeline/base/compact_string.hpp"

#include <stdexcept>

#include "pipeline/base/i18n.hpp"

namespace pipeline {

// Called on fresh storage only (constructors): nothing to release.
void CompactString::assign(std::string_view text) {
    if (text.size() <= kTag) {
        if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
        set_inline_size(text.size());
        return;
    }
    if (text.size() > UINT32_MAX) throw std::length_error(tr("text field longer than 4 GiB"));
    const std::uint32_t size = static_cast<std::uint32_t>(text.size());
    char* pointer = new char[size];
    std::memcpy(pointer, text.data(), size);
    std::memcpy(bytes_, &pointer, sizeof pointer);
    std::memcpy(bytes_ + 8, &size, sizeof size);
    bytes_[kTag] = static_cast<char>(kHeap);
}

}  // namespace pipeline
