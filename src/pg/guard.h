// guard.h: the C++ / PostgreSQL error boundary, both directions.
//  - pg::call(f): runs f, which calls PostgreSQL, under PG_TRY; an ereport
//    comes back as a C++ PgError, so no longjmp crosses a C++ frame. f must
//    hold only trivially destructible locals.
//  - pg::guarded(fcinfo, body): every SQL-callable function's body runs
//    inside it; any exception is caught, copied into plain memory, the C++
//    stack unwinds, and only then is the SQL error raised.
#pragma once

#include <exception>
#include <string>
#include <type_traits>

#include "pg/pg.h"

namespace fraiseql::pg {

// A PostgreSQL error caught by pg::call, copied out of ErrorData.
class PgError : public std::exception {
public:
	explicit PgError(ErrorData *edata); // copies and frees edata
	PgError(int sqlstate, std::string message, std::string detail = std::string(), std::string hint = std::string())
	    : sqlstate_(sqlstate), message_(std::move(message)), detail_(std::move(detail)), hint_(std::move(hint))
	{
	}
	const char *what() const noexcept override { return message_.c_str(); }
	int sqlstate() const { return sqlstate_; }
	const std::string &message() const { return message_; }
	const std::string &detail() const { return detail_; }
	const std::string &hint() const { return hint_; }
	std::string sqlstate_text() const; // five characters, e.g. "22012"
	// Cancel, timeouts, serialization failures, deadlocks, resource and
	// shutdown errors: the caller must see them (docs/reference.md, "Error codes").
	bool must_propagate() const;

private:
	int sqlstate_;
	std::string message_;
	std::string detail_;
	std::string hint_;
};

[[noreturn]] void throw_pg_error(MemoryContext context);

template <class F>
auto
call(F &&f) -> decltype(f())
{
	using R = decltype(f());
	MemoryContext context = CurrentMemoryContext;
	bool failed = false;
	if constexpr (std::is_void_v<R>) {
		PG_TRY();
		{
			f();
		}
		PG_CATCH();
		{
			failed = true;
		}
		PG_END_TRY();
		if (failed)
			throw_pg_error(context);
	} else {
		static_assert(std::is_trivially_copyable_v<R>, "pg::call returns plain values only");
		R result{};
		PG_TRY();
		{
			result = f();
		}
		PG_CATCH();
		{
			failed = true;
		}
		PG_END_TRY();
		if (failed)
			throw_pg_error(context);
		return result;
	}
}

using GuardedBody = Datum (*)(FunctionCallInfo fcinfo);

// Runs body, turning every exception into an SQL error raised after unwinding.
Datum guarded(FunctionCallInfo fcinfo, GuardedBody body);

} // namespace fraiseql::pg

// Declares the SQL-callable C function fraiseql_<name> whose body is
// <name>_body(fcinfo), run inside pg::guarded.
#define FRAISEQL_FUNCTION(name)                                                                       \
	static Datum name##_body(FunctionCallInfo fcinfo);                                                \
	extern "C" {                                                                                      \
	PG_FUNCTION_INFO_V1(fraiseql_##name);                                                             \
	PGDLLEXPORT Datum fraiseql_##name(PG_FUNCTION_ARGS) { return fraiseql::pg::guarded(fcinfo, name##_body); } \
	}                                                                                                 \
	static Datum name##_body(FunctionCallInfo fcinfo)
