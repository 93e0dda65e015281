// The tables compiled into the binary (embedded_index.h), read in place on
// first use. Kept apart from the readers so the build-time compiler can use
// them without the tables it is about to generate.
#include <string>

#include "scanner/identify/embedded_index.h"
#include "scanner/identify/kind_model.h"
#include "scanner/identify/similarity_index.h"
#include "scanner/identify/spdx_tier.h"

namespace oblige::identify {

const SimilarityIndex& SimilarityIndex::embedded() {
  static const SimilarityIndex index(embedded_similarity_index());
  return index;
}

const KindModel& KindModel::embedded() {
  static const KindModel model(embedded_kind_model());
  return model;
}

const std::vector<SpdxCategory>& spdx_categories() {
  static const std::vector<SpdxCategory> table =
      spdx_categories_from_compiled_form(embedded_spdx_categories());
  return table;
}

}  // namespace oblige::identify
