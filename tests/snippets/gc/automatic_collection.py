# Allocating container objects past threshold 0 triggers young collections automatically.
import gc
runs = []
gc.collect()
gc.set_threshold(50, 10, 10)
gc.callbacks.append(lambda phase, info: phase == "start" and runs.append(info["generation"]))
keep = [[] for i in range(180)]
gc.callbacks.clear()
gc.set_threshold(700, 10, 10)
print(runs)
