// Tokens as CPython's tokenizer makes them (Include/internal/pycore_token.h, Grammar/Tokens):
// the kinds, the keywords the parser matches by kind, and where each token sits in the source.
// lexer.h produces them; parser.h consumes them.
#pragma once

#include <cstdint>
#include <string_view>

namespace pymemlab {

// CPython's token types, in CPython's order, spelled in CamelCase.
enum class TokenKind : uint8_t {
    EndMarker,
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    LPar,              // (
    RPar,              // )
    LSqb,              // [
    RSqb,              // ]
    Colon,             // :
    Comma,             // ,
    Semi,              // ;
    Plus,              // +
    Minus,             // -
    Star,              // *
    Slash,             // /
    VBar,              // |
    Amper,             // &
    Less,              // <
    Greater,           // >
    Equal,             // =
    Dot,               // .
    Percent,           // %
    LBrace,            // {
    RBrace,            // }
    EqEqual,           // ==
    NotEqual,          // != (and 2.7's <>)
    LessEqual,         // <=
    GreaterEqual,      // >=
    Tilde,             // ~
    Circumflex,        // ^
    LeftShift,         // <<
    RightShift,        // >>
    DoubleStar,        // **
    PlusEqual,         // +=
    MinEqual,          // -=
    StarEqual,         // *=
    SlashEqual,        // /=
    PercentEqual,      // %=
    AmperEqual,        // &=
    VBarEqual,         // |=
    CircumflexEqual,   // ^=
    LeftShiftEqual,    // <<=
    RightShiftEqual,   // >>=
    DoubleStarEqual,   // **=
    DoubleSlash,       // //
    DoubleSlashEqual,  // //=
    At,                // @
    AtEqual,           // @=
    RArrow,            // ->
    Ellipsis,          // ...
    ColonEqual,        // := (3.8+)
    // CPython's OP for a character no rule accepts ('$', '?', '`', a lone '!', 3.x's '<>'):
    // a token the parser rejects with "invalid syntax" where it stands.
    Op,
    // Where the tokenizer stopped: the last token of a stream that has an error (Lexer::error).
    ErrorToken,
};

// Reserved words, recognised by the tokenizer per profile (pegen gives each its own token type;
// here a Name token carries one). Soft keywords (match, case, _, type) stay names.
// 2.7: print is a keyword (unless `from __future__ import print_function`), True and False are
// names, nonlocal/async/await do not exist; 3.6: async and await are names.
enum class Keyword : uint8_t {
    NotKeyword,
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Print,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
};

// One token. Positions are CPython's: lines from 1, columns from 0 in UTF-8 bytes; the end is
// exclusive. begin/end index the SourceText the lexer read (lexer.h), so a token's text is
// source.substr(begin, end - begin).
struct Token {
    TokenKind kind = TokenKind::EndMarker;
    Keyword keyword = Keyword::NotKeyword;
    // Bracket nesting after this token (CPython's token->level): 1 for the `b` in `f(a b)`, 0 for
    // the `)` that closes it. "Perhaps you forgot a comma?" is only suggested inside brackets.
    int level = 0;
    int line = 0;
    int col = 0;
    int end_line = 0;
    int end_col = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
};

}  // namespace pymemlab
