# A module made by calling the module type keeps the very str it was given: in its __dict__
# as __name__, and from 3.x also in the module object itself (md_name); 2.7's module struct is
# its dict alone, so the name gains one reference there and two in 3.x.
# profiles: all
import sys
s = "my-mod x"
before = sys.getrefcount(s)
m = type(sys)(s)
print(m.__name__ is s, sys.getrefcount(s) - before)
del m
print(sys.getrefcount(s) - before)
