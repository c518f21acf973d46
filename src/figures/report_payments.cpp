// payments (回款): contracted, received, outstanding and overdue instalments with their aging.
#include <algorithm>
#include <map>

#include "pipeline/base/i18n.hpp"
#include "pipeline/figures/project_view.hpp"
#include "pipeline/figures/valuation.hpp"
#include "pipeline/model/milestone.hpp"
#include "report_common.hpp"

namespace pipeline {

using namespace report_detail;

const char* bucket_label(AgingBucket b) {
    switch (b) {
        case AgingBucket::none: return "";
        case AgingBucket::up_to_30: return N_("0-30");
        case AgingBucket::up_to_60: return N_("31-60");
        case AgingBucket::up_to_90: return N_("61-90");
        case AgingBucket::up_to_180: return N_("91-180");
        // TRANSLATORS: an aging bucket of overdue payments, in days: more than 180 (the others are 0-30, 31-60, 61-90, 91-180).
        case AgingBucket::over_180: return N_("over 180");
    }
    return "";
}

const char* bucket_id(AgingBucket b) { return b == AgingBucket::over_180 ? "over_180" : bucket_label(b); }

AgingBucket bucket_for(int days_overdue) {
    if (days_overdue <= 0) return AgingBucket::none;
    if (days_overdue <= 30) return AgingBucket::up_to_30;
    if (days_overdue <= 60) return AgingBucket::up_to_60;
    if (days_overdue <= 90) return AgingBucket::up_to_90;
    if (days_overdue <= 180) return AgingBucket::up_to_180;
    return AgingBucket::over_180;
}

PaymentFigures& PaymentFigures::operator+=(const PaymentFigures& o) {
    instalments += o.instalments;
    overdue_instalments += o.overdue_instalments;
    waiting_instalments += o.waiting_instalments;
    waiting += o.waiting;
    contracted += o.contracted;
    received += o.received;
    outstanding += o.outstanding;
    overdue += o.overdue;
    for (std::size_t i = 0; i < aging.size(); ++i) aging[i] += o.aging[i];
    oldest_days = std::max(oldest_days, o.oldest_days);
    return *this;
}

Payments payment_report(const std::vector<Project>& projects, const Process& process, const ReportRequest& request) {
    Payments out;
    std::map<std::string, OwnerPayments> owners;
    for (const Project* p : select(projects, process, request.filter)) {
        if (p->payments.empty()) continue;
        // Overdue means what `pipeline show` says it means: due before today, not fully received.
        const ProjectView view = view_project(*p, process, request.today);
        ProjectPayments row{project_ref(*p), {}};
        for (const Payment& pay : p->payments) {
            Instalment i;
            i.project = row.project;
            const InstalmentDue due = instalment_due(pay, *p, process);
            i.due = due.date;
            i.milestone = pay.on.str();
            i.days_after = pay.days;
            i.waiting = due.waiting;
            i.received_on = pay.received_on;
            // Amount and received are converted one by one; outstanding is their difference,
            // so the columns always add up.
            i.amount = converted(*p, pay.amount, process);
            i.received = converted(*p, pay.received.value_or(Money{}), process);
            i.outstanding = i.amount - i.received;
            for (const OverduePayment& o : view.overdue)
                if (o.payment == &pay) i.days_overdue = o.days;
            i.bucket = bucket_for(i.days_overdue);

            PaymentFigures& f = row.figures;
            ++f.instalments;
            f.contracted += i.amount;
            f.received += i.received;
            f.outstanding += i.outstanding;
            if (i.waiting && i.outstanding > Money{}) {
                ++f.waiting_instalments;
                f.waiting += i.outstanding;
            }
            if (i.bucket != AgingBucket::none) {
                ++f.overdue_instalments;
                f.overdue += i.outstanding;
                f.aging[static_cast<std::size_t>(i.bucket) - 1] += i.outstanding;
                f.oldest_days = std::max(f.oldest_days, i.days_overdue);
            }
            out.instalments.push_back(std::move(i));
        }
        OwnerPayments& o = owners[p->owner];
        o.owner = p->owner;
        ++o.projects;
        o.figures += row.figures;
        out.total += row.figures;
        out.projects.push_back(std::move(row));
    }
    for (auto& [id, o] : owners) out.owners.push_back(std::move(o));
    sort_by_owner(out.owners, process, [](const OwnerPayments& o) -> const std::string& { return o.owner; });
    return out;
}

}  // namespace pipeline
