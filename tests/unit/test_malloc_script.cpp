// Allocation scripts (`pymemlab malloc`): statements, block descriptions, errors with lines.
#include <catch2/catch.hpp>

#include "alloc/allocator.h"
#include "cli/malloc_script.h"

using namespace pymemlab;

TEST_CASE("an allocation script names each block's address, class and pool") {
    Allocator a(*find_profile("3.11"));
    auto r = run_malloc_script(a, "a = malloc(24)\nb = malloc(24)\n# comment\n\nfree(a)\nc = malloc(17)\n");
    CHECK(r.error.empty());
    CHECK(r.output ==
          "a = 0x7f3c2a718030  class 1 (32-byte blocks), pool 0x7f3c2a718000\n"
          "b = 0x7f3c2a718050  class 1 (32-byte blocks), pool 0x7f3c2a718000\n"
          "c = 0x7f3c2a718030  class 1 (32-byte blocks), pool 0x7f3c2a718000\n");
    CHECK(a.allocated_blocks() == 2);
}

TEST_CASE("an allocation script reports raw blocks, realloc moves and checks") {
    Allocator a(*find_profile("3.13"));
    auto r = run_malloc_script(a, "x = malloc(600)\ny = calloc(3, 8)\ny = realloc(y, 300)\ncheck\n");
    CHECK(r.error.empty());
    CHECK(r.output.find("x = 0x55d03e6b2010  raw malloc, 600 bytes\n") == 0);
    CHECK(r.output.find("class 18 (304-byte blocks)") != std::string::npos);
    CHECK(r.output.find("check: ok\n") != std::string::npos);
}

TEST_CASE("a bad line stops the script with its line number") {
    Allocator a(*find_profile("3.13"));
    CHECK(run_malloc_script(a, "a = malloc(8)\nfree(b)\n").error == "line 2: name 'b' is not allocated\n");
    CHECK(run_malloc_script(a, "\n\nmalloc 8\n").error == "line 3: cannot parse 'malloc 8'\n");
    CHECK(run_malloc_script(a, "q = malloc(99999999999999999999)\n").error == "line 1: size too large\n");
}
