#include "scanner/text/front_matter.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "scanner/text/readme_sections.h"

namespace oblige::text {
namespace {

// Counts the nodes of the first YAML document without building them, and
// notes the lines of each top-level key. Stops (by throwing TooManyNodes)
// as soon as the count passes the limit.
class NodeCensus : public YAML::EventHandler {
 public:
  struct TooManyNodes {};

  std::size_t nodes = 0;
  std::map<std::string, std::vector<std::size_t>> top_level_keys;  // 0-based lines

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { leaf(); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { leaf(); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    if (frames_.size() == 1 && frames_[0].map && frames_[0].expect_key)
      top_level_keys[value].push_back(static_cast<std::size_t>(std::max(mark.line, 0)));
    leaf();
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool map;
    bool expect_key;
  };

  void count() {
    if (++nodes > kMaxFrontMatterNodes) throw TooManyNodes{};
  }
  // A node is complete: in a map, a key is followed by its value and back.
  void done() {
    if (!frames_.empty() && frames_.back().map)
      frames_.back().expect_key = !frames_.back().expect_key;
  }
  void leaf() {
    count();
    done();
  }
  void open(bool map) {
    count();
    frames_.push_back({map, true});
  }
  void close() {
    if (!frames_.empty()) frames_.pop_back();
    done();
  }

  std::vector<Frame> frames_;
};

// The value of the last `key` in the map: the one PyYAML, and so the Hub,
// keeps when a key is given twice. (yaml-cpp's operator[] finds the first.)
// (Not YAML::Node's assignment, which would rewrite the first value.)
std::optional<YAML::Node> last_value(const YAML::Node& map, const char* key,
                                     std::size_t* key_line = nullptr, std::size_t first_line = 0) {
  std::optional<YAML::Node> found;
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) {
      found.emplace(kv.second);
      if (key_line)
        *key_line = first_line + static_cast<std::size_t>(std::max(kv.first.Mark().line, 0));
    }
  }
  return found;
}

std::vector<std::string> strings_of(const std::optional<YAML::Node>& node) {
  std::vector<std::string> out;
  if (!node || node->IsNull()) return out;
  if (node->IsScalar()) {
    out.push_back(node->as<std::string>());
  } else if (node->IsSequence()) {
    for (const auto& item : *node)
      if (item.IsScalar()) out.push_back(item.as<std::string>());
  }
  return out;
}

std::string string_of(const std::optional<YAML::Node>& node) {
  return node && node->IsScalar() ? node->as<std::string>() : "";
}

// Distinct entries in their first order, at most kMaxBaseModels of them.
void set_base_models(std::vector<std::string> listed, FrontMatter* fm) {
  fm->base_models_listed = listed.size();
  std::set<std::string> seen;
  for (std::string& b : listed) {
    if (!seen.insert(b).second) continue;
    if (fm->base_models.size() == kMaxBaseModels) {
      fm->base_models_capped = true;
      break;
    }
    fm->base_models.push_back(std::move(b));
  }
}

void fail(FrontMatter* fm, FrontMatter::Problem problem, std::string error, std::size_t line) {
  fm->malformed = true;
  fm->problem = problem;
  fm->error = std::move(error);
  fm->error_line = line;
}

// Checks the size and the node count; notes duplicate top-level keys.
// False when the YAML must not be loaded.
bool measure(const FrontMatterBlock& block, FrontMatter* fm) {
  if (block.yaml.size() > kMaxFrontMatterBytes) {
    fail(fm, FrontMatter::Problem::kTooLarge,
         "front matter is too large (" + std::to_string(block.yaml.size()) +
             " bytes; the limit is " + std::to_string(kMaxFrontMatterBytes) + "); not read",
         block.first_line);
    return false;
  }
  NodeCensus census;
  std::istringstream in(block.yaml);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(census);
  } catch (const NodeCensus::TooManyNodes&) {
    fail(fm, FrontMatter::Problem::kTooManyNodes,
         "front matter has too many YAML nodes (more than " + std::to_string(kMaxFrontMatterNodes) +
             "); not read",
         block.first_line);
    return false;
  }
  for (const auto& [key, lines] : census.top_level_keys) {
    if (lines.size() < 2) continue;
    DuplicateKey d{key, {}};
    for (std::size_t l : lines) d.lines.push_back(block.first_line + l);
    fm->duplicate_keys.push_back(std::move(d));
  }
  std::sort(fm->duplicate_keys.begin(), fm->duplicate_keys.end(),
            [](const DuplicateKey& a, const DuplicateKey& b) {
              return a.lines.front() < b.lines.front();
            });
  return true;
}

}  // namespace

FrontMatter parse_front_matter(std::string_view readme_text) {
  FrontMatter fm;
  const FrontMatterBlock block = find_front_matter(readme_text);
  if (!block.present) return fm;
  fm.present = true;
  try {
    if (!measure(block, &fm)) return fm;
    const YAML::Node root = YAML::Load(block.yaml);
    if (root.IsNull()) return fm;
    if (!root.IsMap()) {
      fail(&fm, FrontMatter::Problem::kNotMapping,
           "front matter must be a mapping of keys to values", block.first_line);
      return fm;
    }
    const std::size_t first = block.first_line;
    fm.licenses = strings_of(last_value(root, "license", &fm.license_line, first));
    fm.license_name = string_of(last_value(root, "license_name"));
    fm.license_link = string_of(last_value(root, "license_link"));
    set_base_models(strings_of(last_value(root, "base_model", &fm.base_model_line, first)), &fm);
    fm.base_model_relation = string_of(last_value(root, "base_model_relation"));
    fm.gated = last_value(root, "extra_gated_prompt").has_value() ||
               last_value(root, "extra_gated_fields").has_value();
  } catch (const YAML::Exception& e) {
    fm.duplicate_keys.clear();
    fail(&fm, FrontMatter::Problem::kSyntax, e.msg,
         block.first_line + (e.mark.line >= 0 ? static_cast<std::size_t>(e.mark.line) : 0));
  }
  return fm;
}

}  // namespace oblige::text
