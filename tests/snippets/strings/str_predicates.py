# isdigit, isalpha, isalnum and isidentifier on a few strings; the empty string is never
# digits or letters.
samples = ["123", "abc", "a1", "", "x_y", "3d", "\xb2"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isidentifier())
