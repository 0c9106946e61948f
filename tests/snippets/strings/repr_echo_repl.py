# At the prompt an expression echoes its repr, so strings show their quotes; print does not.
# mode: repl
s = "it's"
s
print(s)
s.upper()
"a" + "b"
len(s)
