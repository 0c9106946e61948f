# At the prompt each statement is compiled on its own, so two 1000 literals typed on
# separate lines are two objects; on one line they share a code object again.
# mode: repl
a = 1000
b = 1000
a is b
a == b
c = 1000; d = 1000
c is d
