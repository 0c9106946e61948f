# sorted() takes a key function and is stable: equal keys keep their original order.
words = ["pear", "fig", "apple", "kiwi", "banana", "date"]
print(sorted(words))  # expect: ['apple', 'banana', 'date', 'fig', 'kiwi', 'pear']
print(sorted(words, key=len))  # expect: ['fig', 'pear', 'kiwi', 'date', 'apple', 'banana']
print(sorted(words, key=lambda w: (-len(w), w)))  # expect: ['banana', 'apple', 'date', 'kiwi', 'pear', 'fig']
print(words[0])  # expect: pear
