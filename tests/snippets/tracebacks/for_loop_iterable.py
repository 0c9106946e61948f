# Iterating over what cannot be iterated: up to 3.12 the error belongs to the whole `for`
# statement (no markers); 3.13 marks the iterable.
# compare: traceback
rows = [5]
for cell in rows[0]:
    print(cell)
