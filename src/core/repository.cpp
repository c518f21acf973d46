#include "pipeline/repository.hpp"

#include <algorithm>
#include <fstream>
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

std::vector<std::string> list_project_files(const fs::path& root, Diagnostics& out) {
    std::vector<std::string> files;
    const fs::path projects = root / "projects";
    std::error_code ec;
    if (!fs::is_directory(projects, ec)) return files;
    const fs::path root_canonical = fs::weakly_canonical(root, ec);
    fs::recursive_directory_iterator it(projects, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string rel = p.lexically_relative(root).generic_string();
        if (it->is_symlink(ec)) {
            if (!inside(root_canonical, p)) {
                if (is_project_file(p) || it->is_directory(ec))
                    out.error(rel, {}, "symlink", "symbolic link leads out of the repository; not read");
                continue;
            }
        }
        if (it->is_directory(ec)) {
            if (p.filename().string().starts_with(".")) it.disable_recursion_pending();
            continue;
        }
        if (p.filename().string().starts_with(".")) continue;
        if (is_project_file(p) && it->is_regular_file(ec)) files.push_back(rel);
    }
    if (ec) out.error("projects", {}, "io", fmt::format("cannot list project files: {}", ec.message()));
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<std::string> read_text_file(const fs::path& file, const std::string& display, std::size_t max_size,
                                          Diagnostics& out) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        out.error(display, {}, "io", fmt::format("cannot read the file: {}", std::error_code(errno, std::generic_category()).message()));
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_size) {
            out.error(display, {}, "file-size",
                      fmt::format("the file is larger than {} bytes (rules.max_file_size); not read", max_size));
            return std::nullopt;
        }
    }
    if (in.bad()) {
        out.error(display, {}, "io", "read error");
        return std::nullopt;
    }
    return text;
}

bool prepare_text(std::string& text, const std::string& display, Diagnostics& out) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 2) ok = c >= 0xC2;
        if (ok && n == 3) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
            ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok) {
            int column = 1;
            for (std::size_t k = line_start; k < i; ++k)
                if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
            out.error(display, {line, column}, "encoding", fmt::format("byte 0x{:02X} is not UTF-8; save the file as UTF-8", c));
            return false;
        }
        if (c == 0) {
            out.error(display, {line, 1}, "encoding", "the file holds a NUL byte; it is not a text file");
            return false;
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        }
        i += n;
    }
    return true;
}

std::optional<Process> load_process_file(const fs::path& root, Diagnostics& out) {
    auto text = read_text_file(root / "pipeline.yaml", "pipeline.yaml", 4u << 20, out);
    if (!text || !prepare_text(*text, "pipeline.yaml", out)) return std::nullopt;
    return load_process(*text, "pipeline.yaml", out);
}

Repository load_repository(const LoadRequest& request) {
    Repository repo;
    repo.root = request.root;
    repo.process = load_process_file(request.root, repo.diagnostics);
    if (!repo.process) return repo;
    std::vector<std::string> files = request.only.empty() ? list_project_files(request.root, repo.diagnostics) : request.only;
    for (const std::string& rel : files) {
        auto text = read_text_file(request.root / rel, rel, repo.process->rules.max_file_size, repo.diagnostics);
        if (!text || !prepare_text(*text, rel, repo.diagnostics)) continue;
        if (auto project = load_project(*text, rel, *repo.process, repo.diagnostics, request.options))
            repo.projects.push_back(std::move(*project));
    }
    return repo;
}

std::string project_path_for(const fs::path& root, const std::string& id) {
    // The usual place first, so one project is found without listing the others.
    std::error_code ec;
    for (const char* ext : {".yaml", ".yml"})
        if (fs::is_regular_file(root / "projects" / (id + ext), ec)) return "projects/" + id + ext;
    Diagnostics ignored;
    for (const std::string& rel : list_project_files(root, ignored))
        if (fs::path(rel).stem() == id) return rel;
    return "projects/" + id + ".yaml";
}

}  // namespace pipeline
