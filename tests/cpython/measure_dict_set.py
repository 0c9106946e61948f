# Measures what tests/unit/test_dict_object.cpp and test_set_object.cpp compare against: dict and
# set sizes while int keys are inserted, the blocks behind them (tracemalloc, 3.4+), free lists,
# GC tracking, traversal and release order. One "name = value" line per fact. Runs on 2.7 and 3.x:
#   for v in 2.7.18 3.6.15 3.8.18 3.10.13 3.11.7 3.12.1 3.13.0; do $(pyenv root)/versions/$v/bin/python measure_dict_set.py; done
from __future__ import print_function

import gc
import sys

try:
    import tracemalloc
except ImportError:  # 2.7
    tracemalloc = None

PY2 = sys.version_info[0] == 2
HOLD = []  # objects kept alive so that free lists stay drained
LAST = None


def fact(name, value):
    print("%s = %r" % (name, value))


# ---- helpers: each allocating statement sits on its own known line --------------------------

def new_dict():
    return {}


def put(d, k):
    d[k] = None


def new_dict_with(k):
    d = new_dict()
    put(d, k)
    return d


def fresh_dict():
    # Empties the dict free list first (the snapshot just taken may have refilled it); the
    # emptying dicts are kept, so that none is freed inside the measurement.
    # (One freed dict can still slip in between: three are made, two at least are fresh.)
    sink = [{} for _ in range(100)]
    return [new_dict(), new_dict(), new_dict()], sink


def new_set():
    return set()


def add(s, k):
    s.add(k)


THIS_FILE = new_dict.__code__.co_filename
ALLOC_LINES = set(f.__code__.co_firstlineno + 1 for f in (new_dict, put, new_set, add))


def live_blocks():
    """Sizes of the live traced blocks allocated on the lines of new_dict, put, new_set, add."""
    snap = tracemalloc.take_snapshot()
    return sorted(t.size for t in snap.traces
                  if t.traceback[0].filename == THIS_FILE and t.traceback[0].lineno in ALLOC_LINES)


def release_last():
    global LAST
    LAST = None


def traced(action, *args):
    """Runs action(*args); returns [sizes of blocks it allocated, sizes of blocks it freed]
    among those traced on the helper lines. A block taken from or given to a free list shows
    in neither (it stays allocated, or was never traced)."""
    global LAST
    LAST = None
    before = live_blocks()
    LAST = action(*args)  # kept, so that a new object survives until the snapshot
    after = live_blocks()
    added, removed = list(after), []
    for b in before:
        if b in added:
            added.remove(b)
        else:
            removed.append(b)
    return [added, removed]


def drain_free_lists():
    # More than 80 dicts with one int key each: empties the dict and dict-keys free lists.
    for i in range(100):
        d = {}
        d[i] = None
        HOLD.append(d)
    for i in range(100):
        HOLD.append(set())


def gc_head_size():
    return sys.getsizeof([]) - [].__sizeof__()


def same_size_other_object(nbytes):
    """A bytes (2.7: str) object whose request is exactly nbytes, made by one allocation."""
    return b"x" * (nbytes - sys.getsizeof(b""))


def freed_block_goes_to_other_object(make, nbytes):
    """Frees one of 300 GC objects (its pool is full, so pymalloc would hand its block out
    next) and asks for a same-size block: False when a free list kept the freed block."""
    objs = [make() for _ in range(300)]
    block = id(objs[150]) - gc_head_size()  # id() is past the GC header; a bytes has none
    objs[150] = None
    other = same_size_other_object(nbytes)
    return id(other) == block


# ---- dict --------------------------------------------------------------------------------------

def dict_facts():
    d = new_dict()
    sizes, blocks = [], []
    for i in range(41):
        sizes.append(sys.getsizeof(d))
        if tracemalloc:
            blocks.append(traced(put, d, i))
        else:
            put(d, i)
    fact("dict_getsizeof_0_to_40_int_keys", sizes)
    # Per insertion: [blocks allocated, blocks freed].
    if tracemalloc:
        fact("dict_blocks_per_insert_1_to_41", blocks)

    # Deletions: insert keys 0..n-1, delete all but 0, insert n..n+5 (fresh slots).
    for n in (5, 10):
        d = {}
        for i in range(n):
            d[i] = None
        for i in range(1, n):
            del d[i]
        seq = [sys.getsizeof(d)]
        for k in range(n, n + 6):
            d[k] = None
            seq.append(sys.getsizeof(d))
        fact("dict_insert_%d_delete_%d_then_insert_6_getsizeof" % (n, n - 1), seq)

    # str keys: 3.11+ tables of str keys have 16-byte entries, and turn general (24-byte
    # entries, size from GROWTH_RATE) when another key arrives.
    d = {}
    for k in ["a", "b", "c", "d"]:
        d[k] = None
    before = sys.getsizeof(d)
    d[1] = None
    fact("dict_4_str_keys_then_int_key_getsizeof", [before, sys.getsizeof(d)])
    d = {}
    d["x"] = []
    fact("dict_referents_str_key_list_value", gc.get_referents(d))

    fact("dict_basicsize", dict.__basicsize__)
    fact("getsizeof_dict_str_key", sys.getsizeof({"a": 1}))
    fact("getsizeof_dict_empty_literal", sys.getsizeof({}))
    fact("getsizeof_dict_call", sys.getsizeof(dict()))
    d = {1: None}
    d.clear()
    fact("getsizeof_dict_cleared", sys.getsizeof(d))

    # Free list: a freed {} keeps its block (a same-size bytes object does not get it) and the
    # next {} gets it back; dict() allocates through tp_alloc and skips the free list.
    # Measured first: the free list must have room for the freed dict (it holds at most 80).
    d = None
    p = {}
    a = id(p)
    del p
    q = {}
    fact("dict_literal_reuses_freed_dict", id(q) == a)
    del q
    r = dict()
    fact("dict_call_reuses_freed_dict", id(r) == a)
    del r
    block = dict.__basicsize__ + gc_head_size()
    fact("dict_freed_block_went_to_other_object", freed_block_goes_to_other_object(dict, block))

    # Collisions (hash(i) == i): the order of the keys (2.7 shows the table order).
    d = {}
    for k in [8, 0, 16, 1, 24, 9]:
        d[k] = None
    fact("dict_order_8_0_16_1_24_9", list(d))
    del d[0]
    d[32] = None
    fact("dict_order_after_del_0_add_32", list(d))

    # Tracking.
    d = {}
    t0 = gc.is_tracked(d)
    d[1] = 2
    t1 = gc.is_tracked(d)
    d[2] = []
    t2 = gc.is_tracked(d)
    del d[2]
    t3 = gc.is_tracked(d)
    e = {}
    e[()] = 1
    fact("dict_tracked_empty_intkey_listvalue_afterdel", [t0, t1, t2, t3])
    fact("dict_tracked_with_empty_tuple_key", gc.is_tracked(e))

    # Traversal order: keys 10, 20; values 'a', 'b'.
    d = {}
    d[10] = "a"
    d[20] = "b"
    fact("dict_referents_10a_20b", gc.get_referents(d))

    # Release order: floats made one allocation each, then freed with the dict; the float free
    # list hands out the last freed first.
    base = 0.5
    d = {}
    for i in range(3):
        d[i] = base + i
    ids = [id(d[i]) for i in range(3)]
    del d
    x = base + 10
    y = base + 11
    z = base + 12
    fact("dict_release_order_of_values", [ids.index(id(v)) if id(v) in ids else -1 for v in (x, y, z)])


def dict_keys_facts():
    if not tracemalloc:
        return
    # Is a freed dict's keys block kept for the next dict? 3.6-3.10 keep size-8 keys; 3.11+ only
    # unicode ones. The first put() into a fresh dict allocates a keys block, or takes one
    # from the keys free list (then no new trace).
    for label, key in (("int", 1), ("str", "k")):
        release_last()  # before the measurement: the dict it frees must not be the one reused
        d = new_dict_with(key)
        del d
        fact("dict_%s_key_after_free_blocks" % label, traced(new_dict_with, key))
    # A dict object's request when no free-listed dict is at hand.
    fact("dict_object_request", traced(fresh_dict)[0])
    fact("set_object_request", traced(new_set)[0])


# ---- set ---------------------------------------------------------------------------------------

def set_facts():
    release_last()
    s = new_set()
    sizes, blocks = [], []
    for i in range(41):
        sizes.append(sys.getsizeof(s))
        if tracemalloc:
            blocks.append(traced(add, s, i))
        else:
            add(s, i)
    fact("set_getsizeof_0_to_40", sizes)
    if tracemalloc:
        fact("set_blocks_per_add_1_to_41", blocks)

    # Dummies: add 0..n-1, discard all but 0, add n..n+5 (fresh slots).
    for n in (4, 18):
        s = set()
        for i in range(n):
            s.add(i)
        for i in range(1, n):
            s.discard(i)
        seq = [sys.getsizeof(s)]
        for k in range(n, n + 6):
            s.add(k)
            seq.append(sys.getsizeof(s))
        fact("set_add_%d_discard_%d_then_add_6_getsizeof" % (n, n - 1), seq)

    fact("set_basicsize", set.__basicsize__)
    fact("frozenset_basicsize", frozenset.__basicsize__)
    fact("getsizeof_set", sys.getsizeof(set()))
    fact("frozenset_empty_is_singleton", frozenset() is frozenset())
    fact("frozenset_of_empty_list_is_singleton", frozenset([]) is frozenset())
    fact("set_tracked_empty_ints", [gc.is_tracked(set()), gc.is_tracked(set([1, 2]))])
    fact("frozenset_tracked_empty_ints", [gc.is_tracked(frozenset()), gc.is_tracked(frozenset([1, 2]))])

    s = set()
    for k in [8, 0, 16, 1, 24, 9]:
        s.add(k)
    fact("set_order_8_0_16_1_24_9", list(s))
    s.discard(0)
    s.add(32)
    fact("set_order_after_discard_0_add_32", list(s))
    s = set()
    for k in [7, 15, 23]:
        s.add(k)
    fact("set_order_7_15_23", list(s))
    fact("set_referents_7_15_23", gc.get_referents(s))

    # Free list (2.7): a freed set keeps its block.
    block = set.__basicsize__ + gc_head_size()
    fact("set_freed_block_went_to_other_object", freed_block_goes_to_other_object(set, block))

    # Release order: ints 1009 (slot 1) then 1000 (slot 0) are released in table order; the
    # pool's free list hands out the last freed block first.
    n = 1000
    s = set()
    s.add(n + 9)
    s.add(n + 0)
    ids = list(map(id, s))  # no comprehension: 2.7's would keep its loop variable bound
    order = list(map(lambda v: v - n, s))
    del s
    x = n + 50
    fact("set_table_order_and_first_reused", [order, ids.index(id(x)) if id(x) in ids else -1])


def hash_facts():
    fact("hash_ints", [hash(-1), hash(2**61 - 1), hash(2**61), hash(-(2**61)), hash(2**64), hash(2**100)])


def main():
    fact("version", "%d.%d.%d" % sys.version_info[:3])
    fact("gc_head_size", gc_head_size())
    # No collection while measuring: a full one empties the free lists (3.x), and any one could
    # free a snapshot's leftovers into them in the middle of a measurement.
    gc.disable()
    drain_free_lists()
    if tracemalloc:
        tracemalloc.start(1)
    dict_facts()
    dict_keys_facts()
    set_facts()
    hash_facts()


if __name__ == "__main__":
    main()
