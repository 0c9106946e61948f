# The is* predicates follow Unicode: digits, decimals, numerics, letters, spaces and case.
samples = ["123", "١٢٣", "²", "½", "abc", "ABC", "Ab", "ǅ", "ß", " \t\n", "\u3000", "\x1c", "", "x1", "_id", "1id", "ℕ"]
for s in samples:
    print(ascii(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(), s.isspace())
    print(ascii(s), s.islower(), s.isupper(), s.istitle(), s.isidentifier(), s.isprintable())
print("Hello World".istitle(), "Hello world".istitle(), "HELLO".isupper(), "hello1".islower(), "1".islower())
