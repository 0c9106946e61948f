# unexpected indent: from 3.10 no caret, since it would point left of the stripped line.
# profiles: 3.6+
# compare: traceback
exec("def f():\n  return 1\n    x = 2\n")
