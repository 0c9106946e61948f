# break is only valid inside a loop.
x = 1
print(x)
if x:
    break  # expect error: SyntaxError: 'break' outside loop
