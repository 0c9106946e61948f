# A string literal missing its closing quote.
print("start")
s = "abc
print(s)
t = 1
