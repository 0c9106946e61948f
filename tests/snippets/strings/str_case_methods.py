# Case methods use Unicode's full mappings: 'ß' uppercases to 'SS', a final sigma lowers to 'ς'.
words = ["hello World", "ǅemal", "straße", "ΣΑΣ ΣΑΣ", "İstanbul", "o'neil's 2nd-place", "ﬁre", ""]
for w in words:
    print(repr(w.upper()), repr(w.lower()), repr(w.title()))
    print(repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
print("ABC".lower() is "ABC".lower(), "abc".upper() == "ABC")
s = "already lower"
print(s.lower() is s, s.lower() == s)
