// The type-size table, one row per profile. Rows 2.7 to 3.13 are measured on the pyenv builds
// (tests/data/types-<version>.tsv; test_type_sizes.cpp compares every figure). The 3.14 row is
// derived: no 64-bit 3.14 build is at hand, so its figures come from the CPython 3.14 headers
// (Include/cpython/funcobject.h, code.h, object.h, Include/internal/pycore_frame.h and
// pycore_interpframe_structs.h) and are confirmed in shape by Pyodide 314.0.2, a 32-bit 3.14.2
// (tests/data/types-3.14.2-wasm32.tsv: every pointer-only struct there is half the size here).
#include "profile/type_sizes.h"

namespace pymemlab {
namespace {

constexpr int64_t kPtr = 8;        // sizeof(PyObject*) on a 64-bit build
constexpr int64_t kHead = 2 * kPtr;  // PyObject_HEAD: ob_refcnt, ob_type
constexpr int64_t kVarHead = 3 * kPtr;  // PyObject_VAR_HEAD: + ob_size

constexpr int64_t round_up8(int64_t n) { return (n + 7) / 8 * 8; }

// A dict keys table of `slots` slots (1-byte indices up to 128 slots) with USABLE_FRACTION
// entries: 3.6-3.10 headers are five words and entries (hash, key, value) three; 3.11+ keys of
// str only have a 32-byte header and (key, value) entries.
constexpr int64_t keys_bytes_36(int64_t slots) { return 5 * kPtr + slots + slots * 2 / 3 * 3 * kPtr; }
constexpr int64_t keys_bytes_311(int64_t slots) { return 32 + slots + slots * 2 / 3 * 2 * kPtr; }

using L = InstanceLayout;

// clang-format off
constexpr TypeSizes kTable[] = {
    // 2.7 (2.7.18)
    {.function = 88, .method = 48, .builtin_function = 40, .method_descriptor = 40,
     .getset_descriptor = 40, .classmethod = 24, .wrapper_dict_entries = 0, .property = 56,
     .module = 24, .module_dict_entries = 2, .mappingproxy = 24, .code = 128, .code_itemsize = 0,
     .heap_type = 872, .member_def = 40, .static_type_sizeof = 872, .static_type_counts_gc_head = false,
     .cached_keys = 0, .class_dict_entries = 4, .class_statement_blocks = 8,
     .object = 16, .instance_layout = L::kDict, .instance = 32, .pre_header = 0, .instance_dict = 248,
     .split_keys_slots = 0, .shared_keys_max = 0, .values_order_bytes = 0, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = false, .values_for_builtin_base = false,
     .base_exception = 40, .traceback = 40, .frame = 384, .frame_getsizeof_excludes_slot = true,
     .generator = 48, .generator_embeds_frame = false,
     .seq_iterator = 32, .range_iterator = 48, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 48, .zip = 40, .map = 32, .filter = 32, .weakref = 56, .super = 40, .cell = 24, .slice = 40},
    // 3.6 (upstream 3.6; measured on pyenv's 3.6.15, whose GC header is 8 bytes larger)
    {.function = 112, .method = 40, .builtin_function = 48, .method_descriptor = 48,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 0, .property = 56,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 144, .code_itemsize = 0,
     .heap_type = 864, .member_def = 40, .static_type_sizeof = 400, .static_type_counts_gc_head = false,
     .cached_keys = keys_bytes_36(8), .class_dict_entries = 4, .class_statement_blocks = 11,
     .object = 16, .instance_layout = L::kSplitDict, .instance = 32, .pre_header = 0, .instance_dict = 48,
     .split_keys_slots = 8, .shared_keys_max = 0, .values_order_bytes = 0, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = false, .values_for_builtin_base = false,
     .base_exception = 64, .traceback = 40, .frame = 384, .frame_getsizeof_excludes_slot = true,
     .generator = 64, .generator_embeds_frame = false,
     .seq_iterator = 32, .range_iterator = 48, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 48, .zip = 40, .map = 32, .filter = 32, .weakref = 56, .super = 40, .cell = 24, .slice = 40},
    // 3.8 (3.8.18)
    {.function = 120, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 0, .property = 56,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 176, .code_itemsize = 0,
     .heap_type = 880, .member_def = 40, .static_type_sizeof = 416, .static_type_counts_gc_head = false,
     .cached_keys = keys_bytes_36(8), .class_dict_entries = 4, .class_statement_blocks = 11,
     .object = 16, .instance_layout = L::kSplitDict, .instance = 32, .pre_header = 0, .instance_dict = 48,
     .split_keys_slots = 8, .shared_keys_max = 0, .values_order_bytes = 0, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = false, .values_for_builtin_base = false,
     .base_exception = 64, .traceback = 40, .frame = 368, .frame_getsizeof_excludes_slot = true,
     .generator = 96, .generator_embeds_frame = false,
     .seq_iterator = 32, .range_iterator = 48, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 48, .zip = 40, .map = 32, .filter = 32, .weakref = 56, .super = 40, .cell = 24, .slice = 40},
    // 3.10 (3.10.13)
    {.function = 128, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 5, .property = 64,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 176, .code_itemsize = 0,
     .heap_type = 888, .member_def = 40, .static_type_sizeof = 408, .static_type_counts_gc_head = false,
     .cached_keys = keys_bytes_36(8), .class_dict_entries = 4, .class_statement_blocks = 11,
     .object = 16, .instance_layout = L::kSplitDict, .instance = 32, .pre_header = 0, .instance_dict = 48,
     .split_keys_slots = 8, .shared_keys_max = 0, .values_order_bytes = 0, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = false, .values_for_builtin_base = false,
     .base_exception = 64, .traceback = 40, .frame = 360, .frame_getsizeof_excludes_slot = true,
     .generator = 88, .generator_embeds_frame = false,
     .seq_iterator = 32, .range_iterator = 48, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 48, .zip = 48, .map = 32, .filter = 32, .weakref = 56, .super = 40, .cell = 24, .slice = 40},
    // 3.11 (3.11.7)
    {.function = 136, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 5, .property = 64,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 184, .code_itemsize = 2,
     .heap_type = 904, .member_def = 40, .static_type_sizeof = 408, .static_type_counts_gc_head = true,
     .cached_keys = keys_bytes_311(64), .class_dict_entries = 4, .class_statement_blocks = 10,
     .object = 16, .instance_layout = L::kPreHeaderValues, .instance = 24, .pre_header = 16, .instance_dict = 48,
     .split_keys_slots = 64, .shared_keys_max = 30, .values_order_bytes = 2, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = true, .values_for_builtin_base = false,
     .base_exception = 72, .traceback = 40, .frame = 120, .frame_getsizeof_excludes_slot = false,
     .generator = 152, .generator_embeds_frame = true,
     .seq_iterator = 32, .range_iterator = 48, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 56, .zip = 48, .map = 32, .filter = 32, .weakref = 64, .super = 40, .cell = 24, .slice = 40},
    // 3.12 (3.12.1)
    {.function = 144, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 5, .property = 64,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 192, .code_itemsize = 2,
     .heap_type = 920, .member_def = 40, .static_type_sizeof = 416, .static_type_counts_gc_head = true,
     .cached_keys = keys_bytes_311(64), .class_dict_entries = 4, .class_statement_blocks = 10,
     .object = 16, .instance_layout = L::kPreHeaderValues, .instance = 16, .pre_header = 16, .instance_dict = 48,
     .split_keys_slots = 64, .shared_keys_max = 30, .values_order_bytes = 2, .values_header_slots = 0,
     .values_sized_before_take = false, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = true, .values_for_builtin_base = false,
     .base_exception = 72, .traceback = 40, .frame = 120, .frame_getsizeof_excludes_slot = false,
     .generator = 144, .generator_embeds_frame = true,
     .seq_iterator = 32, .range_iterator = 40, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 56, .zip = 48, .map = 32, .filter = 32, .weakref = 64, .super = 40, .cell = 24, .slice = 40},
    // 3.13 (3.13.0)
    {.function = 144, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 5, .property = 64,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 200, .code_itemsize = 2,
     .heap_type = 928, .member_def = 40, .static_type_sizeof = 416, .static_type_counts_gc_head = false,
     .cached_keys = keys_bytes_311(64), .class_dict_entries = 6, .class_statement_blocks = 10,
     .object = 16, .instance_layout = L::kInlineValues, .instance = 16, .pre_header = 16, .instance_dict = 48,
     .split_keys_slots = 64, .shared_keys_max = 30, .values_order_bytes = 0, .values_header_slots = 1,
     .values_sized_before_take = true, .keys_prefilled_from_static_attributes = false,
     .values_for_slotted_base = false, .values_for_builtin_base = false,
     .base_exception = 72, .traceback = 40, .frame = 136, .frame_getsizeof_excludes_slot = false,
     .generator = 144, .generator_embeds_frame = true,
     .seq_iterator = 32, .range_iterator = 40, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 56, .zip = 48, .map = 32, .filter = 32, .weakref = 64, .super = 40, .cell = 24, .slice = 40},
    // 3.14 (derived from the 3.14 headers, see the file comment and the static_asserts below)
    {.function = 152, .method = 48, .builtin_function = 56, .method_descriptor = 56,
     .getset_descriptor = 48, .classmethod = 32, .wrapper_dict_entries = 4, .property = 64,
     .module = 56, .module_dict_entries = 5, .mappingproxy = 24, .code = 208, .code_itemsize = 2,
     .heap_type = 936, .member_def = 40, .static_type_sizeof = 416, .static_type_counts_gc_head = false,
     .cached_keys = keys_bytes_311(64), .class_dict_entries = 6, .class_statement_blocks = 10,
     .object = 16, .instance_layout = L::kInlineValues, .instance = 16, .pre_header = 16, .instance_dict = 48,
     .split_keys_slots = 64, .shared_keys_max = 30, .values_order_bytes = 0, .values_header_slots = 1,
     .values_sized_before_take = true, .keys_prefilled_from_static_attributes = true,
     .values_for_slotted_base = true, .values_for_builtin_base = true,
     .base_exception = 72, .traceback = 40, .frame = 152, .frame_getsizeof_excludes_slot = false,
     .generator = 152, .generator_embeds_frame = true,
     .seq_iterator = 32, .range_iterator = 40, .dict_iterator = 56, .dict_view = 24, .set_iterator = 48,
     .enumerate = 56, .zip = 48, .map = 40, .filter = 32, .weakref = 64, .super = 40, .cell = 24, .slice = 40},
};
// clang-format on

// The row of a version: the newest row not newer than it (a 3.7 would read the 3.6 row).
constexpr const TypeSizes& row_for(int major, int minor) {
    constexpr int kMinors[] = {6, 8, 10, 11, 12, 13, 14};  // rows 1.. of kTable
    if (major == 2) return kTable[0];
    int i = 0;
    while (i + 1 < 7 && kMinors[i + 1] <= minor) ++i;
    return kTable[1 + i];
}
constexpr const TypeSizes& row(int minor_or_27) { return minor_or_27 == 27 ? row_for(2, 7) : row_for(3, minor_or_27); }

// ---- the figures of ../shared/CPYTHON_FACTS.md (sys.getsizeof = basicsize + GC header) --------
static_assert(row(27).function + 32 == 120 && row(8).function + 16 == 136 && row(10).function + 16 == 144);
static_assert(row(11).function + 16 == 152 && row(12).function + 16 == 160 && row(14).function + 16 == 168);
// instance / __slots__=('a',): 64/56, 48/40, 56/40 (3.11: pre-header), 48/40.
static_assert(row(27).instance + 32 == 64 && row(8).instance + 16 == 48);
static_assert(row(11).instance + 16 + row(11).pre_header == 56 && row(12).instance + 16 + row(12).pre_header == 48);
static_assert(row(8).object + kPtr + 16 == 40);
// A 3.13 instance of an empty class is one 72-byte block: GC header, pre-header, object, values.
static_assert(16 + row(13).pre_header + row(13).instance + row(13).values_bytes(1) == 72);

// ---- cached keys: 8 slots of (hash, key, value) up to 3.10, 64 slots of (key, value) after -----
static_assert(keys_bytes_36(8) == 168 && keys_bytes_36(16) == 296 && keys_bytes_36(64) == 1112);
static_assert(keys_bytes_311(64) == 768 && keys_bytes_311(8) == 120);

// ---- values blocks, as measured: 3.12 instances of classes with 0, 5, 6 attributes hold values
// of capacity 1, 6, 7 (16, 56, 72 bytes); the first instance of a class gets capacity 29 (264);
// 3.13 inline values of capacity 1 and 30 take 24 and 280 bytes.
static_assert(row(12).values_bytes(1) == 16 && row(12).values_bytes(6) == 56 && row(12).values_bytes(7) == 72);
static_assert(row(12).values_bytes(29) == 264 && row(12).values_bytes(28) == 256);
static_assert(row(13).values_bytes(1) == 24 && row(13).values_bytes(30) == 280 && row(13).values_bytes(29) == 272);
static_assert(row(12).max_values_attrs() == 29 && row(14).max_values_attrs() == 30);
static_assert(row(12).steady_values_capacity(0) == 1 && row(12).steady_values_capacity(29) == 29);

// ---- 3.14, derived ----------------------------------------------------------------------------
// PyFunctionObject: head, 8 common fields (globals, builtins, name, qualname, code, defaults,
// kwdefaults, closure), doc, dict, weakreflist, module, annotations, annotate, typeparams,
// vectorcall: 18 words, then uint32 func_version (padded). 32-bit: 76 bytes, as measured.
static_assert(row(14).function == round_up8(18 * kPtr + 4) && row(14).function == row(13).function + kPtr);
// PyCodeObject: var head, 3 pointers, 12 four-byte fields (11 ints, co_version), 7 pointers,
// co_executors, _co_cached, _co_instrumentation_version, _co_monitoring, _co_unique_id (new in
// 3.14), int _co_firsttraceable (padded), co_extra, then co_code_adaptive. 32-bit: 128.
static_assert(row(14).code == kVarHead + 3 * kPtr + 12 * 4 + 7 * kPtr + 5 * kPtr + kPtr + kPtr);
static_assert(row(14).code == row(13).code + kPtr);
// PyHeapTypeObject: 3.13's plus `void *ht_token` (Py_tp_token). 32-bit: 468.
static_assert(row(14).heap_type == row(13).heap_type + kPtr);
// _PyInterpreterFrame up to localsplus: f_executable, previous, f_funcobj, f_globals, f_builtins,
// f_locals, frame_obj, instr_ptr, stackpointer (9 words), uint16 return_offset, char owner,
// uint8 visited: 80. PyGenObject puts it at offset 72 (CPython's own assertion); PyFrameObject's
// header gains f_overwritten_fast_locals: head, f_back, f_frame, f_trace, int f_lineno + 2 chars,
// f_extra_locals, f_locals_cache, f_overwritten_fast_locals = 72. 32-bit: 76 and 80.
constexpr int64_t kInterpFrame314 = 9 * kPtr + 2 + 1 + 1 + 4;
static_assert(kInterpFrame314 == 80);
static_assert(row(14).generator == 72 + kInterpFrame314);
static_assert(row(14).frame == kHead + 3 * kPtr + kPtr + 3 * kPtr + kInterpFrame314);
// mapobject gains `int strict` (map(..., strict=True)): head, iters, func, strict. 32-bit: 20.
static_assert(row(14).map == kHead + 2 * kPtr + kPtr);

// Each layout uses only its own fields: the cached keys follow from the keys size of the layout's
// dict implementation, and the values fields are zero where there are no values blocks.
constexpr bool table_is_consistent() {
    for (const TypeSizes& t : kTable) {
        const bool values = t.instance_layout == L::kPreHeaderValues || t.instance_layout == L::kInlineValues;
        if (values) {
            if (t.pre_header != 2 * kPtr || t.shared_keys_max != 30) return false;
            if (t.cached_keys != keys_bytes_311(t.split_keys_slots)) return false;
            const bool inline_values = t.instance_layout == L::kInlineValues;
            if (t.values_order_bytes != (inline_values ? 0 : 2)) return false;
            if (t.values_header_slots != (inline_values ? 1 : 0)) return false;
            if (t.values_sized_before_take != inline_values) return false;
        } else {
            if (t.pre_header != 0 || t.shared_keys_max != 0 || t.values_order_bytes != 0 || t.values_header_slots != 0)
                return false;
            if (t.values_sized_before_take || t.keys_prefilled_from_static_attributes || t.values_for_slotted_base ||
                t.values_for_builtin_base)
                return false;
            const int64_t keys = t.instance_layout == L::kSplitDict ? keys_bytes_36(t.split_keys_slots) : 0;
            if (t.cached_keys != keys || (t.instance_layout == L::kDict && t.split_keys_slots != 0)) return false;
        }
        if ((t.code_itemsize != 0) != t.generator_embeds_frame) return false;  // both 3.11
        if (t.frame_getsizeof_excludes_slot == t.generator_embeds_frame) return false;
    }
    return true;
}
static_assert(table_is_consistent());
static_assert(&row(7) == &row(6) && &row(9) == &row(8) && row(14).map == 40);

}  // namespace

const TypeSizes& type_sizes(const Profile& p) { return row_for(p.major, p.minor); }

}  // namespace pymemlab
