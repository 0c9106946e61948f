// The CPython reference table of int, bool and float behaviour (tests/data/numbers-<version>.tsv,
// written by tests/cpython/measure_numbers.py) and a runner that replays each case on the model
// and encodes the outcome the way the script does, so that a case passes when the two texts
// match. Shared by test_long_arith.cpp, test_float_arith.cpp and test_format_spec.cpp.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/format_spec.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {
namespace numbers {

// The pyenv build each profile is compared with (3.14 has none).
inline const std::map<std::string, std::string>& builds() {
    static const std::map<std::string, std::string> b = {{"2.7", "2.7.18"},   {"3.6", "3.6.15"},  {"3.8", "3.8.18"},
                                                         {"3.10", "3.10.13"}, {"3.11", "3.11.7"}, {"3.12", "3.12.1"},
                                                         {"3.13", "3.13.0"}};
    return b;
}

struct Case {
    std::vector<std::string> words;  // op, then the arguments
    std::string expected;
};

inline std::vector<Case> load(const std::string& build) {
    std::ifstream in(std::string(PYMEMLAB_TEST_DATA_DIR) + "/numbers-" + build + ".tsv");
    std::vector<Case> cases;
    std::string line;
    while (std::getline(in, line)) {
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        Case c;
        std::stringstream ss(line.substr(0, tab));
        for (std::string w; ss >> w;) c.words.push_back(w);
        c.expected = line.substr(tab + 1);
        cases.push_back(std::move(c));
    }
    return cases;
}

// Undoes the script's escaping (unicode_escape / string_escape, spaces as \x20) into code points
// (2.7's bytes as code points 0-255).
inline std::u32string unescape(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out.push_back(static_cast<unsigned char>(s[i]));
            continue;
        }
        const char c = s[++i];
        auto hex = [&](int n) {
            const uint32_t v = static_cast<uint32_t>(std::stoul(std::string(s.substr(i + 1, n)), nullptr, 16));
            i += n;
            return v;
        };
        switch (c) {
            case 't':
                out.push_back('\t');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 'r':
                out.push_back('\r');
                break;
            case 'x':
                out.push_back(hex(2));
                break;
            case 'u':
                out.push_back(hex(4));
                break;
            case 'U':
                out.push_back(hex(8));
                break;
            default:
                out.push_back(static_cast<unsigned char>(c));
                break;
        }
    }
    return out;
}

// Bytes as code points 0-255.
inline std::u32string widen(std::string_view bytes) {
    std::u32string out;
    for (unsigned char c : bytes) out.push_back(c);
    return out;
}

// The text of a str result as code points (2.7: its bytes).
inline std::u32string text_of(const Runtime& rt, const PyObject* o) {
    std::string text;
    TextKind kind;
    if (!object_text(rt, o, &text, &kind)) return U"<not text>";
    if (kind == kTextBytes) return widen(text);
    return utf8_to_u32(text);
}

// float.hex().
inline std::string float_hex(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
    if (x == 0.0) return std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0";
    int e;
    double m = std::frexp(std::fabs(x), &e);
    const int shift = 1 - std::max(-1021 - e, 0);  // DBL_MIN_EXP = -1021
    m = std::ldexp(m, shift);
    e -= shift;
    std::string s = "0x";
    s.push_back("0123456789abcdef"[static_cast<int>(m)]);
    m -= static_cast<int>(m);
    s.push_back('.');
    for (int i = 0; i < 13; ++i) {
        m *= 16.0;
        s.push_back("0123456789abcdef"[static_cast<int>(m)]);
        m -= static_cast<int>(m);
    }
    return (x < 0 ? "-" : "") + s + "p" + (e < 0 ? "-" : "+") + std::to_string(std::abs(e));
}

// Runs cases on one runtime; every object made is released before the next case.
class Runner {
   public:
    explicit Runner(Runtime& rt) : rt_(rt) {}

    // The value a token stands for (a new reference).
    PyObject* make(const std::string& tok) {
        const Builtins& b = rt_.builtins();
        if (tok == "N") return incref(b.singletons.none);
        const std::string kind = tok.substr(0, 2);
        const std::string rest = tok.substr(2);
        if (kind == "b:") return bool_from(rt_, rest == "True");
        if (kind == "f:") return float_from_double(rt_, std::strtod(rest.c_str(), nullptr));
        if (kind == "s:") {
            const std::u32string t = unescape(rest);
            // 2.7: text past latin-1 was a unicode object in the script.
            bool wide = false;
            for (uint32_t ch : t) wide = wide || ch > 0xff;
            if (rt_.profile().major == 2 && wide)
                return unicode_from_ucs4(rt_, reinterpret_cast<const uint32_t*>(t.data()),
                                         static_cast<int64_t>(t.size()));
            return str_from_utf8(rt_, encode_text(t));
        }
        if (kind == "i:" || kind == "L:") {
            PyObject* v = int_from_text(rest);
            if (kind == "L:" && rt_.profile().major == 2) {
                PyObject* s = str_from_utf8(rt_, int_text(v));
                PyObject* args[] = {s};
                PyObject* l = b.long27_type->tp_new(rt_, b.long27_type, args, 1, nullptr);
                rt_.decref(s);
                rt_.decref(v);
                return l;
            }
            return v;
        }
        FAIL("bad token " << tok);
        return nullptr;
    }

    // The outcome of an operation, encoded as the script encodes it; consumes `result`.
    std::string encode(PyObject* result) {
        if (result == nullptr) {
            PyObject* exc = err_fetch(rt_);
            if (exc == nullptr) return "!<nullptr without exception>";
            std::string message;
            exception_message(rt_, exc, &message);
            // The exception's class name (2.7's tp_name is "exceptions.ValueError").
            std::string name = Py_TYPE(exc)->tp_name;
            if (name.rfind("exceptions.", 0) == 0) name.erase(0, std::string("exceptions.").size());
            std::string out = "!" + name + ": " + message;
            rt_.decref(exc);
            return out;
        }
        std::string out = encode_value(result);
        rt_.decref(result);
        return out;
    }

    // Compares an outcome with the expected text (string results and messages are compared
    // after unescaping).
    bool matches(const std::string& got, const std::string& expected) {
        if (got == expected) return true;
        if (expected.size() > 2 && expected[0] == '!' && got.size() > 1 && got[0] == '!') {
            const size_t ce = expected.find(": "), cg = got.find(": ");
            if (ce == std::string::npos || cg == std::string::npos) return false;
            return expected.substr(0, ce) == got.substr(0, cg) &&
                   unescape(expected.substr(ce + 2)) == utf8_or_bytes(got.substr(cg + 2));
        }
        if (expected.rfind("s:", 0) == 0 && got.rfind("s:", 0) == 0)
            return unescape(expected.substr(2)) == utf8_or_bytes(got.substr(2));
        return false;
    }

    std::string int_text(PyObject* v) {
        std::string text;
        if (!long_to_decimal(rt_, v, &text)) {
            err_clear(rt_);
            return "?";
        }
        return text;
    }

   private:
    Runtime& rt_;

    PyObject* incref(PyObject* o) {
        rt_.incref(o);
        return o;
    }

    std::string encode_text(const std::u32string& t) {
        if (rt_.profile().major == 2) {
            std::string bytes;
            for (uint32_t c : t) bytes.push_back(static_cast<char>(c));
            return bytes;
        }
        return u32_to_utf8(t);
    }

    std::u32string utf8_or_bytes(const std::string& s) {
        if (rt_.profile().major == 2) return widen(s);
        return utf8_to_u32(s);
    }

    PyObject* int_from_text(const std::string& text) {
        const bool neg = !text.empty() && text[0] == '-';
        const std::string body = neg ? text.substr(1) : text;
        if (body.rfind("0x", 0) == 0) return long_from_string(rt_, text, 16);
        if (body.rfind("1e", 0) == 0)
            return long_from_decimal_string(rt_, (neg ? "-1" : "1") + std::string(std::stoul(body.substr(2)), '0'));
        return long_from_decimal_string(rt_, text);
    }

    std::string encode_value(PyObject* v) {
        const Builtins& b = rt_.builtins();
        if (v == b.singletons.none) return "N";
        if (v == b.singletons.true_) return "b:True";
        if (v == b.singletons.false_) return "b:False";
        if (Py_TYPE(v) == b.float_type) return "f:" + float_hex(float_value(v));
        if (Py_TYPE(v) == b.tuple_type) {
            std::string out = "t:";
            for (int64_t i = 0; i < Py_SIZE(v); ++i) out += (i ? "|" : "") + encode_value(tuple_items(v)[i]);
            return out;
        }
        if (long_check(v)) {
            std::string text;
            if (!long_to_decimal(rt_, v, &text)) {
                err_clear(rt_);
                text = "";
            }
            std::string body = text[0] == '-' ? text.substr(1) : text;
            if (text.empty() || body.size() > 1000) {
                PyObject* h = long_format_base(rt_, v, 16);
                std::string t;
                TextKind k;
                object_text(rt_, h, &t, &k);
                rt_.decref(h);
                text = t;
                if (!text.empty() && text.back() == 'L') text.pop_back();
                body = text[0] == '-' ? text.substr(1) : text;
            } else if (body.size() > 30 && body.find_first_not_of('0', 1) == std::string::npos && body[0] == '1') {
                text = (text[0] == '-' ? "-1e" : "1e") + std::to_string(body.size() - 1);
            }
            const bool long27 = rt_.profile().major == 2 && Py_TYPE(v) == b.long27_type;
            return (long27 ? "L:" : "i:") + text;
        }
        if (Py_TYPE(v) == b.str_type || Py_TYPE(v) == b.unicode_type) {
            std::string text;
            TextKind k;
            object_text(rt_, v, &text, &k);
            return "s:" + text;  // compared unescaped (matches())
        }
        return std::string("<") + Py_TYPE(v)->tp_name + ">";
    }
};

// ---- dispatch, as abstract.c does it (the tests do not rely on abstract.h) -------------------------

inline bool is_subtype(const PyTypeObject* a, const PyTypeObject* b) {
    for (; a != nullptr; a = a->tp_base)
        if (a == b) return true;
    return false;
}

inline bool is_not_implemented(const Runtime& rt, const PyObject* o) {
    return o == rt.builtins().singletons.not_implemented;
}

// binary_op1 and the "unsupported operand" TypeError.
inline PyObject* binary(Runtime& rt, PyObject* a, PyObject* b, binaryfunc PyNumberMethods::*slot, const char* symbol) {
    binaryfunc slotv = Py_TYPE(a)->tp_as_number.*slot;
    binaryfunc slotw = Py_TYPE(b) != Py_TYPE(a) ? Py_TYPE(b)->tp_as_number.*slot : nullptr;
    if (slotw == slotv) slotw = nullptr;
    auto attempt = [&](binaryfunc f) -> PyObject* {
        PyObject* x = f(rt, a, b);
        if (x != nullptr && is_not_implemented(rt, x)) {
            rt.decref(x);
            return nullptr;
        }
        return x == nullptr ? reinterpret_cast<PyObject*>(1) : x;  // 1: an error
    };
    PyObject* x = nullptr;
    if (slotv != nullptr) {
        if (slotw != nullptr && is_subtype(Py_TYPE(b), Py_TYPE(a))) {
            if ((x = attempt(slotw)) != nullptr) return x == reinterpret_cast<PyObject*>(1) ? nullptr : x;
            slotw = nullptr;
        }
        if ((x = attempt(slotv)) != nullptr) return x == reinterpret_cast<PyObject*>(1) ? nullptr : x;
    }
    if (slotw != nullptr && (x = attempt(slotw)) != nullptr) return x == reinterpret_cast<PyObject*>(1) ? nullptr : x;
    return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", symbol,
                      Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
}

inline PyObject* ternary_power(Runtime& rt, PyObject* a, PyObject* b, PyObject* c) {
    ternaryfunc slotv = Py_TYPE(a)->tp_as_number.nb_power;
    ternaryfunc slotw = Py_TYPE(b) != Py_TYPE(a) ? Py_TYPE(b)->tp_as_number.nb_power : nullptr;
    if (slotw == slotv) slotw = nullptr;
    ternaryfunc slotz = Py_TYPE(c)->tp_as_number.nb_power;
    if (slotz == slotv || slotz == slotw) slotz = nullptr;
    for (ternaryfunc f : {slotv, slotw, slotz}) {
        if (f == nullptr) continue;
        PyObject* x = f(rt, a, b, c);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    if (c == rt.builtins().singletons.none)
        return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                          Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
    return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for pow(): '%s', '%s', '%s'",
                      Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name, Py_TYPE(c)->tp_name);
}

inline PyObject* richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    static const int swapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
    static const char* const symbols[] = {"<", "<=", "==", "!=", ">", ">="};
    PyTypeObject* ta = Py_TYPE(a);
    PyTypeObject* tb = Py_TYPE(b);
    bool checked_reverse = false;
    if (ta != tb && is_subtype(tb, ta) && tb->tp_richcompare != nullptr) {
        checked_reverse = true;
        PyObject* r = tb->tp_richcompare(rt, b, a, swapped[op]);
        if (r == nullptr || !is_not_implemented(rt, r)) return r;
        rt.decref(r);
    }
    if (ta->tp_richcompare != nullptr) {
        PyObject* r = ta->tp_richcompare(rt, a, b, op);
        if (r == nullptr || !is_not_implemented(rt, r)) return r;
        rt.decref(r);
    }
    if (!checked_reverse && tb->tp_richcompare != nullptr) {
        PyObject* r = tb->tp_richcompare(rt, b, a, swapped[op]);
        if (r == nullptr || !is_not_implemented(rt, r)) return r;
        rt.decref(r);
    }
    if (op == Py_EQ) return bool_from(rt, a == b);
    if (op == Py_NE) return bool_from(rt, a != b);
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' not supported between instances of '%s' and '%s'",
                      symbols[op], ta->tp_name, tb->tp_name);
}

// The text with bytes outside printable ASCII as \xNN, for failure reports.
inline std::string printable(std::string_view s) {
    std::string out;
    char buf[8];
    for (unsigned char c : s) {
        if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
        } else {
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    return out;
}

inline size_t run_text_length(const Runtime& rt, const PyObject* s) { return text_of(rt, s).size(); }

inline PyObject* call_type(Runtime& rt, PyTypeObject* type, std::initializer_list<PyObject*> args) {
    std::vector<PyObject*> v(args);
    return type->tp_new(rt, type, v.data(), static_cast<Py_ssize_t>(v.size()), nullptr);
}

// The text of the result of op(args) as the script writes it; "" when the case does not apply
// to the model (skipped by the callers).
inline std::string run_case(Runtime& rt, Runner& run, const Case& c) {
    const Builtins& b = rt.builtins();
    const std::string& op = c.words[0];
    const bool py2 = rt.profile().major == 2;
    std::vector<PyObject*> args;
    for (size_t i = 1; i < c.words.size(); ++i) {
        // A binop's first word after "binop" is the operator's name, not a value.
        if ((op == "binop" || op == "unop" || op == "cmp") && i == 1) continue;
        args.push_back(run.make(c.words[i]));
    }
    auto release = [&]() {
        for (PyObject* o : args) rt.xdecref(o);
    };
    PyObject* r = nullptr;
    std::string out;
    if (op == "binop") {
        const std::string& name = c.words[1];
        PyObject* x = args[0];
        PyObject* y = args[1];
        using Slot = binaryfunc PyNumberMethods::*;
        static const std::map<std::string, std::pair<Slot, const char*>> slots = {
            {"add", {&PyNumberMethods::nb_add, "+"}},
            {"sub", {&PyNumberMethods::nb_subtract, "-"}},
            {"mul", {&PyNumberMethods::nb_multiply, "*"}},
            {"floordiv", {&PyNumberMethods::nb_floor_divide, "//"}},
            {"mod", {&PyNumberMethods::nb_remainder, "%"}},
            {"divmod", {&PyNumberMethods::nb_divmod, "divmod()"}},
            {"lshift", {&PyNumberMethods::nb_lshift, "<<"}},
            {"rshift", {&PyNumberMethods::nb_rshift, ">>"}},
            {"and", {&PyNumberMethods::nb_and, "&"}},
            {"or", {&PyNumberMethods::nb_or, "|"}},
            {"xor", {&PyNumberMethods::nb_xor, "^"}},
            {"div", {&PyNumberMethods::nb_true_divide, "/"}},
            {"truediv", {&PyNumberMethods::nb_true_divide, "/"}}};
        if (name == "pow") {
            r = ternary_power(rt, x, y, b.singletons.none);
        } else if (name == "truediv" && py2 && long_check(x) && long_check(y)) {
            r = long_true_divide(rt, x, y);  // 2.7's / is classic: call true division itself
        } else {
            auto it = slots.find(name);
            if (it == slots.end()) {
                release();
                return "";
            }
            r = binary(rt, x, y, it->second.first, it->second.second);
        }
        out = run.encode(r);
    } else if (op == "pow3") {
        out = run.encode(ternary_power(rt, args[0], args[1], args[2]));
    } else if (op == "cmp") {
        static const std::map<std::string, int> ops = {{"lt", Py_LT}, {"le", Py_LE}, {"eq", Py_EQ},
                                                       {"ne", Py_NE}, {"gt", Py_GT}, {"ge", Py_GE}};
        out = run.encode(richcompare(rt, args[0], args[1], ops.at(c.words[1])));
    } else if (op == "unop" || op == "repr" || op == "str" || op == "hash") {
        const std::string name = op == "unop" ? c.words[1] : op;
        PyObject* x = args[0];
        const bool is_float = Py_TYPE(x) == b.float_type;
        const PyNumberMethods& nb = Py_TYPE(x)->tp_as_number;
        auto unary = [&](unaryfunc f, const char* symbol) -> PyObject* {
            if (f != nullptr) return f(rt, x);
            return err_format(rt, b.exc.TypeError, "bad operand type for %s: '%s'", symbol, Py_TYPE(x)->tp_name);
        };
        if (name == "neg")
            r = unary(nb.nb_negative, "unary -");
        else if (name == "pos")
            r = unary(nb.nb_positive, "unary +");
        else if (name == "abs")
            r = unary(nb.nb_absolute, "abs()");
        else if (name == "invert")
            r = unary(nb.nb_invert, "unary ~");
        else if (name == "int")
            r = call_type(rt, b.long_type, {x});
        else if (name == "float")
            r = call_type(rt, b.float_type, {x});
        else if (name == "bool")
            r = call_type(rt, Py_TYPE(b.singletons.true_), {x});
        else if (name == "repr")
            r = Py_TYPE(x)->tp_repr(rt, x);
        else if (name == "str") {
            r = (Py_TYPE(x)->tp_str != nullptr ? Py_TYPE(x)->tp_str : Py_TYPE(x)->tp_repr)(rt, x);
            if (c.expected.rfind("i:", 0) == 0 && r != nullptr) {  // the script measured len(str(x))
                const int64_t n = static_cast<int64_t>(run_text_length(rt, r));
                rt.decref(r);
                r = long_from_int64(rt, n);
            }
        } else if (name == "hash") {
            if (c.expected == "nan-hash") {
                release();
                return "";
            }
            const Py_hash_t h = Py_TYPE(x)->tp_hash(rt, x);
            r = long_from_int64(rt, h);
        } else if (name == "hex" || name == "oct" || name == "bin") {
            if (is_float) {
                release();
                return "";
            }
            r = long_format_base(rt, x, name == "hex" ? 16 : name == "oct" ? 8 : 2);
        } else if (name == "round") {
            r = is_float || py2 ? float_round(rt, x, nullptr) : long_round(rt, x, nullptr);
        } else if (name == "trunc" || name == "floor" || name == "ceil") {
            if (!is_float) {
                // int.__trunc__ and friends return the int (2.7: a long stays a long).
                r = py2 && name != "trunc" ? nb.nb_float(rt, x) : nb.nb_positive(rt, x);
            } else {
                const double v = float_value(x);
                const double f = name == "trunc" ? std::trunc(v) : name == "floor" ? std::floor(v) : std::ceil(v);
                r = py2 && name != "trunc" ? float_from_double(rt, f) : long_from_double(rt, f);
            }
        } else {
            release();
            return "";
        }
        out = run.encode(r);
    } else if (op == "round") {
        PyObject* x = args[0];
        PyObject* n = args[1] == b.singletons.none ? nullptr : args[1];
        if (Py_TYPE(x) == b.float_type || py2)
            r = float_round(rt, x, n);
        else
            r = long_round(rt, x, n);
        out = run.encode(r);
    } else if (op == "parse_int") {
        out = run.encode(call_type(rt, b.long_type, {args[0], args[1]}));
    } else if (op == "parse_float") {
        out = run.encode(call_type(rt, b.float_type, {args[0]}));
    } else if (op == "format") {
        PyObject* v = args[0];
        std::string spec;
        TextKind kind;
        object_text(rt, args[1], &spec, &kind);
        if (Py_TYPE(v) == b.float_type)
            r = float_format(rt, v, spec);
        else if (long_check(v))
            r = long_format(rt, v, spec);
        else {
            std::string text;
            object_text(rt, v, &text, &kind);
            r = format_string(rt, text, spec, Py_TYPE(v)->tp_name);
        }
        out = run.encode(r);
    } else {
        release();
        return "";
    }
    release();
    return out;
}

}  // namespace numbers
}  // namespace pymemlab
