// What the reports a person reads (text, HTML) share, so they say the same
// thing in the same order: a finding's file:line, a clause's sentence, the
// order of a target's license blocks and the findings of each block.
#pragma once

#include <string>
#include <vector>

#include "scanner/render/rendered.h"

namespace oblige::reporters {

// "LICENSE:27", or the path alone when there is no line.
std::string where(const render::Finding& f);

// The clause's own words about the obligation, without the "License: "
// prefix the message carries for other formats; what a generic detector
// extracted (a threshold, a law, a court) and a policy's "met" or
// "acknowledged" are added.
std::string clause_sentence(const render::Finding& f);

// Indexes into t.licenses: the model's own license texts first, then
// declared and inherited terms, then references, then third-party licenses
// in notice files.
std::vector<long> license_order(const render::Target& t);

// The obligations of license block `index` (-1: unrecognized terms), as the
// text report groups them.
struct BlockItems {
  std::vector<const render::Finding*> must, must_not, good_to_know;
};
BlockItems block_items(const render::Target& t, long index);

}  // namespace oblige::reporters
