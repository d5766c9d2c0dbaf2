// expected_errors.h: graphql-js's recorded errors ({message, locations}) read
// from the conformance JSON, and their comparison with ours.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/util/error.h"

namespace fraiseql::conformance {

struct WantError {
	std::string message;
	std::vector<std::pair<int64_t, int64_t>> locations;
};

std::vector<WantError> read_errors(simdjson::ondemand::array list);

// "" when equal (messages, locations, order), else what differs first.
std::string compare_errors(const char *what, const std::vector<WantError> &want, const ErrorList &got);

} // namespace fraiseql::conformance
