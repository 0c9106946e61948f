# from __future__ import division gives Python 3's true division in Python 2.
# profiles: 2.7
from __future__ import division
print 7 / 2  # expect: 3.5
print 7 // 2  # expect: 3
print 6 / 3  # expect: 2.0
