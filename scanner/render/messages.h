// The sentences of findings, one function per kind of evidence. `where` is
// the path as the finding's URI names it; every value from the scanned tree
// arrives escaped.
#pragma once

#include <string>

#include "scanner/results/target.h"
#include "scanner/signatures/loader.h"

namespace oblige::render {

std::string license_message(const results::LicenseMatch& l, const signatures::Signature& sig,
                            const std::string& where);
std::string unrecognized_message(const results::FileResult& f, const std::string& where);
std::string declared_message(const results::Declaration& d, const std::string& where);
std::string clause_message(const results::ClauseMatch& c, const signatures::Signature* sig,
                           const results::GoverningLicense* governing,
                           const std::string& card_where);
std::string problem_message(const results::Problem& p, const std::string& where);
std::string check_message(const results::ModelCheck& c, const signatures::SignatureSet& set,
                          const std::string& where);
std::string policy_message(const results::PolicyFinding& f, const signatures::SignatureSet& set,
                           const std::string& where, const std::string& policy_file);

// "12,345,678"
std::string with_commas(std::int64_t n);

}  // namespace oblige::render
