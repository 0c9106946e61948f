# At the prompt gc.collect()'s return value is echoed (the first call, assigned, clears
# whatever the session start left behind).
# mode: repl
import gc
flushed = gc.collect()
a = []; b = [a]; a.append(b)
del a, b
gc.collect()
gc.collect()
