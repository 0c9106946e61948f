# An operation split over lines: up to 3.7 it is reported on its last operand's line (the
# compiler's line only grew within a statement), from 3.8 on its first; 3.11/3.12 mark that
# line to the end; 3.13 marks both lines, the operator with `^`.
# compare: traceback
# profiles: all
count = 3
text = ('total: ' +
        count)
