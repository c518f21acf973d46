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

bool is_project_file(const fs::path& p) {
    const auto ext = p.extension();
    return ext == ".yaml" || ext == ".yml";
}

bool inside(const fs::path& root_canonical, const fs::path& p) {
    if (root_canonical.empty()) return false;  // the root could not be resolved: trust nothing
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(p, ec);
    if (ec) return false;
    auto r = root_canonical.begin();
    auto t = target.begin();
    for (; r != root_canonical.end(); ++r, ++t)
        if (t == target.end() || *r != *t) return false;
    return true;
}

}  // namespace

bool inside_repository(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path root_canonical = fs::weakly_canonical(root, ec);
    return !ec && inside(root_canonical, file);
}

std::vector<std::string> list_project_files(const fs::path& root, Diagnostics& out) {
    std::vector<std::string> files;
    const fs::path projects = root / "projects";
    std::error_code ec;
    if (!fs::is_directory(projects, ec)) return files;
    fs::path root_canonical = fs::weakly_canonical(root, ec);
    if (ec) root_canonical.clear();
    if (!inside(root_canonical, projects)) {
        out.error("projects", {}, "symlink", "symbolic link leads out of the repository; not read");
        return files;
    }
    fs::recursive_directory_iterator it(projects, fs::directory_options::skip_permission_denied, ec), end;
    // Entries are projects/...: their path relative to the root is plain string work, which
    // matters with tens of thousands of files.
    const std::size_t prefix = projects.native().size();
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string& full = p.native();
        const std::string rel = "projects" + full.substr(prefix);
        const std::string_view name = std::string_view(full).substr(full.rfind('/') + 1);
        if (it->is_symlink(ec)) {
            if (!inside(root_canonical, p)) {
                if (is_project_file(p) || it->is_directory(ec))
                    out.error(rel, {}, "symlink", "symbolic link leads out of the repository; not read");
                continue;
            }
        }
        if (it->is_directory(ec)) {
            if (name.starts_with(".")) it.disable_recursion_pending();
            continue;
        }
        if (name.starts_with(".")) continue;
        if ((name.ends_with(".yaml") || name.ends_with(".yml")) && it->is_regular_file(ec)) files.push_back(rel);
    }
    if (ec) out.error("projects", {}, "io", fmt::format("cannot list project files: {}", ec.message()));
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
