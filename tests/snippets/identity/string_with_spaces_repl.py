# Typed line by line at the prompt, the same two literals live in two code objects and,
# not being identifier-like, are not interned: `is` is False.
# mode: repl
a = "it is a very good day"
b = "it is a very good day"
a is b
a == b
