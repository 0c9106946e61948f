# Measures what tests/unit/test_str_object.cpp, test_bytes_object.cpp and test_hash.cpp expect:
# str/bytes sizes, one-character caches, header state words, interning, hash() (randomization off).
# Runs on 2.7 and 3.6+: for v in 2.7.18 3.6.15 ... 3.13.0; do
#   PYTHONHASHSEED=0 $(pyenv root)/versions/$v/bin/python measure_strings.py; done   (name<TAB>value)
from __future__ import print_function

import ctypes
import sys

PY2 = sys.version_info[0] == 2
uchr = unichr if PY2 else chr  # noqa: F821 (2.7 builtin)
intern = intern if PY2 else sys.intern  # noqa: F821


def out(name, value):
    print("%s\t%s" % (name, value))


def esc(text):
    return "'%s'" % text.encode('unicode_escape').decode('ascii')


def state(s):
    """3.x: the low byte of PyASCIIObject.state; 2.7 str: ob_sstate. Both sit at offset 32."""
    if PY2 and isinstance(s, str):
        return ctypes.c_int.from_address(id(s) + 32).value
    return ctypes.c_uint32.from_address(id(s) + 32).value & 0xff


def block_27(address):
    """2.7: the size class of the pymalloc block at address (pool_header.szidx at 36)."""
    return (ctypes.c_uint.from_address((address & ~4095) + 36).value + 1) * 16


def sizes():
    for text in [u'', u'a', u'abc', u'\xe9', u'ab\xe9', u'\u20ac', u'ab\u20ac', u'\U0001F600',
                 u'ab\U0001F600', u'x' * 100]:
        out("getsizeof " + esc(text), sys.getsizeof(text))
    for data in [b'', b'a', b'abc', b'x' * 100]:
        out("getsizeof bytes %r" % data, sys.getsizeof(data))
    if PY2:
        tail = u'c'
        for n in [1, 2, 3, 7, 20, 60]:
            u = u'y' * n + tail
            buf = ctypes.c_void_p.from_address(id(u) + 24).value
            out("2.7 unicode of %d chars: object, buffer blocks" % (n + 1),
                "%d %d" % (block_27(id(u)), block_27(buf)))


def caches():
    cached = [i for i in range(256) if uchr(i) is uchr(i)]
    out("cached one-character str (of 256)", len(cached))
    out("chr(0x100) is chr(0x100)", uchr(0x100) is uchr(0x100))
    every = bytes(bytearray(range(256)))
    out("cached one-byte bytes (of 256)", len([i for i in range(256) if every[i:i + 1] is every[i:i + 1]]))
    out("getrefcount(chr(200))", sys.getrefcount(uchr(200)))
    out("getrefcount(b'\\xc8')", sys.getrefcount(every[200:201]))
    if not PY2:
        interned = [i for i in range(256) if state(chr(i)) & 3]
        out("latin-1 characters interned after start-up", len(interned))
        out("state of ''", hex(state('')))
        out("state of 'abc' (built)", hex(state(''.join(['ab', 'c']))))
        out("state of chr(200)", hex(state(chr(200))))


def interning():
    s = ''.join(['hello', '_world_xyz_q'])
    out("getrefcount(fresh)", sys.getrefcount(s))
    t = intern(s)
    out("getrefcount(s) with t = intern(s)", sys.getrefcount(s))
    out("state after intern", hex(state(s)))
    del t
    out("intern(equal copy) is s", intern(''.join(['hello', '_world_xyz_q'])) is s)
    code = compile("x = some_global_qq\ny = 'ident_literal_qq'", "<m>", "exec")
    out("state of a co_names entry", hex(state(code.co_names[0])))
    out("state of an identifier-like constant", hex(state(code.co_consts[0])))
    if PY2:
        out("2.7 '' and chr(200) ob_sstate", "%d %d" % (state(''), state(chr(200))))


def hashes():
    for text in [u'', u'a', u'abc', u'abcdefg', u'abcdefgh', u'hello world', u'\xe9', u'ab\xe9',
                 u'\u20ac', u'ab\u20ac', u'\U0001F600', u'ab\U0001F600', u'x' * 100, u'sys', u'__init__']:
        out("hash " + esc(text), hash(text))
    for data in [b'abc', b'hello world', b'\xe9', b'\xff\x00\x80']:
        out("hash bytes %r" % data, hash(data))
    for value in [-1, 2 ** 61 - 1, 2 ** 62, -2 ** 63, 2 ** 64, -2 ** 64, 2 ** 100, 10 ** 30]:
        out("hash %d" % value, hash(value))


out("version", sys.version.split()[0])
sizes()
caches()
interning()
hashes()
