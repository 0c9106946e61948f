# Code compiled by exec or eval from a string is filed as '<string>', and from 3.6 every such
# code object holds the same str: an identifier CPython keeps up to 3.10, a static string from
# 3.11 (immortal from 3.12). So each code object exec makes adds a reference to it, not a block.
# profiles: 3.6+
import sys
a = {}
b = {}
exec("def f(): pass", a)
exec("def f(): pass", b)
name = a['f'].__code__.co_filename
print(name, name is b['f'].__code__.co_filename)
print(eval("lambda: 0").__code__.co_filename is name)
base = sys.getrefcount(name)
c = {}
exec("def g(): pass\ndef h(): pass", c)
print(sys.getrefcount(name) - base)
del c
print(sys.getrefcount(name) - base)
