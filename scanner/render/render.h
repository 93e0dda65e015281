// Render: the one step that turns evidence into findings, just before the
// reporters. For each piece of evidence it builds the rule id, the level
// (results/levels.h), the message, the fingerprint, the group and whether
// someone must act on it; and it summarises the target's licenses, what
// governs each model folder, the commercial-use word and the verdict.
#pragma once

#include "scanner/render/rendered.h"
#include "scanner/results/target.h"
#include "scanner/signatures/loader.h"

namespace oblige::render {

Target render_target(const results::TargetResult& target, const signatures::SignatureSet& set);

}  // namespace oblige::render
