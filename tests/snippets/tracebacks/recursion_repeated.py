# Repeated entries: after three identical ones (same file, line and function) the rest are
# counted, "[Previous line repeated N more times]" (3.6+; 2.7 prints them all).
# compare: traceback
# profiles: all
def countdown(n):
    if n == 0:
        raise RuntimeError('liftoff')
    return countdown(n - 1)


countdown(12)
