// ConstantPool, part one: the parser's literal objects (made in source order, kept in an arena
// until the compilation ends), constant keys (_PyCode_ConstantKey) and the compilation-wide
// constant cache of 3.8+ (merge_consts_recursive). The folding is const_fold.cpp.
#include "interp/const_pool.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "interp/ast_walk.h"
#include "interp/compiler.h"
#include "interp/parser_identifiers.h"
#include "interp/stable_sort.h"
#include "interp/symtable.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/errors.h"
#include "object/complex_object.h"
#include "object/float_object.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// Decodes UTF-8 that may hold surrogates (the AST's WTF-8) into code points.
std::vector<uint32_t> decode_wtf8(const std::string& s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<size_t>(n) + 1;
    }
    return out;
}

void append_part(std::string& k, const std::string& part) {
    k += std::to_string(part.size());
    k += ':';
    k += part;
}

bool is_27(const Runtime& rt) { return rt.profile().major == 2; }

}  // namespace

ConstantPool::~ConstantPool() {
    for (PyObject* o : cache_order_) rt_.decref(o);
    release_arena(rt_, &arena_);
}

void ConstantPool::keep(const ast::Expr* e, PyObject* o) {
    arena_.push_back(o);
    value_[e] = o;
}

// ==== literals =================================================================================

PyObject* ConstantPool::literal_object(const ast::Expr* e, bool negate, SyntaxErrorInfo* err) {
    const ast::Constant& c = e->constant;
    Singletons& s = rt_.builtins().singletons;
    PyObject* o = nullptr;
    switch (c.kind) {
        case ast::ConstKind::None: o = s.none; break;
        case ast::ConstKind::True: o = s.true_; break;
        case ast::ConstKind::False: o = s.false_; break;
        case ast::ConstKind::Ellipsis: o = s.ellipsis; break;
        default: break;
    }
    if (o != nullptr) {
        rt_.incref(o);
        return o;
    }
    switch (c.kind) {
        case ast::ConstKind::Int:
            // PyLong_FromString of the literal, as CPython's parser calls it (2.7: an int
            // when it fits a C long, else a long).
            o = long_from_decimal_string(rt_, negate ? "-" + c.text : c.text, c.long27);
            break;
        case ast::ConstKind::Float: o = float_from_double(rt_, negate ? -c.number : c.number); break;
        case ast::ConstKind::Complex: o = complex_from_doubles(rt_, 0.0, c.number); break;
        case ast::ConstKind::Str:
            // The unicode type: 3.x's str, 2.7's u'' (2.7's plain literals are Bytes).
            if (utf8_is_valid(c.text)) {
                o = unicode_from_utf8(rt_, c.text);
            } else {
                std::vector<uint32_t> cps = decode_wtf8(c.text);
                o = unicode_from_ucs4(rt_, cps.data(), static_cast<int64_t>(cps.size()));
            }
            break;
        case ast::ConstKind::Bytes: o = bytes_from_string(rt_, c.text); break;
        default: break;
    }
    if (o == nullptr) no_memory(err);
    return o;
}

void ConstantPool::no_memory(SyntaxErrorInfo* err) {
    oom_ = true;
    err_no_memory(rt_);
    if (err != nullptr) {
        err->type = "MemoryError";
        err->msg.clear();
    }
}

bool ConstantPool::make_literals(const std::vector<ast::Stmt*>& body, SyntaxErrorInfo* err) {
    // The parser makes its objects as it meets their tokens: the literals and the identifiers,
    // in source order (ties keep the walk's order).
    struct Made {
        ast::Pos pos;
        const ast::Expr* literal;     // or null for an identifier
        bool negate;                  // 2.7's `-5`: the literal is e->left, negated
        std::string_view identifier;
    };
    std::vector<Made> made;
    const bool p27 = is_27(rt_);
    ast::walk_stmts(body, [&](const ast::Expr* e) {
        if (e->kind == ast::ExprKind::Constant) {
            // 2.7's None, True and False are names, which parser_identifiers lists.
            if (constant_as_name(e, rt_.profile()).empty()) made.push_back({e->pos, e, false, {}});
            return false;
        }
        // 2.7's parser reads `-5` as one literal (ast_for_factor), but not `-(5)`: the lab
        // tells them apart by the minus sign sitting right before the digits.
        if (p27 && e->kind == ast::ExprKind::UnaryOp && e->unary == ast::UnaryOp::USub && e->left != nullptr &&
            e->left->kind == ast::ExprKind::Constant &&
            (e->left->constant.kind == ast::ConstKind::Int || e->left->constant.kind == ast::ConstKind::Float) &&
            e->left->pos.line == e->pos.line && e->left->pos.col == e->pos.col + 1) {
            made.push_back({e->left->pos, e, true, {}});
            return false;
        }
        return true;
    });
    for (const ParserIdentifier& id : parser_identifiers(body, rt_.profile())) made.push_back({id.pos, nullptr, false, id.text});
    stable_sort_small(made, [](const Made& a, const Made& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.col < b.pos.col;
    });
    for (const Made& m : made) {
        if (m.literal == nullptr) {
            PyObject* s = identifier_object(m.identifier, err);
            if (s == nullptr) return false;
            arena_.push_back(s);
            continue;
        }
        PyObject* o = literal_object(m.negate ? m.literal->left : m.literal, m.negate, err);
        if (o == nullptr) return false;
        keep(m.literal, o);
    }
    return true;
}

PyObject* ConstantPool::identifier_object(std::string_view text, SyntaxErrorInfo* err) {
    PyObject* s = str_from_utf8(rt_, text);
    if (s == nullptr) {
        no_memory(err);
        return nullptr;
    }
    str_intern_code_name(rt_, &s);
    return s;
}

// ==== keys =====================================================================================

std::string ConstantPool::key(const PyObject* o) const {
    const Builtins& b = rt_.builtins();
    const Singletons& s = b.singletons;
    if (o == s.none) return "N";
    if (o == s.ellipsis) return "E";
    if (o == s.true_) return "T";
    if (o == s.false_) return "F";
    const PyTypeObject* t = Py_TYPE(o);
    char head[40];
    std::snprintf(head, sizeof head, "%" PRIxPTR "|", reinterpret_cast<uintptr_t>(t));
    std::string k = head;
    if (t == b.long_type || (b.long27_type != nullptr && t == b.long27_type)) {
        if (is_27(rt_) && t == b.long_type) {
            bool overflow = false;
            k += std::to_string(long_as_int64(rt_, o, &overflow));
        } else {
            const int64_t n = long_ndigits(rt_, o);
            k += long_sign(rt_, o) < 0 ? '-' : '+';
            const auto* digits = reinterpret_cast<const PyLongObject*>(o)->ob_digit;
            for (int64_t i = 0; i < n; ++i) {
                k += std::to_string(digits[i]);
                k += ',';
            }
        }
    } else if (t == b.float_type) {
        double d = float_value(o);
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        k += std::to_string(bits);
    } else if (t == b.complex_type) {
        const Py_complex c = complex_value(o);
        uint64_t bits[2];
        std::memcpy(&bits[0], &c.real, sizeof bits[0]);
        std::memcpy(&bits[1], &c.imag, sizeof bits[1]);
        k += std::to_string(bits[0]) + "," + std::to_string(bits[1]);
    } else if (t == b.unicode_type) {
        const int64_t n = unicode_length(o);
        std::string text;
        for (int64_t i = 0; i < n; ++i) {
            text += std::to_string(unicode_read(rt_, o, i));
            text += ',';
        }
        append_part(k, text);
    } else if (t == b.bytes_type) {
        append_part(k, std::string(bytes_view(rt_, o)));
    } else if (t == b.tuple_type) {
        k += '(';
        PyObject* const* items = tuple_items(const_cast<PyObject*>(o));
        for (int64_t i = 0; i < Py_SIZE(o); ++i) append_part(k, key(items[i]));
        k += ')';
    } else if (t == b.slice_type) {  // 3.14's constant slices
        const auto* sl = reinterpret_cast<const PySliceObject*>(o);
        k += '[';
        for (const PyObject* part : {sl->start.p, sl->stop.p, sl->step.p}) append_part(k, key(part));
        k += ']';
    } else if (t == b.frozenset_type) {
        std::vector<std::string> parts;
        for (PyObject* item : set_keys(rt_, o)) parts.push_back(key(item));
        std::sort(parts.begin(), parts.end());
        k += '{';
        for (const std::string& part : parts) append_part(k, part);
        k += '}';
    } else {
        std::snprintf(head, sizeof head, "@%" PRIxPTR, reinterpret_cast<uintptr_t>(o));
        k += head;
    }
    return k;
}

// ==== the constant cache (3.8+) ================================================================

PyObject* ConstantPool::merge(PyObject* o) {
    std::string k = key(o);
    auto it = cache_.find(k);
    if (it != cache_.end()) {
        rt_.decref(o);
        rt_.incref(it->second);
        return it->second;
    }
    const Builtins& b = rt_.builtins();
    if (Py_TYPE(o) == b.tuple_type) {
        PyObject** items = tuple_items(o);
        for (int64_t i = 0; i < Py_SIZE(o); ++i) {
            rt_.incref(items[i]);
            PyObject* u = merge(items[i]);
            if (u == nullptr) {
                rt_.decref(o);
                return nullptr;
            }
            PyObject* old = items[i];
            items[i] = u;
            rt_.decref(old);
        }
    } else if (Py_TYPE(o) == b.frozenset_type && set_len(o) > 0) {
        // CPython rebuilds a frozenset from its merged items (through a temporary tuple).
        std::vector<PyObject*> merged;
        for (PyObject* item : set_keys(rt_, o)) {
            rt_.incref(item);
            PyObject* u = merge(item);
            if (u == nullptr) {
                for (PyObject* m : merged) rt_.decref(m);
                rt_.decref(o);
                return nullptr;
            }
            merged.push_back(u);
        }
        PyObject* rebuilt = make_frozenset(merged);
        for (PyObject* m : merged) rt_.decref(m);
        rt_.decref(o);
        if (rebuilt == nullptr) return nullptr;
        o = rebuilt;
    }
    rt_.incref(o);
    cache_.emplace(std::move(k), o);
    cache_order_.push_back(o);
    return o;
}

PyObject* ConstantPool::merge_tuple(PyObject* t) {
    auto [it, inserted] = cache_.try_emplace(key(t), t);
    rt_.incref(it->second);
    if (inserted)
        cache_order_.push_back(t);
    else
        rt_.decref(t);
    return it->second;
}

// ==== helpers on constants =====================================================================

bool const_is_int(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    return Py_TYPE(o) == b.long_type || (b.long27_type != nullptr && Py_TYPE(o) == b.long27_type) ||
           o == b.singletons.true_ || o == b.singletons.false_;
}

int64_t const_int_bits(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    if (o == b.singletons.true_) return 1;
    if (o == b.singletons.false_) return 0;
    if (is_27(rt) && Py_TYPE(o) == b.long_type) {
        bool overflow = false;
        int64_t v = long_as_int64(rt, o, &overflow);
        uint64_t u = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
        int64_t bits = 0;
        while (u != 0) {
            ++bits;
            u >>= 1;
        }
        return bits;
    }
    const int64_t n = long_ndigits(rt, o);
    if (n == 0) return 0;
    uint32_t top = reinterpret_cast<const PyLongObject*>(o)->ob_digit[n - 1];
    int64_t bits = (n - 1) * PyLong_SHIFT;
    while (top != 0) {
        ++bits;
        top >>= 1;
    }
    return bits;
}

bool const_is_str(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().unicode_type || Py_TYPE(o) == rt.builtins().str_type;
}

int64_t const_length(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    const PyTypeObject* t = Py_TYPE(o);
    if (t == b.unicode_type) return unicode_length(o);
    if (t == b.bytes_type) return bytes_size(o);
    if (t == b.tuple_type) return Py_SIZE(o);
    if (t == b.frozenset_type) return set_len(o);
    return -1;
}

int const_truth(Runtime& rt, PyObject* o) {
    const Builtins& b = rt.builtins();
    if (o == b.singletons.none || o == b.singletons.false_) return 0;
    if (o == b.singletons.true_ || o == b.singletons.ellipsis) return 1;
    if (Py_TYPE(o) == b.float_type) return float_value(o) != 0.0;
    if (const_is_int(rt, o)) return const_int_bits(rt, o) != 0;
    int64_t n = const_length(rt, o);
    return n < 0 ? -1 : n != 0;
}

}  // namespace pymemlab
