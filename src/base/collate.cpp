#include "pipeline/base/collate.hpp"

#include <memory>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

namespace pipeline {
namespace {

// One collator for the run; ICU collators are safe to use from several threads for comparing.
const icu::Collator* collator() {
    static const std::unique_ptr<icu::Collator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        // zh: pinyin order for Han characters, Latin letters in their usual order.
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status)) c.reset();
        return c;
    }();
    return instance.get();
}

int bytes(std::string_view a, std::string_view b) { return a.compare(b) < 0 ? -1 : a == b ? 0 : 1; }

}  // namespace

int collate(std::string_view a, std::string_view b) {
    const icu::Collator* c = collator();
    if (!c) return bytes(a, b);
    UErrorCode status = U_ZERO_ERROR;
    const UCollationResult r = c->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                              icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    if (U_FAILURE(status) || r == UCOL_EQUAL) return bytes(a, b);
    return r == UCOL_LESS ? -1 : 1;
}

std::string collation_key(std::string_view text) {
    const icu::Collator* c = collator();
    if (!c) return std::string(text);
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    std::string key(64, '\0');
    int32_t n = c->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = c->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
    }
    key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // without the terminating NUL
    // Names equal under collation stay apart, in byte order.
    key += '\0';
    key += text;
    return key;
}

}  // namespace pipeline
