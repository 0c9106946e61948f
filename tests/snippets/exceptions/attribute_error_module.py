# A missing module attribute raises AttributeError naming the module.
import sys
print(hasattr(sys, "getrefcount"))  # expect: True
print(getattr(sys, "tau_squared", "absent"))  # expect: absent
sys.tau_squared  # expect error: AttributeError: module 'sys' has no attribute 'tau_squared'
