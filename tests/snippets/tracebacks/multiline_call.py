# A call spanning several lines: up to 3.7 it is reported on its last argument's line; up to
# 3.12 only its first line is shown (and marked unless the marks would cover it); 3.13 shows
# every line, dedented, with `~` under the callee and `^` under the arguments.
# compare: traceback
# profiles: all
def total(*parts):
    raise TypeError('cannot add %d parts' % len(parts))


grand = [0,
         total(
             1,
             2,
             3)]
