// A traceback entry's source lines and markers (traceback_lines.h). Text is handled as code
// points (Python's str indices); the parser and co_positions() speak UTF-8 bytes.
#include "interp/traceback_lines.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "interp/ast.h"
#include "interp/parser.h"
#include "object/utf8.h"

namespace pymemlab {

namespace {

using Text = std::u32string;

Text decode(std::string_view s) {
    Text out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t c = len == 1 ? b : b & (0x7F >> len);
        for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(c);
        i += static_cast<size_t>(len);
    }
    return out;
}

std::string encode(const Text& t) {
    std::string out;
    for (char32_t c : t) utf8_append(out, c);
    return out;
}

// _PyPegen_byte_offset_to_character_offset / traceback._byte_offset_to_character_offset: the
// characters in the first `offset` bytes of the line (a cut character counts as one).
size_t byte_to_char(const Text& line, int offset) {
    if (offset <= 0) return 0;
    size_t bytes = 0, chars = 0;
    for (char32_t c : line) {
        if (bytes >= static_cast<size_t>(offset)) break;
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        ++chars;
    }
    return chars;
}

// str.isspace().
bool is_space(char32_t c) {
    return (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
// Python/traceback.c's IS_WHITESPACE, which indentation is also made of.
bool is_blank(char32_t c) { return c == ' ' || c == '\t' || c == '\f'; }

// East Asian Width W or F: the blocks CJK text and emoji come from.
bool is_wide(char32_t c) {
    static const char32_t kWide[][2] = {
        {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
        {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
        {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
        {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
        {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
        {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
        {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
        {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
        {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF},
        {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202},
        {0x1F210, 0x1F23B}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
        {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
        {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
        {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596},
        {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
        {0x1F6D5, 0x1F6D7}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F93A},
        {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    if (c < 0x1100) return false;
    for (const auto& r : kWide)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

// traceback._display_width: the columns the first `offset` characters take.
size_t display_width(const Text& line, size_t offset) {
    if (std::all_of(line.begin(), line.end(), [](char32_t c) { return c < 0x80; })) return offset;
    size_t width = 0;
    for (size_t i = 0; i < std::min(offset, line.size()); ++i) width += is_wide(line[i]) ? 2 : 1;
    return width;
}
size_t display_width(const Text& line) { return display_width(line, line.size()); }

// Python's s[start:stop] for 0 <= start, stop.
Text slice(const Text& s, size_t start, size_t stop) {
    stop = std::min(stop, s.size());
    return start >= stop ? Text() : s.substr(start, stop - start);
}
Text lstrip(const Text& s) {
    size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    return s.substr(i);
}
Text rstrip(const Text& s) {
    size_t n = s.size();
    while (n > 0 && is_space(s[n - 1])) --n;
    return s.substr(0, n);
}
Text join(const std::vector<Text>& lines) {
    Text out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += U'\n';
        out += lines[i];
    }
    return out;
}
std::vector<Text> split_lines(const Text& s) {
    std::vector<Text> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t nl = s.find(U'\n', start);
        if (nl == Text::npos) nl = s.size();
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

// Line n (from 1) of the source without its line end; nothing past the last line.
std::optional<Text> source_line(std::string_view source, int n) {
    if (n < 1) return std::nullopt;
    size_t start = 0;
    for (int line = 1; line < n; ++line) {
        start = source.find('\n', start);
        if (start == std::string_view::npos) return std::nullopt;
        ++start;
    }
    if (start >= source.size()) return std::nullopt;
    size_t end = source.find('\n', start);
    std::string_view line = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return decode(line);
}

// textwrap.dedent over lines: lines of spaces and tabs only become empty, and the indentation
// all the others share is removed.
void dedent(std::vector<Text>& lines) {
    std::optional<Text> margin;
    for (Text& line : lines) {
        size_t i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i == line.size()) {
            line.clear();
            continue;
        }
        const Text indent = line.substr(0, i);
        if (!margin) {
            margin = indent;
        } else {
            size_t k = 0;
            while (k < margin->size() && k < indent.size() && (*margin)[k] == indent[k]) ++k;
            margin->resize(k);
        }
    }
    if (!margin || margin->empty()) return;
    for (Text& line : lines)
        if (line.compare(0, margin->size(), *margin) == 0) line.erase(0, margin->size());
}

bool parse(const Text& text, int major, int minor, ast::Module& out) {
    return parse_module(encode(text), ParseOptions{major, minor}, out, nullptr);
}

// The one expression statement a parse holds, or null.
const ast::Expr* sole_expression(const ast::Module& m) {
    if (m.body.size() != 1 || m.body[0]->kind != ast::StmtKind::Expr) return nullptr;
    return m.body[0]->value;
}

// ---- Up to 3.12: Python/traceback.c -----------------------------------------------------------

// Where the `^` part starts and ends, in characters of the (one-line) segment.
struct LineAnchors {
    size_t left = 0;
    size_t right = 0;
};

// extract_anchors_from_expr: a binary operation's operator (one or two characters, after any
// closing parentheses of its left side), or a subscript's brackets.
std::optional<LineAnchors> anchors_in_line(const Text& segment, int major, int minor) {
    ast::Module m;
    if (!parse(segment, major, minor, m)) return std::nullopt;
    const ast::Expr* e = sole_expression(m);
    if (e == nullptr) return std::nullopt;
    const size_t n = segment.size();
    if (e->kind == ast::ExprKind::BinOp) {
        const size_t stop = std::min(byte_to_char(segment, e->right->pos.col), n);
        size_t i = byte_to_char(segment, e->left->pos.end_col);
        while (i < stop && (is_blank(segment[i]) || segment[i] == ')')) ++i;
        if (i >= stop) return std::nullopt;
        size_t right = i + 1;
        if (right < stop && !is_blank(segment[right])) ++right;
        return LineAnchors{i, right};
    }
    if (e->kind == ast::ExprKind::Subscript) {
        size_t left = byte_to_char(segment, e->left->pos.end_col);
        size_t right = byte_to_char(segment, e->right->pos.end_col + 1);
        while (left < n && segment[left] != '[') ++left;
        while (right < n && segment[right] != ']') ++right;
        if (right < n) ++right;
        return LineAnchors{left, right};
    }
    return std::nullopt;
}

// traceback.c's tb_displayline: the line without its indentation (trailing blanks kept) and, from
// 3.11, the markers under it; nothing for a missing or blank line.
std::string lines_before_313(std::string_view source, int lineno, const SourceRange& w, int major, int minor) {
    const std::optional<Text> found = source_line(source, lineno);
    if (!found) return "";
    const Text& line = *found;
    size_t indent = 0;
    while (indent < line.size() && is_blank(line[indent])) ++indent;
    if (std::all_of(line.begin() + static_cast<std::ptrdiff_t>(indent), line.end(), is_space)) return "";
    std::string out = "    " + encode(line.substr(indent)) + "\n";
    if (w.line <= 0 || w.end_line <= 0 || w.col < 0 || w.end_col < 0) return out;

    const size_t start = byte_to_char(line, w.col);
    size_t end = byte_to_char(line, w.end_col);
    std::optional<LineAnchors> anchors;
    if (w.line == w.end_line) {
        anchors = anchors_in_line(slice(line, start, end), major, minor);
    } else {
        end = line.size();
        while (end > 0 && is_blank(line[end - 1])) --end;
    }
    // Elided when the markers would cover the whole line (trailing blanks included).
    if (end < start || (end - start == line.size() - indent && !anchors)) return out;

    const size_t from = display_width(line, start), to = display_width(line, end);
    out += "    " + std::string(from - std::min(from, indent), ' ');
    if (anchors) {
        const Text segment = slice(line, start, end);
        const size_t left = display_width(segment, anchors->left), right = display_width(segment, anchors->right);
        out += std::string(left, '~') + std::string(right - std::min(right, left), '^') +
               std::string(to - from - std::min(to - from, right), '~');
    } else {
        out += std::string(to - from, '^');
    }
    return out + "\n";
}

// ---- 3.13+: Lib/traceback.py ---------------------------------------------------------------------

struct Anchors {
    size_t left_line = 0, left = 0;    // where the `^` part starts
    size_t right_line = 0, right = 0;  // and where it ends (exclusive)
};

// _extract_caret_anchors_from_line_segment's walk over the segment's lines. Any step past the
// text fails the walk (where traceback.py's raises and is ignored).
class SegmentWalk {
public:
    explicit SegmentWalk(const Text& segment) : lines_(split_lines(segment)) {}
    bool failed() const { return failed_; }
    size_t width(size_t line) const { return line < lines_.size() ? lines_[line].size() : 0; }
    char32_t at(size_t line, size_t col) const {
        return line < lines_.size() && col < lines_[line].size() ? lines_[line][col] : 0;
    }
    // A byte offset in the parse of "(\n" + segment + "\n)" as a (line, character) of the segment.
    std::pair<size_t, size_t> position(int parsed_line, int byte_col) {
        const int line = parsed_line - 2;
        if (line < 0 || static_cast<size_t>(line) >= lines_.size()) {
            failed_ = true;
            return {0, 0};
        }
        return {static_cast<size_t>(line), byte_to_char(lines_[static_cast<size_t>(line)], byte_col)};
    }
    // next_valid_char: moves past line ends.
    std::pair<size_t, size_t> valid(size_t line, size_t col) {
        while (line < lines_.size() && col >= lines_[line].size()) {
            col = 0;
            ++line;
        }
        if (line >= lines_.size()) failed_ = true;
        return {line, col};
    }
    // increment_until: the next character meeting `stop`, skipping comments and continuations.
    template <typename Stop>
    std::pair<size_t, size_t> until(std::pair<size_t, size_t> at_, Stop stop) {
        auto [line, col] = at_;
        while (!failed_) {
            const char32_t ch = at(line, col);
            if (ch == 0 && col >= width(line)) {
                failed_ = true;
                break;
            }
            if (ch == '\\' || ch == '#')
                std::tie(line, col) = valid(line + 1, 0);
            else if (!stop(ch))
                std::tie(line, col) = valid(line, col + 1);
            else
                break;
        }
        return {line, col};
    }

private:
    std::vector<Text> lines_;
    bool failed_ = false;
};

std::optional<Anchors> anchors_in_segment(const Text& segment, int major, int minor) {
    ast::Module m;
    Text wrapped = U"(\n";  // parsed as an expression, lines and all
    wrapped += segment;
    wrapped += U"\n)";
    if (!parse(wrapped, major, minor, m)) return std::nullopt;
    const ast::Expr* e = sole_expression(m);
    if (e == nullptr) return std::nullopt;
    SegmentWalk walk(segment);
    auto end_of = [&](const ast::Expr* x) { return walk.position(x->pos.end_line, x->pos.end_col); };
    Anchors a;
    if (e->kind == ast::ExprKind::BinOp) {
        const auto left_end = end_of(e->left);
        auto [line, col] = walk.until(walk.valid(left_end.first, left_end.second),
                                      [](char32_t c) { return !is_space(c) && c != ')'; });
        size_t right = col + 1;
        if (!walk.failed() && right < walk.width(line)) {
            const auto [rl, rc] = walk.position(e->right->pos.line, e->right->pos.col);
            const char32_t ch = walk.at(line, right);
            if ((rl > line || right < rc) && !is_space(ch) && ch != '\\' && ch != '#') ++right;
        }
        a = {line, col, line, right};
    } else if (e->kind == ast::ExprKind::Subscript || e->kind == ast::ExprKind::Call) {
        const char32_t open = e->kind == ast::ExprKind::Subscript ? '[' : '(';
        const auto start = end_of(e->left);
        const auto [ll, lc] = walk.until(walk.valid(start.first, start.second), [open](char32_t c) { return c == open; });
        const auto [rl, rc] = end_of(e);
        a = {ll, lc, rl, rc};
    } else {
        return std::nullopt;
    }
    if (walk.failed()) return std::nullopt;
    return a;
}

// StackSummary._should_show_carets.
bool should_show_carets(size_t start, size_t end, const std::vector<Text>& lines, bool anchored, int major, int minor) {
    ast::Module m;
    if (parse(join(lines), major, minor, m)) {
        if (m.body.empty()) return false;
        const ast::Stmt* s = m.body[0];
        const ast::Expr* call = nullptr;
        if (s->kind == ast::StmtKind::Return && s->value != nullptr && s->value->kind == ast::ExprKind::Call &&
            s->value->left->kind == ast::ExprKind::Name)
            call = s->value;
        if (s->kind == ast::StmtKind::Assign && s->value->kind == ast::ExprKind::Call && s->targets.size() == 1 &&
            s->targets[0]->kind == ast::ExprKind::Name)
            call = s->value;
        // A call that is the whole statement's value, spanning all of its lines.
        if (call != nullptr && call->pos.line == 1 && call->pos.end_line == static_cast<int>(lines.size()) &&
            call->pos.col == static_cast<int>(start) && call->pos.end_col == static_cast<int>(end))
            return false;
    }
    if (anchored) return true;
    return !lstrip(slice(lines.front(), 0, start)).empty() ||
           !rstrip(slice(lines.back(), end, lines.back().size())).empty();
}

std::string lines_313(std::string_view source, int lineno, const SourceRange& w, int major, int minor) {
    const int first = w.line > 0 ? w.line : lineno;
    const int last = w.line > 0 ? w.end_line : lineno;
    if (last < first) return "";
    std::vector<Text> original;
    for (int n = first; n <= last; ++n) original.push_back(rstrip(source_line(source, n).value_or(Text())));
    std::vector<Text> lines = original;
    dedent(lines);
    if (std::all_of(lines.begin(), lines.end(), [](const Text& l) { return l.empty(); })) return "";
    if (w.col < 0 || w.end_col < 0) {
        Text line = rstrip(lstrip(original.front()));
        return line.empty() ? "\n" : "    " + encode(line) + "\n";
    }

    const size_t count = lines.size();
    const size_t dedented = original.front().size() - lines.front().size();
    auto minus = [](size_t a, size_t b) { return a > b ? a - b : 0; };
    const size_t start = minus(byte_to_char(original.front(), w.col), dedented);
    const size_t end = minus(byte_to_char(original.back(), w.end_col), dedented);
    const size_t dp_start = display_width(lines.front(), start);
    const size_t dp_end = display_width(lines.back(), end);

    const Text all = join(lines);
    const Text segment = slice(all, start, minus(all.size(), minus(lines.back().size(), end)));
    const std::optional<Anchors> anchors = anchors_in_segment(segment, major, minor);
    const bool carets = should_show_carets(start, end, lines, anchors.has_value(), major, minor);

    std::set<size_t> significant = {0, count - 1};
    size_t left = 0, right = 0;
    if (anchors) {
        // The anchors count from the segment's start on its first line.
        left = display_width(lines[anchors->left_line], anchors->left + (anchors->left_line == 0 ? start : 0));
        right = display_width(lines[anchors->right_line], anchors->right + (anchors->right_line == 0 ? start : 0));
        for (size_t line : {anchors->left_line, anchors->right_line})
            for (size_t k = line == 0 ? 0 : line - 1; k <= line + 1 && k < count; ++k) significant.insert(k);
    }

    std::vector<Text> out;
    auto output_line = [&](size_t n) {
        const Text& line = lines[n];
        out.push_back(line);
        if (!carets) return;
        const size_t spaces = line.size() - lstrip(line).size();
        const size_t width = n == count - 1 ? dp_end : display_width(line);
        Text marks;
        for (size_t col = 0; col < width; ++col) {
            const bool inside = anchors && (n > anchors->left_line || (n == anchors->left_line && col >= left)) &&
                                (n < anchors->right_line || (n == anchors->right_line && col < right));
            if (col < spaces || (n == 0 && col < dp_start))
                marks += U' ';
            else if (inside)
                marks += U'^';
            else
                marks += anchors ? U'~' : U'^';
        }
        out.push_back(marks);
    };
    size_t previous = 0;
    bool any = false;
    for (size_t n : significant) {
        if (any && n - previous == 2) output_line(n - 1);
        if (any && n - previous > 2) out.push_back(decode("...<" + std::to_string(n - previous - 1) + " lines>..."));
        output_line(n);
        previous = n;
        any = true;
    }
    dedent(out);
    std::string text;
    for (const Text& line : out) text += "    " + encode(line) + "\n";
    return text;
}

}  // namespace

std::string traceback_source_lines(std::string_view source, int lineno, const SourceRange& where, int major,
                                   int minor) {
    if (major > 3 || (major == 3 && minor >= 13)) return lines_313(source, lineno, where, major, minor);
    // Up to 3.10 there are no markers: no range to mark.
    const bool marked = major == 3 && minor >= 11;
    return lines_before_313(source, lineno, marked ? where : SourceRange{}, major, minor);
}

}  // namespace pymemlab
