# print() joins its arguments with sep and finishes with end.
print("a", "b", "c")  # expect: a b c
print("a", "b", sep="-")  # expect: a-b
print("no newline", end="|")
print("next")  # expect: no newline|next
print()  # expect:
print(1, [2], None, sep=", ")  # expect: 1, [2], None
