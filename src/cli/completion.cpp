// The words `pipeline __complete` offers. The command tree is walked as CLI11 would parse the
// line, so completion follows the commands as they are defined: a new option or value is
// offered without touching this file. The repository is read only as far as needed (file
// names, pipeline.yaml), and any failure offers nothing rather than printing.
#include "completion.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "pipeline/figures/forecast.hpp"
#include "pipeline/figures/query.hpp"
#include "pipeline/figures/reports.hpp"
#include "pipeline/model/customer.hpp"
#include "pipeline/model/registry.hpp"
#include "pipeline/model/status.hpp"
#include "pipeline/store/repository.hpp"

namespace fs = std::filesystem;

namespace pipeline::cli {

std::vector<std::string> shell_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size()) word += line[++i];
            else word += c;
        } else if (c == '\'' || c == '"') {
            quote = c, in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i], in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) words.push_back(std::move(word));
            word.clear(), in_word = false;
        } else {
            word += c, in_word = true;
        }
    }
    words.push_back(word);  // the word being completed, maybe empty
    return words;
}

namespace {

// What the repository at hand offers, read on first use.
class RepositoryWords {
public:
    explicit RepositoryWords(const Context& ctx) : ctx_(ctx) {}

    const Process* process() {
        if (!tried_) {
            tried_ = true;
            try {
                root_ = ctx_.repository_root();
                Diagnostics ignored;
                process_ = load_process_file(*root_, ignored);
            } catch (const Failure&) {
                root_.reset();
            }
        }
        return process_ ? &*process_ : nullptr;
    }

    // Text a shell takes as one word without quotes: no blank, quote or character it gives a meaning.
    static bool one_word(std::string_view s) {
        return !s.empty() && s.find_first_of(" \t\n\r'\"\\$`;&|<>()*?[]{}!#~=:,") == std::string_view::npos;
    }

    std::vector<std::string> file_ids(const char* top) {
        std::vector<std::string> out;
        process();  // finds the root
        if (!root_) return out;
        Diagnostics ignored;
        // Only ids of the allowed form: a file name is no word to put on a command line unquoted.
        for (const std::string& rel : list_yaml_files(*root_, top, ignored))
            if (std::string id = fs::path(rel).stem().string(); valid_project_id(id)) out.push_back(std::move(id));
        return out;
    }

    // Ids, then the display names that name one stage and are one word on a command line (招投标).
    std::vector<std::string> stages() {
        std::vector<std::string> out;
        const Process* p = process();
        if (!p) return out;
        for (const Stage& s : p->stages) out.push_back(s.id);
        for (const Stage& s : p->stages)
            if (s.name != s.id && one_word(s.name) && p->stage_index(s.name) == p->stage_index(s.id)) out.push_back(s.name);
        return out;
    }

    // Roster ids, then the names that name one person (张三), which commands and filters take too.
    std::vector<std::string> people() {
        std::vector<std::string> out;
        const Process* p = process();
        if (!p) return out;
        for (const Person& x : p->people) out.push_back(x.id);
        for (const Person& x : p->people)
            if (!x.name.empty() && x.name != x.id && one_word(x.name) && p->person_named(x.name) == &x) out.push_back(x.name);
        return out;
    }

private:
    const Context& ctx_;
    bool tried_ = false;
    std::optional<fs::path> root_;
    std::optional<Process> process_;
};

// The values an option's validators name: "a|b|c" (format_choice) or "{a,b,c}" (CLI::IsMember),
// else those of its type name ("week|month").
std::vector<std::string> listed_values(CLI::Option* opt) {
    std::vector<std::string> out;
    const auto split = [&](std::string text, char by) {
        std::size_t at = 0;
        while (at <= text.size()) {
            const std::size_t end = std::min(text.find(by, at), text.size());
            if (end > at) out.push_back(text.substr(at, end - at));
            at = end + 1;
        }
    };
    for (int i = 0;; ++i) {
        CLI::Validator* v = nullptr;
        try {
            v = opt->get_validator(i);
        } catch (const CLI::OptionNotFound&) {
            break;
        }
        std::string d = v->get_description();
        if (d.size() > 2 && d.front() == '{' && d.back() == '}') split(d.substr(1, d.size() - 2), ',');
        else if (d.find('|') != std::string::npos) split(d, '|');
    }
    if (out.empty() && opt->get_type_name().find('|') != std::string::npos) split(opt->get_type_name(), '|');
    return out;
}

// The values of the enum field `key` of the customer file (grade, size).
std::vector<std::string> customer_values(std::string_view key) {
    std::vector<std::string> out;
    if (const FieldSpec* f = customer_file_spec().find(key))
        for (const EnumValue& v : f->values) out.emplace_back(v.id);
    return out;
}

// A filter term: its key first ("owner:", "amount>", "not:"), then the values the key takes.
std::vector<std::string> filter_words(const std::string& typed, RepositoryWords& repo) {
    std::string prefix, rest = typed;
    if (rest.starts_with("not:")) prefix = "not:", rest = rest.substr(4);
    const std::size_t colon = rest.find(':');
    std::vector<std::string> out;
    if (colon == std::string::npos) {
        if (prefix.empty()) out.push_back("not:");
        const Process* process = repo.process();
        for (const auto& [name, ordered] : query_field_names(process ? *process : Process{}))
            out.push_back(prefix + name + (ordered ? ">" : ":"));
        return out;
    }
    const std::string key = rest.substr(0, colon);
    std::vector<std::string> values;
    if (key == "owner") values = repo.people();
    else if (key == "stage") values = repo.stages();
    else if (key == "status") values = {"open", "won", "lost", "abandoned"};
    else if (key == "category") values = {"pipeline", "best_case", "commit", "closed"};
    else if (key == "customer_grade") values = customer_values("grade");
    else if (key == "size") values = customer_values("size");
    else if (key == "id") values = repo.file_ids("projects");
    for (const std::string& v : values) out.push_back(prefix + key + ":" + v);
    return out;
}

// The command's path from the top ("customer show").
std::string path_of(const CLI::App* app) {
    std::string out;
    for (const CLI::App* a = app; a && a->get_parent(); a = a->get_parent()) out = a->get_name() + (out.empty() ? "" : " " + out);
    return out;
}

// The report kind on the line (report html, report xlsx), for the options that depend on it.
std::string report_kind_on_line;

// The values of an option (or positional) of `app`, by what it names.
std::vector<std::string> values_of(const CLI::App* app, CLI::Option* opt, const std::string& typed, RepositoryWords& repo) {
    const std::string path = path_of(app);
    const std::string& type = opt->get_type_name();
    if (type == "FILTER" || type == "REV|FILTER") return filter_words(typed, repo);
    if (type == "REV") return {};  // a git revision: the shell's own completion
    // A page or a workbook has no --format; trend groups by three keys.
    if (opt->check_name("--format") && path == "report" && (report_kind_on_line == "html" || report_kind_on_line == "xlsx")) return {};
    if (path == "trend" && opt->check_name("--by")) return {"category", "owner", "stage"};
    if (std::vector<std::string> listed = listed_values(opt); !listed.empty()) {
        // table is also accepted as text: offer one of them.
        if (std::find(listed.begin(), listed.end(), "table") != listed.end()) std::erase(listed, "text");
        return listed;
    }
    if (type == "WHO") return repo.people();
    if (type == "STAGE") return repo.stages();
    if (type == "UNIT") return {"元", "万元", "亿元"};
    if (type == "LANG") return {"zh", "en"};
    if (type == "KEY[,KEY]" || type == "KEY") {
        const Process* process = repo.process();
        const std::vector<std::string> keys = group_key_names(process ? *process : Process{});
        // Two keys: the second after a comma.
        const std::size_t comma = typed.rfind(',');
        if (comma == std::string::npos || type == "KEY") return keys;
        std::vector<std::string> out;
        const std::string first = typed.substr(0, comma);
        for (const std::string& k : keys)
            if (k != first) out.push_back(typed.substr(0, comma + 1) + k);  // a key once
        return out;
    }
    if (type == "ID") return path == "customer show" ? repo.file_ids("customers") : path == "new" ? std::vector<std::string>{}
                                                                                          : repo.file_ids("projects");
    if (type == "KIND" && path == "report") {
        std::vector<std::string> kinds;
        for (ReportKind k : report_kinds()) kinds.emplace_back(report_kind_name(k));
        for (const char* k : {"slippage", "accuracy", "html", "xlsx"}) kinds.emplace_back(k);
        return kinds;
    }
    if (type == "KIND" && path == "schema") return {"project", "config"};
    if (type == "NAME" && path == "init") {
        std::vector<std::string> names;
        for (const ProcessShape& s : process_shapes()) names.emplace_back(s.name);
        return names;
    }
    if (type == "SHELL") return {"bash", "zsh", "fish"};
    return {};  // files, folders, dates, free text: the shell's own completion
}

CLI::Option* find_option(CLI::App* app, const std::string& name) {
    for (CLI::App* a = app; a; a = a->get_parent())
        for (CLI::Option* o : a->get_options())
            if (!o->get_positional() && o->check_name(name)) return o;
    return nullptr;
}

CLI::App* find_subcommand(CLI::App* app, const std::string& name) {
    for (CLI::App* s : app->get_subcommands([](const CLI::App*) { return true; }))
        if (s->check_name(name)) return s;
    return nullptr;
}

bool takes_value(const CLI::Option* o) { return o->get_type_size() > 0 && o->get_expected_max() > 0; }

}  // namespace

std::vector<std::string> complete_words(CLI::App& root, const std::vector<std::string>& words, const Context& base) {
    Context ctx = base;
    report_kind_on_line.clear();
    CLI::App* app = &root;
    CLI::Option* pending = nullptr;       // an option whose value comes next
    std::size_t positional = 0;           // positionals given to `app`
    bool only_positionals = false;        // after "--"
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& w = words[i];
        if (pending) {
            if (pending->check_name("-C")) ctx.directory = w;
            pending = nullptr;
            continue;
        }
        if (w == "--" && !only_positionals) {
            only_positionals = true;
            continue;
        }
        if (!only_positionals && w.size() > 1 && w[0] == '-') {
            const std::size_t eq = w.find('=');
            CLI::Option* o = find_option(app, w.substr(0, eq));
            if (o && takes_value(o) && eq == std::string::npos) pending = o;
            continue;
        }
        if (CLI::App* sub = find_subcommand(app, w); sub && !only_positionals && positional == 0) {
            app = sub, positional = 0;
            continue;
        }
        if (positional == 0 && path_of(app) == "report") report_kind_on_line = w;
        ++positional;
    }
    const std::string& typed = words.back();
    RepositoryWords repo(ctx);
    std::vector<std::string> found;
    if (pending) {
        found = values_of(app, pending, typed, repo);
    } else if (const std::size_t eq = typed.find('='); !only_positionals && typed.starts_with("--") && eq != std::string::npos) {
        // --format=c: the values after the option's name and "=".
        if (CLI::Option* o = find_option(app, typed.substr(0, eq)); o && takes_value(o))
            for (std::string& v : values_of(app, o, typed.substr(eq + 1), repo)) found.push_back(typed.substr(0, eq + 1) + v);
    } else if (!only_positionals && typed.starts_with("-")) {
        for (CLI::App* a = app; a; a = a->get_parent())
            for (CLI::Option* o : a->get_options())
                if (!o->get_positional())
                    for (const std::string& name : o->get_lnames()) found.push_back("--" + name);
    } else {
        if (positional == 0)
            for (CLI::App* sub : app->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
                found.push_back(sub->get_name());
        // The positional that comes next (a vector of them takes all the rest).
        std::size_t seen = 0;
        for (CLI::Option* o : app->get_options()) {
            if (!o->get_positional()) continue;
            const int count = o->get_expected_max() > 1 ? INT32_MAX : 1;
            if (positional < seen + static_cast<std::size_t>(count)) {
                for (std::string& v : values_of(app, o, typed, repo)) found.push_back(std::move(v));
                break;
            }
            seen += static_cast<std::size_t>(count);
        }
    }
    std::erase_if(found, [&](const std::string& w) { return !w.starts_with(typed); });
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

}  // namespace pipeline::cli
