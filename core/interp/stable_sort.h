// A stable sort for the interpreter's sorts (dir()'s names, objgraph's tables, tracemalloc's
// traces, the constant pool's literals): each call site's element type and comparison instantiate
// only a small reordering, over one shared std::stable_sort of indices (stable_order), which keeps
// the WebAssembly module several KB smaller than an instantiation of std::sort or
// std::stable_sort per site.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace pymemlab {

// The permutation that sorts positions [0, n) stably by less(a, b), as std::stable_sort orders.
std::vector<size_t> stable_order(size_t n, const std::function<bool(size_t, size_t)>& less);

// std::stable_sort(v.begin(), v.end(), less).
template <class T, class Less>
void stable_sort_small(std::vector<T>& v, Less less) {
    const std::vector<size_t> order = stable_order(v.size(), [&](size_t a, size_t b) { return less(v[a], v[b]); });
    std::vector<T> sorted;
    sorted.reserve(v.size());
    for (size_t i : order) sorted.push_back(std::move(v[i]));
    v = std::move(sorted);
}

}  // namespace pymemlab
