# An operation split over lines: 3.11/3.12 mark its first line to the end; 3.13 marks both
# lines, the operator with `^`.
# compare: traceback
# profiles: 3.8+
count = 3
text = ('total: ' +
        count)
