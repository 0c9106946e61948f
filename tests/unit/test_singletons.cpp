// None, NotImplemented, Ellipsis, True, False: sizes and counts per profile.
#include <catch2/catch.hpp>

#include "checked_runtime.h"
#include "object/builtins.h"
#include "object/singletons.h"

using namespace pymemlab;

TEST_CASE("None, NotImplemented and Ellipsis are 16 bytes, True 28, False 24 up to 3.10 and 28 from 3.11") {
    for (const char* name : {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(name);
        const Singletons& s = rt.builtins().singletons;
        INFO(name);
        CHECK(singleton_sizeof(rt, s.none) == 16);
        CHECK(singleton_sizeof(rt, s.not_implemented) == 16);
        CHECK(singleton_sizeof(rt, s.ellipsis) == 16);
        CHECK(singleton_sizeof(rt, s.true_) == 28);
        CHECK(singleton_sizeof(rt, s.false_) == (rt.profile().at_least(3, 11) ? 28 : 24));
    }
}

TEST_CASE("None and True are counted in 3.11, unlike its runtime singletons, and immortal from 3.12") {
    CheckedRuntime r311("3.11"), r312("3.12");
    PyObject* t = bool_from(r311, true);
    CHECK(t->ob_refcnt == 2);
    CHECK(r311.builtins().singletons.none->ob_refcnt == 1);
    PyObject* u = bool_from(r312, true);
    CHECK(u->ob_refcnt == 4294967295);
    CHECK(r312.builtins().singletons.none->ob_refcnt == 4294967295);
    r311.decref(t);
    r312.decref(u);
}

TEST_CASE("the singletons live in the data segment, not in the arenas") {
    CheckedRuntime rt("3.13");
    const Singletons& s = rt.builtins().singletons;
    for (PyObject* o : {s.none, s.not_implemented, s.ellipsis, s.true_, s.false_}) CHECK(rt.is_static(o));
    CHECK(bool_from(rt, false) == s.false_);
}
