// The table of slots and dunders (Objects/typeobject.c's slotdefs), which two sides read: a class
// whose dict defines a dunder gets the row's dispatching function in that slot (type_slots.cpp),
// and a built-in type's own slot is reached from Python through the row's wrapper, `int.__add__`
// or `[].__len__` (slot_wrapper.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <span>

#include "object/type.h"

namespace pymemlab {

class Runtime;

// A slot is addressed by its byte offset in PyTypeObject and read as an untyped function pointer,
// so that one table can describe them all, as slotdefs does.
using AnySlot = void (*)();

inline AnySlot read_slot(const PyTypeObject* t, size_t offset) {
    AnySlot f;
    std::memcpy(&f, reinterpret_cast<const char*>(t) + offset, sizeof f);
    return f;
}

// A built-in type implements a slot itself when it has the slot and does not merely inherit it:
// then CPython's dict for that type holds the slot's wrapper.
inline bool defines_slot(const PyTypeObject* t, size_t offset) {
    AnySlot own = read_slot(t, offset);
    return own != nullptr && (t->tp_base == nullptr || read_slot(t->tp_base, offset) != own);
}

// A dunder's shape, "__x__": the names slot lookups and the slot table are about.
inline bool is_dunder(std::string_view name) {
    return name.size() > 4 && name.starts_with("__") && name.ends_with("__");
}

// How a wrapper calls a built-in type's slot (typeobject.c's wrap_* functions). None: the dunder
// has no wrapper the model offers (__getattr__, __get__, __del__).
enum class SlotWrap : uint8_t {
    None, Init, New, Repr, Str, Hash, Call, GetAttribute, SetAttr, DelAttr, Iter, Next, Len, GetItem,
    SetItem, DelItem, Contains, Compare, Inquiry, Unary,
    Binary,        // wrap_binaryfunc(_l): slot(self, other)
    BinaryRight,   // wrap_binaryfunc_r: slot(other, self)
    Ternary,       // wrap_ternaryfunc: slot(self, other, modulus or None)
    TernaryRight,  // wrap_ternaryfunc_r: slot(other, self, modulus or None)
    IndexArg,      // wrap_indexargfunc: slot(self, index(other)), a sequence's repeat
};

// One row: the slot at `offset` and a dunder that feeds it. Several dunders may feed one slot (the
// comparisons, __setattr__/__delattr__, an operator and its reflection), and one dunder several
// slots (__len__, and __add__: nb_add, then a sequence's sq_concat); rows are in slotdefs' order,
// so a type's wrapper for a name is its first row whose slot it defines. name27 is 2.7's name where
// it differs ("": none in that version). `function` is the class side's dispatcher, null for rows
// only a built-in type's wrapper uses (sq_concat: a class's __add__ feeds nb_add alone). `op` is
// the comparison of a Compare row.
struct SlotDef {
    size_t offset;
    const char* name;
    const char* name27;
    AnySlot function;
    SlotWrap wrap;
    int op = 0;
};

std::span<const SlotDef> slot_defs();

// The row's dunder in this profile ("" when it has none).
const char* slot_def_name(const Runtime& rt, const SlotDef& def);

}  // namespace pymemlab
