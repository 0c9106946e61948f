# At the prompt each tuple literal belongs to its own statement's code object.
# mode: repl
a = (1, 2, 3)
b = (1, 2, 3)
a is b
a == b
