// TraceLog (core/trace/trace_log.h) and its arrays (log_array.h): events read back as written
// whether the arrays grow as vectors or are reserved whole, the log stops at its capacity and
// says so, and a log counts the memory its events touch, not what it reserved.
#include <catch2/catch.hpp>

#include <cstdint>

#include "trace/log_array.h"
#include "trace/trace_log.h"

using pymemlab::trace::EventKind;
using pymemlab::trace::LogArray;
using pymemlab::trace::TraceLog;

namespace {

// Fills a log to past its capacity and checks every event that fitted.
void fill_past_capacity(size_t capacity) {
    TraceLog log(capacity);
    for (size_t i = 0; i < capacity + 10; ++i) log.push(EventKind::Incref, uint64_t{16} * i, static_cast<uint32_t>(i & 0xffff));
    REQUIRE(log.size() == capacity);
    REQUIRE(log.truncated());
    for (size_t i : {size_t{0}, capacity / 2, capacity - 1}) {
        const auto event = log.at(i);
        CHECK(event.kind == EventKind::Incref);
        CHECK(event.addr == uint64_t{16} * i);
        CHECK(event.arg == (i & 0xffff));
    }
    log.clear();
    CHECK(log.size() == 0);
    CHECK_FALSE(log.truncated());
    log.push(EventKind::Decref, 32);
    CHECK(log.at(0).kind == EventKind::Decref);
    CHECK(log.at(0).addr == 32);
}

}  // namespace

TEST_CASE("a small log grows as it fills and stops at its capacity", "[trace]") { fill_past_capacity(100'000); }

TEST_CASE("a log large enough to be reserved whole stops at its capacity too", "[trace]") {
    // 5M events: both arrays are past log_array.h's reservation threshold where the host has one.
    fill_past_capacity(5'000'000);
}

TEST_CASE("a reserved log counts the pages its events touch, not its reservation", "[trace]") {
    TraceLog log(50'000'000);
    for (int i = 0; i < 1000; ++i) log.push(EventKind::Incref, 16);
    // 1,000 events touch at most a page of each array; the reservation is 600 MB.
    CHECK(log.memory_bytes() < size_t{16} << 20);
}

TEST_CASE("a log array keeps what was written as it grows", "[trace]") {
    LogArray<uint64_t> small(1000);
    small.resize(10);
    for (size_t i = 0; i < 10; ++i) small[i] = i * 7;
    small.resize(1000);
    REQUIRE(small.size() == 1000);
    for (size_t i = 0; i < 10; ++i) CHECK(small[i] == i * 7);
    LogArray<uint64_t> large(4'000'000);
    large.resize(4'000'000);
    REQUIRE(large.size() == 4'000'000);
    large[3'999'999] = 42;
    large[0] = 1;
    CHECK(large[3'999'999] == 42);
    CHECK(large[0] == 1);
}

TEST_CASE("a released buffer goes to the next array that fits in it, which neither copies nor regrows", "[trace]") {
    pymemlab::trace::forget_log_buffers();
    const void* first = nullptr;
    {
        LogArray<uint64_t> a(200'000);  // small enough never to be reserved
        a.resize(80'000);
        first = a.data();
    }
    // An array that needs more than the kept buffer holds gets one of its own.
    LogArray<uint64_t> c(200'000);
    c.resize(100'000);
    CHECK(static_cast<const void*>(c.data()) != first);
    // One that fits takes it, and grows within it without moving.
    LogArray<uint64_t> b(200'000);
    b.resize(1000);
    CHECK(static_cast<const void*>(b.data()) == first);
    CHECK(b.size() == 1000);  // what was asked, not the buffer's length
    b[999] = 5;
    b.resize(80'000);
    CHECK(static_cast<const void*>(b.data()) == first);
    CHECK(b[999] == 5);
    // Past it, it moves, and keeps what was written.
    b.resize(200'000);
    CHECK(b.size() == 200'000);
    CHECK(b[999] == 5);
    pymemlab::trace::forget_log_buffers();
}

#ifdef PYMEMLAB_LOG_ARRAY_RESERVES
TEST_CASE("a released reservation goes to the next log array of its size, whose writes it keeps", "[trace]") {
    const void* first = nullptr;
    {
        LogArray<uint64_t> a(4'000'000);
        first = a.data();
        a[100] = 7;
    }
    LogArray<uint64_t> other_size(3'000'000);
    CHECK(static_cast<const void*>(other_size.data()) != first);
    const size_t mapped = pymemlab::trace::log_reservations_mapped();
    LogArray<uint64_t> b(4'000'000);
    CHECK(pymemlab::trace::log_reservations_mapped() == mapped);
    CHECK(static_cast<const void*>(b.data()) == first);
    b[100] = 9;
    b[3'999'999] = 11;
    CHECK(b[100] == 9);
    CHECK(b[3'999'999] == 11);
    // A second array of the size while the first is in use has a reservation of its own.
    LogArray<uint64_t> c(4'000'000);
    CHECK(static_cast<const void*>(c.data()) != first);
    CHECK(pymemlab::trace::log_reservations_mapped() == mapped + 1);
}
#endif

TEST_CASE("a type's or a name's key is a shortcut to its text's index, until the type is forgotten", "[trace]") {
    TraceLog log;
    int a = 0, b = 0;
    const uint32_t first = log.type_index(&a, "C0");
    CHECK(log.type_index(&a, "C0") == first);
    log.forget_type(&a);
    const uint32_t second = log.type_index(&a, "C1");  // a new type where the old one was
    CHECK(second != first);
    CHECK(log.type_name(second) == "C1");
    CHECK(log.type_index(&b, "C0") == first);  // the same name elsewhere: the same index
    CHECK(log.type_count() == 2);

    const uint32_t x = log.name_index("x", &a);
    CHECK(log.name_index("x", &a) == x);
    const uint32_t y = log.name_index("y", &a);
    CHECK(y != x);
    CHECK(log.name(y) == "y");
    CHECK(log.name_index("x") == x);
    CHECK(log.name_index("x", &b) == x);
    CHECK(log.name_count() == 2);
}
