#include "scanner/signatures/compiled_form.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace oblige::signatures {
namespace {

// The compiled form is text: every string is "<length>:<bytes>", every list
// "<count>#" followed by its items, every flag "0" or "1". Reading it is a
// pass of substr()s, no parsing beyond integers: start-up stays in the low
// milliseconds however many signatures there are.
class Writer {
 public:
  void str(const std::string& s) { out_ += std::to_string(s.size()) + ":" + s; }
  void list(const std::vector<std::string>& v) {
    count(v.size());
    for (const std::string& s : v) str(s);
  }
  void count(std::size_t n) { out_ += std::to_string(n) + "#"; }
  void flag(bool b) { out_ += b ? '1' : '0'; }
  // A JSON value as a letter for its type and its parts, so reading it back
  // needs no JSON parser (parsing the clauses' parameters was a third of
  // loading the signatures): "o" count# then key and value pairs, "a"
  // count# values, "s" a string, "u"/"i"/"f" a number as its JSON text, "b"
  // a flag, "n" null.
  void json(const nlohmann::json& v) {
    switch (v.type()) {
      case nlohmann::json::value_t::object:
        out_ += 'o';
        count(v.size());
        for (const auto& [key, value] : v.items()) {
          str(key);
          json(value);
        }
        break;
      case nlohmann::json::value_t::array:
        out_ += 'a';
        count(v.size());
        for (const auto& value : v) json(value);
        break;
      case nlohmann::json::value_t::string:
        out_ += 's';
        str(v.get_ref<const std::string&>());
        break;
      case nlohmann::json::value_t::number_unsigned:
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_float:
        out_ += v.is_number_float() ? 'f' : v.is_number_unsigned() ? 'u' : 'i';
        str(v.dump());
        break;
      case nlohmann::json::value_t::boolean:
        out_ += 'b';
        flag(v.get<bool>());
        break;
      default:  // null, and nothing else occurs in a signature
        out_ += 'n';
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::string str() {
    const std::size_t n = number(':');
    if (pos_ + n > in_.size()) throw std::runtime_error("truncated string");
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> list() {
    std::vector<std::string> v(count());
    for (std::string& s : v) s = str();
    return v;
  }
  std::size_t count() { return number('#'); }
  bool flag() {
    if (pos_ >= in_.size()) throw std::runtime_error("truncated flag");
    return in_[pos_++] == '1';
  }
  bool done() const { return pos_ == in_.size(); }
  nlohmann::json json() {
    if (pos_ >= in_.size()) throw std::runtime_error("truncated value");
    switch (in_[pos_++]) {
      case 'o': {
        nlohmann::json v = nlohmann::json::object();
        for (std::size_t n = count(); n > 0; --n) {
          std::string key = str();
          v[std::move(key)] = json();
        }
        return v;
      }
      case 'a': {
        nlohmann::json v = nlohmann::json::array();
        for (std::size_t n = count(); n > 0; --n) v.push_back(json());
        return v;
      }
      case 's':
        return str();
      case 'u':
        return static_cast<std::uint64_t>(std::stoull(str()));
      case 'i':
        return static_cast<std::int64_t>(std::stoll(str()));
      case 'f':
        return std::stod(str());
      case 'b':
        return flag();
      case 'n':
        return nullptr;
      default:
        throw std::runtime_error("bad value in the compiled signatures");
    }
  }

 private:
  std::size_t number(char end) {
    std::size_t n = 0;
    while (pos_ < in_.size() && in_[pos_] != end) {
      const char c = in_[pos_++];
      if (c < '0' || c > '9') throw std::runtime_error("bad number in the compiled signatures");
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (pos_ >= in_.size()) throw std::runtime_error("truncated number");
    ++pos_;
    return n;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string to_compiled_form(const std::vector<Signature>& signatures) {
  Writer w;
  w.count(signatures.size());
  for (const Signature& s : signatures) {
    for (const std::string* f : {&s.file, &s.id, &s.name, &s.family, &s.version, &s.kind, &s.spdx,
                                 &s.scancode, &s.url, &s.publisher, &s.commercial, &s.statement})
      w.str(*f);
    for (const auto* l : {&s.aliases, &s.anchors, &s.require, &s.reject, &s.references}) w.list(*l);
    w.str(nlohmann::json(s.min_confidence).dump());
    w.flag(s.generic);
    w.count(s.clauses.size());
    for (const Clause& c : s.clauses) {
      w.str(c.id);
      w.str(c.kind);
      w.str(c.summary);
      w.list(c.patterns);
      w.json(c.parameters);
      w.str(c.level);
      w.flag(c.optional);
      w.flag(c.agreement_only);
    }
  }
  return w.take();
}

std::vector<Signature> from_compiled_form(std::string_view text) {
  Reader r(text);
  std::vector<Signature> out(r.count());
  for (Signature& s : out) {
    for (std::string* f : {&s.file, &s.id, &s.name, &s.family, &s.version, &s.kind, &s.spdx,
                           &s.scancode, &s.url, &s.publisher, &s.commercial, &s.statement})
      *f = r.str();
    for (auto* l : {&s.aliases, &s.anchors, &s.require, &s.reject, &s.references}) *l = r.list();
    s.min_confidence = std::stod(r.str());
    s.generic = r.flag();
    s.clauses.resize(r.count());
    for (Clause& c : s.clauses) {
      c.id = r.str();
      c.kind = r.str();
      c.summary = r.str();
      c.patterns = r.list();
      c.parameters = r.json();
      c.level = r.str();
      c.optional = r.flag();
      c.agreement_only = r.flag();
    }
  }
  if (!r.done()) throw std::runtime_error("trailing bytes in the compiled signatures");
  return out;
}

std::string rows_to_compiled_form(const Rows& rows) {
  Writer w;
  w.count(rows.size());
  for (const auto& row : rows) w.list(row);
  return w.take();
}

Rows rows_from_compiled_form(std::string_view text) {
  Reader r(text);
  Rows rows(r.count());
  for (auto& row : rows) row = r.list();
  if (!r.done()) throw std::runtime_error("trailing bytes in a compiled table");
  return rows;
}

}  // namespace oblige::signatures
