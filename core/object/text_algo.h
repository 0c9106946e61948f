// The string algorithms of Objects/stringlib (fastsearch, split, partition, count, replace,
// strip, expandtabs), written once over code units for str (char32_t), bytes and 2.7's str
// (char). They compute positions and pieces; the text types turn them into objects, which is
// where CPython's identity rules (a piece that is the whole string is the string itself) apply.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pymemlab::text {

// A piece [begin, end) of the subject. `whole` marks the piece stringlib hands back as the
// subject object itself (STRINGLIB_CHECK_EXACT shortcuts): the subject had no separator.
struct Piece {
    int64_t begin;
    int64_t end;
    bool whole = false;
};

// MAX_PREALLOC and PREALLOC_SIZE of stringlib/split.h: the list split makes first.
constexpr int64_t kMaxPrealloc = 12;
inline int64_t prealloc_size(int64_t maxsplit) { return maxsplit >= kMaxPrealloc ? kMaxPrealloc : maxsplit + 1; }

template <class C>
using View = std::basic_string_view<C>;

// find/rfind in s[start:end] (indices already adjusted); -1 when absent. An empty needle is
// found at start (rfind: at end) whenever start <= end.
template <class C>
int64_t find_sub(View<C> s, View<C> sub, int64_t start, int64_t end) {
    const auto n = static_cast<int64_t>(sub.size());
    if (end - start < n) return -1;
    if (n == 0) return start;
    const size_t pos = s.substr(0, static_cast<size_t>(end)).find(sub, static_cast<size_t>(start));
    return pos == View<C>::npos ? -1 : static_cast<int64_t>(pos);
}

template <class C>
int64_t rfind_sub(View<C> s, View<C> sub, int64_t start, int64_t end) {
    const auto n = static_cast<int64_t>(sub.size());
    if (end - start < n) return -1;
    if (n == 0) return end;
    const size_t pos = s.substr(0, static_cast<size_t>(end)).rfind(sub);
    if (pos == View<C>::npos || static_cast<int64_t>(pos) < start) return -1;
    return static_cast<int64_t>(pos);
}

// count: non-overlapping occurrences, at most maxcount; an empty needle counts end-start+1.
template <class C>
int64_t count_sub(View<C> s, View<C> sub, int64_t start, int64_t end, int64_t maxcount = INT64_MAX) {
    const auto n = static_cast<int64_t>(sub.size());
    if (end - start < n) return 0;
    if (n == 0) return end - start + 1 < maxcount ? end - start + 1 : maxcount;
    int64_t count = 0;
    const View<C> hay = s.substr(0, static_cast<size_t>(end));
    for (size_t pos = static_cast<size_t>(start); count < maxcount;) {
        pos = hay.find(sub, pos);
        if (pos == View<C>::npos) break;
        ++count;
        pos += static_cast<size_t>(n);
    }
    return count;
}

// tailmatch (startswith/endswith one candidate): 3.x's rule, also right for 2.7's cases.
template <class C>
bool tailmatch(View<C> s, View<C> sub, int64_t start, int64_t end, bool at_end) {
    end -= static_cast<int64_t>(sub.size());
    if (end < start) return false;
    if (sub.empty()) return true;
    const int64_t at = at_end ? end : start;
    return s.substr(static_cast<size_t>(at), sub.size()) == sub;
}

template <class C, class IsSpace>
std::vector<Piece> split_whitespace(View<C> s, int64_t maxcount, IsSpace is_space) {
    std::vector<Piece> out;
    const auto len = static_cast<int64_t>(s.size());
    int64_t i = 0, j = 0;
    while (maxcount-- > 0) {
        while (i < len && is_space(s[i])) ++i;
        if (i == len) break;
        j = i;
        ++i;
        while (i < len && !is_space(s[i])) ++i;
        if (j == 0 && i == len) {
            out.push_back({0, len, true});
            return out;
        }
        out.push_back({j, i});
    }
    if (i < len) {
        while (i < len && is_space(s[i])) ++i;
        if (i != len) out.push_back({i, len});
    }
    return out;
}

template <class C, class IsSpace>
std::vector<Piece> rsplit_whitespace(View<C> s, int64_t maxcount, IsSpace is_space) {
    std::vector<Piece> out;  // in the order found: last piece first
    const auto len = static_cast<int64_t>(s.size());
    int64_t i = len - 1, j = len - 1;
    while (maxcount-- > 0) {
        while (i >= 0 && is_space(s[i])) --i;
        if (i < 0) break;
        j = i;
        --i;
        while (i >= 0 && !is_space(s[i])) --i;
        if (j == len - 1 && i < 0) {
            out.push_back({0, len, true});
            return out;
        }
        out.push_back({i + 1, j + 1});
    }
    if (i >= 0) {
        while (i >= 0 && is_space(s[i])) --i;
        if (i >= 0) out.push_back({0, i + 1});
    }
    return out;
}

// split by a non-empty separator (split_char and split give the same pieces).
template <class C>
std::vector<Piece> split_sep(View<C> s, View<C> sep, int64_t maxcount) {
    std::vector<Piece> out;
    const auto len = static_cast<int64_t>(s.size());
    const auto n = static_cast<int64_t>(sep.size());
    int64_t i = 0;
    while (maxcount-- > 0) {
        const size_t pos = s.find(sep, static_cast<size_t>(i));
        if (pos == View<C>::npos) break;
        out.push_back({i, static_cast<int64_t>(pos)});
        i = static_cast<int64_t>(pos) + n;
    }
    if (out.empty())
        out.push_back({0, len, true});
    else
        out.push_back({i, len});
    return out;
}

template <class C>
std::vector<Piece> rsplit_sep(View<C> s, View<C> sep, int64_t maxcount) {
    std::vector<Piece> out;  // last piece first
    const auto n = static_cast<int64_t>(sep.size());
    int64_t j = static_cast<int64_t>(s.size());
    while (maxcount-- > 0 && j >= n) {
        const size_t pos = s.substr(0, static_cast<size_t>(j)).rfind(sep);
        if (pos == View<C>::npos) break;
        out.push_back({static_cast<int64_t>(pos) + n, j});
        j = static_cast<int64_t>(pos);
    }
    if (out.empty())
        out.push_back({0, static_cast<int64_t>(s.size()), true});
    else
        out.push_back({0, j});
    return out;
}

template <class C, class IsLinebreak>
std::vector<Piece> splitlines(View<C> s, bool keepends, IsLinebreak is_linebreak) {
    std::vector<Piece> out;
    const auto len = static_cast<int64_t>(s.size());
    for (int64_t i = 0, j = 0; i < len;) {
        while (i < len && !is_linebreak(s[i])) ++i;
        int64_t eol = i;
        if (i < len) {
            if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                i += 2;
            else
                ++i;
            if (keepends) eol = i;
        }
        if (j == 0 && eol == len) {
            out.push_back({0, len, true});
            break;
        }
        out.push_back({j, eol});
        j = i;
    }
    return out;
}

// strip: which side(s), and the characters (chars == nullptr: whitespace).
enum StripKind { kLeftStrip = 1, kRightStrip = 2, kBothStrip = 3 };
template <class C, class Strippable>
Piece strip_range(View<C> s, int kind, Strippable strippable) {
    int64_t i = 0;
    auto j = static_cast<int64_t>(s.size());
    if (kind & kLeftStrip)
        while (i < j && strippable(s[i])) ++i;
    if (kind & kRightStrip)
        while (j > i && strippable(s[j - 1])) --j;
    return {i, j, i == 0 && j == static_cast<int64_t>(s.size())};
}

// replace(old, new, count); false when nothing changes (the caller returns the subject).
template <class C>
bool replace_all(View<C> s, View<C> from, View<C> to, int64_t maxcount, std::basic_string<C>* out) {
    if (maxcount < 0) maxcount = INT64_MAX;
    if (maxcount == 0 || (from.empty() && to.empty())) return false;
    if (from.empty()) {
        // Interleave: "ab".replace("", "-") is "-a-b-".
        const int64_t n = static_cast<int64_t>(s.size()) + 1 < maxcount ? static_cast<int64_t>(s.size()) + 1 : maxcount;
        out->clear();
        for (int64_t i = 0; i < n; ++i) {
            out->append(to);
            if (i < static_cast<int64_t>(s.size())) out->push_back(s[static_cast<size_t>(i)]);
        }
        if (n < static_cast<int64_t>(s.size()) + 1) out->append(s.substr(static_cast<size_t>(n)));
        return true;
    }
    size_t pos = s.find(from);
    if (pos == View<C>::npos) return false;
    out->clear();
    size_t last = 0;
    for (; pos != View<C>::npos && maxcount > 0; --maxcount) {
        out->append(s.substr(last, pos - last));
        out->append(to);
        last = pos + from.size();
        pos = s.find(from, last);
    }
    out->append(s.substr(last));
    return true;
}

// expandtabs: tabs to the next multiple of tabsize, columns reset by \n and \r.
template <class C>
std::basic_string<C> expand_tabs(View<C> s, int64_t tabsize) {
    std::basic_string<C> out;
    int64_t column = 0;
    for (C c : s) {
        if (c == '\t') {
            if (tabsize > 0) {
                const int64_t spaces = tabsize - column % tabsize;
                out.append(static_cast<size_t>(spaces), C(' '));
                column += spaces;
            }
        } else {
            out.push_back(c);
            ++column;
            if (c == '\n' || c == '\r') column = 0;
        }
    }
    return out;
}

// pad(): left and right fill for center/ljust/rjust/zfill.
template <class C>
std::basic_string<C> pad(View<C> s, int64_t left, int64_t right, C fill) {
    std::basic_string<C> out;
    out.reserve(s.size() + static_cast<size_t>(left + right));
    out.append(static_cast<size_t>(left), fill);
    out.append(s);
    out.append(static_cast<size_t>(right), fill);
    return out;
}

// center's split of the margin: the odd space goes left when both the margin and the width are
// odd (marg / 2 + (marg & width & 1)).
inline int64_t center_left(int64_t marg, int64_t width) { return marg / 2 + (marg & width & 1); }

// zfill: '0's after a leading sign.
template <class C>
std::basic_string<C> zero_fill(View<C> s, int64_t width) {
    const auto len = static_cast<int64_t>(s.size());
    std::basic_string<C> out = pad<C>(s, width - len, 0, C('0'));
    const int64_t fill = width - len;
    if (fill > 0 && !s.empty() && (s[0] == '+' || s[0] == '-')) {
        out[0] = s[0];
        out[static_cast<size_t>(fill)] = C('0');
    }
    return out;
}

}  // namespace pymemlab::text
