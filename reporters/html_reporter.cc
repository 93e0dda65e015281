// HTML: one self-contained page (inline CSS and one inline script, no
// external resource; a Content-Security-Policy that allows exactly that style
// and that script, by their SHA-256, and nothing else), for a person deciding
// what may ship. The verdicts first, with counts; a chart of the models by
// license and commercial use (inline SVG); a table of every model or target,
// sortable by any column and filtered by license, verdict, commercial use and
// organisation, the state kept in the URL fragment (report.html#verdict=
// not%20allowed&sort=0-desc) so a filtered view can be linked; then for each
// its verdict, what governs it, and per license what you must do, must not do
// and should know, each with its file:line and the signature clause behind
// it, grouped as the text report groups them. Every string from the scanned
// tree is HTML-escaped, control characters shown as \xNN; the script reads
// only the table's escaped text and attributes. Without script the page is
// complete, merely static. The page is built in memory (it is one document
// whose headline needs the totals), the targets rendered one by one.
#include <map>
#include <set>
#include <sstream>

#include "reporters/formats.h"
#include "reporters/readable.h"
#include "scanner/text/base64.h"
#include "scanner/text/sha256.h"

namespace oblige::reporters {
namespace {

using render::Group;

std::string escape(const std::string& s) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

// A word that is safe as a class name or attribute value: [a-z0-9-] only.
std::string slug(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '-';
  return out;
}

const char* kStyle = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-top:1px solid #ccc;padding-top:1em}
h3{font-size:1.05em;margin:1em 0 .3em}
.verdicts{display:flex;gap:1em;flex-wrap:wrap}.verdicts div{border-radius:6px;padding:.6em 1em}
.v-allowed,.v-allowed-with-obligations{background:#e4f5e4}.v-needs-approval{background:#fdf3d6}
.v-not-allowed{background:#fbe1e1}.v-none{background:#eee}.count{font-size:1.6em;font-weight:600;display:block}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid #ddd;vertical-align:top}
.level-error{color:#b00020;font-weight:600}.level-warning{color:#8a5a00;font-weight:600}.level-note{color:#555}
.where,.clause{color:#666;font-family:ui-monospace,monospace;font-size:.9em}ul{margin:.2em 0 .6em}
.must{color:#1b6e1b}.must-not{color:#a01010}.good-to-know{color:#1f4f99}
.filters{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin:.5em 0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
.verdicts div[data-filter]{cursor:pointer}
)";

// Sorting, filtering and the fragment. It reads the filters' values and the
// rows' data-* attributes (written escaped by this reporter) and only ever
// sets text, `hidden` and the order of rows: it never parses markup.
const char* kScript = R"(
(function(){
var table=document.getElementById('models');if(!table)return;
var body=table.tBodies[0],rows=[].slice.call(body.rows),heads=table.tHead.rows[0].cells;
var keys=['license','verdict','commercial','org'],shown=document.getElementById('shown');
var sortCol=-1,sortDesc=false;
function sel(k){return document.getElementById('f-'+k);}
function apply(){var n=0;rows.forEach(function(r){var ok=true;keys.forEach(function(k){var e=sel(k);
if(!e||!e.value)return;var v=r.getAttribute('data-'+k)||'';
ok=ok&&(k==='license'?v.split(', ').indexOf(e.value)>=0:v===e.value);});r.hidden=!ok;if(ok)n++;});
shown.textContent=n+' of '+rows.length+' shown';}
function cell(r,c){return r.cells[c]?r.cells[c].textContent.trim():'';}
function number(t){return /^-?[0-9]+(\.[0-9]+)?$/.test(t)?parseFloat(t):NaN;}
function sortBy(c,desc){if(c<0||c>=heads.length)return;sortCol=c;sortDesc=desc;
var sorted=rows.slice().sort(function(a,b){var x=cell(a,c),y=cell(b,c),nx=number(x),ny=number(y);
var d=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,undefined,{numeric:true});if(d===0)d=rows.indexOf(a)-rows.indexOf(b);return desc?-d:d;});
sorted.forEach(function(r){body.appendChild(r);});
[].forEach.call(heads,function(h,i){h.setAttribute('aria-sort',i===c?(desc?'descending':'ascending'):'none');});}
function save(){var s=[];keys.forEach(function(k){var e=sel(k);if(e&&e.value)s.push(k+'='+encodeURIComponent(e.value));});
if(sortCol>=0)s.push('sort='+sortCol+(sortDesc?'-desc':''));
try{history.replaceState(null,'',s.length?'#'+s.join('&'):location.pathname+location.search);}catch(x){location.hash=s.join('&');}}
function load(){location.hash.slice(1).split('&').forEach(function(p){var i=p.indexOf('=');if(i<0)return;
var k=p.slice(0,i),v;try{v=decodeURIComponent(p.slice(i+1));}catch(x){return;}
if(keys.indexOf(k)>=0&&sel(k)){sel(k).value=v;}else if(k==='sort'){var m=/^([0-9]+)(-desc)?$/.exec(v);if(m)sortBy(+m[1],!!m[2]);}});}
keys.forEach(function(k){var e=sel(k);if(e)e.addEventListener('change',function(){apply();save();});});
[].forEach.call(heads,function(h,i){var b=h.querySelector('button');if(b)b.addEventListener('click',function(){
sortBy(i,sortCol===i?!sortDesc:false);save();});});
[].forEach.call(document.querySelectorAll('[data-filter]'),function(d){d.addEventListener('click',function(){
var e=sel('verdict');if(!e)return;e.value=e.value===d.getAttribute('data-filter')?'':d.getAttribute('data-filter');apply();save();});});
load();apply();
window.addEventListener('hashchange',function(){load();apply();});
})();
)";

// A Content-Security-Policy hash source for an inline element's content.
std::string csp_hash(const char* content) {
  return "'sha256-" + text::base64(text::sha256_digest(content)) + "'";
}

struct Row {
  std::string anchor, name, revision, licenses, commercial, verdict, org;
  render::Counts counts;
};

class HtmlSink : public Sink {
 public:
  HtmlSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {}

  void begin() override {}

  void target(const render::Target& t) override {
    const std::string anchor = "t" + std::to_string(rows_.size() + 1);
    Row row{anchor,         name_of(t),       t.model ? t.model->revision : "",
            licenses_of(t), t.commercial_use, t.verdict,
            org_of(t),      t.counts};
    ++verdicts_[t.verdict.empty() ? "" : t.verdict];
    ++chart_[{row.licenses.empty() ? "(none found)" : row.licenses, t.commercial_use}];
    section(t, row);
    rows_.push_back(std::move(row));
    total_.error += t.counts.error;
    total_.warning += t.counts.warning;
    total_.note += t.counts.note;
  }

  void end(const std::vector<RunProblem>& problems) override {
    const bool audit = info_.command == "audit";
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         << "script-src " << csp_hash(kScript) << "; style-src " << csp_hash(kStyle)
         << "; img-src data:; base-uri 'none'; form-action 'none'\">\n"
         << "<meta name=\"generator\" content=\"oblige " << escape(info_.version) << "\">\n"
         << "<title>oblige " << (audit ? "audit" : "scan") << " report</title>\n<style>" << kStyle
         << "</style>\n</head>\n<body>\n<h1>oblige " << (audit ? "audit of " : "scan")
         << escape(info_.root) << "</h1>\n";
    headline();
    chart();
    filters(audit);
    table(audit);
    out_ << body_.str();
    if (!problems.empty()) {
      out_ << "<h2 id=\"problems\">Problems with the cache</h2>\n<ul>\n";
      for (const RunProblem& p : problems)
        out_ << "<li><span class=\"where\">" << escape(p.path) << "</span>: " << escape(p.message)
             << "</li>\n";
      out_ << "</ul>\n";
    }
    out_ << "<p id=\"totals\">" << total_.error << " errors, " << total_.warning << " warnings, "
         << total_.note << " notes</p>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  }

 private:
  static std::string name_of(const render::Target& t) {
    if (!t.model) return t.target;
    return t.model->repo_id.empty() ? t.model->path : t.model->repo_id;
  }

  // The organisation of a Hugging Face or ModelScope model id (org/name).
  static std::string org_of(const render::Target& t) {
    if (!t.model) return "";
    const std::string& id = t.model->repo_id;
    const std::size_t slash = id.find('/');
    return slash == std::string::npos ? "" : id.substr(0, slash);
  }

  static std::string licenses_of(const render::Target& t) {
    std::string out;
    for (const render::Governs& g : t.governs)
      if (out.find(g.license) == std::string::npos) out += (out.empty() ? "" : ", ") + g.license;
    return out;
  }

  // One box per verdict (or per commercial-use word without a policy).
  void headline() {
    out_ << "<section id=\"verdicts\" class=\"verdicts\">\n";
    const bool policy = !(verdicts_.size() == 1 && verdicts_.count(""));
    if (policy) {
      for (const char* v : {"not allowed", "needs approval", "allowed with obligations", "allowed"})
        box(slug(v), verdicts_.count(v) ? verdicts_.at(v) : 0, v);
      if (verdicts_.count("")) box("none", verdicts_.at(""), "no policy");
    } else {
      std::map<std::string, std::size_t> words;
      for (const Row& r : rows_) ++words[r.commercial];
      for (const auto& [word, n] : words) box("none", n, "commercial use: " + word);
    }
    out_ << "</section>\n";
  }

  void box(const std::string& cls, std::size_t n, const std::string& label) {
    const bool verdict = cls != "none";
    out_ << "<div class=\"v-" << cls << "\" data-verdict=\"" << escape(label) << "\""
         << (verdict ? " data-filter=\"" + escape(label) + "\" title=\"show only these\"" : "")
         << "><span class=\"count\">" << n << "</span>" << escape(label) << "</div>\n";
  }

  // Horizontal bars: models by license and commercial use.
  void chart() {
    if (chart_.empty()) return;
    std::size_t most = 1;
    for (const auto& [key, n] : chart_) most = std::max(most, n);
    const std::size_t height = 22 * chart_.size() + 10;
    out_ << "<h2>Models by license and commercial use</h2>\n<svg id=\"chart\" "
            "xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\""
         << height << "\" role=\"img\" aria-label=\"models by license and commercial use\">\n";
    std::size_t y = 5;
    for (const auto& [key, n] : chart_) {
      const std::size_t width = 1 + 400 * n / most;
      const char* color = key.second == "allowed"       ? "#4a9a4a"
                          : key.second == "not-allowed" ? "#c0392b"
                                                        : "#d69e2e";
      out_ << "<text x=\"0\" y=\"" << y + 14 << "\" font-size=\"12\">"
           << escape(key.first + " (" + key.second + ")") << "</text><rect x=\"420\" y=\"" << y
           << "\" width=\"" << width << "\" height=\"16\" fill=\"" << color << "\"/><text x=\""
           << 425 + width << "\" y=\"" << y + 13 << "\" font-size=\"12\">" << n << "</text>\n";
      y += 22;
    }
    out_ << "</svg>\n";
  }

  void table(bool audit) {
    out_ << "<table id=\"models\">\n<thead><tr>";
    std::vector<const char*> heads = {audit ? "Model" : "Target"};
    if (audit) heads.push_back("Revision");
    for (const char* h : {"License", "Commercial use", "Verdict", "Errors", "Warnings"})
      heads.push_back(h);
    for (const char* h : heads)
      out_ << "<th aria-sort=\"none\"><button type=\"button\">" << h << "</button></th>";
    out_ << "</tr></thead>\n<tbody>\n";
    for (const Row& r : rows_) {
      out_ << "<tr data-verdict=\"" << escape(r.verdict) << "\" data-license=\""
           << escape(r.licenses) << "\" data-commercial=\"" << escape(r.commercial) << "\"";
      if (audit) out_ << " data-org=\"" << escape(r.org) << "\"";
      out_ << "><td><a href=\"#" << r.anchor << "\">" << escape(r.name) << "</a></td>";
      if (audit) out_ << "<td class=\"where\">" << escape(r.revision.substr(0, 12)) << "</td>";
      out_ << "<td>" << escape(r.licenses) << "</td><td>" << escape(r.commercial) << "</td><td>"
           << escape(r.verdict.empty() ? "-" : r.verdict) << "</td><td>" << r.counts.error
           << "</td><td>" << r.counts.warning << "</td></tr>\n";
    }
    out_ << "</tbody>\n</table>\n";
  }

  // The heading of the table and its filters: one list per column that has
  // more than nothing to choose from, each value as the rows carry it.
  void filters(bool audit) {
    std::set<std::string> licenses, verdicts, commercial, orgs;
    for (const Row& r : rows_) {
      for (std::size_t at = 0; at < r.licenses.size();) {
        const std::size_t comma = std::min(r.licenses.find(", ", at), r.licenses.size());
        licenses.insert(r.licenses.substr(at, comma - at));
        at = comma + 2;
      }
      if (!r.verdict.empty()) verdicts.insert(r.verdict);
      commercial.insert(r.commercial);
      if (!r.org.empty()) orgs.insert(r.org);
    }
    out_ << "<h2>" << (audit ? "Models" : "Targets")
         << "</h2>\n<div id=\"filters\" class=\"filters\">";
    choice("license", "License", licenses);
    choice("verdict", "Verdict", verdicts);
    choice("commercial", "Commercial use", commercial);
    if (audit) choice("org", "Organisation", orgs);
    out_ << "<output id=\"shown\">" << rows_.size() << " of " << rows_.size()
         << " shown</output></div>\n";
  }

  void choice(const char* key, const char* label, const std::set<std::string>& values) {
    if (values.empty()) return;
    out_ << "<label>" << label << " <select id=\"f-" << key << "\"><option value=\"\">all</option>";
    for (const std::string& v : values)
      out_ << "<option value=\"" << escape(v) << "\">" << escape(v) << "</option>";
    out_ << "</select></label>";
  }

  void section(const render::Target& t, const Row& row) {
    std::ostringstream& b = body_;
    b << "<section class=\"target\" id=\"" << row.anchor << "\">\n<h2>" << escape(row.name)
      << (row.revision.empty() ? "" : " <span class=\"where\">@" + escape(row.revision) + "</span>")
      << "</h2>\n";
    if (!t.verdict.empty()) {
      b << "<p class=\"verdict v-" << slug(t.verdict) << "\">Verdict: <strong>" << escape(t.verdict)
        << "</strong> <span class=\"where\">(policy " << escape(t.policy_file) << ")</span></p>\n";
      findings_list(t, Group::kPolicy);
    }
    for (const render::Governs& g : t.governs)
      b << "<p class=\"governs\">Governed by"
        << (g.folder.empty() ? "" : " " + escape(g.folder) + "/") << " (" << escape(g.subject)
        << "): <strong>" << escape(g.name) << "</strong> [" << escape(g.license)
        << "] <span class=\"where\">" << escape(g.source) << ", " << escape(g.where)
        << "</span></p>\n";
    b << "<p>Commercial use: <strong class=\"commercial\">" << escape(t.commercial_use)
      << "</strong></p>\n";
    if (t.licenses.empty() && t.declared.empty()) b << "<p>No license found.</p>\n";
    for (const render::Declared& d : t.declared) {
      if (d.licenses.empty()) continue;
      std::string list;
      for (const std::string& l : d.licenses) list += (list.empty() ? "" : ", ") + l;
      b << "<p class=\"declared\"><span class=\"where\">" << escape(d.file) << ":" << d.line
        << "</span> declares license: " << escape(list)
        << (d.license_name.empty() ? "" : " (" + escape(d.license_name) + ")") << "</p>\n";
    }
    for (long i : license_order(t)) license(t, i);
    bool unrecognized = false;
    for (const render::Finding& f : t.findings)
      unrecognized = unrecognized || f.license == "unrecognized";
    if (unrecognized) {
      b << "<h3>Unrecognized license terms</h3>\n";
      block(t, -1);
    }
    titled(t, Group::kCard, "Model card and derivative checks");
    titled(t, Group::kProblem, "Problems");
    b << "</section>\n";
  }

  void license(const render::Target& t, long i) {
    const render::License& l = t.licenses[static_cast<std::size_t>(i)];
    std::ostringstream& b = body_;
    b << "<h3 class=\"license\" data-license=\"" << escape(l.id) << "\">";
    if (l.source == "declared") b << "Declared by the model card: ";
    if (l.source == "inherited") b << "Inherited from base model " << escape(l.base_model) << ": ";
    b << escape(l.name) << " [" << escape(l.id) << "] <span class=\"where\">" << escape(l.file)
      << ":" << l.start_line << (l.end_line != l.start_line ? "-" + std::to_string(l.end_line) : "")
      << "</span></h3>\n";
    if (l.scope == "third-party") {
      b << "<p>A third-party component's license, reproduced in a notice file.</p>\n";
      return;
    }
    if (l.status == "reference") {
      b << "<p>Reference only (the text is not in this file).</p>\n";
      return;
    }
    if (l.status == "altered")
      b << "<p class=\"level-warning\">ALTERED: missing " << l.missing.size() << " clauses</p>\n";
    if (l.commercial_use != "unknown" && l.kind == "license")
      b << "<p>Commercial use: " << escape(l.commercial_use) << "</p>\n";
    block(t, i);
  }

  void block(const render::Target& t, long index) {
    const BlockItems items = block_items(t, index);
    list("must", "You must:", items.must);
    list("must-not", "You must not / limits:", items.must_not);
    list("good-to-know", "Good to know:", items.good_to_know);
  }

  void list(const char* cls, const char* title, const std::vector<const render::Finding*>& items) {
    if (items.empty()) return;
    std::ostringstream& b = body_;
    b << "<p class=\"" << cls << "\"><strong>" << title << "</strong></p>\n<ul class=\"" << cls
      << "\">\n";
    for (const render::Finding* f : items)
      b << "<li>" << level(*f) << " " << escape(clause_sentence(*f)) << " <span class=\"where\">("
        << escape(where(*f)) << ")</span> <span class=\"clause\">" << escape(f->license) << "/"
        << escape(f->clause) << "</span></li>\n";
    b << "</ul>\n";
  }

  static std::string level(const render::Finding& f) {
    const std::string name = results::level_name(f.level);
    return "<span class=\"level-" + name + "\">" + name + "</span>";
  }

  void findings_list(const render::Target& t, Group group) {
    std::ostringstream& b = body_;
    bool open = false;
    for (const render::Finding& f : t.findings) {
      if (f.group != group) continue;
      if (!open) b << "<ul class=\"" << group_class(group) << "\">\n";
      open = true;
      b << "<li>" << level(f) << " [" << escape(f.rule_id) << "]: " << escape(f.message)
        << " <span class=\"where\">(" << escape(where(f)) << ")</span></li>\n";
    }
    if (open) b << "</ul>\n";
  }

  static const char* group_class(Group group) {
    return group == Group::kPolicy ? "policy" : group == Group::kCard ? "card" : "problems";
  }

  void titled(const render::Target& t, Group group, const char* title) {
    for (const render::Finding& f : t.findings)
      if (f.group == group) {
        body_ << "<h3>" << title << "</h3>\n";
        findings_list(t, group);
        return;
      }
  }

  RunInfo info_;
  std::ostream& out_;
  std::ostringstream body_;
  std::vector<Row> rows_;
  std::map<std::string, std::size_t> verdicts_;
  std::map<std::pair<std::string, std::string>, std::size_t> chart_;
  render::Counts total_;
};

}  // namespace

std::unique_ptr<Sink> make_html_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<HtmlSink>(info, out);
}

}  // namespace oblige::reporters
