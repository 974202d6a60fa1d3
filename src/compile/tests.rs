//! Code generation tests: the instructions small procedures compile to.

use crate::value::Value;
use crate::vm::code::{InlineOp, Op};
use crate::vm::Vm;

/// The instructions of the procedure `source` (a lambda expression) compiles to.
fn ops_of(source: &str) -> Result<Vec<Op>, String> {
    let mut vm = Vm::new().map_err(|e| format!("no VM: {e}"))?;
    let file = crate::diag::add_source("<test>", source.into());
    let forms = crate::reader::read_all(file, source).unwrap_or_default();
    let form = forms.first().ok_or_else(|| format!("{source} reads as nothing"))?;
    let Ok(Value::Closure(thunk)) = vm.compile_form(form) else { return Err(format!("{source} does not compile")) };
    let code = thunk.code();
    let inner = code.consts.iter().find_map(|c| match c {
        Value::Code(k) => Some(k.ops.compiled().to_vec()),
        _ => None,
    });
    inner.ok_or_else(|| format!("{source} makes no procedure"))
}

fn makes_closures(ops: &[Op]) -> bool {
    ops.iter().any(|op| matches!(op, Op::MakeClosure(..)))
}

#[test]
fn let_lambdas_called_in_tail_position_need_no_closure() -> Result<(), String> {
    let ops = ops_of("(lambda (x) (let ((fail (lambda () 'no))) (if (pair? x) (car x) (fail))))")?;
    assert!(!makes_closures(&ops), "{ops:?}");
    let ops = ops_of("(lambda (x) (+ 1 (let ((k (lambda (n) (* n 2)))) (if x (k 4) 2))))")?;
    assert!(!makes_closures(&ops), "{ops:?}");
    Ok(())
}

#[test]
fn named_let_loops_run_in_the_callers_frame() -> Result<(), String> {
    let ops = ops_of("(lambda (n) (+ 1 (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc i)) acc))))")?;
    assert!(!makes_closures(&ops), "{ops:?}");
    assert!(ops.iter().any(|op| matches!(op, Op::Loop(_))), "{ops:?}");
    // A loop procedure that escapes is a closure.
    let ops = ops_of("(lambda (n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) loop)))")?;
    assert!(makes_closures(&ops), "{ops:?}");
    Ok(())
}

#[test]
fn a_copy_of_a_variable_that_never_changes_is_no_store() -> Result<(), String> {
    // `match`'s expansion: the subject copied, then a part copied again.
    let ops = ops_of("(lambda (x) (let ((v x)) (let ((a v) (b v)) (if (pair? a) b #f))))")?;
    assert!(!ops.iter().any(|op| matches!(op, Op::SetLocal(_))), "{ops:?}");
    // An assigned variable is copied: the copy keeps the old value.
    let ops = ops_of("(lambda (x) (let ((a x)) (set! x 2) a))")?;
    assert!(ops.iter().any(|op| matches!(op, Op::SetLocal(_) | Op::MakeBox(_))), "{ops:?}");
    Ok(())
}

/// The ops up to the loop's back edge (`Loop`), which the tests match at the end.
fn back_edge(ops: &[Op]) -> Result<&[Op], String> {
    let end = ops.iter().rposition(|op| matches!(op, Op::Loop(_))).ok_or_else(|| format!("no loop in {ops:?}"))?;
    Ok(&ops[..=end])
}

#[test]
fn a_loops_new_values_go_straight_into_their_slots_when_the_order_allows() -> Result<(), String> {
    // acc reads i, so acc is assigned first; each value is stored as it is made.
    let ops = ops_of("(lambda (n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc i)))))")?;
    let edge = back_edge(&ops)?;
    assert!(
        matches!(edge, [.., Op::InlineLL(..), Op::SetLocal(_), Op::InlineLI(..), Op::SetLocal(_), Op::Loop(_)]),
        "{edge:?}"
    );
    // A swap has no such order: both values are pushed, then stored.
    let ops = ops_of("(lambda (n) (let loop ((a 1) (b 2)) (if (null? n) a (loop b a))))")?;
    let edge = back_edge(&ops)?;
    assert!(
        matches!(edge, [.., Op::Local(_), Op::Local(_), Op::SetLocal(_), Op::SetLocal(_), Op::Loop(_)]),
        "{edge:?}"
    );
    Ok(())
}

#[test]
fn assigned_locals_stay_in_slots_unless_captured_or_live_across_a_call() -> Result<(), String> {
    let boxes = |ops: &[Op]| ops.iter().any(|op| matches!(op, Op::MakeBox(_) | Op::SetLocalBox(_)));
    let ops = ops_of("(lambda (n) (let ((i 0)) (let loop () (if (< i n) (begin (set! i (+ i 1)) (loop)))) i))")?;
    assert!(!boxes(&ops), "{ops:?}");
    // A tail call leaves the frame, so it does not count as a call in scope.
    let ops = ops_of("(lambda (n) (let ((i 0)) (let loop () (if (< i n) (begin (set! i (+ i 1)) (loop)))) (list i)))")?;
    assert!(!boxes(&ops), "{ops:?}");
    for source in [
        "(lambda (n) (let ((i 0)) (set! i (list n)) i))",
        "(lambda (n) (set! n 1) (lambda () n))",
        "(lambda (n) (let ((i 0)) (set! i 1) (list (list i) i)))",
    ] {
        assert!(boxes(&ops_of(source)?), "{source}");
    }
    Ok(())
}

#[test]
fn what_runs_for_effect_pushes_nothing_it_drops() -> Result<(), String> {
    // The loop body: a vector-set! and a set! for effect, then the jump.
    let ops = ops_of(
        "(lambda (v n) (let ((i 0)) (let loop () (if (< i n) (begin (vector-set! v i 0) (set! i (+ i 1)) 'ignored (loop)))) i))",
    )?;
    let edge = back_edge(&ops)?;
    assert!(
        matches!(
            edge,
            [.., Op::Inline(_, InlineOp::VectorSet), Op::Pop, Op::InlineLI(..), Op::SetLocal(_), Op::Loop(_)]
        ),
        "{edge:?}"
    );
    assert!(!ops.iter().any(|op| matches!(op, Op::Unspecified)), "{ops:?}");
    // An unbound global read for effect is still an error, so it stays.
    let ops = ops_of("(lambda () no-such-global 1)")?;
    assert!(matches!(ops[..], [Op::Global(_), Op::Pop, Op::Const(_), Op::Return]), "{ops:?}");
    Ok(())
}

#[test]
fn a_jump_to_a_jump_goes_straight_to_its_target() -> Result<(), String> {
    // The inner `when` ends the then-branch of the outer `if`.
    let ops = ops_of("(lambda (a b) (if a (when b (display 1))) (display 2))")?;
    for op in &ops {
        if let Op::Jump(t) | Op::JumpIfFalse(t) = op {
            assert!(!matches!(ops[*t as usize], Op::Jump(_)), "{ops:?}");
        }
    }
    Ok(())
}

#[test]
fn let_lambdas_used_otherwise_are_closures() -> Result<(), String> {
    for source in [
        "(lambda (x) (let ((k (lambda () 1))) (list (k) k)))",
        "(lambda (x) (let ((k (lambda () 1))) (+ 1 (k))))",
        "(lambda (x) (let ((k (lambda () 1))) (map (lambda (y) (k)) x)))",
        "(lambda (x) (let ((k (lambda (a) a))) (k 1 2)))",
    ] {
        assert!(makes_closures(&ops_of(source)?), "{source}");
    }
    Ok(())
}

/// The instruction loop reads instructions without bounds checks, which
/// `Ops` makes sound: every jump lands inside, and control that falls off
/// the end meets `End`, an error rather than a wild read.
#[test]
fn control_falling_off_a_procedures_end_is_an_error_not_a_wild_read() -> Result<(), String> {
    use crate::vm::code::Ops;
    let ops = Ops::new(vec![Op::JumpIfFalse(1000), Op::Unspecified]);
    assert!(matches!(ops.compiled(), [Op::JumpIfFalse(2), Op::Unspecified]), "{:?}", ops.compiled());

    let mut vm = Vm::new().map_err(|e| format!("no VM: {e}"))?;
    let file = crate::diag::add_source("<test>", "(lambda () 1)".into());
    let forms = crate::reader::read_all(file, "(lambda () 1)").unwrap_or_default();
    let Ok(Value::Closure(thunk)) = vm.compile_form(&forms[0]) else { return Err("no thunk".into()) };
    let Ok(Value::Closure(procedure)) = vm.apply(Value::Closure(thunk), &[]) else { return Err("no procedure".into()) };
    // The procedure's code, with its `Return` gone: it pushes 1 and runs on.
    let code = procedure.code();
    let broken = vm.heap.alloc(crate::vm::code::Code {
        name: None,
        arity: code.arity.clone(),
        simple_argc: code.simple_argc,
        frame_size: code.frame_size,
        ops: Ops::new(vec![Op::Const(0)]),
        consts: vec![Value::Int(1)],
        spans: vec![],
        span: code.span,
        params: vec![],
        rest_name: None,
        doc: None,
        deferred: None,
    });
    procedure.code.set(broken);
    match vm.apply(Value::Closure(procedure), &[]) {
        Err(crate::vm::RunError::Uncaught(e)) => {
            let shown = crate::value::print::to_write(e);
            assert!(shown.contains("past the end"), "{shown}");
        }
        Ok(v) => return Err(format!("ran on to {}", crate::value::print::to_write(v))),
        Err(_) => return Err("exited".into()),
    }
    Ok(())
}

#[test]
fn a_negated_comparison_is_one_operation() -> Result<(), String> {
    let ops = ops_of("(lambda (x y) (if (not (< y x)) y x))")?;
    assert!(matches!(ops[..2], [Op::InlineLL(InlineOp::NotLt, ..), Op::JumpIfFalse(_)]), "{ops:?}");
    let ops = ops_of("(lambda (l x) (not (= (car l) x)))")?;
    assert!(ops.iter().any(|op| matches!(op, Op::InlineLL(InlineOp::NotNumEq, ..))), "{ops:?}");
    assert!(!ops.iter().any(|op| matches!(op, Op::Inline(_, InlineOp::Not))), "{ops:?}");
    // Other negations stay two operations.
    let ops = ops_of("(lambda (x) (not (null? x)))")?;
    assert!(matches!(ops[..], [Op::InlineL(InlineOp::NullP, ..), Op::Inline(_, InlineOp::Not), Op::Return]), "{ops:?}");
    Ok(())
}

#[test]
fn a_loop_takes_captured_operands_from_its_frame() -> Result<(), String> {
    // `count` captures `v`; its loop copies `v` into a slot once, so that
    // (vector-ref v i) reads both operands from the frame.
    let outer =
        "(lambda (v) (lambda (n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc (vector-ref v i)))))))";
    let mut vm = Vm::new().map_err(|e| format!("no VM: {e}"))?;
    let file = crate::diag::add_source("<test>", outer.into());
    let forms = crate::reader::read_all(file, outer).unwrap_or_default();
    let Ok(Value::Closure(thunk)) = vm.compile_form(&forms[0]) else { return Err("does not compile".into()) };
    let inner_code = |consts: &[Value]| {
        consts.iter().find_map(|c| match c {
            Value::Code(k) => Some(*k),
            _ => None,
        })
    };
    let outer_code = inner_code(&thunk.code().consts).ok_or("no outer lambda")?;
    let count = inner_code(&outer_code.consts).ok_or("no inner lambda")?;
    let ops = count.ops.compiled();
    let frees: Vec<usize> = (0..ops.len()).filter(|&i| matches!(ops[i], Op::Free(_))).collect();
    let start = back_edge(ops)?.iter().rev().find_map(|op| match op {
        Op::Loop(t) => Some(*t as usize),
        _ => None,
    });
    assert!(matches!(frees[..], [i] if Some(i + 2) == start && matches!(ops[i + 1], Op::SetLocal(_))), "{ops:?}");
    assert!(ops.iter().any(|op| matches!(op, Op::InlineLL(InlineOp::VectorRef, ..))), "{ops:?}");
    Ok(())
}

#[test]
fn code_reading_a_free_variable_it_lacks_raises_an_error_instead() -> Result<(), String> {
    // Only a compiler bug makes such code; running it must not index out of bounds.
    let mut vm = Vm::new().map_err(|e| format!("no VM: {e}"))?;
    let analysis = super::analyze::analyze(&crate::expand::Core::Unspecified, 0, &|_, _| false);
    let mut compiler = super::Compiler { vm: &mut vm, analysis, vars: vec![] };
    let mut f = super::Function::new(vec![], None);
    f.emit(Op::Free(0));
    f.emit(Op::Return);
    let code = compiler.finish(f, None, Default::default(), crate::diag::Span::NONE, vec![], None, None);
    assert!(matches!(code.ops.compiled(), [Op::Global(_), Op::Const(_), Op::TailCall(1)]), "{:?}", code.ops.compiled());
    Ok(())
}

#[test]
fn nested_inline_operations_pass_results_through_temporary_slots() -> Result<(), String> {
    let ops = ops_of("(lambda (v i) (vector-ref v (modulo (* i 5) 16)))")?;
    let [Op::InlineLI(InlineOp::Mul, _, 1, 5), Op::SetLocal(t), Op::InlineLI(InlineOp::Modulo, _, t2, 16), Op::SetLocal(u), Op::InlineLL(InlineOp::VectorRef, _, 0, u2), Op::Return] =
        ops[..]
    else {
        return Err(format!("{ops:?}"));
    };
    assert!(t == t2 && u == u2 && t >= 2 && u >= 2, "{ops:?}");
    // An operand with an assignment in it is evaluated in order, on the stack.
    let ops = ops_of("(lambda (x l) (+ x (car (begin (set! x 1) l))))")?;
    assert!(matches!(ops[..2], [Op::Local(0), ..]), "{ops:?}");
    assert!(ops.iter().any(|op| matches!(op, Op::Inline(_, InlineOp::Add))), "{ops:?}");
    Ok(())
}

#[test]
fn and_and_or_as_tests_branch_on_each_operand() -> Result<(), String> {
    let ops = ops_of("(lambda (a b) (if (and (< a b) (or (= a 0) (> b 9))) 1 2))")?;
    // (= a 0) true jumps to the `then` branch by its negation.
    let [Op::InlineLL(InlineOp::Lt, _, 0, 1), Op::JumpIfFalse(to_else), Op::InlineLI(InlineOp::NotNumEq, _, 0, 0), Op::JumpIfFalse(to_then), Op::InlineLI(InlineOp::Gt, _, 1, 9), Op::JumpIfFalse(to_else2), ..] =
        ops[..]
    else {
        return Err(format!("{ops:?}"));
    };
    assert!(to_then == 6 && to_else == to_else2 && matches!(ops[to_else as usize - 1], Op::Return), "{ops:?}");
    // No temporary for or's value.
    assert!(!ops.iter().any(|op| matches!(op, Op::SetLocal(_))), "{ops:?}");
    // An `or` operand that is not a comparison falls through when true.
    let ops = ops_of("(lambda (a b) (if (or (pair? a) b) 1 2))")?;
    assert!(
        matches!(ops[..4], [Op::InlineL(InlineOp::PairP, _, 0), Op::JumpIfFalse(3), Op::Jump(5), Op::Local(1)]),
        "{ops:?}"
    );
    Ok(())
}

#[test]
fn an_or_after_a_predicate_is_a_branch_for_its_value_too() -> Result<(), String> {
    let ops = ops_of("(lambda (l n) (or (null? l) (car l)))")?;
    let [Op::InlineL(InlineOp::NullP, _, 0), Op::JumpIfFalse(4), Op::Const(_), Op::Return, ..] = ops[..] else {
        return Err(format!("{ops:?}"));
    };
    assert!(!ops.iter().any(|op| matches!(op, Op::SetLocal(_))), "{ops:?}");
    // Any other first operand keeps its value in a temporary.
    let ops = ops_of("(lambda (l n) (or (car l) n))")?;
    assert!(ops.iter().any(|op| matches!(op, Op::SetLocal(_))), "{ops:?}");
    Ok(())
}

#[test]
fn a_let_stores_each_value_as_it_is_computed() -> Result<(), String> {
    let ops = ops_of("(lambda (l) (let ((a (car l)) (b (cdr l))) (cons b a)))")?;
    assert!(
        matches!(
            ops[..4],
            [Op::InlineL(InlineOp::Car, _, 0), Op::SetLocal(1), Op::InlineL(InlineOp::Cdr, _, 0), Op::SetLocal(2)]
        ),
        "{ops:?}"
    );
    Ok(())
}
