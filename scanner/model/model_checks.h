// Model checks: what a model folder's card declares against what its files
// say, and what a derivative owes its base model.
//
// A model folder is a folder with a README.md model card (front matter) or
// with weights or a config.json. For each one:
//   - the declared license (front matter `license`, a Hub id) against the
//     license texts found in the folder: the text wins, a disagreement is an
//     error;
//   - `license: other` without `license_name`, or without `license_link` or a
//     license file; a relative `license_link` to a missing file; an id the Hub
//     does not know; no license at all;
//   - for `base_model`: the base's license (found locally, or inferred from
//     the publisher's name), its obligations inherited, and what the base
//     license demands of a redistributed derivative that is missing here (a
//     copy of the agreement, the attribution text, a statement of changes,
//     the name prefix), and a declared license that contradicts the base's.
#pragma once

#include <string>
#include <vector>

#include "scanner/findings/finding.h"
#include "scanner/model/hub_tables.h"
#include "scanner/scan/scan.h"
#include "scanner/signatures/loader.h"

namespace oblige::model {

struct ModelFolder {
  std::string folder;      // display path of the folder ("" for the root)
  std::string model_name;  // for naming checks
  std::string fs_path;     // the folder on disk, to check license_link
  const scan::DeclaredLicense* declared = nullptr;  // the card's front matter, if any
  std::vector<const scan::LicenseResult*> texts;    // license texts found in the folder
  std::vector<const scan::FileResult*> files;       // candidate files in the folder
};

struct BaseLicense {
  std::string license_id;  // empty: unknown
  std::string how;         // "found in the scanned folder" or "inferred from the publisher's name"
};

// Finds the base model's license: `local` first, then the publisher table.
BaseLicense resolve_base(const std::string& base_model, const HubTables& tables,
                         const std::function<std::string(const std::string&)>& local);

std::vector<findings::Finding> check_model_folder(
    const ModelFolder& folder, const signatures::SignatureSet& set, const HubTables& tables,
    const std::function<std::string(const std::string&)>& local_base_license);

// Groups a target's files into model folders and checks each.
// `weight_folders` come from the walk; `root_fs_path` is the scanned folder
// on disk, shown as `display_prefix` ("" when paths are relative to it).
std::vector<findings::Finding> check_model_folders(
    const scan::TargetReport& report, const std::vector<std::string>& weight_folders,
    const std::string& root_model_name, const std::string& root_fs_path,
    const std::string& display_prefix, const signatures::SignatureSet& set,
    const std::function<std::string(const std::string&)>& local_base_license);

}  // namespace oblige::model
