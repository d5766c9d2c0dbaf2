// replay_main.cc: runs LLVMFuzzerTestOneInput on every file named on the command
// line (directories are walked recursively), without libFuzzer, so the corpus and
// the crash regressions run under g++'s ASan/UBSan in `make test`.
// Each input runs in a forked child: an abort() or sanitizer report counts as one
// failure and the replay goes on. Prints one line: "fuzz-replay: N passed, M failed".
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

namespace fs = std::filesystem;

bool
read_file(const fs::path &path, std::string &out)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
	return !in.bad();
}

// Runs one input in a child process; true when it returned normally.
bool
replay(const fs::path &path)
{
	std::string data;
	if (!read_file(path, data)) {
		std::fprintf(stderr, "fuzz-replay: cannot read %s\n", path.c_str());
		return false;
	}
	std::fflush(nullptr);
	pid_t child = fork();
	if (child < 0) {
		std::perror("fuzz-replay: fork");
		return false;
	}
	if (child == 0) {
		LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.data()), data.size());
		std::fflush(nullptr);
		_exit(0);
	}
	int status = 0;
	if (waitpid(child, &status, 0) != child)
		return false;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	std::fprintf(stderr, "fuzz-replay: FAILED %s\n", path.c_str());
	return false;
}

} // namespace

int
main(int argc, char **argv)
{
	std::vector<fs::path> files;
	size_t failed = 0;
	for (int i = 1; i < argc; i++) {
		fs::path arg(argv[i]);
		std::error_code ec;
		if (fs::is_directory(arg, ec)) {
			for (auto it = fs::recursive_directory_iterator(arg, ec); !ec && it != fs::recursive_directory_iterator();
			     it.increment(ec))
				if (it->is_regular_file())
					files.push_back(it->path());
		} else if (fs::is_regular_file(arg, ec)) {
			files.push_back(arg);
		} else if (!ec) {
			ec = std::make_error_code(std::errc::no_such_file_or_directory);
		}
		if (ec) { // a missing corpus must not pass as an empty one
			std::fprintf(stderr, "fuzz-replay: cannot read %s: %s\n", argv[i], ec.message().c_str());
			failed++;
		}
	}
	std::sort(files.begin(), files.end());
	size_t passed = 0;
	for (const fs::path &f : files)
		(replay(f) ? passed : failed)++;
	std::printf("fuzz-replay: %zu passed, %zu failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}
