# A split piece that is the whole string is the string itself; other pieces are new strings,
# except one-character ones, which come from the Latin-1 cache. From 3.12 str.split sizes its
# first list by the subject's length instead of twelve slots.
# oracle: 64-bit
import sys
x = "no-separator-here"
print(x.split(",")[0] is x, x.split()[0] is x, x.rsplit("z")[0] is x, x.splitlines()[0] is x)
print(x.split("-", 0)[0] is x, x.partition(",")[0] is x, x.rpartition(",")[2] is x)
y = "a,b,c"
print(y.split(",")[1] is "b", y.partition(",")[1] is ",", y.rsplit(",", 1))
def slots(lst):
    return (sys.getsizeof(lst) - sys.getsizeof([])) // 8  # the list's allocated item slots
for s in ["", "a", "a b", "a b c d e", " ".join("abcdefghijklmnop")]:
    print(slots(s.split()), slots(s.split(" ")), slots(s.rsplit(None, 2)), slots(s.encode().split()))
print(slots("a\nb".splitlines()), slots("".split(",")), slots("ab".split("abc")), slots("a,b".split(",", 5)))
print("a\r\nb\rc\nd\x0be\x1cf\u2028g".splitlines())
print("a\r\nb\n".splitlines(True), "".splitlines(), "\n".splitlines(), "abc".splitlines(True))
