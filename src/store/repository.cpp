// Finding a repository and its project files.
#include "pipeline/store/repository.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace pipeline {

std::optional<fs::path> find_repository(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return std::nullopt;
    dir = dir.lexically_normal();
    while (true) {
        if (fs::is_regular_file(dir / "pipeline.yaml", ec)) return dir;
        if (!dir.has_relative_path()) return std::nullopt;
        fs::path parent = dir.parent_path();
        if (parent == dir) return std::nullopt;
        dir = parent;
    }
}

namespace {

bool inside(const fs::path& root_canonical, const fs::path& p) {
    if (root_canonical.empty()) return false;  // the root could not be resolved: trust nothing
    std::error_code ec;
    fs::path target = fs::weakly_canonical(p, ec);
    if (ec) return false;
    // A dangling link is no existing prefix to weakly_canonical, which then keeps its name as
    // it is: where it points is what counts.
    if (fs::is_symlink(p, ec) && !fs::exists(p, ec)) {
        const fs::path link = fs::read_symlink(p, ec);
        if (ec) return false;
        target = fs::weakly_canonical(link.is_absolute() ? link : p.parent_path() / link, ec);
        if (ec) return false;
    }
    auto r = root_canonical.begin();
    auto t = target.begin();
    for (; r != root_canonical.end(); ++r, ++t)
        if (t == target.end() || *r != *t) return false;
    return true;
}

}  // namespace

std::optional<Text> link_refusal(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    (void)fs::weakly_canonical(file, ec);
    if (ec == std::errc::too_many_symbolic_link_levels) return say("the symbolic links lead in a loop; not read");
    if (!inside_repository(root, file)) return say(kLeadsOut);
    return std::nullopt;
}

bool inside_repository(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path root_canonical = fs::weakly_canonical(root, ec);
    return !ec && inside(root_canonical, file);
}

namespace {

// A name that would be a project file but for the case of its extension (X.YAML, X.Yml).
bool miscased_project_name(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return false;
    std::string ext(name.substr(dot));
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return ext == ".yaml" || ext == ".yml";
}

}  // namespace

std::vector<std::string> list_project_files(const fs::path& root, Diagnostics& out) {
    return list_yaml_files(root, "projects", out);
}

std::vector<std::string> list_yaml_files(const fs::path& root, const std::string& top, Diagnostics& out) {
    std::vector<std::string> files;
    const fs::path projects = root / top;
    std::error_code ec;
    if (!fs::is_directory(projects, ec)) {
        // Something else by that name (a file, a FIFO) holds no projects or customers: say so,
        // rather than read it as an empty folder.
        if (fs::exists(fs::symlink_status(projects, ec)))
            out.error(top, {}, "io", say("{} is not a folder; the files it should hold are not read", top));
        return files;
    }
    fs::path root_canonical = fs::weakly_canonical(root, ec);
    if (ec) root_canonical.clear();
    if (!inside(root_canonical, projects)) {
        out.error(top, {}, "symlink", say(kLeadsOut));
        return files;
    }
    // Folder by folder, so that one that cannot be listed is a finding and the others are
    // still read: a forecast must not quietly leave projects out. Entries are projects/...:
    // their path relative to the root is plain string work, which matters with tens of
    // thousands of files.
    const std::size_t prefix = projects.native().size();
    std::vector<fs::path> folders{projects};
    while (!folders.empty()) {
        const fs::path folder = std::move(folders.back());
        folders.pop_back();
        const std::string folder_rel = top + folder.native().substr(prefix);
        fs::directory_iterator it(folder, ec), end;
        if (ec) {
            // TRANSLATORS: {} is the system's reason, in English.
            out.error(folder_rel, {}, "io", say("cannot list the folder: {}; its projects are not read", system_error_text(ec.value())));
            ec.clear();
            continue;
        }
        for (; !ec && it != end; it.increment(ec)) {
            const fs::path& p = it->path();
            const std::string& full = p.native();
            const std::string rel = top + full.substr(prefix);
            const std::string_view name = std::string_view(full).substr(full.rfind('/') + 1);
            if (name.starts_with(".")) continue;
            std::error_code type_ec;
            const bool link = it->is_symlink(type_ec);
            const bool wanted = name.ends_with(".yaml") || name.ends_with(".yml");
            // The type the listing gave (the is_ methods ask no system call for it), or, for a
            // link, its target's.
            const fs::file_type type = link ? it->status(type_ec).type()
                                       : it->is_directory(type_ec)    ? fs::file_type::directory
                                       : it->is_regular_file(type_ec) ? fs::file_type::regular
                                       : it->is_fifo(type_ec)         ? fs::file_type::fifo
                                       : it->is_character_file(type_ec) || it->is_block_file(type_ec) ? fs::file_type::character
                                                                                                      : fs::file_type::unknown;
            const fs::file_status status(type);
            if (link && wanted && type_ec == std::errc::too_many_symbolic_link_levels) {
                out.error(rel, {}, "symlink", say("the symbolic links lead in a loop; not read"));
                continue;
            }
            if (link && !inside(root_canonical, p)) {
                if (wanted || fs::is_directory(status)) out.error(rel, {}, "symlink", say(kLeadsOut));
                continue;
            }
            if (fs::is_directory(status)) {
                if (!link) folders.push_back(p);  // a linked folder is listed where it really is, by check PATH
                continue;
            }
            if (!wanted) {
                if (miscased_project_name(name))
                    out.error(rel, {}, "file-name",
                              say("a project file's name ends in .yaml or .yml in small letters; rename it to be read"));
                continue;
            }
            if (link && type_ec) {
                // TRANSLATORS: {} is the system's reason, in English.
                out.error(rel, {}, "symlink", say("symbolic link leads to nothing ({}); not read", system_error_text(type_ec.value())));
                continue;
            }
            if (!fs::is_regular_file(status)) {
                out.error(rel, {}, "io", fs::is_fifo(status)        ? say("it is a FIFO (named pipe), not a regular file; not read")
                                         : fs::is_character_file(status) || fs::is_block_file(status)
                                             ? say("it is a device, not a regular file; not read")
                                             : say("it is not a regular file; not read"));
                continue;
            }
            files.push_back(rel);
        }
        if (ec) {
            // TRANSLATORS: {} is the system's reason, in English.
            out.error(folder_rel, {}, "io", say("cannot list the folder: {}; some of its projects are not read", system_error_text(ec.value())));
            ec.clear();
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string project_path_for(const fs::path& root, const std::string& id) {
    // The usual place first, so one project is found without listing the others.
    std::error_code ec;
    for (const char* ext : {".yaml", ".yml"})
        if (fs::is_regular_file(root / "projects" / (id + ext), ec)) return "projects/" + id + ext;
    // Then one folder down (projects/east/ID.yaml), still without listing every file.
    std::vector<std::string> folders;
    for (fs::directory_iterator it(root / "projects", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(".") && it->is_directory(ec) && !it->is_symlink(ec)) folders.push_back(name);
    }
    std::sort(folders.begin(), folders.end());
    for (const std::string& folder : folders)
        for (const char* ext : {".yaml", ".yml"})
            if (fs::is_regular_file(root / "projects" / folder / (id + ext), ec) &&
                !fs::is_symlink(root / "projects" / folder / (id + ext), ec))
                return "projects/" + folder + "/" + id + ext;
    Diagnostics ignored;
    for (const std::string& rel : list_project_files(root, ignored))
        if (fs::path(rel).stem() == id) return rel;
    return "projects/" + id + ".yaml";
}

}  // namespace pipeline
