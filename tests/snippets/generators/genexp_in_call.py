# A generator expression as the only argument needs no extra parentheses.
print(sum(x * x for x in range(10)))  # expect: 285
print(max(len(w) for w in ["a", "abc", "ab"]))  # expect: 3
print(any(n > 5 for n in [1, 9]))  # expect: True
print(list(x for x in "hi"))  # expect: ['h', 'i']
