#include "pipeline/check/customer_check.hpp"

#include <algorithm>
#include <map>

#include "pipeline/base/i18n.hpp"
#include "pipeline/base/suggest.hpp"
#include "pipeline/check/people.hpp"
#include "pipeline/model/registry.hpp"

namespace pipeline {
namespace {

int revisit_interval(const CustomerRecord& c, const Rules& rules) {
    if (c.grade == "strategic") return rules.revisit_strategic_days;
    if (c.grade == "important") return rules.revisit_important_days;
    return rules.revisit_general_days;
}

std::string file_stem(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    return std::string(dot == std::string_view::npos ? name : name.substr(0, dot));
}

// The value as people read it: 战略客户 for strategic in Chinese, the id in English.
std::string grade_word(const FieldSpec& f, std::string_view id) {
    const EnumValue* v = find_enum_value(f.values, id);
    return v && current_language() != Language::english ? std::string(v->name()) : std::string(id);
}

}  // namespace

FirstWins first_wins(const std::vector<Project>& projects) {
    FirstWins wins;
    for (const Project& p : projects) {
        if (p.status != Status::won || p.customer.id.empty() || !p.closed_on) continue;
        auto [it, added] = wins.try_emplace(p.customer.id.str(), *p.closed_on);
        if (!added && *p.closed_on < it->second) it->second = *p.closed_on;
    }
    return wins;
}

std::optional<RevisitDue> revisit_due(const CustomerRecord& c, const FirstWins& wins, const Process& process) {
    const auto win = wins.find(c.id.view());
    if (c.id.empty() || win == wins.end()) return std::nullopt;
    const Date first_win = win->second;
    RevisitDue d;
    d.last = c.last_revisit();
    d.interval = revisit_interval(c, process.rules);
    d.due = (d.last && *d.last > first_win ? *d.last : first_win) + d.interval;
    return d;
}

std::optional<RevisitDue> revisit_due(const CustomerRecord& c, const std::vector<Project>& projects, const Process& process) {
    FirstWins wins;
    for (const Project& p : projects)
        if (p.status == Status::won && !c.id.empty() && p.customer.id == c.id && p.closed_on &&
            (!wins.count(c.id.view()) || *p.closed_on < wins.find(c.id.view())->second))
            wins.insert_or_assign(c.id.str(), *p.closed_on);
    return revisit_due(c, wins, process);
}

ComplaintTiming complaint_timing(const Complaint& c, const Process& process, Date today) {
    ComplaintTiming t;
    t.open = c.resolved.empty();
    const auto received = parse_moment(c.received.view());
    if (!received) return t;
    // Not yet done: waited until it was resolved, or until the end of today.
    const auto resolved = parse_moment(c.resolved.view());
    const std::int64_t now = resolved ? *resolved : static_cast<std::int64_t>((today + 1).days()) * 24 * 60;
    // Minutes taken (or waited so far); late by the minute, shown in hours begun.
    const auto taken = [&](const CompactString& when) -> std::optional<std::int64_t> {
        if (when.empty()) return now - *received;
        const auto at = parse_moment(when.view());
        return at ? std::optional<std::int64_t>(*at - *received) : std::nullopt;
    };
    // Times check calls errors (before the receipt, in the future, not a time) give no figure.
    const std::int64_t end_of_today = static_cast<std::int64_t>((today + 1).days()) * 24 * 60;
    if (*received >= end_of_today) return t;
    for (const CompactString* when : {&c.answered, &c.fix_given, &c.resolved}) {
        if (when->empty()) continue;
        const auto at = parse_moment(when->view());
        if (!at || *at < *received || *at >= end_of_today) return t;
    }
    const auto answer = taken(c.answered), fix = taken(c.fix_given);
    const auto hours = [](const std::optional<std::int64_t>& minutes) -> std::optional<std::int64_t> {
        if (!minutes) return std::nullopt;
        return *minutes > 0 ? (*minutes + 59) / 60 : *minutes / 60;
    };
    t.answer_hours = hours(answer);
    t.fix_hours = hours(fix);
    t.answer_late = answer && *answer > std::int64_t{process.rules.complaint_answer_hours} * 60;
    t.fix_late = fix && *fix > std::int64_t{process.rules.complaint_fix_hours} * 60;
    return t;
}

namespace {

// Repeat business and referrals name where they came from: a project of the repository, a
// customer of the master.
void check_lead_sources(const std::vector<CustomerRecord>& customers, const std::vector<Project>& projects, Diagnostics& out) {
    std::vector<std::string> project_ids, customer_ids;
    for (const Project& p : projects) project_ids.push_back(p.id.str());
    for (const CustomerRecord& c : customers) customer_ids.push_back(c.id.str());
    for (const Project& p : projects) {
        const Lead& l = p.lead;
        if (!l.from_project.empty() &&
            std::find(project_ids.begin(), project_ids.end(), l.from_project.view()) == project_ids.end()) {
            auto hint = did_you_mean(l.from_project.view(), project_ids);
            out.error(p.path.str(), l.from_project_at, "lead-source",
                      hint ? say("lead.from_project names no project \"{}\" (did you mean \"{}\"?)", l.from_project, *hint)
                           : say("lead.from_project names no project \"{}\"", l.from_project));
        }
        if (!l.from_project.empty() && l.from_project == p.id)
            out.error(p.path.str(), l.from_project_at, "lead-source", say("lead.from_project names the project itself"));
        if (!l.from_customer.empty() && !find_customer(customers, l.from_customer.view())) {
            auto hint = did_you_mean(l.from_customer.view(), customer_ids);
            out.error(p.path.str(), l.from_customer_at, "lead-source",
                      hint ? say("no customer \"{}\" in customers/ (did you mean \"{}\"?)", l.from_customer, *hint)
                           : say("no customer \"{}\" in customers/", l.from_customer));
        }
    }
}

}  // namespace

void check_customers(const std::vector<CustomerRecord>& customers, const std::vector<Project>& projects,
                     const Process& process, Date today, Diagnostics& out) {
    check_lead_sources(customers, projects, out);
    std::map<std::string, const CustomerRecord*, std::less<>> by_id;
    std::vector<std::string> ids;
    for (const CustomerRecord& c : customers) {
        if (c.id.empty()) continue;
        auto [it, inserted] = by_id.emplace(c.id.str(), &c);
        if (!inserted)
            out.error(c.path.str(), c.id_at, "customer", say("customer id \"{}\" is also used by {}", c.id, it->second->path));
        else ids.push_back(c.id.str());
        if (file_stem(c.path.view()) != c.id.view())
            out.error(c.path.str(), c.id_at, "customer",
                      say("customer id \"{}\" differs from the file name; name the file {}.yaml", c.id, c.id));
    }
    const RecordSpec& spec = *project_spec().find("customer")->record;
    for (const Project& p : projects) {
        if (p.customer.id.empty()) continue;
        auto it = by_id.find(p.customer.id.view());
        if (it == by_id.end()) {
            auto hint = did_you_mean(p.customer.id.view(), ids);
            out.error(p.path.str(), p.customer.id_at, "customer",
                      hint ? say("no customer \"{}\" in customers/ (did you mean \"{}\"?)", p.customer.id, *hint)
                           : say("no customer \"{}\" in customers/", p.customer.id));
            continue;
        }
        const CustomerRecord& c = *it->second;
        for (auto [key, mine, master, at] :
             {std::tuple{"name", &p.customer.name, &c.name, p.customer.id_at},
              std::tuple{"grade", &p.customer.grade, &c.grade, p.customer.grade_at},
              std::tuple{"size", &p.customer.size, &c.size, p.customer.size_at}})
            if (!mine->empty() && !master->empty() && *mine != *master)
                out.warning(p.path.str(), at, "customer",
                            // TRANSLATORS: {0} customer name, grade or size (the key), {1} its value here, {2} the customer's
                            // id, {3} its value in the customer master.
                            say("customer {0} {1} differs from the customer master, where {2} is {3}", key,
                                grade_word(*spec.find(key), mine->view()), c.id, grade_word(*spec.find(key), master->view())));
    }
    const FirstWins wins = first_wins(projects);
    for (const CustomerRecord& c : customers) {
        if (auto due = revisit_due(c, wins, process); due && due->due < today)
            out.warning(c.path.str(), c.id_at, "revisit",
                        due->last
                            // TRANSLATORS: {0} a customer, {1} the day a revisit was due, {2} days since, {3} days
                            // (rules.revisit_days), {4} the date of its last revisit.
                            ? say("{0}: a revisit was due on {1} ({2} days ago): every {3} days by its grade, from its last "
                                  "revisit ({4}) or its first win, whichever is later",
                                  c.name, due->due.iso(), today - due->due, due->interval, due->last->iso())
                            // TRANSLATORS: {0} a customer, {1} the day a revisit was due, {2} days since, {3} days
                            // (rules.revisit_days).
                            : say("{0} has a won project and no revisit: one was due on {1} ({2} days ago), {3} days after "
                                  "its first win by its grade",
                                  c.name, due->due.iso(), today - due->due, due->interval));
        for (const Revisit& r : c.revisits)
            // TRANSLATORS: the field of a revisit that names who made it; fills {0} of "{} \"{}\" is not in people".
            check_person(process, c.path.str(), r.by.view(), r.position, Text(N_("revisit by"), tr("revisit by")), out);
        for (const Complaint& k : c.complaints) {
            const auto received = parse_moment(k.received.view());
            for (auto [text, at] : {std::pair{&k.received, k.received_at}, std::pair{&k.answered, k.answered_at},
                                    std::pair{&k.fix_given, k.fix_given_at}, std::pair{&k.resolved, k.resolved_at}}) {
                if (text->empty()) continue;
                const auto moment = parse_moment(text->view());
                if (!moment)
                    out.error(c.path.str(), at.line ? at : k.position, "complaint",
                              say("\"{}\" is not a time: write YYYY-MM-DD HH:MM (or the date alone)", *text));
                else if (received && *moment < *received)
                    out.error(c.path.str(), at.line ? at : k.position, "complaint",
                              // TRANSLATORS: {0} a time as written, {1} when the complaint was received.
                              say("{} is before the complaint was received ({})", *text, k.received));
                else if (*moment >= static_cast<std::int64_t>((today + 1).days()) * 24 * 60)
                    out.error(c.path.str(), at.line ? at : k.position, "complaint", say("{} is in the future", *text));
            }
            const ComplaintTiming t = complaint_timing(k, process, today);
            if (t.answer_late)
                out.warning(c.path.str(), k.answered.empty() ? k.received_at : k.answered_at, "complaint",
                            k.answered.empty()
                                // TRANSLATORS: {0} a complaint's summary, {1} hours waited, {2} rules.complaint_answer_hours.
                                ? say("complaint \"{0}\" has waited {1} hours for an answer (rules.complaint_answer_hours: {2})",
                                      k.summary, *t.answer_hours, process.rules.complaint_answer_hours)
                                : say("complaint \"{0}\" was answered after {1} hours (rules.complaint_answer_hours: {2})",
                                      k.summary, *t.answer_hours, process.rules.complaint_answer_hours));
            if (t.fix_late)
                out.warning(c.path.str(), k.fix_given.empty() ? k.received_at : k.fix_given_at, "complaint",
                            k.fix_given.empty()
                                // TRANSLATORS: {0} a complaint's summary, {1} hours waited, {2} rules.complaint_fix_hours.
                                ? say("complaint \"{0}\" has waited {1} hours for a direction for a fix (rules.complaint_fix_hours: {2})",
                                      k.summary, *t.fix_hours, process.rules.complaint_fix_hours)
                                : say("complaint \"{0}\" was given a direction for a fix after {1} hours "
                                      "(rules.complaint_fix_hours: {2})",
                                      k.summary, *t.fix_hours, process.rules.complaint_fix_hours));
        }
    }
}

}  // namespace pipeline
