// Candidate selection: which files might hold license terms, decided from the
// file name alone, before anything is read. The folder walk and the git
// sources (--rev, --staged) select through these same functions, so that a
// tree gives the same candidates however it is read.
//
//   select_file(name)        the role a file name gives (LICENSE*, NOTICE*,
//                            README*, ...), whether it makes its folder a model
//                            folder (weights, config.json, model_index.json),
//                            whether licenses in it are a third party's
//   is_skipped_folder(name)  folders never entered (.git, node_modules, ...)
//   select_path(path)        both, for a '/'-separated path inside the tree
//
// Names are bytes: they are matched as they are, ASCII letters without case,
// so a name that is not valid UTF-8 (LICENSE-FRAN\xC7AIS) or holds a newline is
// selected the same way whether it comes from a folder or a git tree. The
// patterns (first match wins):
//
//   readme*                                             model card
//   *[_ -]aup, *[_ -]aup[._-]*, *use[_ -]policy*        acceptable use policy
//   notice*, disclaimer*                                notice
//   licen[cs]e*, copying*, *licen[cs]e*, *协议*, *许可证*, *terms[_ -]of[_ -]use*,
//   *eula*, *copyright*, *agreement*                    license
//
// Weight files (*.safetensors, *.bin, *.gguf, ...) and code or data files
// (*.py, *.json, ...) are never candidates whatever their names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oblige::walk {

enum class CandidateRole {
  kNone,     // not a candidate
  kLicense,  // a license or agreement text
  kNotice,   // NOTICE, DISCLAIMER: attribution and disclaimers
  kPolicy,   // acceptable use policy
  kReadme,   // model card: front matter and License section only
};

const char* role_name(CandidateRole role);

// What one file name is to the scan.
struct FileSelection {
  CandidateRole role = CandidateRole::kNone;
  // Weights, config.json or model_index.json: the folder holding it is a
  // model folder, even without a model card.
  bool model_file = false;
  // Licenses found in it are those of bundled components, not the model's
  // (NOTICE files reproduce them).
  bool third_party = false;
};

FileSelection select_file(std::string_view file_name);

// The folders a walk never enters, matched against the folder's own name.
// ".cache" holds a snapshot_download(local_dir=...) folder's download metadata.
const std::vector<std::string>& default_skipped_folders();
bool is_skipped_folder(std::string_view folder_name, const std::vector<std::string>& skipped);

// For a file at `path` ('/'-separated, relative to the scanned root): true
// when a folder on the path is skipped.
bool in_skipped_folder(std::string_view path, const std::vector<std::string>& skipped);

// The selection of the file at `path`: nothing when it is in a skipped folder.
FileSelection select_path(std::string_view path, const std::vector<std::string>& skipped);

// The role alone (select_file(name).role).
CandidateRole classify_name(std::string_view file_name);

// True for model weight and other large binary formats that are never read.
bool is_weight_file(std::string_view file_name);

}  // namespace oblige::walk
