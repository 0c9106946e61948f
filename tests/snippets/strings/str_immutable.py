# Strings are immutable: item assignment is a TypeError.
s = "hello"
t = s.upper()
print(s, t)  # expect: hello HELLO
print("j" + s[1:])  # expect: jello
s[0] = "j"  # expect error: TypeError: 'str' object does not support item assignment
