// Model checks: what a model folder's card declares against what its files
// say, which licenses govern the folder, and what a derivative owes its base.
//
// A model folder is a folder with a README.md model card (front matter) or
// with weights or a config.json. For each one:
//   - the licenses that govern it (results::GoverningLicense): the license
//     texts in the folder; else the licenses the card declares (`license:`,
//     or `license: other` with a `license_name` oblige knows), with their
//     obligations at the card's line; and the license of every `base_model`
//     (found locally, or inferred from the publisher's name), with the
//     obligations the folder's own terms do not already show;
//   - the card against the folder: the text wins, a disagreement is an error;
//     `license: other` without `license_name`, or without `license_link` or a
//     license file; a relative `license_link` to a missing file; an id the
//     Hub does not know; no license at all;
//   - for a derivative: what the base license demands of it that is missing
//     here (a copy of the agreement, the attribution text, a statement of
//     changes, the name prefix), and a declared license that contradicts it;
//   - the commercial-use word, from every governing license.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scanner/model/hub_tables.h"
#include "scanner/results/target.h"
#include "scanner/signatures/loader.h"

namespace oblige::model {

// Resolves a base_model id to a license id found locally (the same folder or
// cache); "" when it is not found locally.
using LocalBaseLicense = std::function<std::string(const std::string&)>;

struct BaseLicense {
  std::string license_id;  // empty: unknown
  bool locally = false;    // found in the scanned folder or cache (else by publisher)
};

// Finds the base model's license: `local` first, then the publisher table.
BaseLicense resolve_base(const std::string& base_model, const HubTables& tables,
                         const LocalBaseLicense& local);

// The signature a declared id stands for: an oblige id or alias, or a Hub id
// whose table row names one; nullptr when none.
const signatures::Signature* declared_signature(const std::string& declared,
                                                const signatures::SignatureSet& set,
                                                const HubTables& tables);

struct FolderLayout {
  std::vector<std::string> weight_folders;  // from the walk
  std::string root_model_name;              // the name of the scanned folder itself
  std::string root_fs_path;                 // the scanned folder on disk ("" for a git tree)
  std::string display_prefix;               // prefixed to display paths (audit)
};

// Groups the files into model folders and checks each.
std::vector<results::ModelResult> check_model_folders(const std::vector<results::FileResult>& files,
                                                      const FolderLayout& layout,
                                                      const signatures::SignatureSet& set,
                                                      const LocalBaseLicense& local);

}  // namespace oblige::model
