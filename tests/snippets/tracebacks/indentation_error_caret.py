# expected an indented block: 3.10-3.12 print one caret for an IndentationError, 3.13 the range.
# profiles: 3.6+
# compare: traceback
exec("if True:\nprint(1)\n")
