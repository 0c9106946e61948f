// The shared helpers of text_internal.h: code units in, objects out, with or without the
// one-character caches as each CPython entry point has them.
#include "object/text_internal.h"

#include <cstring>

namespace pymemlab::text {

std::u32string unicode_chars(const Runtime& rt, const PyObject* o) {
    const int64_t n = unicode_length(o);
    std::u32string out(static_cast<size_t>(n), U'\0');
    const void* data = unicode_data(rt, o);
    switch (unicode_kind(rt, o)) {
        case PyUnicode_1BYTE_KIND:
            for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<const uint8_t*>(data)[i];
            break;
        case PyUnicode_2BYTE_KIND:
            for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<const uint16_t*>(data)[i];
            break;
        default:
            std::memcpy(out.data(), data, static_cast<size_t>(n) * 4);
            break;
    }
    return out;
}

PyObject* unicode_result(Runtime& rt, std::u32string_view s) {
    PyObject* o = unicode_from_ucs4(rt, reinterpret_cast<const uint32_t*>(s.data()), static_cast<int64_t>(s.size()));
    return o != nullptr ? o : err_no_memory(rt);
}

PyObject* unicode_fresh(Runtime& rt, std::u32string_view s) {
    if (s.size() != 1) return unicode_result(rt, s);
    PyObject* o = unicode_new(rt, 1, s[0]);
    if (o == nullptr) return err_no_memory(rt);
    const int kind = unicode_kind(rt, o);
    void* data = unicode_data(rt, o);
    if (kind == PyUnicode_1BYTE_KIND)
        static_cast<uint8_t*>(data)[0] = static_cast<uint8_t>(s[0]);
    else if (kind == PyUnicode_2BYTE_KIND)
        static_cast<uint16_t*>(data)[0] = static_cast<uint16_t>(s[0]);
    else
        static_cast<uint32_t*>(data)[0] = s[0];
    return o;
}

PyObject* unicode_substring(Runtime& rt, PyObject* self, const std::u32string& chars, int64_t begin, int64_t end) {
    if (!is_27(rt) && begin == 0 && end == static_cast<int64_t>(chars.size())) return new_ref(rt, self);
    return unicode_result(
        rt, std::u32string_view(chars).substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)));
}

PyObject* unicode_empty(Runtime& rt) { return new_ref(rt, rt.builtins().str_state.empty); }

PyObject* bytes_fresh(Runtime& rt, std::string_view s) {
    PyObject* o = bytes_new(rt, static_cast<int64_t>(s.size()));
    if (o == nullptr) return err_no_memory(rt);
    if (!s.empty()) std::memcpy(bytes_data(rt, o), s.data(), s.size());
    return o;
}

}  // namespace pymemlab::text
