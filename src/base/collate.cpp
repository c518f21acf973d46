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
        // zh: Han characters by pinyin (tone, then ICU's order, among the same syllable), then Latin.
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

}  // namespace pipeline
