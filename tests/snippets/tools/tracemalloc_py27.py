# tracemalloc arrived in Python 3.4: under 2.7 there is no such module.
# profiles: 2.7
import sys
print sys.version_info[0]  # expect: 2
import gc
import tracemalloc  # expect error: ImportError: No module named tracemalloc
