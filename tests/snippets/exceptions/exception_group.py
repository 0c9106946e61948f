# 3.11 exception groups: except* handles the matching parts separately.
# profiles: 3.11+
try:
    raise ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as g:
    print("values", [e.args[0] for e in g.exceptions])
except* TypeError as g:
    print("types", [e.args[0] for e in g.exceptions])
