// schema_builder.cc: SDL document -> Schema: types, fields, directives, root fields.
// Every problem becomes an error with the SDL position; nothing partial escapes.
#include <string>

#include "core/schema/schema.h"
#include "core/syntax/parser.h"

namespace fraiseql::schema {

namespace {

struct BuiltinScalar {
	const char *name;
	ScalarKind kind;
};

// The spec's five, then the contract's (INTERFACE.md section 3).
constexpr BuiltinScalar BUILTIN_SCALARS[] = {
    {"Int", ScalarKind::Int},       {"Float", ScalarKind::Float},       {"String", ScalarKind::String},
    {"Boolean", ScalarKind::Boolean}, {"ID", ScalarKind::ID},           {"UUID", ScalarKind::UUID},
    {"Date", ScalarKind::Date},     {"DateTime", ScalarKind::DateTime}, {"Time", ScalarKind::Time},
    {"JSON", ScalarKind::JSON},     {"BigInt", ScalarKind::BigInt},     {"Decimal", ScalarKind::Decimal},
};
constexpr size_t SPEC_SCALAR_COUNT = 5;

// Directives the schema understands; anything else in the SDL is an error so a
// typo never silently drops a binding.
constexpr const char *KNOWN_DIRECTIVES[] = {"view", "field", "connection", "function", "deprecated", "specifiedBy", "oneOf"};

} // namespace

class SchemaBuilder {
public:
	explicit SchemaBuilder(std::string_view sdl) : sdl_(sdl), schema_(new Schema()) {}

	BuildResult
	build()
	{
		BuildResult result;
		util::Arena arena;
		syntax::ParseResult parsed = syntax::parse_document(sdl_, arena);
		if (parsed.error) {
			result.errors.push_back(
			    make_error(ErrorCode::ParseFailed, parsed.error.message, parsed.error.line, parsed.error.column));
			return result;
		}
		add_builtins();
		declare_types(*parsed.document);
		if (errors_.empty())
			define_types(*parsed.document);
		if (errors_.empty())
			find_roots(*parsed.document);
		if (errors_.empty())
			classify_root_fields();
		if (!errors_.empty()) {
			result.errors = std::move(errors_);
			return result;
		}
		result.schema = std::move(schema_);
		return result;
	}

private:
	std::string_view sdl_;
	std::unique_ptr<Schema> schema_;
	ErrorList errors_;

	void
	fail(const syntax::Loc &loc, std::string message)
	{
		errors_.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), loc.line, loc.column));
	}

	TypeDef *
	add_type(std::string_view name, TypeKind kind)
	{
		auto t = std::make_unique<TypeDef>();
		t->name = std::string(name);
		t->kind = kind;
		TypeDef *raw = t.get();
		schema_->types_.push_back(std::move(t));
		schema_->by_name_.emplace(raw->name, raw);
		return raw;
	}

	void
	add_builtins()
	{
		for (const BuiltinScalar &s : BUILTIN_SCALARS) {
			TypeDef *t = add_type(s.name, TypeKind::Scalar);
			t->scalar = s.kind;
			t->builtin = true;
		}
	}

	static TypeKind
	kind_of(syntax::DefinitionKind k)
	{
		switch (k) {
		case syntax::DefinitionKind::ObjectType: return TypeKind::Object;
		case syntax::DefinitionKind::InterfaceType: return TypeKind::Interface;
		case syntax::DefinitionKind::UnionType: return TypeKind::Union;
		case syntax::DefinitionKind::EnumType: return TypeKind::Enum;
		case syntax::DefinitionKind::InputObjectType: return TypeKind::InputObject;
		default: return TypeKind::Scalar;
		}
	}

	static bool
	is_type_definition(syntax::DefinitionKind k)
	{
		return k == syntax::DefinitionKind::ScalarType || k == syntax::DefinitionKind::ObjectType ||
		       k == syntax::DefinitionKind::InterfaceType || k == syntax::DefinitionKind::UnionType ||
		       k == syntax::DefinitionKind::EnumType || k == syntax::DefinitionKind::InputObjectType;
	}

	void
	declare_types(const syntax::Document &doc)
	{
		for (const syntax::Definition *def : doc.definitions) {
			if (def->kind == syntax::DefinitionKind::Operation || def->kind == syntax::DefinitionKind::Fragment) {
				fail(def->loc, "a schema may not contain operations or fragments");
				continue;
			}
			if (!is_type_definition(def->kind))
				continue;
			if (def->is_extension) {
				fail(def->loc, "type extensions are not supported yet (write the whole type)");
				continue;
			}
			TypeDef *existing = const_cast<TypeDef *>(schema_->find_type(def->name.text));
			if (existing) {
				// Declaring one of the contract's extra built-in scalars is allowed.
				bool extra_builtin = existing->builtin && def->kind == syntax::DefinitionKind::ScalarType &&
				                     !is_spec_scalar(existing->name);
				if (!extra_builtin)
					fail(def->name.loc, "There can be only one type named \"" + std::string(def->name.text) + "\".");
				continue;
			}
			TypeDef *t = add_type(def->name.text, kind_of(def->kind));
			t->description = std::string(def->description);
			t->line = def->name.loc.line;
			t->column = def->name.loc.column;
		}
	}

	static bool
	is_spec_scalar(std::string_view name)
	{
		for (size_t i = 0; i < SPEC_SCALAR_COUNT; i++)
			if (name == BUILTIN_SCALARS[i].name)
				return true;
		return false;
	}

	bool
	resolve_type(const syntax::TypeRef *ref, TypeExpr &out)
	{
		out = TypeExpr();
		uint8_t level = 0;
		for (const syntax::TypeRef *r = ref; r; r = r->of_type) {
			if (r->kind == syntax::TypeKind::NonNull) {
				out.non_null |= 1u << level;
			} else if (r->kind == syntax::TypeKind::List) {
				if (++level > 30) {
					fail(r->loc, "list types nest too deeply");
					return false;
				}
			} else {
				out.named = schema_->find_type(r->name.text);
				if (!out.named) {
					fail(r->name.loc, "Unknown type \"" + std::string(r->name.text) + "\".");
					return false;
				}
			}
		}
		out.list_depth = level;
		return true;
	}

	std::string
	source_text(const syntax::Loc &loc) const
	{
		if (loc.end <= loc.start || loc.end > sdl_.size())
			return std::string();
		return std::string(sdl_.substr(loc.start, loc.end - loc.start));
	}

	const syntax::Value *
	argument(const syntax::Directive &d, std::string_view name)
	{
		for (const syntax::Argument &a : d.arguments)
			if (a.name.text == name)
				return a.value;
		return nullptr;
	}

	// A string argument of a directive; fails when present but not a string.
	bool
	string_argument(const syntax::Directive &d, std::string_view name, std::string &out, bool required)
	{
		const syntax::Value *v = argument(d, name);
		if (!v) {
			if (required)
				fail(d.loc, "directive \"@" + std::string(d.name.text) + "\" needs a string argument \"" +
				                std::string(name) + "\"");
			return false;
		}
		if (v->kind != syntax::ValueKind::String || v->text.empty()) {
			fail(v->loc, "argument \"" + std::string(name) + "\" of \"@" + std::string(d.name.text) +
			                 "\" must be a non-empty string");
			return false;
		}
		out = std::string(v->text);
		return true;
	}

	std::unique_ptr<ViewBinding>
	view_binding(const syntax::Directive &d)
	{
		auto v = std::make_unique<ViewBinding>();
		v->line = d.loc.line;
		v->column = d.loc.column;
		string_argument(d, "name", v->name, true);
		string_argument(d, "dataColumn", v->data_column, false);
		string_argument(d, "idColumn", v->id_column, false);
		for (const syntax::Argument &a : d.arguments)
			if (a.name.text != "name" && a.name.text != "dataColumn" && a.name.text != "idColumn")
				fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@view\".");
		return v;
	}

	bool
	check_known_directive(const syntax::Directive &d)
	{
		for (const char *known : KNOWN_DIRECTIVES)
			if (d.name.text == known)
				return true;
		fail(d.loc, "Unknown directive \"@" + std::string(d.name.text) + "\".");
		return false;
	}

	void
	input_values(const util::Span<syntax::InputValueDefinition> &in, std::vector<InputValueDef> &out)
	{
		for (const syntax::InputValueDefinition &a : in) {
			InputValueDef arg;
			arg.name = std::string(a.name.text);
			arg.description = std::string(a.description);
			arg.line = a.name.loc.line;
			arg.column = a.name.loc.column;
			if (!resolve_type(a.type, arg.type))
				continue;
			if (!arg.type.named->is_input())
				fail(a.type->loc, "The type of \"" + arg.name + "\" must be Input Type but got: \"" +
				                      arg.type.print() + "\".");
			if (a.default_value) {
				arg.has_default = true;
				arg.default_literal = source_text(a.default_value->loc);
			}
			for (const syntax::Directive &d : a.directives)
				check_known_directive(d);
			out.push_back(std::move(arg));
		}
	}

	void
	define_fields(const syntax::TypeDefinition &def, TypeDef &t)
	{
		for (const syntax::FieldDefinition &fd : def.fields) {
			FieldDef f;
			f.name = std::string(fd.name.text);
			f.description = std::string(fd.description);
			f.line = fd.name.loc.line;
			f.column = fd.name.loc.column;
			f.json_key = snake_case(f.name);
			if (!resolve_type(fd.type, f.type))
				continue;
			if (f.type.named->kind == TypeKind::InputObject)
				fail(fd.type->loc, "The type of " + t.name + "." + f.name + " must be Output Type but got: \"" +
				                       f.type.print() + "\".");
			input_values(fd.arguments, f.arguments);
			for (const syntax::Directive &d : fd.directives) {
				if (!check_known_directive(d))
					continue;
				if (d.name.text == "field") {
					string_argument(d, "key", f.json_key, true);
				} else if (d.name.text == "view") {
					f.view_override = view_binding(d);
				} else if (d.name.text == "connection" || d.name.text == "function") {
					fail(d.loc, "directive \"@" + std::string(d.name.text) + "\" is not supported yet");
				}
			}
			if (t.field_index_.count(f.name)) {
				fail(fd.name.loc, "Field \"" + t.name + "." + f.name + "\" can only be defined once.");
				continue;
			}
			t.fields.push_back(std::move(f));
			t.field_index_.emplace(t.fields.back().name, t.fields.size() - 1);
		}
		// The map holds views into the names: rebuild after the vector settled.
		t.field_index_.clear();
		for (size_t i = 0; i < t.fields.size(); i++)
			t.field_index_.emplace(t.fields[i].name, i);
	}

	void
	define_types(const syntax::Document &doc)
	{
		for (const syntax::Definition *def : doc.definitions) {
			if (!is_type_definition(def->kind) || def->is_extension)
				continue;
			TypeDef *t = const_cast<TypeDef *>(schema_->find_type(def->name.text));
			if (t->builtin)
				continue;
			const auto &td = static_cast<const syntax::TypeDefinition &>(*def);
			for (const syntax::Directive &d : def->directives) {
				if (!check_known_directive(d))
					continue;
				if (d.name.text == "view") {
					if (t->kind != TypeKind::Object)
						fail(d.loc, "\"@view\" applies to object types only");
					else
						t->view = view_binding(d);
				}
			}
			switch (t->kind) {
			case TypeKind::Object:
			case TypeKind::Interface:
				define_fields(td, *t);
				for (const syntax::Name &n : td.interfaces) {
					const TypeDef *i = schema_->find_type(n.text);
					if (!i)
						fail(n.loc, "Unknown type \"" + std::string(n.text) + "\".");
					else
						t->interfaces.push_back(i);
				}
				break;
			case TypeKind::Union:
				for (const syntax::Name &n : td.members) {
					const TypeDef *m = schema_->find_type(n.text);
					if (!m)
						fail(n.loc, "Unknown type \"" + std::string(n.text) + "\".");
					else
						t->members.push_back(m);
				}
				break;
			case TypeKind::Enum:
				for (const syntax::EnumValueDefinition &v : td.values)
					t->values.push_back({std::string(v.name.text), std::string(v.description)});
				break;
			case TypeKind::InputObject:
				input_values(td.input_fields, t->input_fields);
				break;
			case TypeKind::Scalar:
				break;
			}
		}
	}

	void
	find_roots(const syntax::Document &doc)
	{
		std::string query_name = "Query", mutation_name = "Mutation";
		for (const syntax::Definition *def : doc.definitions) {
			if (def->kind != syntax::DefinitionKind::Schema)
				continue;
			for (const syntax::OperationTypeDefinition &op : static_cast<const syntax::SchemaDefinition *>(def)->operation_types) {
				if (op.operation == syntax::OperationType::Query)
					query_name = std::string(op.type.text);
				else if (op.operation == syntax::OperationType::Mutation)
					mutation_name = std::string(op.type.text);
				else
					fail(op.loc, "subscriptions are not supported");
			}
		}
		schema_->query_ = schema_->find_type(query_name);
		schema_->mutation_ = schema_->find_type(mutation_name);
		if (!schema_->query_ || schema_->query_->kind != TypeKind::Object) {
			errors_.push_back(make_error(ErrorCode::ValidationFailed, "Query root type must be provided.", 0, 0));
			return;
		}
		if (schema_->mutation_ && schema_->mutation_->kind != TypeKind::Object)
			schema_->mutation_ = nullptr;
	}

	// Decides how each Query field reads its view (INTERFACE.md section 3) and
	// adds the generated arguments of list fields.
	void
	classify_root_fields()
	{
		TypeDef *query = const_cast<TypeDef *>(schema_->query_);
		const TypeDef *int_type = schema_->find_type("Int");
		for (FieldDef &f : query->fields) {
			syntax::Loc loc;
			loc.line = f.line;
			loc.column = f.column;
			const ViewBinding *view = Schema::view_of(f);
			if (!view) {
				fail(loc, "Query." + f.name + " has no data source: give type \"" + f.type.named->name +
				              "\" a @view, or the field a @view");
				continue;
			}
			if (f.type.named->kind != TypeKind::Object) {
				fail(loc, "Query." + f.name + " reads a view, so its type must be an object type");
				continue;
			}
			if (f.type.list_depth == 1) {
				f.root_kind = RootKind::List;
				for (const char *generated : {"limit", "offset"}) {
					if (f.find_argument(generated))
						continue;
					InputValueDef a;
					a.name = generated;
					a.type.named = int_type;
					f.arguments.push_back(std::move(a));
				}
			} else if (f.type.list_depth == 0 && !f.type.is_non_null() && !f.arguments.empty()) {
				f.root_kind = RootKind::Single;
			} else {
				fail(loc, "Query." + f.name + " must return a list [T!]! or a nullable T with arguments");
			}
		}
	}
};

BuildResult
build_schema(std::string_view sdl)
{
	return SchemaBuilder(sdl).build();
}

} // namespace fraiseql::schema
