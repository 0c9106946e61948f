// A main() for the fuzz targets in ordinary (non-libFuzzer) builds: feeds every file of the given
// files and directories (recursively, in name order) to LLVMFuzzerTestOneInput once. ctest runs it
// over tests/fuzz/corpus/<target> and crashes/<target> as the fuzz-regression-<target> tests.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// Documentation and placeholders kept beside the inputs are not inputs.
bool is_input(const fs::path& path) { return path.filename() != "README.md" && path.filename() != ".gitkeep"; }

}  // namespace

int main(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (fs::is_directory(arg)) {
            for (const auto& entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file() && is_input(entry.path())) files.push_back(entry.path());
        } else if (fs::is_regular_file(arg)) {
            files.push_back(arg);
        } else {
            std::cerr << "replay: no such file or directory: " << arg << "\n";
            return 2;
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::cerr << "replay: " << file.string() << "\n";
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << "replay: " << files.size() << " inputs ran\n";
    return 0;
}
