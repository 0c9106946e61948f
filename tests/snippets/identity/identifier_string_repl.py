# Identifier-like literals are interned when compiled, so even across prompt statements
# "good" is one object.
# mode: repl
a = "good"
b = "good"
a is b
c = "good!"
d = "good!"
c is d
