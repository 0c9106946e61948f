# At the prompt too, a temporary's memory is immediately reused.
# mode: repl
id([]) == id([])
x = [1]
old = id(x)
del x
y = [2]
id(y) == old
