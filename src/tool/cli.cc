// cli.cc: the command line: options, the commands, exit statuses.
#include "tool/cli.h"

#include <initializer_list>
#include <iterator>
#include <set>

#include "core/schema/print_schema.h"
#include "tool/check_documents.h"
#include "tool/cli_error.h"
#include "tool/documents.h"
#include "tool/help.h"
#include "tool/oracle_commands.h"
#include "tool/schema_file.h"

namespace fraiseql::tool {

namespace {

struct Args {
	std::string command;
	std::vector<std::string> positional;
	std::vector<std::string> queries;
	std::string schema;
	std::string rule;
	std::string entry = "parse";
	syntax::ParseOptions parse;
	validation::ValidateOptions validate;
	CheckOptions check;
	bool quiet = false;
	std::set<std::string> given; // options seen, by their long name
};

const char *const VALUE_OPTIONS[] = {"--query", "--schema", "--rule", "--entry", "--max-tokens", "--max-errors"};
const char *const FLAG_OPTIONS[] = {"--quiet", "--no-introspection", "--hide-suggestions",
                                    "--experimental-fragment-arguments"};

bool
is_one_of(const std::string &arg, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (arg == names[i])
			return true;
	return false;
}

size_t
count_value(const std::string &option, const std::string &value)
{
	if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 9)
		throw UsageError(option + " wants a number, not \"" + value + "\"");
	return std::stoul(value);
}

Args
parse_args(const std::vector<std::string> &argv)
{
	Args a;
	a.command = argv[0];
	for (size_t i = 1; i < argv.size(); i++) {
		std::string arg = argv[i];
		if (arg == "-q")
			arg = "--quiet";
		if (is_one_of(arg, FLAG_OPTIONS, std::size(FLAG_OPTIONS))) {
			a.given.insert(arg);
			continue;
		}
		if (!is_one_of(arg, VALUE_OPTIONS, std::size(VALUE_OPTIONS))) {
			if (arg.size() > 1 && arg[0] == '-')
				throw UsageError("unknown option " + arg);
			a.positional.push_back(arg);
			continue;
		}
		if (i + 1 >= argv.size())
			throw UsageError(arg + " needs a value");
		const std::string value = argv[++i];
		if (arg != "--query" && a.given.count(arg))
			throw UsageError(arg + " is given twice");
		a.given.insert(arg);
		if (arg == "--query")
			a.queries.push_back(value);
		else if (arg == "--schema")
			a.schema = value;
		else if (arg == "--rule")
			a.rule = value;
		else if (arg == "--entry")
			a.entry = value;
		else if (arg == "--max-tokens")
			a.parse.limits.max_tokens = static_cast<uint32_t>(count_value(arg, value));
		else if (arg == "--max-errors")
			a.validate.max_errors = count_value(arg, value);
	}
	a.quiet = a.given.count("--quiet");
	a.check.no_introspection = a.given.count("--no-introspection");
	a.validate.hide_suggestions = a.given.count("--hide-suggestions");
	a.parse.experimental_fragment_arguments = a.given.count("--experimental-fragment-arguments");
	return a;
}

// Every option given is one the command takes.
void
allow_only(const Args &a, std::initializer_list<const char *> allowed)
{
	for (const std::string &option : a.given) {
		bool ok = false;
		for (const char *name : allowed)
			ok = ok || option == name;
		if (!ok)
			throw UsageError(option + " does not apply to " + a.command);
	}
}

void
no_positional(const Args &a)
{
	if (!a.positional.empty())
		throw UsageError("unexpected argument " + a.positional[0]);
}

// The one --query of a conformance command.
const std::string &
one_query(const Args &a)
{
	if (a.queries.size() != 1)
		throw UsageError(a.command + " takes one --query FILE");
	return a.queries[0];
}

std::string
plural(size_t n, const char *word)
{
	return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int
print_schema_command(const Args &a, std::ostream &out, std::ostream &err)
{
	allow_only(a, {"--quiet"});
	if (a.positional.size() != 1)
		throw UsageError("print-schema takes one SDL_FILE");
	std::unique_ptr<schema::Schema> built = load_schema_file(a.positional[0]);
	if (!a.quiet)
		err << CATALOG_NOTE;
	out << schema::print_schema(*built) << "\n";
	return EXIT_VALID;
}

int
validate_command(const Args &a, std::ostream &out, std::ostream &err)
{
	allow_only(a, {"--schema", "--query", "--no-introspection", "--quiet"});
	no_positional(a);
	if (!a.given.count("--schema"))
		throw UsageError("validate needs --schema SDL_FILE");
	if (a.queries.empty())
		throw UsageError("validate needs --query FILE|DIR");
	std::unique_ptr<schema::Schema> built = load_schema_file(a.schema);
	const std::vector<std::string> files = collect_documents(a.queries);
	if (!a.quiet)
		err << CATALOG_NOTE;
	CheckResult result = check_documents(*built, files, a.check, out);
	if (!a.quiet) {
		if (result.errors == 0)
			err << "fraiseql-tool: " << plural(result.files, "document") << ", no error\n";
		else
			err << "fraiseql-tool: " << plural(result.errors, "error") << " in " << result.files_with_errors << " of "
			    << plural(result.files, "document") << "\n";
	}
	return result.errors == 0 ? EXIT_VALID : EXIT_INVALID;
}

int
oracle_command(const Args &a, std::ostream &out)
{
	no_positional(a);
	if (a.command == "tokens") {
		allow_only(a, {"--query"});
		out << oracle_tokens(read_file(one_query(a)));
	} else if (a.command == "parse") {
		allow_only(a, {"--query", "--entry", "--max-tokens", "--experimental-fragment-arguments"});
		out << oracle_parse(read_file(one_query(a)), a.entry, a.parse);
	} else if (a.command == "validate-spec") {
		allow_only(a, {"--schema", "--query", "--rule", "--hide-suggestions", "--max-errors",
		               "--experimental-fragment-arguments"});
		if (!a.given.count("--schema"))
			throw UsageError("validate-spec needs --schema SDL_FILE");
		const std::string query = one_query(a);
		out << oracle_validate(read_file(a.schema), read_file(query), a.rule, a.validate,
		                       a.parse.experimental_fragment_arguments);
	} else {
		allow_only(a, {"--schema", "--query", "--rule"});
		const std::string base = a.given.count("--schema") ? read_file(a.schema) : std::string();
		out << oracle_validate_sdl(read_file(one_query(a)), a.given.count("--schema") ? &base : nullptr, a.rule);
	}
	out << '\n';
	return EXIT_VALID;
}

int
dispatch(const std::vector<std::string> &argv, std::ostream &out, std::ostream &err)
{
	if (argv.empty())
		throw UsageError("no command");
	// `help` only as the command: elsewhere it may be a file's name.
	bool help = argv[0] == "help";
	for (const std::string &arg : argv)
		help = help || arg == "--help" || arg == "-h";
	if (help) {
		out << HELP;
		return EXIT_VALID;
	}
	const Args a = parse_args(argv);
	if (a.command == "print-schema")
		return print_schema_command(a, out, err);
	if (a.command == "validate")
		return validate_command(a, out, err);
	if (a.command == "tokens" || a.command == "parse" || a.command == "validate-spec" || a.command == "validate-sdl")
		return oracle_command(a, out);
	throw UsageError("unknown command " + a.command);
}

} // namespace

int
run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
	try {
		return dispatch(args, out, err);
	} catch (const UsageError &e) {
		err << "fraiseql-tool: " << e.what() << "\n" << USAGE << "(fraiseql-tool --help explains each)\n";
	} catch (const SchemaErrors &e) {
		err << e.what() << "\n";
	} catch (const InputError &e) {
		err << "fraiseql-tool: " << e.what() << "\n";
	} catch (const std::exception &e) { // out of memory, a file system failure
		err << "fraiseql-tool: " << e.what() << "\n";
	}
	return EXIT_TROUBLE;
}

} // namespace fraiseql::tool
