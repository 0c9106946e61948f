# Everyday str methods return new strings; the original is unchanged.
s = "  Memory Lab  "
print(s.strip().lower())  # expect: memory lab
print(s.split())  # expect: ['Memory', 'Lab']
print("-".join(["a", "b", "c"]))  # expect: a-b-c
print(s.replace("Lab", "Pool").strip())  # expect: Memory Pool
print(s.find("Lab"), s.find("zzz"))  # expect: 9 -1
print(repr(s))  # expect: '  Memory Lab  '
