# At the prompt two 1.5 literals on separate lines are separate float objects.
# mode: repl
a = 1.5
b = 1.5
a is b
a == b
