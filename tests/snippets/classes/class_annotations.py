# Where a class's and a module's annotations live. Up to 3.13 the body fills an __annotations__
# dict as it runs. In 3.14 (PEP 649) it keeps an __annotate__ function instead (a class's as
# __annotate_func__, reading the class's names through a __classdict__ cell) and a set of the
# annotations that did run where they might not (__conditional_annotations__: in a module any,
# in a class those under if/for/while/with/try); the dict is made on first read, a class's then
# kept as __annotations_cache__.
import sys

retries: int = 3


class Config(object):
    Port = int
    host: str = 'localhost'
    port: int
    if retries > 5:
        debug: bool = False
    def run(self, n: Port) -> None: pass


print(sorted(k for k in Config.__dict__ if 'annot' in k))
print(Config.__annotations__ == {'host': str, 'port': int})
print(sorted(k for k in Config.__dict__ if 'annot' in k))
print(sorted(k for k in globals() if 'annot' in k))
print(sorted(Config.run.__annotations__))
print(getattr(getattr(Config.run, '__annotate__', None), '__closure__', None) is None)
