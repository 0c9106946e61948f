# The generation thresholds: 700 allocations trigger a young collection (2000 from 3.13);
# every 10 young collections a middle one, every 10 of those a full one.
# profiles: all
import gc
t = gc.get_threshold()
print(t)
print(len(t))
