// Text codecs (Objects/unicodeobject.c's built-in codecs, Python/codecs.c's error handlers):
// str.encode / bytes.decode / str(b, encoding) for UTF-8, ASCII and Latin-1 with the errors
// strict, ignore, replace, backslashreplace and xmlcharrefreplace, raising UnicodeEncodeError /
// UnicodeDecodeError with CPython's messages. Other encodings CPython knows (utf-16, cp1252,
// ...) raise NotImplementedError naming them; unknown names raise LookupError.
#pragma once

#include <string>
#include <string_view>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// unicode.encode(encoding, errors): a bytes object (2.7: a str). Empty encoding/errors mean
// the defaults (3.x utf-8, 2.7 ascii; strict).
PyObject* unicode_encode(Runtime& rt, PyObject* unicode, std::string_view encoding, std::string_view errors);
// bytes.decode(encoding, errors) of `data`: a str (2.7: a unicode). `source` is the bytes object
// the data came from (the UnicodeDecodeError's object), or nullptr to make one.
PyObject* unicode_decode(Runtime& rt, std::string_view data, std::string_view encoding, std::string_view errors,
                         PyObject* source = nullptr);
// 2.7's PyUnicode_FromObject for text operations: a unicode as is, a str decoded by the default
// encoding (ascii, strict), anything else "coercing to Unicode: need string or buffer, X found".
PyObject* unicode_from_object_27(Runtime& rt, PyObject* o);
// 2.7's str() of a unicode (PyUnicode_AsEncodedString with the default encoding).
PyObject* unicode_as_default_str_27(Runtime& rt, PyObject* unicode);

// The error handler and encoding names as CPython normalizes them ("UTF8" -> "utf-8").
std::string codec_canonical_name(std::string_view encoding);

}  // namespace pymemlab
