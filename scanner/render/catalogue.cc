#include "scanner/render/catalogue.h"

#include <algorithm>

namespace oblige::render {
namespace {

using results::RuleId;

RuleText row(RuleId rule, std::string name, std::string short_desc, std::string full_desc,
             std::string action) {
  return RuleText{rule, std::move(name), std::move(short_desc), std::move(full_desc),
                  std::move(action)};
}

std::vector<RuleText> build() {
  std::vector<RuleText> rows = {
      // What licenses oblige you to do.
      row(RuleId::kAttribution, "Attribution", "The license requires an attribution notice.",
          "When you distribute the model or a derivative, the license requires a specific "
          "attribution or notice text (for example \"Built with Llama\" or a Notice file).",
          "Ship the required attribution notice with every copy you distribute."),
      row(RuleId::kNoticeOfModification, "NoticeOfModification",
          "Modified files must say that they were changed.",
          "The license requires modified files to carry prominent notices stating that you "
          "changed them.",
          "Mark every file you changed with a prominent notice saying so."),
      row(RuleId::kIncludeLicenseCopy, "IncludeLicenseCopy",
          "Recipients must get a copy of the license.",
          "Anyone you give the model, its weights or a derivative to must receive a copy of "
          "the license agreement.",
          "Include a copy of the license agreement with every copy you distribute."),
      row(RuleId::kSourceDisclosure, "SourceDisclosure",
          "Copyleft: distributing requires the corresponding source.",
          "The license is copyleft: if you distribute the work or a derivative (or, for "
          "AGPL, offer it over a network), you must make its complete corresponding source "
          "available under the same license.",
          "Publish the corresponding source under the same license when you distribute."),
      row(RuleId::kCommercialRegistration, "CommercialRegistration",
          "Commercial use requires registration or approval first.",
          "The license allows commercial use only after you register, apply or obtain "
          "written approval from the licensor.",
          "Register or apply to the licensor before any commercial use."),
      row(RuleId::kPassThroughRestrictions, "PassThroughRestrictions",
          "Derivatives must carry the same use restrictions.",
          "The license requires you to include its use restrictions in any agreement "
          "under which you distribute the model or derivatives, and to pass them on to "
          "your users.",
          "Pass the use restrictions on to everyone you distribute to, in your own terms."),
      row(RuleId::kNaming, "Naming",
          "Derivative model names must follow the licensor's naming rule.",
          "The license requires a derivative model's name to include or start with a "
          "given word (for example \"Llama\").",
          "Name your derivative model as the license requires."),
      row(RuleId::kPersonalInformation, "PersonalInformation",
          "Personal information must be handled under data protection law.",
          "The license requires personal information processed with the model to be "
          "handled according to data protection law (for example China's PIPL).",
          "Handle personal information lawfully and as the license describes."),
      row(RuleId::kGoverningLaw, "GoverningLaw", "The license names its governing law and court.",
          "Disputes under this license are governed by the named law and heard by the "
          "named court.",
          "Accept the governing law and court the license names."),
      // What licenses forbid or limit.
      row(RuleId::kCommercialThreshold, "CommercialThreshold",
          "Commercial use above a user threshold needs a separate license.",
          "Commercial use is allowed only below a number of active users; above it you "
          "must request a separate license from the licensor.",
          "Do not exceed the user threshold without a separate license from the licensor."),
      row(RuleId::kNonCommercial, "NonCommercial", "Commercial use is not allowed.",
          "The license grants rights for non-commercial use only.",
          "Do not use the model or its derivatives commercially."),
      row(RuleId::kResearchOnly, "ResearchOnly", "Use is limited to research.",
          "The license limits use to research, academic or evaluation purposes.",
          "Use the model for research or evaluation only."),
      row(RuleId::kUseRestrictions, "UseRestrictions", "The license prohibits certain uses.",
          "The license or its acceptable use policy prohibits uses such as illegal, "
          "military, harmful or deceptive applications.",
          "Do not use the model for the prohibited uses the license lists."),
      row(RuleId::kOutputRestriction, "OutputRestriction",
          "Outputs may not be used to improve other models.",
          "The license forbids using the model or its outputs to train or improve other "
          "models.",
          "Do not use the model or its outputs to improve other models."),
      row(RuleId::kNoTrademark, "NoTrademark", "No trademark rights are granted.",
          "The license grants no right to use the licensor's names, trademarks or logos "
          "beyond what notices require.",
          "Do not use the licensor's names or trademarks to promote your product."),
      row(RuleId::kTerminationOnLitigation, "TerminationOnLitigation",
          "Suing the licensor ends the license.",
          "If you bring an intellectual-property claim against the licensor over the "
          "model, your license terminates.",
          "Do not bring IP claims over the model unless you accept losing the license."),
      row(RuleId::kNoWarranty, "NoWarranty", "The model comes without warranty.",
          "The licensor disclaims all warranties and liability.",
          "Do not rely on the licensor for warranty or liability."),
      row(RuleId::kNoSublicense, "NoSublicense", "You may not sublicense.",
          "The license forbids sublicensing the model or granting others the rights it "
          "gives you.",
          "Do not sublicense the model; point recipients at the licensor's terms."),
      row(RuleId::kNoDerivatives, "NoDerivatives", "You may not distribute modified versions.",
          "The license forbids distributing adapted or derivative versions.",
          "Do not distribute modified versions of the work."),
      // Which licenses were found.
      row(RuleId::kLicenseIdentified, "LicenseIdentified", "A license text was identified.",
          "oblige identified this file (or part of it) as the text of a known license.",
          "Read the obligations listed for this license."),
      row(RuleId::kLicenseAltered, "LicenseAltered", "A known license whose text has been altered.",
          "This text resembles a known license but clauses of it are missing or changed: its "
          "terms may differ from the original.",
          "Compare the text with the original license and read the differences."),
      row(RuleId::kLicenseReference, "LicenseReference", "A reference to a license, not its text.",
          "This file points at a license (by name or URL) without containing its text.",
          "Make sure the referenced license text ships with the model."),
      row(RuleId::kLicenseAmbiguous, "LicenseAmbiguous",
          "The text fits two license versions equally.",
          "The text matches more than one version of a license equally well.",
          "Check which version applies; the versions' obligations may differ."),
      row(RuleId::kLicenseUnrecognized, "LicenseUnrecognized",
          "A license file matched no known license.",
          "A file named like a license did not match any signature. Generic detectors were "
          "still run on it.",
          "Read the license yourself, or add a signature for it."),
      row(RuleId::kLicenseDeclared, "DeclaredLicense", "The model card declares a license.",
          "The model card's YAML front matter declares a license id.",
          "Check that the declared license matches the license text in the folder."),
      // Model cards and their folders.
      row(RuleId::kCardMismatch, "DeclaredLicenseMismatch",
          "The model card declares a different license than the folder's license text.",
          "README.md front matter declares one license, but the license text shipped in the "
          "folder is another. The text governs; the declaration misleads everyone who filters "
          "models by license.",
          "Declare the license the text holds (license: other with license_name and "
          "license_link for model licenses the Hub lacks)."),
      row(RuleId::kCardOtherNoName, "OtherWithoutName", "license: other without license_name.",
          "The Hub requires a license_name when the license is 'other'.",
          "Add license_name (an id such as tongyi-qianwen) to the front matter."),
      row(RuleId::kCardOtherNoLink, "OtherWithoutLink",
          "license: other without license_link or a license file.",
          "A model card that declares 'other' must point at the license text: a license_link "
          "or a LICENSE file in the repository.",
          "Add the license text as a LICENSE file, or a license_link to it."),
      row(RuleId::kCardLinkMissing, "LicenseLinkMissing",
          "license_link names a file that is not in the folder.",
          "The front matter's relative license_link points at a file missing from the model "
          "folder.",
          "Add the file, or fix license_link."),
      row(RuleId::kCardUnknownId, "UnrecognizedLicenseId",
          "The declared license id is not one the Hugging Face Hub knows.",
          "The Hub accepts a fixed list of license ids; this one is not on oblige's copy of it "
          "(it may be newer than that copy).",
          "Use a Hub license id, or license: other with license_name."),
      row(RuleId::kCardNoLicense, "NoLicense", "A model folder with no license.",
          "The model folder neither declares a license in its card nor ships a license file.",
          "Add the license text and declare it in README.md."),
      row(RuleId::kBaseLicense, "BaseModelLicense",
          "The base model's license applies to this derivative.",
          "The model card names a base_model; the derivative inherits the obligations of the "
          "base model's license.",
          "Meet the base license's obligations when you distribute this model."),
      row(RuleId::kDerivMissingCopy, "DerivativeMissingLicenseCopy",
          "The base license requires its agreement to ship with derivatives; it is not here.",
          "The base model's license requires a copy of its agreement with every copy of a "
          "derivative, and no copy of it was found in the folder.",
          "Add the base model's license agreement to the folder."),
      row(RuleId::kDerivMissingAttribution, "DerivativeMissingAttribution",
          "The attribution text the base license requires is missing.",
          "The base model's license requires an attribution or notice text (such as \"Built "
          "with Llama\") that appears in no file of the folder.",
          "Add the required text to the model card or a NOTICE file."),
      row(RuleId::kDerivMissingChanges, "DerivativeMissingModificationStatement",
          "The derivative does not say how it was changed.",
          "The base model's license requires modified versions to state their changes, and "
          "the model card does not describe any (fine-tuning, merging, quantization...).",
          "Describe in README.md how this model was modified from its base."),
      row(RuleId::kDerivNamePrefix, "DerivativeNamePrefix",
          "The derivative's name lacks the prefix its base license requires.",
          "The base model's license requires a derivative model's name to begin with a given "
          "word (for example \"Llama\").",
          "Rename the model so that its name begins with the required word."),
      row(RuleId::kDerivContradicts, "DerivativeContradictsBaseLicense",
          "The declared license contradicts the base model's license.",
          "The model card declares a license other than its base model's, but the base license "
          "keeps applying to derivatives; the declaration is wrong.",
          "Declare the base model's license (or license: other with its name and link)."),
      // Verdicts against the team's policy (.oblige.yml).
      row(RuleId::kPolicyThreshold, "PolicyThresholdExceeded",
          "The intended scale exceeds the license's commercial threshold.",
          "The policy's users or revenue exceed the threshold above which the license requires a "
          "separate license from the licensor.",
          "Request a license from the licensor, or acknowledge it in .oblige.yml once granted."),
      row(RuleId::kPolicyNotCommercial, "PolicyCommercialNotAllowed",
          "The license forbids the commercial use the policy intends.",
          "The policy says the model is used commercially, and the license allows only "
          "non-commercial or research use.",
          "Use another model, or obtain a commercial license from the licensor."),
      row(RuleId::kPolicyResearchOnly, "PolicyResearchUseOnly",
          "The license allows research use only, and the policy does not say your use is research.",
          "The license limits use to research or evaluation; the policy intends no commercial use "
          "but "
          "does not state use.research_only: true.",
          "Confirm the use is research (use.research_only: true), or use another model."),
      row(RuleId::kPolicyApproval, "PolicyApprovalRequired",
          "Commercial use needs the licensor's approval first.",
          "The license requires registration, an application or written approval before "
          "commercial use, and the policy intends commercial use.",
          "Apply to the licensor; once approved, acknowledge it in .oblige.yml with the reason."),
      row(RuleId::kPolicyExcluded, "PolicyExcludedLicensee",
          "The license excludes organisations like yours.",
          "The license's commercial grant excludes the kind of organisation the policy describes "
          "(for example software or cloud service providers).",
          "Negotiate a separate license with the licensor, or use another model."),
      row(RuleId::kPolicyCopyleft, "PolicyCopyleftDistribution",
          "Copyleft terms apply to how you distribute.",
          "The policy redistributes weights or code (or serves them over a network, for the "
          "AGPL) under a copyleft license: its source must be published under the same license.",
          "Publish the corresponding source, or acknowledge in .oblige.yml how you do."),
      row(RuleId::kPolicyDenied, "PolicyLicenseDenied", "The policy denies this license.",
          "The license (or its family) is on the policy's deny list.",
          "Remove the model, or change the policy."),
      row(RuleId::kPolicyNotAllowed, "PolicyLicenseNotAllowed",
          "The license is not on the policy's allow list.",
          "The policy allows only listed licenses, and this one is not listed.",
          "Add it to licenses.allow after review, or use another model."),
      row(RuleId::kPolicyUnknown, "PolicyUnknownLicense",
          "A license oblige cannot identify, under the policy's unknown setting.",
          "A license file matched no signature, or a model has no license; the policy's "
          "licenses.unknown setting decides how much that matters.",
          "Identify the license (add a signature) or acknowledge it."),
      // Files oblige could not read as it should.
      row(RuleId::kUnreadable, "UnreadableFile", "A license file could not be read.",
          "A candidate license file could not be opened or read.", "Check the file's permissions."),
      row(RuleId::kBinary, "BinaryFile", "A license file holds binary data.",
          "A file named like a license holds binary data and was not scanned.",
          "Replace it with the license text."),
      row(RuleId::kTooLarge, "FileTooLarge", "A license file is too large.",
          "A file named like a license is larger than --max-file-size and was not read.",
          "Check the file, or raise --max-file-size."),
      row(RuleId::kEncoding, "InvalidEncoding", "A license file has invalid bytes.",
          "Some bytes of the file are not valid in any supported encoding and were replaced.",
          "Save the file as UTF-8."),
      row(RuleId::kSymlinkOutside, "SymlinkOutsideRoot",
          "A symbolic link points outside the scanned folder.",
          "A license file is a symbolic link whose target lies outside the scanned folder; it "
          "was not read.",
          "Replace the link with the file itself."),
      row(RuleId::kSymlinkBroken, "SymlinkBroken", "A symbolic link points nowhere.",
          "A license file is a symbolic link whose target does not exist or loops.",
          "Fix or remove the link."),
      row(RuleId::kSymlinkFolder, "SymlinkToFolder",
          "A symbolic link to a folder was not followed.",
          "oblige never follows symbolic links to folders, so files behind this link were not "
          "scanned.",
          "Scan the link's target directly if it should be included."),
      row(RuleId::kSpecialFile, "SpecialFile", "A license file is not a regular file.",
          "A file named like a license is a FIFO, socket or device; it was not opened.",
          "Replace it with a regular file."),
      row(RuleId::kUnreadableFolder, "UnreadableFolder", "A folder could not be read.",
          "A folder under the scanned path could not be listed; files in it were not scanned.",
          "Check the folder's permissions."),
      row(RuleId::kSymlinkInRepository, "SymlinkInRepository",
          "A license file is a symbolic link in the repository.",
          "In a commit or the index a symbolic link is only its target's name; oblige does not "
          "follow it.",
          "Commit the license text itself rather than a link to it."),
      row(RuleId::kLfsPointer, "LfsPointer", "A license file is stored in Git LFS.",
          "The repository holds only a Git LFS pointer for this license file; its text is not "
          "in the commit and was not scanned.",
          "Keep license texts out of Git LFS so that they travel with every clone."),
      row(RuleId::kPdfUnreadable, "PdfUnreadable", "A license PDF could not be read.",
          "A license PDF is damaged, encrypted or holds no extractable text.",
          "Add the license as a text file beside the PDF."),
      row(RuleId::kFrontMatter, "FrontMatterMalformed",
          "The model card's front matter is malformed.",
          "The YAML front matter of README.md could not be parsed or is not a mapping, so its "
          "license metadata was ignored.",
          "Fix the YAML between the --- lines at the top of README.md."),
  };
  // Catalogue order is RuleId order, so rule_text() is an index.
  std::sort(rows.begin(), rows.end(),
            [](const RuleText& a, const RuleText& b) { return a.rule < b.rule; });
  return rows;
}

}  // namespace

const std::vector<RuleText>& catalogue() {
  static const std::vector<RuleText> rows = build();
  return rows;
}

const RuleText& rule_text(results::RuleId rule) {
  return catalogue()[static_cast<std::size_t>(rule)];
}

}  // namespace oblige::render
