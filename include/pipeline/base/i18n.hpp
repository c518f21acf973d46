// The language of what the tool says: English, or Chinese from the zh_CN catalog (gettext).
// What scripts read never changes with it: JSON keys and values, rule ids, enum ids, exit
// statuses, the "path:line:col: error|warning:" prefix of findings.
//
// Every sentence for people is written in English in the code and passes through tr(): a
// message id, which xgettext collects into po/pipeline.pot and po/zh_CN.po translates.
// fmt placeholders ({}, {0}) stay in the translation; a translation may reorder them by
// index ({1}…{0}).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

// Marks a message id for the catalog without translating it where it is written (a table of
// words translated where they are shown).
#define N_(text) text

namespace pipeline {

enum class Language { english, chinese };

// "zh", "zh_CN", "zh-CN", "zh_CN.UTF-8", "zh_TW" (Chinese); "en", "en_US", "C", "POSIX" (English);
// nullopt for anything else.
std::optional<Language> parse_language(std::string_view text);

// The language the environment asks for: the first of LC_ALL, LC_MESSAGES, LANG that is
// set and not empty; English when none is, or when it names another language.
Language language_of_environment();

// Switches what tr() returns for the rest of the run. `catalog_dir` holds
// zh_CN/LC_MESSAGES/pipeline.mo; without it, or without the file, everything stays English.
// Returns false when Chinese was asked for and no catalog was found.
bool use_language(Language language, const std::string& catalog_dir);
Language current_language();

// The translation of `msgid` in the current language (the msgid itself in English).
const char* tr(const char* msgid);

// The translation of `msgid` where the same English word needs two translations: `context`
// tells them apart (trc("forecast category", "closed") is 已成交, the count of closed
// projects 已结案). The context is never shown.
const char* trc(const char* context, const char* msgid);

// The system's description of an error number (ENOENT: "No such file or directory"): in
// English for JSON, in the reader's language for text.
class Text;
Text system_error_text(int error_number);

// The singular or plural form for `n`, translated.
const char* trn(const char* singular, const char* plural, unsigned long n);


// A sentence in two forms: English, which JSON and other output for scripts carry whatever
// the language, and the reader's language, which text output shows. Built by say()/sayn();
// a plain string converts to a Text that is the same in both (an id, a file's own words).
class Text {
public:
    Text() = default;
    Text(std::string same) : english_(std::move(same)) {}
    Text(const char* same) : english_(same) {}
    Text(std::string english, std::string local) : english_(std::move(english)), local_(std::move(local)) {
        if (local_ == english_) local_.clear();
    }

    const std::string& english() const { return english_; }
    const std::string& local() const { return local_.empty() ? english_ : local_; }
    bool empty() const { return english_.empty(); }

    Text& operator+=(const Text& more);
    friend Text operator+(Text a, const Text& b) { return a += b; }
    friend bool operator==(const Text& a, const Text& b) { return a.english_ == b.english_; }

private:
    std::string english_;
    std::string local_;  // empty: the same as english_
};

namespace i18n_detail {
template <class T> const T& english_of(const T& v) { return v; }
inline const std::string& english_of(const Text& t) { return t.english(); }
template <class T> const T& local_of(const T& v) { return v; }
inline const std::string& local_of(const Text& t) { return t.local(); }

// A translation whose placeholders do not match its message (the catalog test stops those)
// gives the English sentence rather than an exception.
template <class... Args>
std::string format_translated(const char* translated, const char* english, const Args&... args) {
    try {
        return fmt::format(fmt::runtime(translated), args...);
    } catch (const fmt::format_error&) {
        return fmt::format(fmt::runtime(english), args...);
    }
}
}  // namespace i18n_detail

// tr() then fmt::format; a Text argument gives its form in the reader's language.
template <class... Args>
std::string trf(const char* msgid, const Args&... args) {
    return i18n_detail::format_translated(tr(msgid), msgid, i18n_detail::local_of(args)...);
}

// trn() then fmt::format.
template <class... Args>
std::string trnf(const char* singular, const char* plural, unsigned long n, const Args&... args) {
    return i18n_detail::format_translated(trn(singular, plural, n), n == 1 ? singular : plural,
                                          i18n_detail::local_of(args)...);
}

// A Text from a message id and its arguments; arguments that are Texts give each form its own.
template <class... Args>
Text say(const char* msgid, const Args&... args) {
    std::string english = fmt::format(fmt::runtime(msgid), i18n_detail::english_of(args)...);
    if (current_language() == Language::english) return Text(std::move(english));
    return Text(std::move(english), i18n_detail::format_translated(tr(msgid), msgid, i18n_detail::local_of(args)...));
}

// say() with the singular or plural form for `n`.
template <class... Args>
Text sayn(const char* singular, const char* plural, unsigned long n, const Args&... args) {
    std::string english = fmt::format(fmt::runtime(n == 1 ? singular : plural), i18n_detail::english_of(args)...);
    if (current_language() == Language::english) return Text(std::move(english));
    return Text(std::move(english), i18n_detail::format_translated(trn(singular, plural, n), n == 1 ? singular : plural,
                                                                  i18n_detail::local_of(args)...));
}

}  // namespace pipeline
