# 3.13 leaves underscored names out of "Did you mean" unless the lookup failed on the `self` of
# the frame it failed in: inside a method, `self.value` is offered `_value` (3.12 offers it
# wherever the lookup fails; 3.13 outside a method offers nothing: attribute_suggestion.py).
# compare: traceback
# profiles: 3.10+
class Meter:
    def __init__(self):
        self._value = 0

    def read(self):
        return self.value


m = Meter()
m.read()
