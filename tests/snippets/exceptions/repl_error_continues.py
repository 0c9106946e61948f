# At the prompt an exception prints its traceback and the session goes on with the next
# statement; names bound before the error keep their values.
# mode: repl
x = 10
x
x / 0
x + 1
undefined_name
"still running"
