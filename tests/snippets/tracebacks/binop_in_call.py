# A traceback through a call: from 3.11 each entry marks the failing expression under its
# line, `~` for the operands and `^` for the operator; 3.13 marks the call's brackets too.
# compare: traceback
# profiles: all
def ratio(pair):
    return pair[0] + 1 / pair[1]


values = [1, 0]
print(ratio(values))
