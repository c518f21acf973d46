// Authority: who may give an approval of a project (pipeline-config(5), APPROVALS). An
// approval counts — for gates, for check --base, for a budget — only when it was given by
// someone the process allows.
#pragma once

#include <optional>
#include <string>

#include "pipeline/base/i18n.hpp"
#include "pipeline/model/process.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

// Why approval `a` of project `p` does not count, or nullopt when it does. Only approvals
// whose result is approved are judged, and only against a roster: without people in
// pipeline.yaml there is nobody to check against and every approval counts.
std::optional<Text> approval_refusal(const Approval& a, const Project& p, const Process& process);

// Whether `a` is approved by someone allowed to approve it.
bool approval_counts(const Approval& a, const Project& p, const Process& process);

// Who may give an approval of `type` for `p`, as people read it: "李四 (the owner's manager),
// role manager, role director". The escalation's roles when the project is over its amount.
Text who_may_approve(const ApprovalType& type, const Project& p, const Process& process);

// Whether a project over `type`'s escalation amount needs it escalated.
bool escalated(const ApprovalType& type, const Project& p, const Process& process);

}  // namespace pipeline
