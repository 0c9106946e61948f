# A line indented deeper than its block is an IndentationError.
x = 1
y = 2
print(x)
    z = 3  # expect error: IndentationError: unexpected indent
print(z)
