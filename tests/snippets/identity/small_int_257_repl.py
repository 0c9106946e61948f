# At the prompt the small-int cache still decides: 256 is shared across statements, 257 is not.
# mode: repl
a = 256
b = 256
a is b
a = 257
b = 257
a is b
