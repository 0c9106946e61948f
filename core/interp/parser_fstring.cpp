// f-strings: a string token split into literal text and replacement fields (string_parser.c's
// fstring_find_literal / fstring_find_expr up to 3.11; 3.12+ lets fields nest and reuse the
// quotes), each field's expression parsed in place by a Lexer over its byte range, and the
// f-string errors of each profile. parser_literal.cpp calls in here from strings().
#include <string>

#include "interp/lexer_internal.h"
#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;

namespace {

void flush_literal(ast::Module& mod, std::vector<Expr*>& values, std::string& literal, const ast::Pos& pos) {
    if (literal.empty()) return;
    Expr* c = mod.new_expr(ExprKind::Constant, pos);
    c->constant.kind = ast::ConstKind::Str;
    c->constant.text = std::move(literal);
    literal.clear();
    values.push_back(c);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

// An f-string error at byte `at`: 3.12+ points there (width 0 or 1), 3.10 and 3.11 at the token
// after the string, older profiles (ast.c) at the string.
bool Parser::fstring_error(const Token& t, size_t at, int width, std::string msg) {
    if (at_least(3, 12)) {
        const int line = src_.line_of(at);
        const int offset = offset_of(line, static_cast<int>(at - src_.line_start(line))) + 1;
        fail_info(source_error(src_, "SyntaxError", std::move(msg), line, offset, line, offset + width));
    } else if (pegen()) {
        error_last_token(std::move(msg));
    } else {
        ast_error(pos_of(t), std::move(msg));
    }
    return false;
}

// Literal text and fields from s up to `end` (the closing quotes) or, in a format spec
// (lvl > 0), up to the '}' that closes its field, where s is left.
bool Parser::fstring(const Token& t, size_t& s, size_t end, bool raw, int lvl, std::vector<Expr*>& values,
                     std::string& literal) {
    const std::string& b = src_.str();
    while (s < end) {
        const size_t lit = s;
        bool doubled = false;
        while (s < end) {
            char ch = b[s++];
            if (!raw && ch == '\\' && s < end) {
                ch = b[s++];
                if (ch == 'N') {
                    // "\N{NAME}": its braces are not a field.
                    if (s < end && b[s++] == '{') {
                        while (s < end && b[s++] != '}') {
                        }
                    }
                    continue;
                }
            }
            if (ch == '{' || ch == '}') {
                if (lvl == 0) {
                    if (s < end && b[s] == ch) {
                        doubled = true;
                        break;
                    }
                    if (ch == '}') return fstring_error(t, s - 1, 0, "f-string: single '}' is not allowed");
                }
                --s;
                break;
            }
        }
        std::string_view text = std::string_view(b).substr(lit, s - lit);
        std::string error;
        if (raw) {
            literal += text;
        } else if (!decode_unicode_escapes(text, literal, &error)) {
            string_error(t, error);
            return false;
        }
        if (doubled) {
            ++s;
            continue;
        }
        if (s >= end || b[s] == '}') return true;
        if (!fstring_field(t, s, end, raw, lvl, values, literal)) return false;
    }
    return true;
}

// A replacement field at s ('{'): the expression up to '!', ':', '=' or '}' at bracket depth 0
// (strings inside skipped), the conversion, the format spec (a JoinedStr), and the '}'.
bool Parser::fstring_field(const Token& t, size_t& s, size_t end, bool raw, int lvl, std::vector<Expr*>& values,
                           std::string& literal) {
    const std::string& b = src_.str();
    const bool v312 = at_least(3, 12);
    if (lvl >= 2 && !v312) return fstring_error(t, s, 0, "f-string: expressions nested too deeply");
    ++s;
    const size_t expr_start = s;
    char quote = 0;
    int string_type = 0;
    std::string parens;
    for (; s < end; ++s) {
        const char ch = b[s];
        if (ch == '\\' && !v312) return fstring_error(t, s, 0, "f-string expression part cannot include a backslash");
        if (quote != 0) {
            if (ch == '\\') {
                ++s;
            } else if (ch == quote) {
                if (string_type == 1) {
                    quote = 0;
                } else if (s + 2 < end && b[s + 1] == ch && b[s + 2] == ch) {
                    s += 2;
                    quote = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            string_type = s + 2 < end && b[s + 1] == ch && b[s + 2] == ch ? 3 : 1;
            if (string_type == 3) s += 2;
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (parens.size() >= static_cast<size_t>(lex::kMaxLevel)) {
                return fstring_error(t, s, 1, "f-string: too many nested parenthesis");
            }
            parens += ch;
        } else if (ch == '#') {
            if (!v312) return fstring_error(t, s, 0, "f-string expression part cannot include '#'");
            while (s + 1 < end && b[s + 1] != '\n') ++s;
        } else if (parens.empty() &&
                   (ch == '!' || ch == ':' || ch == '}' || (ch == '=' && at_least(3, 8)) || ch == '>' || ch == '<')) {
            const char next = s + 1 < end ? b[s + 1] : 0;
            if (next == '=' && (ch == '!' || ch == '=' || ch == '<' || ch == '>')) {
                ++s;
                continue;
            }
            if (ch == '>' || ch == '<') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (parens.empty()) return fstring_error(t, s, 1, std::string("f-string: unmatched '") + ch + "'");
            const char open = parens.back();
            parens.pop_back();
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
                return fstring_error(t, s, 1,
                                     std::string("f-string: closing parenthesis '") + ch +
                                         "' does not match opening parenthesis '" + open + "'");
            }
        }
    }
    const size_t expr_end = s;
    if (quote != 0) return fstring_error(t, s, 0, "f-string: unterminated string");
    if (!parens.empty()) return fstring_error(t, s, 0, std::string("f-string: unmatched '") + parens.back() + "'");
    if (s >= end) return fstring_error(t, end, 0, "f-string: expecting '}'");
    bool blank = true;
    for (size_t k = expr_start; k < expr_end; ++k) blank = blank && is_space(b[k]);
    if (blank) {
        std::string msg = v312 ? std::string("f-string: valid expression required before '") + b[s] + "'"
                          : at_least(3, 11) && b[s] != '}'
                              ? std::string("f-string: expression required before '") + b[s] + "'"
                              : std::string("f-string: empty expression not allowed");
        return fstring_error(t, s, 1, msg);
    }
    // The expression is parsed before the conversion and spec are looked at, as CPython does.
    Expr* expr = fstring_expression(expr_start, expr_end);
    if (expr == nullptr) return false;
    std::string expr_text;
    bool debug = false;
    if (b[s] == '=') {
        ++s;
        while (s < end && is_space(b[s])) ++s;
        if (s >= end) return fstring_error(t, end, 0, "f-string: expecting '}'");
        expr_text = b.substr(expr_start, s - expr_start);
        debug = true;
    }
    int conversion = -1;
    if (b[s] == '!') {
        ++s;
        if (s >= end) return fstring_error(t, end, 0, "f-string: expecting '}'");
        const char conv = b[s];
        if (v312 && (conv == '}' || conv == ':'))
            return fstring_error(t, s, 1, "f-string: missing conversion character");
        ++s;
        if (conv != 's' && conv != 'r' && conv != 'a') {
            return fstring_error(
                t, s - 1, 1,
                v312 ? std::string("f-string: invalid conversion character '") + conv + "': expected 's', 'r', or 'a'"
                     : "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        conversion = conv;
    }
    if (s >= end) return fstring_error(t, end, 0, "f-string: expecting '}'");
    Expr* spec = nullptr;
    if (b[s] == ':') {
        ++s;
        if (s >= end) return fstring_error(t, end, 0, "f-string: expecting '}'");
        spec = mod_.new_expr(ExprKind::JoinedStr, pos_of(t));
        std::string spec_literal;
        if (!fstring(t, s, end, raw, lvl + 1, spec->values, spec_literal)) return false;
        flush_literal(mod_, spec->values, spec_literal, pos_of(t));
        if (opt_.major == 3 && opt_.minor == 12 && !spec->values.empty() &&
            spec->values.back()->kind == ExprKind::FormattedValue) {
            // 3.12 ends a spec that ends with a field with an empty string (an empty FSTRING_MIDDLE).
            Expr* c = mod_.new_expr(ExprKind::Constant, pos_of(t));
            c->constant.kind = ast::ConstKind::Str;
            spec->values.push_back(c);
        }
    }
    if (s >= end || b[s] != '}') return fstring_error(t, s >= end ? end : s, 0, "f-string: expecting '}'");
    ++s;
    if (debug && spec == nullptr && conversion == -1) conversion = 'r';
    literal += expr_text;
    flush_literal(mod_, values, literal, pos_of(t));
    Expr* fv = mod_.new_expr(ExprKind::FormattedValue, pos_of(t));
    fv->left = expr;
    fv->conversion = conversion == -1 ? 0 : conversion;
    fv->right = spec;
    values.push_back(fv);
    return true;
}

// The expression of a field, tokenized and parsed where it stands in the source (so its nodes
// carry their real positions): star_expressions or a yield, then the end.
Expr* Parser::fstring_expression(size_t begin, size_t end) {
    Lexer lexer(src_, opt_, begin, end);
    std::vector<Token> tokens;
    const bool lexed = lexer.tokenize(tokens);
    std::vector<Token>* saved_tokens = toks_;
    const size_t saved_pos = pos_;
    const size_t saved_furthest = furthest_;
    if (fstring_exprs_.empty()) main_pos_ = pos_;
    fstring_exprs_.push_back({begin, end});
    toks_ = &tokens;
    pos_ = furthest_ = 0;
    Expr* e = nullptr;
    if (!lexed) {
        const LexError& le = lexer.error();
        if (le.kind == LexError::Kind::Error) {
            fail_info(le.info);
        } else {
            pos_ = tokens.size() - 1;
            invalid_syntax();
        }
    } else {
        const bool lambda = at_kw(Keyword::Lambda);
        e = at_kw(Keyword::Yield) ? yield_expr() : star_expressions();
        if (failed_ && !specific_ && lambda && at_least(3, 12)) {
            // The field ended at the lambda's ':' (3.12's invalid_replacement_field).
            const int line = src_.line_of(end);
            err_ = source_error(src_, "SyntaxError", "f-string: lambda expressions are not allowed without parentheses",
                                tokens[0].line, offset_of(tokens[0].line, tokens[0].col) + 1, line,
                                offset_of(line, static_cast<int>(end - src_.line_start(line))) + 2);
        }
        if (!failed_ && !at(TokenKind::EndMarker)) {
            if (at_least(3, 12)) {
                error_at_token(cur(), "f-string: expecting '=', or '!', or ':', or '}'");
            } else {
                invalid_syntax();
            }
        }
    }
    toks_ = saved_tokens;
    pos_ = saved_pos;
    furthest_ = saved_furthest;
    fstring_exprs_.pop_back();
    if (!failed_) return e;
    if (!fatal_) {
        if (err_fdepth_ == fstring_exprs_.size() + 1) fstring_remap(begin, end);
        if (!pegen()) {
            // ast.c compiled the expression: its error waits for the file's grammar errors.
            if (!has_ast_error_) {
                has_ast_error_ = true;
                ast_err_ = err_;
            }
            failed_ = false;
        }
    }
    return nullptr;
}

// 3.6-3.11 parsed a field's expression as the text "(expr)": errors inside carry that text and
// columns in it, and 3.10/3.11 prefix "f-string: " to the message (3.6/3.8 also count lines
// from it, in a file named "<fstring>").
void Parser::fstring_remap(size_t begin, size_t end) {
    if (at_least(3, 12)) return;
    const int line = src_.line_of(begin);
    const int start_col = offset_of(line, static_cast<int>(begin - src_.line_start(line)));
    if (err_.line == line) {
        if (err_.offset > 0) err_.offset = err_.offset - start_col + 1;
        if (err_.end_offset > 0) err_.end_offset = err_.end_offset - start_col + 1;
    }
    if (pegen()) {
        if (err_.msg.rfind("f-string", 0) != 0) err_.msg = "f-string: " + err_.msg;
    } else {
        err_.line = 1 + (err_.line - line);
        err_.filename = "<fstring>";
    }
    err_.text = "(" + src_.str().substr(begin, end - begin) + ")";
}

}  // namespace pymemlab
