# join builds the result once; repetition and concatenation build new strings.
parts = ["x"] * 5
joined = "".join(parts)
print(joined, len(joined))  # expect: xxxxx 5
print("ab" * 3)  # expect: ababab
print(", ".join(str(i) for i in range(4)))  # expect: 0, 1, 2, 3
acc = ""
for p in parts:
    acc += p
print(acc == joined)  # expect: True
