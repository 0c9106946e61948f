// str's case methods and predicates (Objects/unicodeobject.c case_operation, do_lower/do_title/...,
// the is* methods; 2.7's fixup-based versions, which hand back the string itself when nothing
// changed). Character data: unicode_ctype.h. The bytes versions are bytes_methods.cpp.
#include "object/errors.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/unicode_ctype.h"

namespace pymemlab {

using namespace text;

namespace {

constexpr uint32_t kCapitalSigma = 0x3a3;
constexpr uint32_t kSmallSigma = 0x3c3;
constexpr uint32_t kFinalSigma = 0x3c2;
static_assert(kCapitalSigma + 0x20 == kSmallSigma && kFinalSigma + 1 == kSmallSigma);

bool is_upper(uint32_t c) { return unicode_has(c, kUnicodeUpper); }
bool is_lower(uint32_t c) { return unicode_has(c, kUnicodeLower); }
bool is_title(uint32_t c) { return unicode_has(c, kUnicodeTitle); }
bool is_cased(uint32_t c) { return unicode_has(c, kUnicodeCased); }
bool is_case_ignorable(uint32_t c) { return unicode_has(c, kUnicodeCaseIgnorable); }

// handle_capital_sigma: U+03A3 lowers to final sigma after a cased letter (case-ignorable ones
// skipped) when no cased letter follows.
uint32_t lower_sigma(const std::u32string& s, size_t i) {
    int64_t j = static_cast<int64_t>(i) - 1;
    while (j >= 0 && is_case_ignorable(s[static_cast<size_t>(j)])) --j;
    bool final_sigma = j >= 0 && is_cased(s[static_cast<size_t>(j)]);
    if (final_sigma) {
        size_t k = i + 1;
        while (k < s.size() && is_case_ignorable(s[k])) ++k;
        final_sigma = k == s.size() || !is_cased(s[k]);
    }
    return final_sigma ? kFinalSigma : kSmallSigma;
}

void append_mapped(std::u32string& out, uint32_t c, CaseMapping m) {
    uint32_t mapped[3];
    const int n = unicode_case_full(c, m, mapped);
    for (int k = 0; k < n; ++k) out.push_back(mapped[k]);
}

// lower_ucs4: the full lowercase mapping with the final-sigma rule.
void append_lower(std::u32string& out, const std::u32string& s, size_t i) {
    if (s[i] == kCapitalSigma)
        out.push_back(lower_sigma(s, i));
    else
        append_mapped(out, s[i], CaseMapping::kLower);
}

enum class CaseOp { kLower, kUpper, kCasefold, kCapitalize, kTitle, kSwapcase };

// 3.x: the result of case_operation / ascii_upper_or_lower, a new string every time.
std::u32string case_3x(const Runtime& rt, const std::u32string& s, CaseOp op) {
    std::u32string out;
    bool previous_is_cased = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const uint32_t c = s[i];
        switch (op) {
            case CaseOp::kLower:
                append_lower(out, s, i);
                break;
            case CaseOp::kUpper:
                append_mapped(out, c, CaseMapping::kUpper);
                break;
            case CaseOp::kCasefold:
                append_mapped(out, c, CaseMapping::kFold);
                break;
            case CaseOp::kCapitalize:
                // 3.8 made the first character titlecase (bpo-36549); before, uppercase.
                if (i == 0)
                    append_mapped(out, c, rt.profile().at_least(3, 8) ? CaseMapping::kTitle : CaseMapping::kUpper);
                else
                    append_lower(out, s, i);
                break;
            case CaseOp::kTitle:
                if (previous_is_cased)
                    append_lower(out, s, i);
                else
                    append_mapped(out, c, CaseMapping::kTitle);
                previous_is_cased = is_cased(c);
                break;
            case CaseOp::kSwapcase:
                if (is_upper(c))
                    append_lower(out, s, i);
                else if (is_lower(c))
                    append_mapped(out, c, CaseMapping::kUpper);
                else
                    out.push_back(c);
                break;
        }
    }
    return out;
}

// 2.7: the fixup functions over the simple one-to-one mappings.
std::u32string case_27(const std::u32string& s, CaseOp op) {
    std::u32string out = s;
    bool previous_is_cased = false;
    for (size_t i = 0; i < out.size(); ++i) {
        const uint32_t c = out[i];
        switch (op) {
            case CaseOp::kLower:
                out[i] = unicode_case_simple(c, CaseMapping::kLower);
                break;
            case CaseOp::kUpper:
                out[i] = unicode_case_simple(c, CaseMapping::kUpper);
                break;
            case CaseOp::kCapitalize:
                if (i == 0 && is_lower(c)) out[i] = unicode_case_simple(c, CaseMapping::kUpper);
                if (i > 0 && is_upper(c)) out[i] = unicode_case_simple(c, CaseMapping::kLower);
                break;
            case CaseOp::kTitle:
                out[i] = unicode_case_simple(c, previous_is_cased ? CaseMapping::kLower : CaseMapping::kTitle);
                previous_is_cased = is_lower(c) || is_upper(c) || is_title(c);
                break;
            case CaseOp::kSwapcase:
                if (is_upper(c))
                    out[i] = unicode_case_simple(c, CaseMapping::kLower);
                else if (is_lower(c))
                    out[i] = unicode_case_simple(c, CaseMapping::kUpper);
                break;
            case CaseOp::kCasefold:
                break;
        }
    }
    return out;
}

PyObject* case_method(Runtime& rt, PyObject* self, Py_ssize_t nargs, PyObject* kwnames, const char* name, CaseOp op) {
    if (!check_no_args(rt, is_27(rt) ? "unicode" : "str", name, nargs, kwnames)) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    if (is_27(rt)) {
        std::u32string out = case_27(s, op);
        if (out == s) return new_ref(rt, self);
        return unicode_fresh(rt, out);
    }
    return unicode_fresh(rt, case_3x(rt, s, op));
}

// ---- predicates ---------------------------------------------------------------------------------

template <class Test>
PyObject* all_chars(Runtime& rt, PyObject* self, Py_ssize_t nargs, PyObject* kwnames, const char* name, Test test,
                    bool empty_result = false) {
    if (!check_no_args(rt, is_27(rt) ? "unicode" : "str", name, nargs, kwnames)) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    if (s.empty()) return bool_from(rt, empty_result);
    for (char32_t c : s)
        if (!test(c)) return bool_from(rt, false);
    return bool_from(rt, true);
}

bool is_alnum(uint32_t c) {
    return (unicode_flags(c) & (kUnicodeAlpha | kUnicodeDecimal | kUnicodeDigit | kUnicodeNumeric)) != 0;
}

}  // namespace

#define CASE_METHOD(fn, name, op)                                                                 \
    PyObject* fn(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) { \
        return case_method(rt, self, nargs, kw, name, op);                                        \
    }
CASE_METHOD(unicode_lower, "lower", CaseOp::kLower)
CASE_METHOD(unicode_upper, "upper", CaseOp::kUpper)
CASE_METHOD(unicode_casefold, "casefold", CaseOp::kCasefold)
CASE_METHOD(unicode_capitalize, "capitalize", CaseOp::kCapitalize)
CASE_METHOD(unicode_title, "title", CaseOp::kTitle)
CASE_METHOD(unicode_swapcase, "swapcase", CaseOp::kSwapcase)
#undef CASE_METHOD

#define PREDICATE(fn, name, ...)                                                                  \
    PyObject* fn(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) { \
        return all_chars(rt, self, nargs, kw, name, __VA_ARGS__);                                 \
    }
PREDICATE(unicode_isspace, "isspace", [](uint32_t c) { return unicode_has(c, kUnicodeSpace); })
PREDICATE(unicode_isalpha, "isalpha", [](uint32_t c) { return unicode_has(c, kUnicodeAlpha); })
PREDICATE(unicode_isalnum, "isalnum", is_alnum)
PREDICATE(unicode_isdecimal, "isdecimal", [](uint32_t c) { return unicode_has(c, kUnicodeDecimal); })
PREDICATE(unicode_isdigit, "isdigit", [](uint32_t c) { return unicode_has(c, kUnicodeDigit); })
PREDICATE(unicode_isnumeric, "isnumeric", [](uint32_t c) { return unicode_has(c, kUnicodeNumeric); })
PREDICATE(
    unicode_isprintable, "isprintable", [](uint32_t c) { return unicode_has(c, kUnicodePrintable); }, true)
PREDICATE(
    unicode_isascii, "isascii", [](uint32_t c) { return c < 0x80; }, true)
#undef PREDICATE

PyObject* unicode_islower(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, is_27(rt) ? "unicode" : "str", "islower", nargs, kw)) return nullptr;
    bool cased = false;
    for (char32_t c : unicode_chars(rt, self)) {
        if (is_upper(c) || is_title(c)) return bool_from(rt, false);
        cased = cased || is_lower(c);
    }
    return bool_from(rt, cased);
}

PyObject* unicode_isupper(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, is_27(rt) ? "unicode" : "str", "isupper", nargs, kw)) return nullptr;
    bool cased = false;
    for (char32_t c : unicode_chars(rt, self)) {
        if (is_lower(c) || is_title(c)) return bool_from(rt, false);
        cased = cased || is_upper(c);
    }
    return bool_from(rt, cased);
}

PyObject* unicode_istitle(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, is_27(rt) ? "unicode" : "str", "istitle", nargs, kw)) return nullptr;
    bool cased = false, previous_is_cased = false;
    for (char32_t c : unicode_chars(rt, self)) {
        if (is_upper(c) || is_title(c)) {
            if (previous_is_cased) return bool_from(rt, false);
            previous_is_cased = cased = true;
        } else if (is_lower(c)) {
            if (!previous_is_cased) return bool_from(rt, false);
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return bool_from(rt, cased);
}

bool unicode_chars_are_identifier(const std::u32string& s) {
    if (s.empty()) return false;
    if (!unicode_has(s[0], kUnicodeXidStart)) return false;
    for (size_t i = 1; i < s.size(); ++i)
        if (!unicode_has(s[i], kUnicodeXidContinue)) return false;
    return true;
}

PyObject* unicode_isidentifier(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, "str", "isidentifier", nargs, kw)) return nullptr;
    return bool_from(rt, unicode_chars_are_identifier(unicode_chars(rt, self)));
}

}  // namespace pymemlab
