# printf-style formatting with %.
# profiles: all
print("%s has %d items" % ("list", 3))  # expect: list has 3 items
print("%05.2f|%-6s|%x|%o" % (3.14159, "ab", 255, 8))  # expect: 03.14|ab    |ff|10
print("%r %s" % ("q", "q"))  # expect: 'q' q
print("%(a)s-%(b)s" % {"a": 1, "b": 2})  # expect: 1-2
print("100%%")  # expect: 100%%
print("%d%%" % 100)  # expect: 100%
