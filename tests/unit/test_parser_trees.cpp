// Parser trees against CPython 3.12's: each expected string is what `ast.dump(ast.parse(src))`
// printed under pyenv 3.12.1, with the empty type_ignores and type_params CPython adds left out.
// One case per statement and expression form; test_parser.cpp checks what a dump does not show
// (positions, 2.7's forms, limits), test_parser_errors.cpp the errors.
#include <catch2/catch.hpp>
#include <string>

#include "ast_dump.h"
#include "interp/parser.h"

using namespace pymemlab;

namespace {

ast::Module parse_ok(const std::string& source, int major = 3, int minor = 12) {
    ast::Module m;
    SyntaxErrorInfo err;
    INFO(source);
    const bool ok = parse_module(source, ParseOptions{major, minor}, m, &err);
    INFO(err.type << ": " << err.msg << " at " << err.line << ":" << err.offset);
    REQUIRE(ok);
    return m;
}

std::string tree(const std::string& source) { return ast_dump::module(parse_ok(source)); }

}  // namespace

// ---- Trees ------------------------------------------------------------------------------------

TEST_CASE("An assignment binds a name to a constant", "[parser]") {
    CHECK(tree("x = 1") == "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])");
}

TEST_CASE("A chained assignment keeps every target in order", "[parser]") {
    CHECK(tree("a = b = c") ==
          "Module(body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], value=Name(id='c', "
          "ctx=Load()))])");
}

TEST_CASE("A starred target sits in a tuple of stores", "[parser]") {
    CHECK(tree("a, *b = c") ==
          "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', "
          "ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))])");
}

TEST_CASE("A list target takes a tuple value", "[parser]") {
    CHECK(tree("[a, b] = c, d") ==
          "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], "
          "ctx=Store())], value=Tuple(elts=[Name(id='c', ctx=Load()), Name(id='d', ctx=Load())], ctx=Load()))])");
}

TEST_CASE("Attribute and subscript targets take slices and tuples of slices", "[parser]") {
    CHECK(tree("x.y = z[1:2, ::3] = w[...]") ==
          "Module(body=[Assign(targets=[Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), "
          "Subscript(value=Name(id='z', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), "
          "upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Store())], "
          "value=Subscript(value=Name(id='w', ctx=Load()), slice=Constant(value=Ellipsis), ctx=Load()))])");
}

TEST_CASE("Augmented assignments carry their operator", "[parser]") {
    CHECK(tree("x **= 2\ny //= 3\nz @= m") ==
          "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Pow(), value=Constant(value=2)), "
          "AugAssign(target=Name(id='y', ctx=Store()), op=FloorDiv(), value=Constant(value=3)), "
          "AugAssign(target=Name(id='z', ctx=Store()), op=MatMult(), value=Name(id='m', ctx=Load()))])");
}

TEST_CASE("Annotated assignments are simple only for a bare name", "[parser]") {
    CHECK(tree("x: int = 5\n(y): int\nz.w: List[int] = []") ==
          "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), "
          "value=Constant(value=5), simple=1), AnnAssign(target=Name(id='y', ctx=Store()), annotation=Name(id='int', "
          "ctx=Load()), simple=0), AnnAssign(target=Attribute(value=Name(id='z', ctx=Load()), attr='w', ctx=Store()), "
          "annotation=Subscript(value=Name(id='List', ctx=Load()), slice=Name(id='int', ctx=Load()), ctx=Load()), "
          "value=List(elts=[], ctx=Load()), simple=0)])");
}

TEST_CASE("Del marks every target with the Del context", "[parser]") {
    CHECK(tree("del a, b.c, d[0]") ==
          "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Attribute(value=Name(id='b', ctx=Load()), attr='c', "
          "ctx=Del()), Subscript(value=Name(id='d', ctx=Load()), slice=Constant(value=0), ctx=Del())])])");
}

TEST_CASE("An elif chain nests an If in the orelse", "[parser]") {
    CHECK(tree("if a:\n    pass\nelif b:\n    x\nelse:\n    y") ==
          "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), "
          "body=[Expr(value=Name(id='x', ctx=Load()))], orelse=[Expr(value=Name(id='y', ctx=Load()))])])])");
}

TEST_CASE("A while loop keeps its else block", "[parser]") {
    CHECK(tree("while x:\n    break\nelse:\n    continue") ==
          "Module(body=[While(test=Name(id='x', ctx=Load()), body=[Break()], orelse=[Continue()])])");
}

TEST_CASE("A for loop with a tuple target and an else block", "[parser]") {
    CHECK(tree("for i, j in pairs:\n    pass\nelse:\n    pass") ==
          "Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Store())], ctx=Store()), "
          "iter=Name(id='pairs', ctx=Load()), body=[Pass()], orelse=[Pass()])])");
}

TEST_CASE("A def with every kind of parameter and a return annotation", "[parser]") {
    CHECK(tree("def f(a, b=1, *args, c, d=2, **kw) -> int:\n    return a") ==
          "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a'), arg(arg='b')], "
          "vararg=arg(arg='args'), kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, Constant(value=2)], "
          "kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=[Return(value=Name(id='a', ctx=Load()))], "
          "decorator_list=[], returns=Name(id='int', ctx=Load()))])");
}

TEST_CASE("Positional-only and keyword-only parameters are split around slash and star", "[parser]") {
    CHECK(tree("def f(a, /, b, *, c): pass") ==
          "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], "
          "kwonlyargs=[arg(arg='c')], kw_defaults=[None], defaults=[]), body=[Pass()], decorator_list=[])])");
}

TEST_CASE("Decorators are kept in source order", "[parser]") {
    CHECK(tree("@dec\n@dec2(x)\ndef f(): yield x") ==
          "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], "
          "defaults=[]), body=[Expr(value=Yield(value=Name(id='x', ctx=Load())))], decorator_list=[Name(id='dec', "
          "ctx=Load()), Call(func=Name(id='dec2', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[])])])");
}

TEST_CASE("A class keeps its bases and keywords", "[parser]") {
    CHECK(tree("class A(B, metaclass=M, **kw):\n    x = 1") ==
          "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', "
          "value=Name(id='M', ctx=Load())), keyword(value=Name(id='kw', ctx=Load()))], "
          "body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], decorator_list=[])])");
}

TEST_CASE("A lambda takes the same parameter forms as def", "[parser]") {
    CHECK(tree("f = lambda x, y=1, *a, k, **kw: x") ==
          "Module(body=[Assign(targets=[Name(id='f', ctx=Store())], value=Lambda(args=arguments(posonlyargs=[], "
          "args=[arg(arg='x'), arg(arg='y')], vararg=arg(arg='a'), kwonlyargs=[arg(arg='k')], kw_defaults=[None], "
          "kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=Name(id='x', ctx=Load())))])");
}

TEST_CASE("Yield and yield from work as statements and expressions", "[parser]") {
    CHECK(tree("def g():\n    yield\n    yield from x\n    y = yield 1") ==
          "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], "
          "defaults=[]), body=[Expr(value=Yield()), Expr(value=YieldFrom(value=Name(id='x', ctx=Load()))), "
          "Assign(targets=[Name(id='y', ctx=Store())], value=Yield(value=Constant(value=1)))], decorator_list=[])])");
}

TEST_CASE("A try statement keeps its handlers and both blocks", "[parser]") {
    CHECK(tree("try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\nelse:\n    "
               "pass\nfinally:\n    pass") ==
          "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), name='e', "
          "body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], "
          "ctx=Load()), body=[Pass()]), ExceptHandler(body=[Pass()])], orelse=[Pass()], finalbody=[Pass()])])");
}

TEST_CASE("Raise takes an exception and a cause", "[parser]") {
    CHECK(tree("raise\nraise E\nraise E from c") ==
          "Module(body=[Raise(), Raise(exc=Name(id='E', ctx=Load())), Raise(exc=Name(id='E', ctx=Load()), "
          "cause=Name(id='c', ctx=Load()))])");
}

TEST_CASE("With items take optional targets with or without parentheses", "[parser]") {
    CHECK(tree("with a as b, c:\n    pass\nwith (d as e, f):\n    pass") ==
          "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', "
          "ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Pass()]), "
          "With(items=[withitem(context_expr=Name(id='d', ctx=Load()), optional_vars=Name(id='e', ctx=Store())), "
          "withitem(context_expr=Name(id='f', ctx=Load()))], body=[Pass()])])");
}

TEST_CASE("Assert keeps its message", "[parser]") {
    CHECK(tree("assert x, 'msg'") == "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg'))])");
}

TEST_CASE("Imports keep dotted names, aliases and the relative level", "[parser]") {
    CHECK(tree("import a.b.c as d, e\nfrom .. import x\nfrom .m import (a as b, c,)\nfrom ... import *") ==
          "Module(body=[Import(names=[alias(name='a.b.c', asname='d'), alias(name='e')]), "
          "ImportFrom(names=[alias(name='x')], level=2), ImportFrom(module='m', names=[alias(name='a', asname='b'), "
          "alias(name='c')], level=1), ImportFrom(names=[alias(name='*')], level=3)])");
}

TEST_CASE("Global and nonlocal list their names", "[parser]") {
    CHECK(tree("def f():\n    global a, b\n    nonlocal c") ==
          "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], "
          "defaults=[]), body=[Global(names=['a', 'b']), Nonlocal(names=['c'])], decorator_list=[])])");
}

TEST_CASE("Semicolons separate simple statements", "[parser]") {
    CHECK(tree("x; y; z;") ==
          "Module(body=[Expr(value=Name(id='x', ctx=Load())), Expr(value=Name(id='y', ctx=Load())), "
          "Expr(value=Name(id='z', ctx=Load()))])");
}

TEST_CASE("A walrus binds inside a condition", "[parser]") {
    CHECK(tree("if (n := len(a)) > 10: pass") ==
          "Module(body=[If(test=Compare(left=NamedExpr(target=Name(id='n', ctx=Store()), "
          "value=Call(func=Name(id='len', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[])), ops=[Gt()], "
          "comparators=[Constant(value=10)]), body=[Pass()], orelse=[])])");
}

TEST_CASE("Conditional expressions associate to the right", "[parser]") {
    CHECK(tree("y = a if b else c if d else e") ==
          "Module(body=[Assign(targets=[Name(id='y', ctx=Store())], value=IfExp(test=Name(id='b', ctx=Load()), "
          "body=Name(id='a', ctx=Load()), orelse=IfExp(test=Name(id='d', ctx=Load()), body=Name(id='c', ctx=Load()), "
          "orelse=Name(id='e', ctx=Load()))))])");
}

TEST_CASE("A chain of or is one BoolOp and and binds tighter", "[parser]") {
    CHECK(tree("x = a or b or c and d") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BoolOp(op=Or(), values=[Name(id='a', "
          "ctx=Load()), Name(id='b', ctx=Load()), BoolOp(op=And(), values=[Name(id='c', ctx=Load()), Name(id='d', "
          "ctx=Load())])]))])");
}

TEST_CASE("Not binds tighter than and", "[parser]") {
    CHECK(tree("x = not a and not not b") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BoolOp(op=And(), values=[UnaryOp(op=Not(), "
          "operand=Name(id='a', ctx=Load())), UnaryOp(op=Not(), operand=UnaryOp(op=Not(), operand=Name(id='b', "
          "ctx=Load())))]))])");
}

TEST_CASE("A chained comparison parses into one Compare node", "[parser]") {
    CHECK(tree("x = a < b <= c != d is e is not f in g not in h") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Compare(left=Name(id='a', ctx=Load()), "
          "ops=[Lt(), LtE(), NotEq(), Is(), IsNot(), In(), NotIn()], comparators=[Name(id='b', ctx=Load()), "
          "Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), "
          "Name(id='g', ctx=Load()), Name(id='h', ctx=Load())]))])");
}

TEST_CASE("Binary operators follow Python's precedence", "[parser]") {
    CHECK(tree("x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Name(id='a', ctx=Load()), "
          "op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', "
          "ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), "
          "right=Name(id='e', ctx=Load())), op=RShift(), right=BinOp(left=BinOp(left=Name(id='f', ctx=Load()), "
          "op=Add(), right=Name(id='g', ctx=Load())), op=Sub(), "
          "right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='h', ctx=Load()), op=Mult(), "
          "right=Name(id='i', ctx=Load())), op=Div(), right=Name(id='j', ctx=Load())), op=FloorDiv(), "
          "right=Name(id='k', ctx=Load())), op=Mod(), right=Name(id='l', ctx=Load())), op=MatMult(), "
          "right=Name(id='m', ctx=Load()))))))))])");
}

TEST_CASE("Power binds tighter than a unary minus on its left", "[parser]") {
    CHECK(tree("x = -2 ** 2") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=USub(), "
          "operand=BinOp(left=Constant(value=2), op=Pow(), right=Constant(value=2))))])");
}

TEST_CASE("A unary minus may start the exponent", "[parser]") {
    CHECK(tree("x = 2 ** -1") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=2), op=Pow(), "
          "right=UnaryOp(op=USub(), operand=Constant(value=1))))])");
}

TEST_CASE("Power associates to the right", "[parser]") {
    CHECK(tree("x = a ** b ** c") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Name(id='a', ctx=Load()), "
          "op=Pow(), right=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load()))))])");
}

TEST_CASE("Unary operators in an exponent apply to the rest of the power chain", "[parser]") {
    CHECK(tree("x = -a ** -b ** c") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=USub(), "
          "operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), "
          "operand=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load()))))))])");
}

TEST_CASE("Unary operators nest from the left", "[parser]") {
    CHECK(tree("x = ~+-x") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=Invert(), "
          "operand=UnaryOp(op=UAdd(), operand=UnaryOp(op=USub(), operand=Name(id='x', ctx=Load())))))])");
}

TEST_CASE("Subtraction associates to the left", "[parser]") {
    CHECK(tree("x = a - b - c") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=Name(id='a', "
          "ctx=Load()), op=Sub(), right=Name(id='b', ctx=Load())), op=Sub(), right=Name(id='c', ctx=Load())))])");
}

TEST_CASE("A call keeps positional, starred, keyword and mapping arguments", "[parser]") {
    CHECK(tree("f(a, *b, c=1, **d)") ==
          "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), "
          "Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='c', value=Constant(value=1)), "
          "keyword(value=Name(id='d', ctx=Load()))]))])");
}

TEST_CASE("A bare generator expression is a call's only argument", "[parser]") {
    CHECK(tree("f(x for x in y)") ==
          "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', "
          "ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
          "ifs=[], is_async=0)])], keywords=[]))])");
}

TEST_CASE("Calls, subscripts and attributes chain left to right", "[parser]") {
    CHECK(tree("f(a)(b)[c].d") ==
          "Module(body=[Expr(value=Attribute(value=Subscript(value=Call(func=Call(func=Name(id='f', ctx=Load()), "
          "args=[Name(id='a', ctx=Load())], keywords=[]), args=[Name(id='b', ctx=Load())], keywords=[]), "
          "slice=Name(id='c', ctx=Load()), ctx=Load()), attr='d', ctx=Load()))])");
}

TEST_CASE("Displays take unpacking", "[parser]") {
    CHECK(tree("x = {1: 2, **a, 3: 4}\ny = {1, 2, *a}\nz = [1, *a]") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Dict(keys=[Constant(value=1), None, "
          "Constant(value=3)], values=[Constant(value=2), Name(id='a', ctx=Load()), Constant(value=4)])), "
          "Assign(targets=[Name(id='y', ctx=Store())], value=Set(elts=[Constant(value=1), Constant(value=2), "
          "Starred(value=Name(id='a', ctx=Load()), ctx=Load())])), Assign(targets=[Name(id='z', ctx=Store())], "
          "value=List(elts=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load()))])");
}

TEST_CASE("Parentheses make a tuple only with a comma", "[parser]") {
    CHECK(tree("x = ()\ny = (1,)\nz = (1)") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[], ctx=Load())), "
          "Assign(targets=[Name(id='y', ctx=Store())], value=Tuple(elts=[Constant(value=1)], ctx=Load())), "
          "Assign(targets=[Name(id='z', ctx=Store())], value=Constant(value=1))])");
}

TEST_CASE("A comprehension keeps several for and if clauses", "[parser]") {
    CHECK(tree("x = [x for x in y if x if z for w in x]") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=ListComp(elt=Name(id='x', ctx=Load()), "
          "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
          "ifs=[Name(id='x', ctx=Load()), Name(id='z', ctx=Load())], is_async=0), comprehension(target=Name(id='w', "
          "ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)]))])");
}

TEST_CASE("Dict and set comprehensions and generator expressions", "[parser]") {
    CHECK(
        tree("x = {k: v for k, v in d.items()}\ny = {x for x in y}\nz = (x for x in y)") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=DictComp(key=Name(id='k', ctx=Load()), "
        "value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), "
        "Name(id='v', ctx=Store())], ctx=Store()), iter=Call(func=Attribute(value=Name(id='d', ctx=Load()), "
        "attr='items', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=0)])), Assign(targets=[Name(id='y', "
        "ctx=Store())], value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', "
        "ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])), Assign(targets=[Name(id='z', "
        "ctx=Store())], value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', "
        "ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)]))])");
}

TEST_CASE("Ellipsis and the keyword constants are constants", "[parser]") {
    CHECK(tree("x = ..., None, True, False") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=Ellipsis), "
          "Constant(value=None), Constant(value=True), Constant(value=False)], ctx=Load()))])");
}

TEST_CASE("Adjacent string literals are concatenated", "[parser]") {
    CHECK(tree("x = 'a' 'b' \"c\"") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value='abc'))])");
}

TEST_CASE("Integer literals of every base are decoded", "[parser]") {
    CHECK(tree("x = 0xff, 0o17, 0b101, 1_000_000, 0x_FF") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=255), "
          "Constant(value=15), Constant(value=5), Constant(value=1000000), Constant(value=255)], ctx=Load()))])");
}

TEST_CASE("Float and imaginary literals are decoded", "[parser]") {
    CHECK(tree("x = 1.5, 1e10, .5, 5., 1e400, 1_0.5, 1j, 2.5j") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=1.5), "
          "Constant(value=10000000000.0), Constant(value=0.5), Constant(value=5.0), Constant(value=inf), "
          "Constant(value=10.5), Constant(value=1j), Constant(value=2.5j)], ctx=Load()))])");
}

TEST_CASE("String escapes are decoded and invalid ones keep the backslash", "[parser]") {
    CHECK(tree("x = 'a\\n\\t\\\\\\'\\x41\\101\\u00e9\\d'") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
          "value=Constant(value=\"a\\n\\t\\\\'AA\303\251\\\\d\"))])");
}

TEST_CASE("Raw strings keep backslashes and bytes ignore unicode escapes", "[parser]") {
    CHECK(tree("x = r'\\n\\d' + b'\\n\\xff\\u1234'") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value='\\\\n\\\\d'), "
          "op=Add(), right=Constant(value=b'\\n\\xff\\\\u1234')))])");
}

TEST_CASE("An f-string splits into constants and formatted values", "[parser]") {
    CHECK(tree("x = f'a{x!r}b{y:>10}c{z!s:{w}}'") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=JoinedStr(values=[Constant(value='a'), "
          "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value='b'), "
          "FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1, "
          "format_spec=JoinedStr(values=[Constant(value='>10')])), Constant(value='c'), "
          "FormattedValue(value=Name(id='z', ctx=Load()), conversion=115, "
          "format_spec=JoinedStr(values=[FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1), "
          "Constant(value='')]))]))])");
}

TEST_CASE("The debug specifier adds the expression text", "[parser]") {
    CHECK(tree("x = f'{x=}' + f'{y = }' + f'{z=!s}' + f'{w=:>5}'") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
          "value=BinOp(left=BinOp(left=BinOp(left=JoinedStr(values=[Constant(value='x='), "
          "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]), op=Add(), "
          "right=JoinedStr(values=[Constant(value='y = '), FormattedValue(value=Name(id='y', ctx=Load()), "
          "conversion=114)])), op=Add(), right=JoinedStr(values=[Constant(value='z='), "
          "FormattedValue(value=Name(id='z', ctx=Load()), conversion=115)])), op=Add(), "
          "right=JoinedStr(values=[Constant(value='w='), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1, "
          "format_spec=JoinedStr(values=[Constant(value='>5')]))])))])");
}

TEST_CASE("Doubled braces are literal", "[parser]") {
    CHECK(tree("x = f'{{}}{x}}}' + f''") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
          "value=BinOp(left=JoinedStr(values=[Constant(value='{}'), FormattedValue(value=Name(id='x', ctx=Load()), "
          "conversion=-1), Constant(value='}')]), op=Add(), right=JoinedStr(values=[])))])");
}

TEST_CASE("Plain strings join an f-string's constants", "[parser]") {
    CHECK(tree("x = 'a' f'{b}' 'c'") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=JoinedStr(values=[Constant(value='a'), "
          "FormattedValue(value=Name(id='b', ctx=Load()), conversion=-1), Constant(value='c')]))])");
}

TEST_CASE("A field's expression is parsed where it stands", "[parser]") {
    CHECK(
        tree("x = f'{a[\"b\"]}' + f'{x,y}' + f'{3.14:!<10}'") ==
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
        "value=BinOp(left=BinOp(left=JoinedStr(values=[FormattedValue(value=Subscript(value=Name(id='a', ctx=Load()), "
        "slice=Constant(value='b'), ctx=Load()), conversion=-1)]), op=Add(), "
        "right=JoinedStr(values=[FormattedValue(value=Tuple(elts=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], "
        "ctx=Load()), conversion=-1)])), op=Add(), right=JoinedStr(values=[FormattedValue(value=Constant(value=3.14), "
        "conversion=-1, format_spec=JoinedStr(values=[Constant(value='!<10')]))])))])");
}

TEST_CASE("A yield may be an assignment's value", "[parser]") {
    CHECK(tree("x = yield\na = b = yield c") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Yield()), Assign(targets=[Name(id='a', "
          "ctx=Store()), Name(id='b', ctx=Store())], value=Yield(value=Name(id='c', ctx=Load())))])");
}

TEST_CASE("Del takes tuple and list targets", "[parser]") {
    CHECK(tree("del (a, b), [c]") ==
          "Module(body=[Delete(targets=[Tuple(elts=[Name(id='a', ctx=Del()), Name(id='b', ctx=Del())], ctx=Del()), "
          "List(elts=[Name(id='c', ctx=Del())], ctx=Del())])])");
}

TEST_CASE("A with target may be a tuple", "[parser]") {
    CHECK(tree("with a as (b, c): pass") ==
          "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), "
          "optional_vars=Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store()))], "
          "body=[Pass()])])");
}

TEST_CASE("Parenthesized names are plain targets", "[parser]") {
    CHECK(tree("((a), b) = 1, 2") ==
          "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], "
          "ctx=Store())], value=Tuple(elts=[Constant(value=1), Constant(value=2)], ctx=Load()))])");
}

TEST_CASE("Brackets and backslashes join lines", "[parser]") {
    CHECK(tree("x = [1,\n 2]\ny = 1 + \\\n 2") ==
          "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Constant(value=1), "
          "Constant(value=2)], ctx=Load())), Assign(targets=[Name(id='y', ctx=Store())], "
          "value=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))])");
}

TEST_CASE("Print is an ordinary call in Python 3", "[parser]") {
    CHECK(tree("print(*a, sep='')") ==
          "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Starred(value=Name(id='a', "
          "ctx=Load()), ctx=Load())], keywords=[keyword(arg='sep', value=Constant(value=''))]))])");
}
