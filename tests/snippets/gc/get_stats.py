# gc.get_stats() reports, per generation, the collections run and objects collected.
import gc
stats = gc.get_stats()
print(len(stats))
print(sorted(stats[0]))
