#include "scanner/walk/walker.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "scanner/text/decode.h"
#include "scanner/walk/run_on_threads.h"

namespace oblige::walk {
namespace fs = boost::filesystem;
using Rule = results::RuleId;

namespace {

// File names are bytes. For reports they must be valid UTF-8 without control
// characters (terminal escapes): other bytes are shown as %XX.
std::string display_name(const std::string& name) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::size_t start = pos;
    const char32_t cp = text::next_code_point(name, pos);
    const bool invalid = cp == 0xFFFD && name.compare(start, 3, "\xEF\xBF\xBD") != 0;
    if (invalid || cp < 0x20 || cp == 0x7F) {
      const auto byte = static_cast<unsigned char>(name[start]);
      out += {'%', hex[byte >> 4], hex[byte & 15]};
      pos = start + 1;
    } else {
      out.append(name, start, pos - start);
    }
  }
  return out;
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options) : options_(options) {
    boost::system::error_code ec;
    root_ = fs::canonical(root, ec);
    if (ec) root_ = fs::absolute(root);
    allowed_ = root_;
    if (!options.allowed_root.empty()) {
      allowed_ = fs::canonical(options.allowed_root, ec);
      if (ec) allowed_ = root_;
    }
  }

  WalkResult run() {
    visit_root_in_parallel();
    if (options_.report_link_targets) report_links_by_target();
    std::sort(result_.candidates.begin(), result_.candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.display_path < b.display_path; });
    auto& folders = result_.model_folders;
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    return std::move(result_);
  }

  WalkResult single_file(const fs::path& file) {
    const std::string name = file.filename().string();
    if (options_.allowed_root.empty()) allowed_ = root_;
    const std::string& prefix = options_.display_prefix;
    const std::string shown = display_name(name);
    visit_entry(file.parent_path(), name, prefix.empty() ? shown : prefix + "/" + shown,
                /*explicit_file=*/true);
    return std::move(result_);
  }

 private:
  void problem(results::RuleId rule, const std::string& path, const std::string& message) {
    result_.problems.push_back({rule, path, message});
  }

  // The root's subfolders are walked on a few threads (walking is mostly
  // waiting on the file system); everything is merged and sorted after, so
  // the result does not depend on scheduling.
  void visit_root_in_parallel() {
    const std::string& prefix = options_.display_prefix;
    const std::vector<std::string> names = list_folder(root_, prefix);
    std::vector<std::pair<fs::path, std::string>> folders;
    for (const std::string& name : names) {
      const std::string shown = display_name(name);
      const std::string child = prefix.empty() ? shown : prefix + "/" + shown;
      boost::system::error_code sec;
      const bool folder = fs::symlink_status(root_ / name, sec).type() == fs::directory_file &&
                          std::find(options_.skip_folders.begin(), options_.skip_folders.end(), name) ==
                              options_.skip_folders.end();
      if (folder) folders.emplace_back(root_ / name, child);
      else visit_entry(root_, name, child, false);
    }
    const unsigned threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), folders.size());
    std::vector<WalkResult> parts(std::max(1u, threads));
    std::atomic<std::size_t> next{0};
    const auto work = [&](WalkResult* part) {
      Walker sub(root_, options_);
      sub.allowed_ = allowed_;
      for (std::size_t i = next++; i < folders.size(); i = next++) sub.visit_folder(folders[i].first, folders[i].second);
      *part = std::move(sub.result_);
    };
    // Each thread takes its own part; an exception (out of memory) reaches
    // the caller once all have stopped.
    std::atomic<std::size_t> next_part{0};
    run_on_threads(threads, [&] { work(&parts[next_part++]); });
    for (WalkResult& part : parts) {
      auto move_all = [](auto& from, auto& to) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
      move_all(part.candidates, result_.candidates);
      move_all(part.problems, result_.problems);
      move_all(part.model_folders, result_.model_folders);
      result_.files_seen += part.files_seen;
      result_.folders_seen += part.folders_seen;
    }
  }

  // The names in a folder, sorted; a folder that cannot be listed is a
  // problem, and whatever was listed before the error is still walked.
  std::vector<std::string> list_folder(const fs::path& folder, const std::string& display) {
    ++result_.folders_seen;
    boost::system::error_code ec;
    std::vector<std::string> names;
    fs::directory_iterator it(folder, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    if (ec)
      problem(Rule::kUnreadableFolder, display.empty() ? "." : display, "cannot list folder: " + ec.message());
    std::sort(names.begin(), names.end());
    return names;
  }

  void visit_folder(const fs::path& folder, const std::string& display) {
    for (const std::string& name : list_folder(folder, display)) {
      const std::string shown = display_name(name);
      const std::string child = display.empty() ? shown : display + "/" + shown;
      visit_entry(folder, name, child, false);
    }
  }

  void visit_entry(const fs::path& folder, const std::string& name, const std::string& display,
                   bool explicit_file) {
    const fs::path path = folder / name;
    boost::system::error_code ec;
    const fs::file_status link_status = fs::symlink_status(path, ec);
    if (ec) {
      problem(Rule::kUnreadable, display, "cannot stat: " + ec.message());
      return;
    }
    CandidateRole role = classify_name(display_name(name));
    // A file named on the command line is read whatever its name.
    if (explicit_file && role == CandidateRole::kNone) role = CandidateRole::kLicense;
    switch (link_status.type()) {
      case fs::directory_file:
        if (std::find(options_.skip_folders.begin(), options_.skip_folders.end(), name) ==
            options_.skip_folders.end())
          visit_folder(path, display);
        return;
      case fs::regular_file:
        ++result_.files_seen;
        note_model_file(name, display);
        if (role != CandidateRole::kNone) add(path, display, role, false);
        return;
      case fs::symlink_file:
        ++result_.files_seen;
        note_model_file(name, display);
        visit_symlink(path, display, role);
        return;
      default:
        ++result_.files_seen;
        if (role != CandidateRole::kNone)
          problem(Rule::kSpecialFile, display,
                  "is a FIFO, socket or device, not a regular file; not opened");
        return;
    }
  }

  void visit_symlink(const fs::path& path, const std::string& display, CandidateRole role) {
    boost::system::error_code ec;
    const fs::path target = fs::canonical(path, ec);
    if (ec) {
      if (role != CandidateRole::kNone)
        problem(Rule::kSymlinkBroken, display, "symbolic link cannot be resolved: " + ec.message());
      return;
    }
    const fs::file_status status = fs::status(target, ec);
    if (status.type() == fs::directory_file) {
      problem(Rule::kSymlinkFolder, display, "symbolic link to a folder, not followed");
      return;
    }
    if (role == CandidateRole::kNone) return;
    if (!inside_root(target)) {
      problem(Rule::kSymlinkOutside, display,
              "symbolic link points outside the scanned folder (" + target.string() + "); not read");
      return;
    }
    if (status.type() != fs::regular_file) {
      problem(Rule::kSpecialFile, display, "symbolic link to a FIFO, socket or device; not opened");
      return;
    }
    add(target, display, role, true);
  }

  // A linked file is reported at its target's path (inside the root, as the
  // walk checked), and read once when the target was found too.
  void report_links_by_target() {
    std::set<std::string> seen;
    for (const Candidate& c : result_.candidates)
      if (!c.via_symlink) seen.insert(c.path.string());
    std::vector<Candidate> kept;
    for (Candidate& c : result_.candidates) {
      if (c.via_symlink) {
        if (!seen.insert(c.path.string()).second) continue;
        std::string shown;
        for (const auto& part : c.path.lexically_relative(root_)) shown += (shown.empty() ? "" : "/") + display_name(part.string());
        if (!shown.empty() && shown.rfind("..", 0) != 0)
          c.display_path = options_.display_prefix.empty() ? shown : options_.display_prefix + "/" + shown;
      }
      kept.push_back(std::move(c));
    }
    result_.candidates = std::move(kept);
  }

  // Weights or a config.json make their folder a model folder.
  void note_model_file(const std::string& name, const std::string& display) {
    if (!is_weight_file(name) && name != "config.json" && name != "model_index.json") return;
    const std::size_t slash = display.rfind('/');
    std::string folder = slash == std::string::npos ? "" : display.substr(0, slash);
    if (result_.model_folders.empty() || result_.model_folders.back() != folder)
      result_.model_folders.push_back(std::move(folder));
  }

  bool inside_root(const fs::path& target) const {
    auto r = allowed_.begin();
    auto t = target.begin();
    for (; r != allowed_.end(); ++r, ++t) {
      if (t == target.end() || *r != *t) return false;
    }
    return true;
  }

  void add(const fs::path& path, const std::string& display, CandidateRole role, bool via_symlink) {
    Candidate c;
    c.path = path;
    c.display_path = display;
    c.role = role;
    c.via_symlink = via_symlink;
    boost::system::error_code ec;
    c.size = fs::file_size(path, ec);
    result_.candidates.push_back(std::move(c));
  }

  const WalkOptions& options_;
  fs::path root_;
  fs::path allowed_;  // symbolic links may point inside this folder
  WalkResult result_;
};

}  // namespace

WalkResult walk(const fs::path& root, const WalkOptions& options) {
  boost::system::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (status.type() == fs::directory_file) return Walker(root, options).run();
  const fs::path parent = root.has_parent_path() ? root.parent_path() : fs::path(".");
  return Walker(parent, options).single_file(root);
}

}  // namespace oblige::walk
