# What a failed assert points at: the comparison in 3.11 and from 3.13, the whole statement
# (no markers) in 3.12.
# compare: traceback
def check(n):
    assert n == 1, 'n must be one'


check(2)
