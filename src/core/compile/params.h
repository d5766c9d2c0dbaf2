// params.h: binding a plan's parameters for one request, and the part of the
// request's variables a plan depends on. A plan holds no request values, so
// one plan serves every request whose shape_key is the same.
#pragma once

#include <string>

#include "core/coerce/variables.h"
#include "core/compile/plan.h"

namespace fraiseql::compile {

// The coerced value a Variable parameter takes: the variable's value followed
// along p.path. nullptr when the variable (or a step of the path) is absent,
// and for parameters of other sources. Views into `variables`.
const coerce::InputValue *resolve_param(const Param &p, const coerce::VariableValues &variables);

// The text to bind for `value` (nullptr: SQL NULL). Text-encoded scalars are
// returned as they are; other encodings are written into `scratch`, which
// must outlive the use of the result.
const std::string *param_text(const Param &p, const coerce::InputValue *value, std::string &scratch);

// Encodes a value the way `encoding` says (see ParamEncoding); `value` is not
// null. `type`: the value's GraphQL type, read by JsonInputKeys only.
void encode_param(ParamEncoding encoding, const coerce::InputValue &value, std::string &out,
                  const schema::TypeExpr &type = schema::TypeExpr());

// The shape of the plan's shape variables in `variables`: for each, absent or
// null or, through its declared type, object keys, list lengths, enum values
// and booleans, never another leaf value. Two requests of one operation with
// equal keys compile to the same SQL and projection.
std::string shape_key(const Plan &plan, const coerce::VariableValues &variables);

} // namespace fraiseql::compile
