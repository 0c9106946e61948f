# A number eval() compiles is a constant of its own code object: not the script's 1000, though
# equal; small ints still come from the cache.
# profiles: all
a = 1000
b = eval("1000")
print(a is b, a == b)
print(eval("100") is 100, eval("-5") is -5, eval("257") is eval("257"))
c = eval("'interned_name'")
print(c is "interned_name", c == "interned_name")
