# At the prompt, expression statements echo their repr; None is not echoed.
# mode: repl
l = [1, "two", 3.0]
l
l.append(None)
l
{"k": (1,)}
print(l)
l.pop()
