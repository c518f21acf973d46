#include "pipeline/base/i18n.hpp"

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <libintl.h>

namespace pipeline {
namespace {

constexpr const char* kDomain = "pipeline";

std::atomic<Language> g_language{Language::english};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

}  // namespace

std::optional<Language> parse_language(std::string_view text) {
    const std::string t = lower(text);
    const std::string base = t.substr(0, t.find_first_of("_-.@"));
    if (base == "zh") return Language::chinese;
    if (base == "en" || t == "c" || t == "posix" || t.starts_with("c.")) return Language::english;
    return std::nullopt;
}

Language language_of_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (!value || !*value) continue;
        return parse_language(value).value_or(Language::english);
    }
    return Language::english;
}

bool use_language(Language language, const std::string& catalog_dir) {
    if (language == Language::english) {
        g_language = Language::english;
        return true;
    }
    std::error_code ec;
    if (catalog_dir.empty() ||
        !std::filesystem::is_regular_file(std::filesystem::path(catalog_dir) / "zh_CN" / "LC_MESSAGES" / "pipeline.mo", ec)) {
        g_language = Language::english;
        return false;
    }
    // gettext translates only under a locale other than "C"; C.UTF-8 is always there, and
    // LANGUAGE then picks the catalog whatever locales the machine has. Only messages change:
    // numbers, dates and sorting stay as the program writes them.
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    ::setenv("LANGUAGE", "zh_CN", 1);
    bindtextdomain(kDomain, catalog_dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    // The C library's own messages (strerror) in UTF-8 too, whatever LC_CTYPE says.
    bind_textdomain_codeset("libc", "UTF-8");
    g_language = Language::chinese;
    return true;
}

Language current_language() { return g_language; }

const char* tr(const char* msgid) {
    if (g_language == Language::english || !*msgid) return msgid;
    return dgettext(kDomain, msgid);
}

const char* trc(const char* context, const char* msgid) {
    if (g_language == Language::english || !*msgid) return msgid;
    // The catalog keys a message with a context as "context\004msgid" (msgctxt in the .po).
    thread_local std::string key;
    key = std::string(context) + '\004' + msgid;
    const char* found = dgettext(kDomain, key.c_str());
    return found == key.c_str() ? msgid : found;
}

Text system_error_text(int error_number) {
    const char* english = strerrordesc_np(error_number);  // never translated
    const std::string described = english ? english : fmt::format("error {}", error_number);
    if (g_language == Language::english) return Text(described);
    return Text(described, std::strerror(error_number));
}

Text& Text::operator+=(const Text& more) {
    if (!local_.empty() || !more.local_.empty()) local_ = local() + more.local();
    english_ += more.english_;
    return *this;
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    if (g_language == Language::english) return n == 1 ? singular : plural;
    return dngettext(kDomain, singular, plural, n);
}

}  // namespace pipeline
