# Indexing past the end of a list raises IndexError; slicing past the end does not.
l = [1, 2]
print(l[-1])  # expect: 2
print(l[1:100])  # expect: [2]
l[5]  # expect error: IndexError: list index out of range
