# A dict comprehension; later duplicate keys overwrite earlier ones but keep the first position.
squares = {n: n * n for n in range(5)}
print(squares)  # expect: {0: 0, 1: 1, 2: 4, 3: 9, 4: 16}
by_len = {len(w): w for w in ["a", "bb", "cc", "d"]}
print(by_len)  # expect: {1: 'd', 2: 'cc'}
