// mutation_result.h: a mutation function's answer (the fields of
// fraiseql.mutation_response as JSON) -> the member of the field's result type
// it stands for (docs/reference.md, "Mutations and context"): a success status selects the type
// whose name ends in "Success"; its entity field reads `entity`
// (compile::bind_entity_field), its other fields their own column;
// an error prefix selects the type ending in "Error" with its numeric `code`.
#pragma once

#include <string_view>

#include "core/compile/plan.h"
#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/response/projection.h"

namespace fraiseql::execute {

enum class StatusKind : uint8_t { Success, Error, Unknown };

struct MutationStatus {
	StatusKind kind = StatusKind::Unknown;
	int code = 0; // Error: the HTTP-like code of the prefix (422, 404...)
};

// success / created / updated / deleted, each optionally ":detail": Success;
// validation: failed: noop: (422), not_found: (404), conflict: (409),
// unauthorized: (401), forbidden: (403), timeout: (408): Error.
MutationStatus classify_status(std::string_view status);

// The branch of `root` for `status` (nullptr when the result type has none).
const compile::TypeBranch *result_branch(const compile::RootField &root, const MutationStatus &status);

// Writes the result of mutation root `root` from one row. Returns false when
// it is null in a non-null position (nothing written; errors recorded).
bool write_mutation_result(const compile::RootField &root, const jsonb::Value &row, response::Projector &projector,
                           response::JsonWriter &out);

} // namespace fraiseql::execute
