// schema_builder.cc: SDL document -> Schema: types, fields, directives, root fields.
// Every problem becomes an error with the SDL position; nothing partial escapes.
// Two modes share this code (BuildOptions): FraiseQL mode adds the contract's
// scalars and @view/@field bindings and checks; spec mode reads any SDL as
// graphql-js buildSchema does (type extensions, custom root names, subscriptions).
#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/schema/abstract_roots.h"
#include "core/schema/builtin_sdl.h"
#include "core/schema/generated_types.h"
#include "core/schema/qualified_name.h"
#include "core/schema/schema.h"
#include "core/schema/subscription_roots.h"
#include "core/syntax/parser.h"

namespace fraiseql::schema {

namespace {

struct BuiltinScalar {
	const char *name;
	ScalarKind kind;
};

// The spec's five, then the contract's (docs/reference.md, "Schema (SDL)").
constexpr BuiltinScalar BUILTIN_SCALARS[] = {
    {"Int", ScalarKind::Int},       {"Float", ScalarKind::Float},       {"String", ScalarKind::String},
    {"Boolean", ScalarKind::Boolean}, {"ID", ScalarKind::ID},           {"UUID", ScalarKind::UUID},
    {"Date", ScalarKind::Date},     {"DateTime", ScalarKind::DateTime}, {"Time", ScalarKind::Time},
    {"JSON", ScalarKind::JSON},     {"BigInt", ScalarKind::BigInt},     {"Decimal", ScalarKind::Decimal},
    {"IpAddress", ScalarKind::IpAddress}, {"CIDR", ScalarKind::CIDR},   {"MacAddress", ScalarKind::MacAddress},
    {"LTree", ScalarKind::LTree},   {"IntRange", ScalarKind::IntRange}, {"DateRange", ScalarKind::DateRange},
    {"DateTimeRange", ScalarKind::DateTimeRange}, {"TSVector", ScalarKind::TSVector},
    {"Geometry", ScalarKind::Geometry},
};
constexpr size_t SPEC_SCALAR_COUNT = 5;

// Directives a FraiseQL schema understands; anything else in the SDL is an
// error so a typo never silently drops a binding.
constexpr const char *KNOWN_DIRECTIVES[] = {"view",       "field",       "connection", "function",
                                             "notify",     "deprecated",  "specifiedBy", "oneOf"};

// PostgreSQL's longest identifier (NAMEDATALEN - 1): pg_notify refuses longer channels.
constexpr size_t MAX_CHANNEL_BYTES = 63;

constexpr const char DEFAULT_DEPRECATION_REASON[] = "No longer supported";

} // namespace

class SchemaBuilder {
public:
	SchemaBuilder(std::string_view sdl, const BuildOptions &options)
	    : sdl_(sdl), spec_(options.mode == BuildMode::Spec), schema_(new Schema())
	{
		schema_->mode_ = options.mode;
		schema_->introspection_fields_ = true;
	}

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
		syntax::ParseResult builtin = syntax::parse_document(BUILTIN_SDL, arena);
		add_builtin_scalars();
		builtin_ = true;
		load(*builtin.document);
		if (!spec_) {
			syntax::ParseResult own = syntax::parse_document(FRAISEQL_SDL, arena);
			fraiseql_definitions_ = true;
			load(*own.document);
			fraiseql_definitions_ = false;
		}
		builtin_ = false;
		load(*parsed.document);
		if (errors_.empty())
			find_roots(*parsed.document);
		if (errors_.empty())
			link_implementations();
		if (errors_.empty())
			add_meta_fields();
		if (errors_.empty() && !spec_)
			classify_root_fields();
		if (errors_.empty() && spec_)
			drop_unreferenced_scalars();
		if (!errors_.empty()) {
			result.errors = std::move(errors_);
			return result;
		}
		result.schema = std::move(schema_);
		return result;
	}

private:
	std::string_view sdl_;
	bool spec_;
	bool builtin_ = false; // loading BUILTIN_SDL (or FRAISEQL_SDL)
	bool fraiseql_definitions_ = false; // loading FRAISEQL_SDL
	std::string_view source_;
	std::unique_ptr<Schema> schema_;
	ErrorList errors_;

	void
	load(const syntax::Document &doc)
	{
		source_ = doc.source;
		declare_types(doc);
		if (errors_.empty() && !spec_ && !builtin_)
			declare_connection_types(doc);
		if (errors_.empty())
			declare_directives(doc);
		if (errors_.empty())
			define_types(doc, false);
		if (errors_.empty())
			define_types(doc, true);
	}

	// The types a @connection(type: "T") field names (TConnection, TEdge,
	// PageInfo) must exist before field types are resolved; the ones the SDL
	// does not declare are declared here, empty, and filled by TypeGenerator.
	void
	declare_connection_types(const syntax::Document &doc)
	{
		for (const syntax::Definition *def : doc.definitions) {
			if (def->kind != syntax::DefinitionKind::ObjectType || def->is_extension)
				continue;
			for (const syntax::FieldDefinition &fd : static_cast<const syntax::TypeDefinition &>(*def).fields)
				for (const syntax::Directive &d : fd.directives) {
					const syntax::Value *type = d.name.text == "connection" ? argument(d, "type") : nullptr;
					if (!type || type->kind != syntax::ValueKind::String || type->text.empty())
						continue;
					const std::string node(type->text);
					declare_generated(node + "Connection", GeneratedKind::Connection);
					declare_generated(node + "Edge", GeneratedKind::Edge);
					declare_generated("PageInfo", GeneratedKind::PageInfo);
				}
		}
	}

	void
	declare_generated(const std::string &name, GeneratedKind kind)
	{
		if (mutable_type(name))
			return;
		add_type(name, TypeKind::Object)->generated = kind;
	}

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

	TypeDef *
	mutable_type(std::string_view name)
	{
		auto it = schema_->by_name_.find(name);
		return it == schema_->by_name_.end() ? nullptr : it->second;
	}

	void
	add_builtin_scalars()
	{
		size_t count = spec_ ? SPEC_SCALAR_COUNT : sizeof(BUILTIN_SCALARS) / sizeof(BUILTIN_SCALARS[0]);
		for (size_t i = 0; i < count; i++) {
			TypeDef *t = add_type(BUILTIN_SCALARS[i].name, TypeKind::Scalar);
			t->scalar = BUILTIN_SCALARS[i].kind;
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
				if (!spec_)
					fail(def->loc, "type extensions are not supported yet (write the whole type)");
				continue;
			}
			TypeDef *existing = mutable_type(def->name.text);
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
			t->builtin = builtin_;
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

	void
	declare_directives(const syntax::Document &doc)
	{
		for (const syntax::Definition *def : doc.definitions) {
			if (def->kind != syntax::DefinitionKind::Directive || def->is_extension)
				continue;
			const auto &dd = static_cast<const syntax::DirectiveDefinition &>(*def);
			auto d = std::make_unique<DirectiveDef>();
			d->name = std::string(dd.name.text);
			d->description = std::string(dd.description);
			d->repeatable = dd.repeatable;
			d->builtin = builtin_ && !fraiseql_definitions_;
			d->fraiseql = fraiseql_definitions_;
			if (!builtin_) {
				d->line = dd.name.loc.line;
				d->column = dd.name.loc.column;
			}
			for (const syntax::Name &l : dd.locations) {
				DirectiveLocation loc;
				if (directive_location_from_name(l.text, loc)) {
					d->locations |= 1u << static_cast<unsigned>(loc);
					d->location_order.push_back(loc);
				}
			}
			input_values(dd.arguments, d->arguments);
			// A schema's own definition replaces the built-in one (buildASTSchema).
			bool replaced = false;
			for (auto &existing : schema_->directives_) {
				if (existing->name != d->name)
					continue;
				if (!existing->builtin && !existing->fraiseql)
					fail(dd.name.loc, "There can be only one directive named \"@" + d->name + "\".");
				existing = std::move(d);
				replaced = true;
				break;
			}
			if (!replaced)
				schema_->directives_.push_back(std::move(d));
		}
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
		if (loc.end <= loc.start || loc.end > source_.size())
			return std::string();
		return std::string(source_.substr(loc.start, loc.end - loc.start));
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

	// @deprecated on a field, argument, input field or enum value.
	void
	read_deprecation(const util::Span<syntax::Directive> &directives, bool &deprecated, std::string &reason)
	{
		for (const syntax::Directive &d : directives) {
			if (d.name.text != "deprecated")
				continue;
			deprecated = true;
			const syntax::Value *v = argument(d, "reason");
			reason = v && v->kind == syntax::ValueKind::String ? std::string(v->text) : DEFAULT_DEPRECATION_REASON;
		}
	}

	// The `name:` of @view or @function must be exactly a [schema.]name: the
	// glue's catalog lookup would otherwise ignore what follows the name.
	void
	check_name(const syntax::Directive &d, const std::string &name, const char *what)
	{
		QualifiedName parsed;
		std::string problem = parse_qualified_name(name, parsed);
		if (!problem.empty())
			fail(d.loc, "argument \"name\" of \"@" + std::string(d.name.text) + "\" must be a " + what +
			                " name ([schema.]name, identifiers optionally double-quoted): " + problem);
	}

	std::unique_ptr<ViewBinding>
	view_binding(const syntax::Directive &d)
	{
		auto v = std::make_unique<ViewBinding>();
		v->line = d.loc.line;
		v->column = d.loc.column;
		if (string_argument(d, "name", v->name, true))
			check_name(d, v->name, "relation");
		string_argument(d, "dataColumn", v->data_column, false);
		string_argument(d, "idColumn", v->id_column, false);
		for (const syntax::Argument &a : d.arguments)
			if (a.name.text != "name" && a.name.text != "dataColumn" && a.name.text != "idColumn")
				fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@view\".");
		return v;
	}

	// @function(name:, context: [String!], graphqlInputKeys: Boolean) on a root field.
	std::unique_ptr<FunctionBinding>
	function_binding(const syntax::Directive &d)
	{
		auto b = std::make_unique<FunctionBinding>();
		b->line = d.loc.line;
		b->column = d.loc.column;
		if (string_argument(d, "name", b->name, true))
			check_name(d, b->name, "function");
		for (const syntax::Argument &a : d.arguments) {
			if (a.name.text == "name")
				continue;
			if (a.name.text == "graphqlInputKeys") {
				if (a.value->kind != syntax::ValueKind::Boolean)
					fail(a.value->loc, "argument \"graphqlInputKeys\" of \"@function\" must be a Boolean");
				else
					b->graphql_input_keys = a.value->boolean;
				continue;
			}
			if (a.name.text != "context") {
				fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@function\".");
				continue;
			}
			b->has_context = true;
			if (a.value->kind == syntax::ValueKind::String) { // a single value is a list of one
				b->context.push_back(std::string(a.value->text));
				continue;
			}
			if (a.value->kind != syntax::ValueKind::List) {
				fail(a.value->loc, "argument \"context\" of \"@function\" must be a list of strings");
				continue;
			}
			for (const syntax::Value *item : a.value->list) {
				if (item->kind != syntax::ValueKind::String) {
					fail(item->loc, "argument \"context\" of \"@function\" must be a list of strings");
					continue;
				}
				b->context.push_back(std::string(item->text));
			}
		}
		return b;
	}

	// @notify(channel:) on a field (classify_subscription_fields checks where).
	void
	notify_binding(const syntax::Directive &d, FieldDef &f)
	{
		f.notify_line = d.loc.line;
		f.notify_column = d.loc.column;
		for (const syntax::Argument &a : d.arguments)
			if (a.name.text != "channel")
				fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@notify\".");
		if (!string_argument(d, "channel", f.notify_channel, true))
			return;
		if (f.notify_channel.size() > MAX_CHANNEL_BYTES) {
			fail(argument(d, "channel")->loc, "argument \"channel\" of \"@notify\" must be at most " +
			                                      std::to_string(MAX_CHANNEL_BYTES) + " bytes (a PostgreSQL identifier)");
			f.notify_channel.clear();
		}
	}

	// FraiseQL mode only: spec mode leaves applied directives to SDL validation.
	bool
	check_known_directive(const syntax::Directive &d)
	{
		if (spec_ || builtin_)
			return true;
		for (const char *known : KNOWN_DIRECTIVES)
			if (d.name.text == known)
				return true;
		fail(d.loc, "Unknown directive \"@" + std::string(d.name.text) + "\".");
		return false;
	}

	// `input_fields`: the fields of an input object, which may carry @field(key:).
	void
	input_values(const util::Span<syntax::InputValueDefinition> &in, std::vector<InputValueDef> &out,
	             bool input_fields = false)
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
			if (input_fields && !spec_)
				arg.json_key = snake_case(arg.name);
			for (const syntax::Directive &d : a.directives)
				if (check_known_directive(d) && input_fields && !spec_ && !builtin_ && d.name.text == "field")
					string_argument(d, "key", arg.json_key, true);
			read_deprecation(a.directives, arg.deprecated, arg.deprecation_reason);
			out.push_back(std::move(arg));
		}
	}

	void
	define_fields(const util::Span<syntax::FieldDefinition> &fields, TypeDef &t)
	{
		std::unordered_set<std::string> names;
		for (const FieldDef &existing : t.fields) // an extension adds to the type's fields
			names.insert(existing.name);
		for (const syntax::FieldDefinition &fd : fields) {
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
			read_deprecation(fd.directives, f.deprecated, f.deprecation_reason);
			for (const syntax::Directive &d : fd.directives) {
				if (spec_ || builtin_ || !check_known_directive(d))
					continue;
				if (d.name.text == "field") {
					string_argument(d, "key", f.json_key, true);
				} else if (d.name.text == "view") {
					f.view_override = view_binding(d);
				} else if (d.name.text == "connection") {
					string_argument(d, "type", f.connection_type, true);
					f.connection_line = d.loc.line;
					f.connection_column = d.loc.column;
				} else if (d.name.text == "function") {
					f.function = function_binding(d);
				} else if (d.name.text == "notify") {
					notify_binding(d, f);
				}
			}
			// Owned copies of the names: views into t.fields would dangle while the vector grows.
			if (!names.insert(f.name).second) {
				fail(fd.name.loc, "Field \"" + t.name + "." + f.name + "\" can only be defined once.");
				continue;
			}
			t.fields.push_back(std::move(f));
		}
		// The map holds views into the names: rebuild after the vector settled.
		t.field_index_.clear();
		for (size_t i = 0; i < t.fields.size(); i++)
			t.field_index_.emplace(t.fields[i].name, i);
	}

	void
	named_types(const util::Span<syntax::Name> &names, std::vector<const TypeDef *> &out)
	{
		for (const syntax::Name &n : names) {
			const TypeDef *i = schema_->find_type(n.text);
			if (!i)
				fail(n.loc, "Unknown type \"" + std::string(n.text) + "\".");
			else
				out.push_back(i);
		}
	}

	// Definitions first, then (spec mode) extensions, both in document order,
	// which is the order graphql-js's extendSchema merges them in.
	void
	define_types(const syntax::Document &doc, bool extensions)
	{
		for (const syntax::Definition *def : doc.definitions) {
			if (!is_type_definition(def->kind) || def->is_extension != extensions)
				continue;
			TypeDef *t = mutable_type(def->name.text);
			if (!t) {
				fail(def->name.loc, "Cannot extend type \"" + std::string(def->name.text) + "\" because it is not defined.");
				continue;
			}
			if (t->builtin && !builtin_)
				continue;
			const auto &td = static_cast<const syntax::TypeDefinition &>(*def);
			for (const syntax::Directive &d : def->directives) {
				if (!check_known_directive(d))
					continue;
				if (d.name.text == "oneOf" && t->kind == TypeKind::InputObject)
					t->one_of = true;
				else if (d.name.text == "specifiedBy" && t->kind == TypeKind::Scalar)
					string_argument(d, "url", t->specified_by_url, false);
				else if (d.name.text == "view" && !spec_) {
					if (t->kind != TypeKind::Object)
						fail(d.loc, "\"@view\" applies to object types only");
					else
						t->view = view_binding(d);
				}
			}
			switch (t->kind) {
			case TypeKind::Object:
			case TypeKind::Interface:
				define_fields(td.fields, *t);
				named_types(td.interfaces, t->interfaces);
				break;
			case TypeKind::Union:
				named_types(td.members, t->members);
				break;
			case TypeKind::Enum:
				for (const syntax::EnumValueDefinition &v : td.values) {
					EnumValueDef value;
					value.name = std::string(v.name.text);
					value.description = std::string(v.description);
					read_deprecation(v.directives, value.deprecated, value.deprecation_reason);
					t->values.push_back(std::move(value));
				}
				break;
			case TypeKind::InputObject:
				input_values(td.input_fields, t->input_fields, true);
				break;
			case TypeKind::Scalar:
				break;
			}
		}
	}

	void
	find_roots(const syntax::Document &doc)
	{
		std::string names[3] = {"Query", "Mutation", "Subscription"};
		bool has_schema_definition = false;
		for (const syntax::Definition *def : doc.definitions) {
			if (def->kind != syntax::DefinitionKind::Schema)
				continue;
			if (!def->is_extension && !has_schema_definition)
				schema_->description_ = std::string(def->description); // graphql-js: the definition's
			if (!def->is_extension && spec_ && !has_schema_definition) {
				// An explicit schema definition names every root it has.
				has_schema_definition = true;
				names[0].clear();
				names[1].clear();
				names[2].clear();
			}
			for (const syntax::OperationTypeDefinition &op : static_cast<const syntax::SchemaDefinition *>(def)->operation_types) {
				names[static_cast<int>(op.operation)] = std::string(op.type.text);
			}
		}
		auto root = [this](const std::string &name) -> const TypeDef * {
			const TypeDef *t = name.empty() ? nullptr : schema_->find_type(name);
			return t && t->kind == TypeKind::Object ? t : nullptr;
		};
		schema_->query_ = root(names[0]);
		schema_->mutation_ = root(names[1]);
		schema_->subscription_ = root(names[2]);
		// graphql-js buildSchema accepts a schema without a query root (validation
		// then rejects queries); the FraiseQL contract needs one.
		if (!schema_->query_ && !spec_)
			errors_.push_back(make_error(ErrorCode::ValidationFailed, "Query root type must be provided.", 0, 0));
	}

	void
	link_implementations()
	{
		for (const auto &t : schema_->types_)
			for (const TypeDef *i : t->interfaces)
				if (i->kind == TypeKind::Interface)
					const_cast<TypeDef *>(i)->implementations.push_back(t.get());
	}

	void
	add_meta_fields()
	{
		const TypeDef *string_type = schema_->find_type("String");
		FieldDef &tn = schema_->typename_field_;
		tn.name = "__typename";
		tn.description = "The name of the current Object type at runtime.";
		tn.type.named = string_type;
		tn.type.non_null = 1;
		FieldDef &sf = schema_->schema_field_;
		sf.name = "__schema";
		sf.description = "Access the current type schema of this server.";
		sf.type.named = schema_->find_type("__Schema");
		sf.type.non_null = 1;
		FieldDef &tf = schema_->type_field_;
		tf.name = "__type";
		tf.description = "Request the type information of a single type.";
		tf.type.named = schema_->find_type("__Type");
		InputValueDef name_arg;
		name_arg.name = "name";
		name_arg.type.named = string_type;
		name_arg.type.non_null = 1;
		tf.arguments.push_back(std::move(name_arg));
	}

	// graphql-js only has the spec scalars something refers to (String and
	// Boolean always, through introspection).
	void
	drop_unreferenced_scalars()
	{
		std::unordered_map<const TypeDef *, bool> used;
		auto use_args = [&used](const std::vector<InputValueDef> &args) {
			for (const InputValueDef &a : args)
				used[a.type.named] = true;
		};
		for (const auto &t : schema_->types_) {
			for (const FieldDef &f : t->fields) {
				used[f.type.named] = true;
				use_args(f.arguments);
			}
			use_args(t->input_fields);
		}
		for (const auto &d : schema_->directives_)
			use_args(d->arguments);
		auto &types = schema_->types_;
		for (size_t i = 0; i < types.size();) {
			if (types[i]->builtin && types[i]->kind == TypeKind::Scalar && !used.count(types[i].get())) {
				schema_->by_name_.erase(types[i]->name);
				types.erase(types.begin() + static_cast<std::ptrdiff_t>(i));
			} else {
				i++;
			}
		}
	}

	// Decides how each Query field reads its view (docs/reference.md, "Schema (SDL)") and
	// adds the generated arguments of list fields.
	void
	classify_root_fields()
	{
		TypeDef *query = const_cast<TypeDef *>(schema_->query_);
		TypeGenerator generator(*schema_, errors_);
		for (const auto &t : schema_->types_)
			for (const FieldDef &f : t->fields)
				if (!f.connection_type.empty() && t.get() != query) {
					syntax::Loc at;
					at.line = f.connection_line;
					at.column = f.connection_column;
					fail(at, "@connection on " + t->name + "." + f.name + ": it applies to fields of the Query type only");
				}
		classify_function_fields();
		// Each list field over a view gets <name>Aggregate (aggregate_types.cc);
		// a field of that name (an effective schema loaded again) is left to it.
		std::vector<std::string> aggregate_names;
		for (const FieldDef &f : query->fields)
			if (f.connection_type.empty() && !f.function && !is_abstract_root(f) && Schema::view_of(f) &&
			    f.type.named->kind == TypeKind::Object && f.type.list_depth == 1)
				aggregate_names.push_back(f.name + "Aggregate");
		// The generator keeps pointers to fields; the lookup views their names.
		query->fields.reserve(query->fields.size() + aggregate_names.size());
		query->index_fields();
		std::vector<FieldDef *> aggregated;
		for (FieldDef &f : query->fields) {
			syntax::Loc loc;
			loc.line = f.line;
			loc.column = f.column;
			if (std::find(aggregate_names.begin(), aggregate_names.end(), f.name) != aggregate_names.end())
				continue;
			if (!f.connection_type.empty()) {
				connection_field(f, generator);
				continue;
			}
			if (f.function)
				continue; // classify_function_fields
			if (is_abstract_root(f)) {
				classify_abstract_root(*schema_, f, errors_, generator);
				continue;
			}
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
				generator.add_list_arguments(f, *f.type.named);
				aggregated.push_back(&f);
				generator.add_distinct_on_argument(f, *f.type.named);
			} else if (f.type.list_depth == 0 && !f.type.is_non_null() && !f.arguments.empty()) {
				f.root_kind = RootKind::Single;
			} else {
				fail(loc, "Query." + f.name + " must return a list [T!]! or a nullable T with arguments");
			}
		}
		for (FieldDef *f : aggregated)
			if (errors_.empty())
				generator.add_aggregate(*query, *f, *f->type.named);
		classify_subscription_fields(*schema_, const_cast<TypeDef *>(schema_->subscription_), errors_, generator);
		if (errors_.empty())
			generator.finish();
	}

	// A Query field with @connection(type: "T"): T is an object type read from
	// a view (its own @view or the field's) and the field's type is TConnection.
	void
	connection_field(FieldDef &f, TypeGenerator &generator)
	{
		syntax::Loc at;
		at.line = f.connection_line;
		at.column = f.connection_column;
		const TypeDef *node = schema_->find_type(f.connection_type);
		if (!node) {
			fail(at, "@connection(type: \"" + f.connection_type + "\") on Query." + f.name +
			             " names no type: declare type \"" + f.connection_type + "\" or fix the name");
			return;
		}
		if (node->kind != TypeKind::Object || node->generated != GeneratedKind::None || (!node->view && !f.view_override)) {
			fail(at, "@connection(type: \"" + f.connection_type + "\") on Query." + f.name +
			             " must name an object type with @view (or give the field a @view)");
			return;
		}
		const std::string expected = node->name + "Connection";
		if (f.type.list_depth != 0 || f.type.named->name != expected) {
			syntax::Loc loc;
			loc.line = f.line;
			loc.column = f.column;
			fail(loc, "Query." + f.name + " has @connection(type: \"" + node->name + "\"), so its type must be \"" +
			              expected + "!\", not \"" + f.type.print() + "\"");
			return;
		}
		f.connection_node = node;
		f.root_kind = RootKind::Connection;
		generator.add_connection(f, *node);
	}

	// @function fields of Query (a list [T!]! or a single T read from the
	// function's rows) and Mutation (every field calls a function); @function
	// anywhere else is an error.
	void
	classify_function_fields()
	{
		for (const auto &t : schema_->types_) {
			const bool query = t.get() == schema_->query_;
			const bool mutation = t.get() == schema_->mutation_;
			for (FieldDef &f : t->fields) {
				syntax::Loc loc;
				loc.line = f.line;
				loc.column = f.column;
				const std::string coordinate = t->name + "." + f.name;
				if (f.function && !query && !mutation) {
					fail(loc, "\"@function\" on " + coordinate + ": it applies to fields of Query and Mutation only");
					continue;
				}
				if (mutation && !f.function) {
					fail(loc, "Mutation." + f.name + " has no function: add @function(name: \"schema.fn\")");
					continue;
				}
				if (!f.function)
					continue;
				if (query && f.function->has_context) {
					fail(loc, coordinate + ": \"context\" of \"@function\" applies to Mutation fields only (a Query "
					                       "function reads the context with current_setting('app.<key>'))");
					continue;
				}
				if (query && f.function->graphql_input_keys) {
					fail(loc, coordinate + ": \"graphqlInputKeys\" of \"@function\" applies to Mutation fields only (a "
					                       "Query function receives its arguments with their GraphQL names)");
					continue;
				}
				if (query && f.view_override) {
					fail(loc, coordinate + " has both @view and @function: choose one data source");
					continue;
				}
				if (!f.type.named->is_composite()) {
					fail(loc, coordinate + " calls a function, so its type must be an object, union or interface type");
					continue;
				}
				if (mutation) {
					if (f.arguments.size() != 1) {
						fail(loc, coordinate + " must have exactly one argument (the input passed to " + f.function->name +
						              " as jsonb)");
						continue;
					}
					if (f.type.is_list()) {
						fail(loc, coordinate + " must return a single result type, not a list");
						continue;
					}
					f.root_kind = RootKind::Mutation;
					continue;
				}
				if (f.type.list_depth == 1)
					f.root_kind = RootKind::List;
				else if (f.type.list_depth == 0)
					f.root_kind = RootKind::Single;
				else
					fail(loc, coordinate + " must return a list [T] or a single T");
			}
		}
	}
};

BuildResult
build_schema(std::string_view sdl, const BuildOptions &options)
{
	return SchemaBuilder(sdl, options).build();
}

} // namespace fraiseql::schema
