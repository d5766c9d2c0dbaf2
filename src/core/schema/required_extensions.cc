// required_extensions.cc: which extensions a schema's fields need (see the header).
#include "core/schema/required_extensions.h"

namespace fraiseql::schema {

namespace {

struct ExtensionScalar {
	ScalarKind scalar;
	const char *extension;
	const char *sql_type;
};

constexpr ExtensionScalar EXTENSION_SCALARS[] = {
    {ScalarKind::LTree, "ltree", "ltree"},
    {ScalarKind::Geometry, "postgis", "geometry"},
};

} // namespace

std::vector<RequiredExtension>
required_extensions(const Schema &schema)
{
	std::vector<RequiredExtension> out;
	for (const ExtensionScalar &e : EXTENSION_SCALARS) {
		for (const auto &t : schema.types()) {
			const FieldDef *user = nullptr;
			for (const FieldDef &f : t->fields)
				if (f.type.named && f.type.named->kind == TypeKind::Scalar && f.type.named->scalar == e.scalar) {
					user = &f;
					break;
				}
			if (!user)
				continue;
			out.push_back({e.extension, e.sql_type, user->type.named->name, user->line, user->column});
			break;
		}
	}
	return out;
}

} // namespace fraiseql::schema
