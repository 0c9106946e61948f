# Python 2 has two integer types: int overflows into long, whose repr ends in L.
# profiles: 2.7
import sys
n = sys.maxint
print type(n).__name__, type(n + 1).__name__  # expect: int long
print repr(2 ** 64)  # expect: 18446744073709551616L
print 2 ** 64  # expect: 18446744073709551616
print 10L == 10  # expect: True
