# "Did you mean" for `from module import name`: from 3.12 the ImportError records the missing
# name (name_from) and the traceback suggests the closest name in the module's dir(); before,
# only the message. 3.6 does not even name the module.
# compare: traceback
# profiles: 3.6+
import gc

gc.collect()
from gc import get_treshold
