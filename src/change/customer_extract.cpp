// The plan of `customer extract`: which customer each embedded one becomes, the new customer
// files, and each project's customer mapping reduced to the id and the values that differ.
#include "pipeline/change/customer_extract.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/text.hpp"
#include "pipeline/change/project_edit.hpp"
#include "pipeline/model/project_load.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

namespace pipeline {
namespace {

constexpr const char* kRule = "customer-extract";

// The customer's keys a project may hold beside its id, in the order a customer file writes them.
constexpr const char* kValueKeys[] = {"industry", "size", "grade"};

CompactString Customer::*value_member(std::string_view key) {
    if (key == "industry") return &Customer::industry;
    if (key == "size") return &Customer::size;
    return &Customer::grade;
}

struct Embedded {
    const ProjectText* file = nullptr;
    Project project;
    Position at;            // of the customer's value in the file
};

// Where the file's customer: value starts.
Position customer_position(std::string_view text) {
    Diagnostics ignored;
    const YamlDocument doc = parse_yaml(text, "", ignored);
    if (doc.root)
        if (const YamlEntry* e = doc.root->find_entry("customer")) return e->value.position;
    return {};
}

// The value most of the projects give (empty ones aside); on a tie, the one given first.
std::string most_given(const std::vector<const Embedded*>& group, std::string_view key) {
    std::vector<std::pair<std::string, int>> counts;
    for (const Embedded* e : group) {
        const std::string v = (e->project.customer.*value_member(key)).str();
        if (v.empty()) continue;
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == v; });
        if (it == counts.end()) counts.emplace_back(v, 1);
        else ++it->second;
    }
    std::string best;
    int most = 0;
    for (const auto& [v, n] : counts)
        if (n > most) best = v, most = n;
    return best;
}

std::string customer_file_text(const ExtractedCustomer& c) {
    std::string out = "id: " + yaml_scalar(Scalar::string(c.id), ScalarContext::block) + "\n";
    out += "name: " + yaml_scalar(Scalar::string(c.name), ScalarContext::block) + "\n";
    for (const auto& [key, value] : {std::pair{"industry", &c.industry}, std::pair{"size", &c.size}, std::pair{"grade", &c.grade}})
        if (!value->empty()) out += std::string(key) + ": " + yaml_scalar(Scalar::string(*value), ScalarContext::block) + "\n";
    return out;
}

class Planner {
public:
    Planner(const std::vector<CustomerRecord>& customers, const Process& process, const ExtractRequest& request)
        : customers_(customers), process_(process), request_(request) {
        for (const CustomerRecord& c : customers) taken_.insert(c.id.str());
        for (const auto& [name, id] : request.ids) taken_.insert(id);
        taken_.insert(request.ids_in_use.begin(), request.ids_in_use.end());
    }

    ExtractPlan run(const std::vector<ProjectText>& files) {
        check_request();
        std::vector<Embedded> embedded = read(files);
        if (!plan_.ok()) return std::move(plan_);
        // The customer each embedded one becomes, in the order of the first project naming it.
        std::vector<std::pair<std::string, std::vector<const Embedded*>>> groups;
        for (const Embedded& e : embedded) {
            const std::string id = id_for(e);
            if (id.empty()) continue;
            auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == id; });
            if (it == groups.end()) it = groups.insert(groups.end(), {id, {}});
            it->second.push_back(&e);
        }
        if (!plan_.ok()) return std::move(plan_);
        for (const auto& [id, group] : groups) add_customer(id, group);
        std::stable_sort(plan_.customers.begin(), plan_.customers.end(),
                         [](const ExtractedCustomer& a, const ExtractedCustomer& b) { return !a.path.empty() && b.path.empty(); });
        std::sort(plan_.projects.begin(), plan_.projects.end(),
                  [](const ProjectRewrite& a, const ProjectRewrite& b) { return a.path < b.path; });
        return std::move(plan_);
    }

private:
    void problem(const std::string& path, Position at, const Text& message) { plan_.problems.error(path, at, kRule, message); }
    void option_problem(const Text& message) { plan_.option_problems.push_back(message.local()); }

    void check_request() {
        for (const auto& [name, id] : request_.ids)
            if (!valid_project_id(id))
                option_problem(say("--id {}={}: a customer id is at most 128 letters, digits, '.', '_' and '-', starting "
                                   "with a letter or digit (it names the file customers/ID.yaml)", name, id));
        if (!valid_project_id(request_.prefix + "0001"))
            option_problem(say("--prefix {}: the ids made from it would not be valid customer ids", request_.prefix));
        for (const auto& [name, id] : request_.ids) {
            const CustomerRecord* c = find_customer(customers_, id);
            if (c && c->name != name)
                option_problem(say("--id {}={}: customer {} is already {} ({})", name, id, id, c->name, c->path));
        }
    }

    // The projects with an embedded customer, loaded from their text.
    std::vector<Embedded> read(const std::vector<ProjectText>& files) {
        std::vector<Embedded> out;
        std::set<std::string, std::less<>> names;
        for (const ProjectText& f : files) {
            Diagnostics findings;
            std::optional<Project> p = load_project(f.text, f.path, process_, findings);
            if (!p || !p->customer.id.empty() || p->customer.name.empty()) continue;
            if (findings.has_errors()) {
                problem(f.path, customer_position(f.text),
                        say("{} has errors; fix them first (pipeline check {})", f.path, f.path));
                continue;
            }
            names.insert(p->customer.name.str());
            out.push_back({&f, std::move(*p), customer_position(f.text)});
        }
        for (const auto& [name, id] : request_.ids)
            if (!names.contains(name)) option_problem(say("--id {}={}: no project to extract has the customer {}", name, id, name));
        return out;
    }

    // The id the project's customer gets: the one asked for, the master's customer of that name, or a new one.
    std::string id_for(const Embedded& e) {
        const std::string name = e.project.customer.name.str();
        if (auto it = request_.ids.find(name); it != request_.ids.end()) return it->second;
        if (auto it = made_.find(name); it != made_.end()) return it->second;
        std::vector<const CustomerRecord*> same;
        for (const CustomerRecord& c : customers_)
            if (c.name == name) same.push_back(&c);
        if (same.size() > 1) {
            problem(e.file->path, e.at,
                    say("customers {} and {} of the master are both named {}; choose one with --id {}=ID", same[0]->id,
                        same[1]->id, name, name));
            return {};
        }
        if (same.size() == 1) return made_[name] = same[0]->id.str();
        // Ids that differ only in case would share a file on Windows and macOS: taken too.
        std::string id;
        do id = request_.prefix + fmt::format("{:04}", ++serial_);
        while (taken_lower().contains(ascii_lower(id)));
        taken_.insert(id);
        taken_lower_.insert(ascii_lower(id));
        return made_[name] = id;
    }

    void add_customer(const std::string& id, const std::vector<const Embedded*>& group) {
        ExtractedCustomer c;
        c.id = id;
        const CustomerRecord* master = find_customer(customers_, id);
        if (master) {
            c.name = master->name.str();
            c.industry = master->industry.str(), c.size = master->size.str(), c.grade = master->grade.str();
        } else {
            // Several spellings given one id: the master takes the one most projects write.
            c.name = most_given_name(group);
            c.industry = most_given(group, "industry"), c.size = most_given(group, "size"), c.grade = most_given(group, "grade");
            c.path = "customers/" + id + ".yaml";
            c.text = customer_file_text(c);
            if (!verify_file(c, group.front())) return;
        }
        for (const Embedded* e : group) {
            c.projects.push_back(e->project.id.str());
            rewrite(*e, c);
        }
        plan_.customers.push_back(std::move(c));
    }

    static std::string most_given_name(const std::vector<const Embedded*>& group) {
        std::vector<std::pair<std::string, int>> counts;
        for (const Embedded* e : group) {
            auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& x) { return x.first == e->project.customer.name; });
            if (it == counts.end()) counts.emplace_back(e->project.customer.name.str(), 1);
            else ++it->second;
        }
        return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
    }

    // The new file must load as the customer meant, without a finding.
    bool verify_file(ExtractedCustomer& c, const Embedded* first) {
        Diagnostics findings;
        auto loaded = load_customer(c.text, c.path, process_, findings);
        if (loaded && !findings.has_errors() && loaded->id == c.id && loaded->name == c.name && loaded->grade == c.grade &&
            loaded->size == c.size && loaded->industry == c.industry)
            return true;
        const std::string why = findings.items().empty() ? std::string("?") : findings.items().front().shown_message();
        problem(first->file->path, first->at, say("the customer file {} would not load as written ({})", c.path, why));
        return false;
    }

    // The project's customer becomes {id: ...} and the values that differ from the master's.
    void rewrite(const Embedded& e, ExtractedCustomer& c) {
        FileEdit edit;
        FileEdit::Nested nested{"customer", "name", {{"id", Scalar::string(c.id)}}, {}};
        Project expected = e.project;
        expected.customer.id = c.id;
        if (e.project.customer.name == c.name) {
            nested.remove.push_back("name");
            expected.customer.name = {};
        } else {
            c.kept.push_back({e.project.id.str(), "name", e.project.customer.name.str(), c.name});
        }
        const std::string* master_values[] = {&c.industry, &c.size, &c.grade};
        for (std::size_t k = 0; k < 3; ++k) {
            const char* key = kValueKeys[k];
            CompactString& mine = expected.customer.*value_member(key);
            if (mine.empty() || mine == *master_values[k]) {
                nested.remove.push_back(key);
                mine = {};
            } else {
                c.kept.push_back({e.project.id.str(), key, mine.str(), *master_values[k]});
            }
        }
        edit.nested.push_back(std::move(nested));
        EditResult result = edit_project_text(e.file->text, e.file->path, process_, edit, expected);
        if (const EditError* error = std::get_if<EditError>(&result)) {
            problem(e.file->path, e.at, say("cannot change {} safely: {}", e.file->path, error->message));
            return;
        }
        auto splices = plan_splices(e.file->text, edit);
        plan_.projects.push_back({e.file->path, e.project.id.str(), e.file->text, std::get<std::string>(result),
                                  std::get<std::vector<Splice>>(splices)});
    }

    const std::vector<CustomerRecord>& customers_;
    const Process& process_;
    const ExtractRequest& request_;
    std::set<std::string, std::less<>> taken_;
    std::set<std::string, std::less<>> taken_lower_;  // taken_ in lower case, filled on first use

    const std::set<std::string, std::less<>>& taken_lower() {
        if (taken_lower_.empty())
            for (const std::string& t : taken_) taken_lower_.insert(ascii_lower(t));
        return taken_lower_;
    }
    std::map<std::string, std::string, std::less<>> made_;   // name → id decided
    int serial_ = 0;
    ExtractPlan plan_;
};

}  // namespace

ExtractPlan plan_customer_extract(const std::vector<ProjectText>& projects, const std::vector<CustomerRecord>& customers,
                                  const Process& process, const ExtractRequest& request) {
    return Planner(customers, process, request).run(projects);
}

}  // namespace pipeline
