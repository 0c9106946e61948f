// Code generation for control flow: if, while, for, try/except/else/finally, with, break,
// continue, and conditional jumps (compiler_jump_if). The exception-handling shapes follow
// opcode.h's block-stack contract: SETUP_FINALLY/SETUP_WITH push a handler that receives the
// exception; PUSH_EXC_INFO opens an except-handler block that POP_EXCEPT (or the unwinding of
// an exception leaving it) closes, restoring the previously handled exception.
#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

// expr_constant: 1 or 0 when a test's truth is known at compile time, else -1. Up to 3.8 the
// compiler drops the dead branch itself; 3.10+ compiles both and lets the optimizer (assemble)
// remove it, which is why the constants of dead code stay in co_consts there.
int Compiler::expr_constant(const ast::Expr* e) {
    if (at_least(3, 10)) return -1;
    if (e->kind == ast::ExprKind::Name && e->id == "__debug__" && e->ctx == ast::ExprContext::Load) return 1;
    if (!at_least(3, 8) && e->kind != ast::ExprKind::Constant) return -1;
    PyObject* v = pool_.value_of(e);
    return v == nullptr ? -1 : const_truth(rt_, v);
}

void Compiler::if_stmt(const ast::Stmt* s) {
    const int constant = expr_constant(s->test);
    // 3.8 still visits a dead branch, emitting nothing (names reach co_names, constants do not).
    auto dead = [&](const std::vector<ast::Stmt*>& body) {
        if (!at_least(3, 8) || body.empty()) return;
        ++u_->no_emit;
        visit_stmts(body);
        --u_->no_emit;
    };
    if (constant == 0) {
        dead(s->body);
        visit_stmts(s->orelse);
        return;
    }
    if (constant == 1) {
        visit_stmts(s->body);
        dead(s->orelse);
        return;
    }
    const int end = new_label();
    const int next = s->orelse.empty() ? end : new_label();
    jump_if(s->test, next, false);
    visit_stmts(s->body);
    if (!s->orelse.empty()) {
        loc_ = s->pos;
        emit(Opcode::JUMP, end);
        bind(next);
        visit_stmts(s->orelse);
    }
    bind(end);
}

void Compiler::while_stmt(const ast::Stmt* s) {
    const int constant = expr_constant(s->test);
    if (constant == 0) {
        if (at_least(3, 8)) {
            ++u_->no_emit;
            if (push_fblock(FBlockKind::WhileLoop, s->pos)) {
                visit_stmts(s->body);
                pop_fblock();
            }
            --u_->no_emit;
        }
        visit_stmts(s->orelse);
        return;
    }
    const int loop = new_label();
    const int body = new_label();
    const int end = new_label();
    const int anchor = constant == -1 ? new_label() : -1;
    bind(loop);
    if (!push_fblock(FBlockKind::WhileLoop, s->pos, loop, end)) return;
    if (constant == -1) jump_if(s->test, anchor, false);
    bind(body);
    visit_stmts(s->body);
    loc_ = s->pos;
    // 3.10-3.13 test again at the bottom (and warn again about the test), jumping back to the
    // body while it holds; before and after, the loop jumps back to its one test.
    if (constant == -1 && at_least(3, 10) && !at_least(3, 14))
        jump_if(s->test, body, true);
    else
        emit(Opcode::JUMP, loop);
    pop_fblock();
    if (anchor >= 0) bind(anchor);
    visit_stmts(s->orelse);
    bind(end);
}

void Compiler::for_stmt(const ast::Stmt* s) {
    const int start = new_label();
    const int cleanup = new_label();
    const int end = new_label();
    visit_expr(s->value);
    loc_ = at_least(3, 13) ? s->value->pos : s->pos;  // 3.13 places GET_ITER at the iterable
    emit(Opcode::GET_ITER);
    bind(start);
    if (!push_fblock(FBlockKind::ForLoop, s->pos, start, end)) return;
    emit(Opcode::FOR_ITER, cleanup);
    visit_expr(s->targets[0]);
    visit_stmts(s->body);
    loc_ = s->pos;
    emit(Opcode::JUMP, start);
    pop_fblock();
    bind(cleanup);  // FOR_ITER has popped the exhausted iterator
    visit_stmts(s->orelse);
    bind(end);
}

void Compiler::break_stmt(const ast::Stmt* s) {
    if (at_least(3, 10)) emit(Opcode::NOP);
    FBlock loop;
    if (!unwind_fblock_stack(false, &loop)) {
        error(s->pos, "'break' outside loop");
        return;
    }
    loc_ = s->pos;
    unwind_fblock(loop, false);
    emit(Opcode::JUMP, loop.exit);
}

void Compiler::continue_stmt(const ast::Stmt* s) {
    if (!at_least(3, 8)) {
        // Up to 3.7 a `continue` may not leave a finally clause, even from a nested block.
        for (size_t i = u_->fblocks.size(); i-- > 0;) {
            const FBlockKind k = u_->fblocks[i].kind;
            if (k == FBlockKind::WhileLoop || k == FBlockKind::ForLoop) break;
            if (k == FBlockKind::FinallyEnd || k == FBlockKind::FinallyNormal) {
                error(s->pos, "'continue' not supported inside 'finally' clause");
                return;
            }
        }
    }
    if (at_least(3, 10)) emit(Opcode::NOP);
    FBlock loop;
    if (!unwind_fblock_stack(false, &loop)) {
        error(s->pos, "'continue' not properly in loop");
        return;
    }
    loc_ = s->pos;
    emit(Opcode::JUMP, loop.start);
}

// ==== try =======================================================================================

void Compiler::try_stmt(const ast::Stmt* s) {
    if (!s->finalbody.empty())
        try_finally(s);
    else
        try_except(s);
}

// PUSH_EXC_INFO of a handler that keeps its exception on the stack through its body (finally,
// with): up to 3.10 the instruction is told which (opcode.h).
void Compiler::push_exc_info_kept(int kind) { emit(Opcode::PUSH_EXC_INFO, at_least(3, 11) ? 0 : kind); }

// try/finally: the normal path runs a copy of the finally body; the exceptional path makes the
// exception the handled one while the body runs, then raises it again.
void Compiler::try_finally(const ast::Stmt* s) {
    const int final = new_label();
    const int exit = new_label();
    // 3.8 compiles the finally body before the try body (to learn whether it breaks out), so
    // its names and constants come first: the lab places the exceptional copy first there.
    const bool final_first = at_least(3, 8) && !at_least(3, 10);
    const int body = final_first ? new_label() : -1;
    auto exceptional_copy = [&]() {
        bind(final);  // stack: exc
        push_exc_info_kept(kPushExcInfoFinally);  // stack: prev exc
        if (!push_fblock(FBlockKind::FinallyEnd, s->pos)) return false;
        visit_stmts(s->finalbody);
        pop_fblock();
        loc_ = s->pos;
        emit(Opcode::RERAISE);
        return true;
    };
    if (final_first) {
        emit(Opcode::JUMP, body);
        if (!exceptional_copy()) return;
        bind(body);
    }
    emit(Opcode::SETUP_FINALLY, final);
    if (!push_fblock(FBlockKind::FinallyTry, s->pos, -1, -1, &s->finalbody)) return;
    if (!s->handlers.empty())
        try_except(s);
    else
        visit_stmts(s->body);
    emit(Opcode::POP_BLOCK);
    pop_fblock();
    const bool normal_block = !at_least(3, 8);
    if (normal_block) {
        // Up to 3.7 a None marks the normal path into the finally body (LOAD_CONST None).
        rt_.incref(rt_.builtins().singletons.none);
        add_const(rt_.builtins().singletons.none);
    }
    if (normal_block && !push_fblock(FBlockKind::FinallyNormal, s->pos)) return;
    visit_stmts(s->finalbody);
    if (normal_block) pop_fblock();
    loc_ = s->pos;
    if (!final_first) {
        emit(Opcode::JUMP, exit);
        if (!exceptional_copy()) return;
    }
    bind(exit);
}

// try/except/else: each handler tests the exception with CHECK_EXC_MATCH; a named handler
// runs its body under a cleanup block so the name is deleted however the body ends (3.x).
void Compiler::try_except(const ast::Stmt* s) {
    const int except = new_label();
    const int end = new_label();
    const int orelse = new_label();
    emit(Opcode::SETUP_FINALLY, except);
    if (!push_fblock(FBlockKind::TryExcept, s->pos)) return;
    visit_stmts(s->body);
    pop_fblock();
    loc_ = s->pos;
    emit(Opcode::POP_BLOCK);
    // 3.11+ compiles the else body here; before, after the handlers.
    const bool orelse_first = at_least(3, 11);
    if (orelse_first) {
        visit_stmts(s->orelse);
        loc_ = s->pos;
        emit(Opcode::JUMP, end);
    } else {
        emit(Opcode::JUMP, orelse);
    }
    bind(except);                 // stack: exc
    emit(Opcode::PUSH_EXC_INFO);  // stack: prev exc
    if (!push_fblock(FBlockKind::ExceptionHandler, s->pos)) return;
    for (size_t i = 0; i < s->handlers.size() && !failed_; ++i) {
        const ast::ExceptHandler& h = s->handlers[i];
        if (h.type == nullptr && i + 1 < s->handlers.size()) {
            // Before 3.10 the error points at whatever statement was compiled last.
            error(at_least(3, 10) ? h.pos : last_stmt_pos_, "default 'except:' must be last");
            return;
        }
        loc_ = h.pos;
        last_stmt_pos_ = h.pos;
        const int next = new_label();
        if (h.type != nullptr) {
            visit_expr(h.type);
            loc_ = h.pos;
            emit(Opcode::CHECK_EXC_MATCH);
            emit(Opcode::POP_JUMP_IF_FALSE, next);
        }
        if (!h.name.empty() && !is27()) {
            name_op(h.name, ast::ExprContext::Store);  // stack: prev
            const int cleanup = new_label();
            emit(Opcode::SETUP_FINALLY, cleanup);
            if (!push_fblock(FBlockKind::HandlerCleanup, h.pos, -1, -1, nullptr, h.name)) return;
            visit_stmts(h.body);
            pop_fblock();
            loc_ = h.pos;
            emit(Opcode::POP_BLOCK);
            emit(Opcode::POP_EXCEPT);
            load_none();
            name_op(h.name, ast::ExprContext::Store);
            name_op(h.name, ast::ExprContext::Del);
            emit(Opcode::JUMP, end);
            bind(cleanup);  // stack: prev exc2
            load_none();
            name_op(h.name, ast::ExprContext::Store);
            name_op(h.name, ast::ExprContext::Del);
            emit(Opcode::RERAISE);
        } else {
            // 2.7 binds the name and leaves it bound after the handler.
            if (!h.name.empty())
                name_op(h.name, ast::ExprContext::Store);
            else
                emit(Opcode::POP_TOP);
            if (!push_fblock(FBlockKind::HandlerCleanup, h.pos)) return;
            visit_stmts(h.body);
            pop_fblock();
            loc_ = h.pos;
            emit(Opcode::POP_EXCEPT);
            emit(Opcode::JUMP, end);
        }
        bind(next);
    }
    pop_fblock();
    loc_ = s->pos;
    emit(Opcode::RERAISE);  // no handler matched: stack prev exc
    bind(orelse);
    if (!orelse_first) visit_stmts(s->orelse);
    bind(end);
}

// ==== with ======================================================================================

// One context manager per level; `with a, b:` nests. SETUP_WITH's handler receives `exit exc`.
void Compiler::with_stmt(const ast::Stmt* s, size_t index) {
    const ast::WithItem& item = s->items[index];
    const int handler = new_label();
    const int suppress = new_label();
    const int end = new_label();
    visit_expr(item.context_expr);
    loc_ = s->pos;
    emit(Opcode::BEFORE_WITH);  // exit enter_result
    emit(Opcode::SETUP_WITH, handler);
    if (!push_fblock(FBlockKind::With, at_least(3, 13) ? item.context_expr->pos : s->pos)) return;
    if (item.optional_vars != nullptr)
        visit_expr(item.optional_vars);
    else
        emit(Opcode::POP_TOP);
    if (index + 1 < s->items.size())
        with_stmt(s, index + 1);
    else
        visit_stmts(s->body);
    pop_fblock();
    loc_ = s->pos;
    emit(Opcode::POP_BLOCK);
    note_exit_nones();
    emit(Opcode::WITH_EXIT);
    emit(Opcode::JUMP, end);
    bind(handler);                    // exit exc
    push_exc_info_kept(kPushExcInfoWith);  // exit prev exc
    emit(Opcode::WITH_EXCEPT_START);  // exit prev exc result
    emit(Opcode::POP_JUMP_IF_TRUE, suppress);
    emit(Opcode::RERAISE);
    bind(suppress);  // exit prev exc
    emit(Opcode::POP_TOP);
    emit(Opcode::POP_EXCEPT);
    emit(Opcode::POP_TOP);
    bind(end);
}

// ==== conditional jumps ==========================================================================

// compiler_jump_if: jumps to `label` when bool(e) == cond, without materializing the bools of
// `not`, `and`/`or`, conditional expressions and comparison chains.
void Compiler::jump_if(const ast::Expr* e, int label, bool cond) {
    if (failed_) return;
    const ast::Pos saved = loc_;
    loc_ = e->pos;
    switch (e->kind) {
        case ast::ExprKind::UnaryOp:
            if (e->unary == ast::UnaryOp::Not && pool_.value_of(e) == nullptr) {
                jump_if(e->left, label, !cond);
                loc_ = saved;
                return;
            }
            break;
        case ast::ExprKind::BoolOp: {
            if (pool_.value_of(e) != nullptr) break;
            const bool is_or = e->boolop == ast::BoolOp::Or;
            const int next2 = cond != is_or ? new_label() : label;
            for (size_t i = 0; i + 1 < e->values.size(); ++i) jump_if(e->values[i], next2, is_or);
            jump_if(e->values.back(), label, cond);
            if (next2 != label) bind(next2);
            loc_ = saved;
            return;
        }
        case ast::ExprKind::IfExp: {
            if (pool_.value_of(e) != nullptr) break;
            const int end = new_label();
            const int next2 = new_label();
            jump_if(e->test, next2, false);
            jump_if(e->left, label, cond);
            emit(Opcode::JUMP, end);
            bind(next2);
            jump_if(e->right, label, cond);
            bind(end);
            loc_ = saved;
            return;
        }
        case ast::ExprKind::Compare: {
            if (e->ops.size() < 2) break;
            check_compare(e);
            const int cleanup = new_label();
            visit_expr(e->left);
            for (size_t i = 0; i + 1 < e->ops.size(); ++i) {
                visit_expr(e->values[i]);
                loc_ = e->pos;
                emit(Opcode::SWAP, 2);
                emit(Opcode::COPY, 2);
                compare_op(e->ops[i]);
                emit(Opcode::POP_JUMP_IF_FALSE, cleanup);
            }
            visit_expr(e->values.back());
            loc_ = e->pos;
            compare_op(e->ops.back());
            emit(cond ? Opcode::POP_JUMP_IF_TRUE : Opcode::POP_JUMP_IF_FALSE, label);
            const int end = new_label();
            emit(Opcode::JUMP, end);
            bind(cleanup);
            emit(Opcode::POP_TOP);
            if (!cond) emit(Opcode::JUMP, label);
            bind(end);
            loc_ = saved;
            return;
        }
        default: break;
    }
    visit_expr(e);
    loc_ = e->pos;
    emit(cond ? Opcode::POP_JUMP_IF_TRUE : Opcode::POP_JUMP_IF_FALSE, label);
    loc_ = saved;
}

}  // namespace pymemlab
