# A syntax error anywhere stops the whole file before its first line runs.
print("line 2 would print")
x = 10
y = 20
z = x +* y
print(z)
