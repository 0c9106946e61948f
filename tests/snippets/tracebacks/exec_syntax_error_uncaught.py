# An uncaught SyntaxError from exec prints as the compiler's do: the file and line of the
# string, its text and a caret, then the message without the location suffix.
# profiles: 3.6+
# compare: traceback
src = "if True:\nprint(1)\n"
exec(src)
