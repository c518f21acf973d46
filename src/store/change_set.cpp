// One change of several files, undone as a whole when a part of it fails.
#include "pipeline/store/change_set.hpp"

#include <system_error>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"

namespace fs = std::filesystem;

namespace pipeline {
namespace {

// Makes the folders of `file` that are missing, adding them to `made` outermost first.
std::optional<IoError> make_folders(const fs::path& file, const std::string& display, std::vector<fs::path>& made) {
    std::vector<fs::path> missing;
    for (fs::path p = file.parent_path(); !p.empty(); p = p.parent_path()) {
        std::error_code ec;
        if (fs::exists(p, ec) || ec) break;
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return IoError{trf("cannot make the folder for {}: {}", display, ec.message())};
    made.insert(made.end(), missing.rbegin(), missing.rend());
    return std::nullopt;
}

std::optional<IoError> write_one(const FileChange& c, std::size_t max_size, std::vector<fs::path>& made) {
    if (!c.before) {
        if (auto error = make_folders(c.file, c.display, made)) return error;
        if (auto error = create_file(c.file, c.after, c.display)) return error;
        return std::nullopt;
    }
    auto locked = LockedFile::open(c.file, max_size, c.display);
    if (auto* error = std::get_if<IoError>(&locked)) return *error;
    LockedFile& f = std::get<LockedFile>(locked);
    if (f.bytes() != *c.before) return IoError{trf("{} changed since it was read", c.display)};
    return f.replace(c.after);
}

// Puts back what write_one wrote; why it could not, or nullopt.
std::optional<std::string> undo_one(const FileChange& c, std::size_t max_size) {
    if (!c.before) {
        std::error_code ec;
        fs::remove(c.file, ec);
        if (ec) return trf("{} could not be removed: {}", c.display, ec.message());
        return std::nullopt;
    }
    auto locked = LockedFile::open(c.file, max_size, c.display);
    if (auto* error = std::get_if<IoError>(&locked)) return error->message;
    LockedFile& f = std::get<LockedFile>(locked);
    if (f.bytes() != c.after) return trf("{} changed again meanwhile and was left as it is", c.display);
    if (auto error = f.replace(*c.before)) return error->message;
    return std::nullopt;
}

}  // namespace

std::optional<IoError> write_changes(const std::vector<FileChange>& changes, std::size_t max_size) {
    std::vector<fs::path> made;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto error = write_one(changes[i], max_size, made);
        if (!error) continue;
        if (i == 0) return error;
        // The replaced files first: a new file stays while a file not put back may refer to it.
        std::vector<std::string> left;
        for (std::size_t k = i; k-- > 0;)
            if (changes[k].before)
                if (auto why = undo_one(changes[k], max_size)) left.push_back(*why);
        if (left.empty()) {
            for (std::size_t k = i; k-- > 0;)
                if (!changes[k].before)
                    if (auto why = undo_one(changes[k], max_size)) left.push_back(*why);
            // The folders made for new files, deepest first; one that is not empty again stays.
            for (auto it = made.rbegin(); it != made.rend(); ++it) {
                std::error_code ec;
                fs::remove(*it, ec);
            }
        }
        if (left.empty())
            return IoError{trnf("{} (the {} file written before it was put back as it was)",
                                "{} (the {} files written before it were put back as they were)", i, error->message, i)};
        std::string why;
        for (const std::string& l : left) why += (why.empty() ? "" : tr("; ")) + l;
        bool kept_new = false;
        for (std::size_t k = 0; k < i; ++k) kept_new = kept_new || !changes[k].before;
        return IoError{kept_new ? trf("{}; undoing the files written before it failed: {}; the new files were kept, as files "
                                      "not put back may name them",
                                      error->message, why)
                                : trf("{}; undoing the files written before it failed: {}", error->message, why)};
    }
    return std::nullopt;
}

}  // namespace pipeline
