# set_threshold changes when automatic collections happen; get_threshold reads it back.
# 3.14.0-3.14.4 (the incremental collector) read the third threshold back as 0.
import gc
old = gc.get_threshold()
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old)
