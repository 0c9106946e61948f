// disassemble(): dis.dis for the lab's code objects — one line per instruction (line number
// where a new line starts, `>>` at jump targets, index, name, argument, what the argument
// means), then each nested code object. Constants are shown without calling into the object
// model, so disassembling never allocates.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "interp/code_object.h"
#include "interp/compiler.h"
#include "interp/compiler_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/float_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

std::string quoted(const std::string& s, const char* prefix) {
    std::string out = prefix;
    const char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    out += quote;
    for (char c : s) {
        if (c == quote || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

std::string const_repr(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    const Singletons& s = b.singletons;
    if (o == s.none) return "None";
    if (o == s.true_) return "True";
    if (o == s.false_) return "False";
    if (o == s.ellipsis) return "Ellipsis";
    const PyTypeObject* t = Py_TYPE(o);
    if (t == b.long_type) {
        bool overflow = false;
        const int64_t v = long_as_int64(rt, o, &overflow);
        return overflow ? "<int of " + std::to_string(long_ndigits(rt, o)) + " digits>" : std::to_string(v);
    }
    if (t == b.float_type) {
        // repr(): the shortest text that reads back as the same double.
        const double d = float_value(o);
        char buf[64];
        for (int precision = 1; precision <= 17; ++precision) {
            std::snprintf(buf, sizeof buf, "%.*g", precision, d);
            if (std::strtod(buf, nullptr) == d) break;
        }
        std::string text = buf;
        if (text.find_first_of(".eni") == std::string::npos) text += ".0";
        return text;
    }
    if (t == b.unicode_type) return quoted(str_as_utf8(rt, o), rt.profile().major == 2 ? "u" : "");
    if (t == b.bytes_type) return quoted(str_as_utf8(rt, o), rt.profile().major == 2 ? "" : "b");
    if (t == b.tuple_type) {
        std::string out = "(";
        PyObject* const* items = tuple_items(const_cast<PyObject*>(o));
        for (int64_t i = 0; i < Py_SIZE(o); ++i) {
            if (i > 0) out += ", ";
            out += const_repr(rt, items[i]);
        }
        if (Py_SIZE(o) == 1) out += ",";
        return out + ")";
    }
    if (t == b.frozenset_type) {
        std::string out = "frozenset({";
        bool first = true;
        for (PyObject* item : set_keys(rt, o)) {
            if (!first) out += ", ";
            first = false;
            out += const_repr(rt, item);
        }
        return out + "})";
    }
    if (t == code_type(rt)) return "<code object " + str_as_utf8(rt, as_code(o)->co_name.p) + ">";
    return "<" + type_name(t) + " object>";
}

std::string tuple_text(const Runtime& rt, const PyObject* t, int64_t i) {
    if (t == nullptr || i < 0 || i >= Py_SIZE(t)) return "?";
    return str_as_utf8(rt, tuple_items(const_cast<PyObject*>(t))[i]);
}

const char* compare_symbol(int arg) {
    static const char* const kSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
    return arg >= 0 && arg < 6 ? kSymbols[arg] : "?";
}

std::string arg_repr(const Runtime& rt, const PyObject* code, const Instr& in) {
    const PyCodeObject* c = as_code(code);
    using O = Opcode;
    switch (in.op) {
        case O::LOAD_CONST:
        case O::KW_NAMES:
        case O::UNSUPPORTED: return const_repr(rt, tuple_items(const_cast<PyObject*>(c->co_consts.p))[in.arg]);
        case O::LOAD_SMALL_INT: return std::to_string(in.arg);
        case O::LOAD_NAME:
        case O::STORE_NAME:
        case O::DELETE_NAME:
        case O::LOAD_GLOBAL:
        case O::STORE_GLOBAL:
        case O::DELETE_GLOBAL:
        case O::LOAD_FROM_DICT_OR_GLOBALS:
        case O::LOAD_ATTR:
        case O::STORE_ATTR:
        case O::DELETE_ATTR:
        case O::LOAD_METHOD:
        case O::IMPORT_NAME:
        case O::IMPORT_FROM: return tuple_text(rt, c->co_names.p, in.arg);
        case O::LOAD_SUPER_ATTR: return tuple_text(rt, c->co_names.p, in.arg >> 2);
        case O::LOAD_FAST:
        case O::LOAD_FAST_BORROW:
        case O::LOAD_FAST_AND_CLEAR:
        case O::STORE_FAST:
        case O::DELETE_FAST: return tuple_text(rt, c->co_varnames.p, in.arg);
        case O::LOAD_DEREF:
        case O::STORE_DEREF:
        case O::DELETE_DEREF:
        case O::LOAD_CLOSURE:
        case O::SAVE_CELL:
        case O::RESTORE_CELL:
        case O::MAKE_CELL:
        case O::LOAD_CLASSDEREF:
        case O::LOAD_FROM_DICT_OR_DEREF: {
            const int64_t ncells = Py_SIZE(c->co_cellvars.p);
            return in.arg < ncells ? tuple_text(rt, c->co_cellvars.p, in.arg)
                                   : tuple_text(rt, c->co_freevars.p, in.arg - ncells);
        }
        case O::COMPARE_OP: return compare_symbol(in.arg);
        case O::IS_OP: return in.arg ? "is not" : "is";
        case O::CONTAINS_OP: return in.arg ? "not in" : "in";
        case O::BINARY_OP: {
            if (in.arg >= kBinaryOpTrueDivide27) return in.arg > kBinaryOpTrueDivide27 ? "/=" : "/";
            const bool inplace = in.arg >= kBinaryOpInplaceOffset;
            return binary_op_symbol(static_cast<BinaryOp>(inplace ? in.arg - kBinaryOpInplaceOffset : in.arg), inplace);
        }
        default: break;
    }
    if (is_jump(in.op)) return "to " + std::to_string(in.arg);
    return {};
}

bool has_arg(Opcode op) {
    switch (op) {
        case Opcode::NOP:
        case Opcode::POP_TOP:
        case Opcode::PUSH_NULL:
        case Opcode::UNARY_NEGATIVE:
        case Opcode::UNARY_POSITIVE:
        case Opcode::UNARY_NOT:
        case Opcode::UNARY_INVERT:
        case Opcode::BINARY_SUBSCR:
        case Opcode::STORE_SUBSCR:
        case Opcode::DELETE_SUBSCR:
        case Opcode::LIST_TO_TUPLE:
        case Opcode::GET_ITER:
        case Opcode::RETURN_VALUE:
        case Opcode::YIELD_VALUE:
        case Opcode::GET_YIELD_FROM_ITER:
        case Opcode::YIELD_FROM:
        case Opcode::PRINT_EXPR:
        case Opcode::LOAD_BUILD_CLASS:
        case Opcode::LOAD_LOCALS:
        case Opcode::IMPORT_STAR:
        case Opcode::PRINT_ITEM:
        case Opcode::PRINT_NEWLINE:
        case Opcode::PRINT_ITEM_TO:
        case Opcode::PRINT_NEWLINE_TO:
        case Opcode::SETUP_ANNOTATIONS:
        case Opcode::POP_BLOCK:
        case Opcode::PUSH_EXC_INFO:
        case Opcode::POP_EXCEPT:
        case Opcode::CHECK_EXC_MATCH:
        case Opcode::RERAISE:
        case Opcode::LOAD_ASSERTION_ERROR:
        case Opcode::BEFORE_WITH:
        case Opcode::WITH_EXIT:
        case Opcode::WITH_EXCEPT_START: return false;
        default: return true;
    }
}

void disassemble_into(const Runtime& rt, const PyObject* code, std::string& out) {
    const CodeBody& body = code_body(code);
    std::set<int> targets;
    for (const Instr& in : body.instrs)
        if (is_jump(in.op)) targets.insert(in.arg);
    int last_line = -1;
    for (size_t i = 0; i < body.instrs.size(); ++i) {
        const Instr& in = body.instrs[i];
        char head[64];
        if (in.line != last_line) {
            std::snprintf(head, sizeof head, "%4d ", in.line);
            last_line = in.line;
        } else {
            std::snprintf(head, sizeof head, "     ");
        }
        out += head;
        out += targets.count(static_cast<int>(i)) != 0 ? ">>" : "  ";
        std::snprintf(head, sizeof head, "%4zu %-20s", i, opcode_name(in.op));
        out += head;
        if (has_arg(in.op)) {
            std::snprintf(head, sizeof head, " %4d", in.arg);
            out += head;
            const std::string repr = arg_repr(rt, code, in);
            if (!repr.empty()) out += " (" + repr + ")";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += '\n';
    }
    const PyObject* consts = as_code(code)->co_consts.p;
    for (int64_t i = 0; i < Py_SIZE(consts); ++i) {
        const PyObject* c = tuple_items(const_cast<PyObject*>(consts))[i];
        if (Py_TYPE(c) != code_type(rt)) continue;
        out += "\nDisassembly of <code object " + str_as_utf8(rt, as_code(c)->co_name.p) + ">:\n";
        disassemble_into(rt, c, out);
    }
}

}  // namespace

std::string disassemble(const Runtime& rt, const PyObject* code) {
    std::string out;
    disassemble_into(rt, code, out);
    return out;
}

}  // namespace pymemlab
