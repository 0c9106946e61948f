// The Python source of the lab's `_weakrefset` and `weakref` modules (weakrefmodule.cpp compiles
// them on first import). Written for the lab, after the behaviour of CPython's Lib/_weakrefset.py
// and Lib/weakref.py: entries vanish when their referent dies (later, if an iteration over the
// container is running), the containers hold weak references with callbacks and never the
// objects, and the names, reprs and methods are CPython's. The text must parse under every
// profile's grammar: 2.7-only and 3.x-only parts are appended by the functions at the end.
#include <string>

#include "profile/profile.h"

namespace pymemlab {

namespace {

// _weakrefset: WeakSet. `_guard` counts running iterations; a member that dies meanwhile is
// queued in `_dead` and dropped when the last iteration ends.
constexpr const char* kWeakSetSource = R"PY(
from _weakref import ref


class _Guard(object):
    """Keeps a container's removals queued while an iteration over it runs."""
    __slots__ = ("owner",)

    def __init__(self, owner):
        self.owner = ref(owner)

    def __enter__(self):
        owner = self.owner()
        if owner is not None:
            owner._guard += 1
        return self

    def __exit__(self, kind, value, tb):
        owner = self.owner()
        if owner is not None:
            owner._guard -= 1
            if not owner._guard:
                owner._flush()


def _remover(container):
    """The callback of the container's weak references, which holds the container weakly."""
    container_ref = ref(container)

    def remove(wr):
        owner = container_ref()
        if owner is not None:
            owner._forget(wr)
    return remove


class WeakSet(object):
    def __init__(self, data=None):
        self.data = set()
        self._guard = 0
        self._dead = []
        self._remove = _remover(self)
        if data is not None:
            self.update(data)

    def _forget(self, wr):
        if self._guard:
            self._dead.append(wr)
        else:
            self.data.discard(wr)

    def _flush(self):
        while self._dead:
            self.data.discard(self._dead.pop())

    def __iter__(self):
        with _Guard(self):
            for wr in self.data:
                item = wr()
                if item is not None:
                    yield item

    def __len__(self):
        return len(self.data) - len(self._dead)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def add(self, item):
        self._flush_if_idle()
        self.data.add(ref(item, self._remove))

    def _flush_if_idle(self):
        if self._dead and not self._guard:
            self._flush()

    def clear(self):
        self._flush_if_idle()
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        self._flush_if_idle()
        while True:
            try:
                wr = self.data.pop()
            except KeyError:
                raise KeyError('pop from empty WeakSet')
            item = wr()
            if item is not None:
                return item

    def remove(self, item):
        self._flush_if_idle()
        self.data.remove(ref(item))

    def discard(self, item):
        self._flush_if_idle()
        self.data.discard(ref(item))

    def update(self, other):
        self._flush_if_idle()
        for item in other:
            self.add(item)

    def __ior__(self, other):
        self.update(other)
        return self

    def union(self, other):
        result = self.copy()
        result.update(other)
        return result
    __or__ = union

    def difference(self, other):
        result = self.copy()
        result.difference_update(other)
        return result
    __sub__ = difference

    def difference_update(self, other):
        self._flush_if_idle()
        if self is other:
            self.data.clear()
        else:
            for item in other:
                self.discard(item)

    def __isub__(self, other):
        self.difference_update(other)
        return self

    def intersection(self, other):
        return self.__class__(item for item in other if item in self)
    __and__ = intersection

    def intersection_update(self, other):
        self._flush_if_idle()
        keep = set(ref(item) for item in other)
        for wr in list(self.data):
            if wr not in keep:
                self.data.discard(wr)

    def __iand__(self, other):
        self.intersection_update(other)
        return self

    def symmetric_difference(self, other):
        result = self.copy()
        result.symmetric_difference_update(other)
        return result
    __xor__ = symmetric_difference

    def symmetric_difference_update(self, other):
        self._flush_if_idle()
        if self is other:
            self.data.clear()
            return
        for item in other:
            wr = ref(item, self._remove)
            if wr in self.data:
                self.data.discard(wr)
            else:
                self.data.add(wr)

    def __ixor__(self, other):
        self.symmetric_difference_update(other)
        return self

    def issubset(self, other):
        return self.data.issubset(ref(item) for item in other)
    __le__ = issubset

    def __lt__(self, other):
        return self.data < set(ref(item) for item in other)

    def issuperset(self, other):
        return self.data.issuperset(ref(item) for item in other)
    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > set(ref(item) for item in other)

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == set(ref(item) for item in other)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def isdisjoint(self, other):
        return len(self.intersection(other)) == 0
)PY";

// weakref: the names of _weakref, then KeyedRef and the two dictionaries.
constexpr const char* kWeakrefSource = R"PY(
import sys
from _weakref import getweakrefcount, getweakrefs, ref, proxy, CallableProxyType, ProxyType, ReferenceType
from _weakref import _remove_dead_weakref
from _weakrefset import WeakSet, _Guard, _remover

ProxyTypes = (ProxyType, CallableProxyType)
_PY3 = sys.version_info[0] >= 3


class KeyedRef(ref):
    """A weak reference that remembers the key its value is stored under."""
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super(KeyedRef, self).__init__(ob, callback)


class WeakValueDictionary(object):
    """A mapping whose values are held weakly: an entry goes when its value dies."""

    def __init__(self, other=(), **kw):
        self.data = {}
        self._guard = 0
        self._dead = []
        self._remove = _remover(self)
        self.update(other, **kw)

    def _forget(self, wr):
        if self._guard:
            self._dead.append(wr.key)
        else:
            _remove_dead_weakref(self.data, wr.key)

    def _flush(self):
        while self._dead:
            _remove_dead_weakref(self.data, self._dead.pop())

    def _flush_if_idle(self):
        if self._dead and not self._guard:
            self._flush()

    def __getitem__(self, key):
        self._flush_if_idle()
        value = self.data[key]()
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self._flush_if_idle()
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        self._flush_if_idle()
        del self.data[key]

    def __len__(self):
        self._flush_if_idle()
        return len(self.data)

    def __contains__(self, key):
        self._flush_if_idle()
        try:
            value = self.data[key]()
        except KeyError:
            return False
        return value is not None

    def __repr__(self):
        return "<%s at %s>" % (self.__class__.__name__, hex(id(self)))

    def get(self, key, default=None):
        self._flush_if_idle()
        try:
            wr = self.data[key]
        except KeyError:
            return default
        value = wr()
        return default if value is None else value

    def _iteritems(self):
        with _Guard(self):
            for key, wr in self.data.items():
                value = wr()
                if value is not None:
                    yield key, value

    def _iterkeys(self):
        with _Guard(self):
            for key, wr in self.data.items():
                if wr() is not None:
                    yield key

    def _itervalues(self):
        with _Guard(self):
            for wr in self.data.values():
                value = wr()
                if value is not None:
                    yield value

    def __iter__(self):
        return self._iterkeys()

    if _PY3:
        keys, values, items = _iterkeys, _itervalues, _iteritems
    else:
        iterkeys, itervalues, iteritems = _iterkeys, _itervalues, _iteritems
        has_key = __contains__

        def keys(self):
            return list(self._iterkeys())

        def values(self):
            return list(self._itervalues())

        def items(self):
            return list(self._iteritems())

    def itervaluerefs(self):
        with _Guard(self):
            for wr in self.data.values():
                yield wr

    def valuerefs(self):
        self._flush_if_idle()
        return list(self.data.values())

    def pop(self, key, *default):
        self._flush_if_idle()
        try:
            value = self.data.pop(key)()
        except KeyError:
            value = None
        if value is None:
            if default:
                return default[0]
            raise KeyError(key)
        return value

    def popitem(self):
        self._flush_if_idle()
        while True:
            key, wr = self.data.popitem()
            value = wr()
            if value is not None:
                return key, value

    def setdefault(self, key, default=None):
        value = self.get(key)
        if value is None:
            self[key] = default
            return default
        return value

    def update(self, other=None, **kw):
        self._flush_if_idle()
        if other is not None:
            if hasattr(other, "keys"):
                other = [(key, other[key]) for key in other.keys()]
            for key, value in other:
                self[key] = value
        for key in kw:
            self[key] = kw[key]

    def clear(self):
        self._flush_if_idle()
        self.data.clear()

    def copy(self):
        result = self.__class__()
        for key, value in self._iteritems():
            result[key] = value
        return result
    __copy__ = copy


class WeakKeyDictionary(object):
    """A mapping whose keys are held weakly: an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        self._guard = 0
        self._dead = []
        self._remove = _remover(self)
        if dict is not None:
            self.update(dict)

    def _forget(self, wr):
        if self._guard:
            self._dead.append(wr)
        else:
            self.data.pop(wr, None)

    def _flush(self):
        while self._dead:
            self.data.pop(self._dead.pop(), None)

    def _flush_if_idle(self):
        if self._dead and not self._guard:
            self._flush()

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __len__(self):
        return len(self.data) - len(self._dead)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %s>" % (self.__class__.__name__, hex(id(self)))

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def _iteritems(self):
        with _Guard(self):
            for wr, value in self.data.items():
                key = wr()
                if key is not None:
                    yield key, value

    def _iterkeys(self):
        with _Guard(self):
            for wr in self.data:
                key = wr()
                if key is not None:
                    yield key

    def _itervalues(self):
        with _Guard(self):
            for wr, value in self.data.items():
                if wr() is not None:
                    yield value

    def __iter__(self):
        return self._iterkeys()

    if _PY3:
        keys, values, items = _iterkeys, _itervalues, _iteritems
    else:
        iterkeys, itervalues, iteritems = _iterkeys, _itervalues, _iteritems
        has_key = __contains__

        def keys(self):
            return list(self._iterkeys())

        def values(self):
            return list(self._itervalues())

        def items(self):
            return list(self._iteritems())

    def keyrefs(self):
        return list(self.data)

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def popitem(self):
        self._flush_if_idle()
        while True:
            wr, value = self.data.popitem()
            key = wr()
            if key is not None:
                return key, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kw):
        if dict is not None:
            if hasattr(dict, "keys"):
                dict = [(key, dict[key]) for key in dict.keys()]
            for key, value in dict:
                self[key] = value
        for key in kw:
            self[key] = kw[key]

    def clear(self):
        self.data.clear()

    def copy(self):
        result = self.__class__()
        for key, value in self._iteritems():
            result[key] = value
        return result
    __copy__ = copy
)PY";

// 3.x: WeakMethod and finalize (3.4+).
constexpr const char* kWeakref3Source = R"PY(

class WeakMethod(ref):
    """A weak reference to a bound method: alive while both its object and its function are."""
    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None

        def died(wr):
            self = self_ref()
            if self is not None and self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, died)
        self._func_ref = ref(func, died)
        self._meth_type = type(meth)
        self._alive = True
        self_ref = ref(self)
        return self

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if not isinstance(other, WeakMethod):
            return NotImplemented
        if not self._alive or not other._alive:
            return self is other
        return ref.__eq__(self, other) and self._func_ref == other._func_ref

    def __ne__(self, other):
        if not isinstance(other, WeakMethod):
            return NotImplemented
        if not self._alive or not other._alive:
            return self is not other
        return ref.__ne__(self, other) or self._func_ref != other._func_ref

    __hash__ = ref.__hash__


class finalize(object):
    """finalize(obj, func, *args, **kwargs): calls func(*args, **kwargs) once, when obj dies or
    when the finalizer is called, whichever comes first."""
    __slots__ = ()
    _registry = {}
    _count = [0]

    class _Info(object):
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, *args, **kwargs):
        info = self._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = self._count[0]
        self._count[0] += 1
        self._registry[self] = info

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info is not None:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is not None and self._registry.pop(self, None) is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return info is not None and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info is not None:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is None:
            return "<%s object at %s; dead>" % (type(self).__name__, hex(id(self)))
        return "<%s object at %s; for %r at %s>" % (type(self).__name__, hex(id(self)), type(obj).__name__,
                                                    hex(id(obj)))
)PY";

// 2.7: the weakref module also names ReferenceError.
constexpr const char* kWeakref27Source = R"PY(
ReferenceError = ReferenceError
)PY";

}  // namespace

std::string weakrefset_source(const Profile&) { return kWeakSetSource; }

std::string weakref_source(const Profile& p) {
    return std::string(kWeakrefSource) + (p.major >= 3 ? kWeakref3Source : kWeakref27Source);
}

}  // namespace pymemlab
