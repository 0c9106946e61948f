// opcode_name: the printable name of each opcode, for disassembly and traces.
#include "interp/opcode.h"

#include <iterator>

namespace pymemlab {

namespace {

// In enum order; the static_assert below catches an opcode added to opcode.h but not here.
constexpr const char* kOpcodeNames[] = {
    "NOP",
    "POP_TOP",
    "COPY",
    "SWAP",
    "LOAD_CONST",
    "LOAD_NAME",
    "STORE_NAME",
    "DELETE_NAME",
    "LOAD_GLOBAL",
    "STORE_GLOBAL",
    "DELETE_GLOBAL",
    "LOAD_FAST",
    "STORE_FAST",
    "DELETE_FAST",
    "LOAD_FAST_BORROW",
    "LOAD_DEREF",
    "STORE_DEREF",
    "DELETE_DEREF",
    "LOAD_CLOSURE",
    "LOAD_CLASSDEREF",
    "LOAD_ATTR",
    "STORE_ATTR",
    "DELETE_ATTR",
    "LOAD_METHOD",
    "PUSH_NULL",
    "KW_NAMES",
    "CALL",
    "CALL_FUNCTION_EX",
    "BINARY_OP",
    "UNARY_NEGATIVE",
    "UNARY_POSITIVE",
    "UNARY_NOT",
    "UNARY_INVERT",
    "COMPARE_OP",
    "IS_OP",
    "CONTAINS_OP",
    "BINARY_SUBSCR",
    "STORE_SUBSCR",
    "DELETE_SUBSCR",
    "BUILD_SLICE",
    "BUILD_TUPLE",
    "BUILD_LIST",
    "BUILD_SET",
    "BUILD_MAP",
    "BUILD_CONST_KEY_MAP",
    "BUILD_STRING",
    "LIST_APPEND",
    "SET_ADD",
    "MAP_ADD",
    "LIST_EXTEND",
    "SET_UPDATE",
    "DICT_UPDATE",
    "DICT_MERGE",
    "LIST_TO_TUPLE",
    "FORMAT_VALUE",
    "UNPACK_SEQUENCE",
    "UNPACK_EX",
    "JUMP",
    "POP_JUMP_IF_FALSE",
    "POP_JUMP_IF_TRUE",
    "JUMP_IF_FALSE_OR_POP",
    "JUMP_IF_TRUE_OR_POP",
    "GET_ITER",
    "FOR_ITER",
    "RETURN_VALUE",
    "YIELD_VALUE",
    "GET_YIELD_FROM_ITER",
    "YIELD_FROM",
    "PRINT_EXPR",
    "MAKE_FUNCTION",
    "LOAD_BUILD_CLASS",
    "IMPORT_NAME",
    "IMPORT_FROM",
    "IMPORT_STAR",
    "PRINT_ITEM",
    "PRINT_NEWLINE",
    "PRINT_ITEM_TO",
    "PRINT_NEWLINE_TO",
    "SETUP_ANNOTATIONS",
    "SETUP_FINALLY",
    "POP_BLOCK",
    "PUSH_EXC_INFO",
    "POP_EXCEPT",
    "CHECK_EXC_MATCH",
    "RERAISE",
    "LOAD_ASSERTION_ERROR",
    "RAISE_VARARGS",
    "BEFORE_WITH",
    "SETUP_WITH",
    "WITH_EXIT",
    "WITH_EXCEPT_START",
    "UNSUPPORTED",
};
static_assert(std::size(kOpcodeNames) == static_cast<size_t>(Opcode::UNSUPPORTED) + 1);

}  // namespace

const char* opcode_name(Opcode op) {
    const auto i = static_cast<size_t>(op);
    return i < std::size(kOpcodeNames) ? kOpcodeNames[i] : "<unknown opcode>";
}

}  // namespace pymemlab
