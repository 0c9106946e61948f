# str + int: the message is phrased from the string's side and changed in 3.7.
s = "age: "
print(s + str(42))
print("%s%d" % (s, 42))
print(s + 42)
