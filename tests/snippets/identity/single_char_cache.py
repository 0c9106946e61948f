# One-character Latin-1 strings made at run time (chr, indexing) are cached singletons;
# whether the literal "a" in co_consts is that same singleton depends on the version.
# profiles: all
a = chr(97)
word = "xa"
b = word[1]
print(a is b)
s = "banana"
print(s[1] is s[3])
literal = "a"
print(a is literal)
