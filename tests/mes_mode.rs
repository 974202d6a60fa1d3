//! Mes code (loaded by `mes-use-module` from a Mes module tree) as guix0
//! runs it: top-level procedures, and lambdas outside any other, are
//! compiled on their first call
//! (`src/expand/deferred.rs`), which must not change what they do.

mod common;

use common::guix0;

/// A Mes module tree holding `(demo lazy)`, as `MES_PREFIX` names it.
fn mes_tree(module_text: &str) -> tempfile::TempDir {
    let prefix = tempfile::tempdir().expect("temp dir");
    let module = prefix.path().join("mes/module");
    std::fs::create_dir_all(module.join("mes")).expect("module tree");
    std::fs::create_dir_all(module.join("demo")).expect("module tree");
    std::fs::write(module.join("demo/lazy.mes"), module_text).expect("write module");
    prefix
}

fn run_with_tree(prefix: &tempfile::TempDir, program: &str) -> common::Run {
    let path = prefix.path().join("program.scm");
    std::fs::write(&path, program).expect("write program");
    let out = guix0().env("MES_PREFIX", prefix.path()).arg(&path).output().expect("guix0 runs");
    common::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const MODULE: &str = r#"
(define (uses-later x) (twice x))
(define-macro (twice x) `(* 2 ,x))
(define* (options a #:optional (b 10) #:key (c 100)) (+ a b c))
(define (rest-args first . more) (list first more))
(define (documented) "Say hello." 'hello)
(define (broken)
  (let ((x 1))
    (if)))
(define counter
  (let ((n 0))
    (lambda () (set! n (+ n 1)) n)))
(define actions (vector (lambda (x) (thrice x)) (lambda args (length args))))
(define* (thrice-sum x #:optional (y 1)) (thrice (+ x y)))
(define-macro (thrice x) `(* 3 ,x))
"#;

#[test]
fn procedures_compiled_on_first_call_behave_as_defined() {
    let tree = mes_tree(MODULE);
    let r = run_with_tree(
        &tree,
        r#"(mes-use-module (demo lazy))
(write uses-later) (newline)
(write options) (newline)
(write (list (uses-later 21) (uses-later 5)))
(write (list (options 1) (options 1 2) (options 1 2 #:c 3)))
(write (rest-args 1 2 3))
(write (map rest-args '(a b)))
(write (procedure-documentation documented))
(write (list (counter) (counter)))
(write (list ((vector-ref actions 0) 5) ((vector-ref actions 1) 1 2) (vector-ref actions 0)))
(write (list (thrice-sum 1) (thrice-sum 1 2)))
(newline)"#,
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "#<procedure uses-later (x)>\n#<procedure options (a b)>\n\
         (42 10)(111 103 6)(1 (2 3))((a ()) (b ()))\"Say hello.\"(1 2)(15 2 #<procedure #f (x)>)(6 9)\n"
    );
}

#[test]
fn a_syntax_error_in_mes_code_shows_at_the_first_call() {
    let tree = mes_tree(MODULE);
    let r = run_with_tree(&tree, "(mes-use-module (demo lazy)) (display \"loaded\") (newline) (broken)");
    assert_eq!(r.status, 1);
    assert_eq!(r.stdout, "loaded\n");
    assert!(r.stderr.contains("lazy.mes:9:"), "the error names the place in the module: {}", r.stderr);
    assert!(r.stderr.contains("if"), "{}", r.stderr);
    // A wrong number of arguments is reported before any compilation.
    let r = run_with_tree(&tree, "(mes-use-module (demo lazy)) (uses-later)");
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("uses-later"), "{}", r.stderr);
}

/// The bodies of Mes code's procedures are read only if the procedure is
/// called, but every reading error still shows when the file is loaded.
#[test]
fn a_reading_error_in_an_uncalled_body_shows_before_anything_runs() {
    let too_deep = format!("{}{}", "(".repeat(100_001), ")".repeat(100_001));
    for (body, message) in [
        ("'(a . b c)", "unexpected datum"),
        ("(list 1 ')", "unexpected"),
        ("#\\nosuchname", "nosuchname"),
        ("#vu8(1 300)", "bytevector"),
        ("(car #;)", "unexpected"),
        ("(list 1 2]", "closes the list opened with `(`"),
        ("(list \"abc)", "unterminated string"),
        (too_deep.as_str(), "nested more than"),
    ] {
        for define in ["define", "define*"] {
            let module = format!("(define (fine) 1)\n({define} (never-called x)\n  (display x)\n  {body})\n");
            let tree = mes_tree(&module);
            let r = run_with_tree(&tree, "(display \"start\") (mes-use-module (demo lazy)) (display \"loaded\")");
            assert_eq!(r.status, 1, "{define} {body}: {}", r.stderr);
            assert_eq!(r.stdout, "start", "{define} {body}: nothing of the module ran");
            assert!(r.stderr.contains("lazy.mes:4:"), "{define} {body}: the error names its place: {}", r.stderr);
            assert!(r.stderr.contains(message), "{define} {body}: {}", r.stderr);
        }
    }
}

/// A procedure definition left unread still follows the `define` in scope
/// when it runs: Mes code may rebind `define` as a macro.
#[test]
fn a_rebound_define_is_used_for_procedure_definitions() {
    let tree = mes_tree(
        r#"(define-macro (define signature . body) `(set! defined (cons ',(car signature) defined)))
(define (one) 1)
(define (two) 2)
"#,
    );
    let r = run_with_tree(&tree, "(define defined '()) (mes-use-module (demo lazy)) (write defined)");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "(two one)");
}

#[test]
fn guile_style_code_is_still_checked_when_loaded() {
    let r = common::run_program("(define (broken) (let ((x 1)) (if))) (display \"not reached\")");
    assert_eq!(r.status, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("program.scm:1:"), "{}", r.stderr);
}

/// Mes's psyntax port switches on "portable" expansion by defining the macro
/// `portable-macro-expand`; from then on forms headed by a keyword listed in
/// `*sc-expander-alist*` go through the global `macro-expand`. A stand-in
/// for psyntax shows the protocol: only listed heads, only once the signal
/// is defined, and never a head bound as a local variable.
#[test]
fn forms_headed_by_psyntax_keywords_go_through_macro_expand() {
    let r = common::run_program(
        r#"(define *sc-expander-alist* '((twice . #t)))
(define (twice x) (list 'called x))
(define (macro-expand form) `(list 'expanded ,(cadr form) ,(cadr form)))
(write (twice 1))
(define-macro (portable-macro-expand) #t)
(write (twice 2))
(write (let ((twice -)) (twice 3)))
(write (list 4))
(newline)"#,
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "(called 1)(expanded 2 2)-3(4)\n");
}

/// `(mes test)` redefines `inexact->exact` as the identity, since Mes has
/// no flonums; guix0 keeps its own, which is the identity on every number
/// Mes has and stays right on flonums (Mes's tests/math.test checks
/// `(inexact->exact (string->number "1.0"))` is 1).
#[test]
fn mes_code_redefining_exactness_procedures_as_identity_is_skipped() {
    let tree = mes_tree(
        "(define (inexact->exact x) x)\n(define exact->inexact (lambda (x) x))\n(define (other x) (list x))\n",
    );
    let r = run_with_tree(
        &tree,
        "(mes-use-module (demo lazy))\n(write (list (inexact->exact 1.0) (exact->inexact 1/2) (inexact->exact 7) (other 1)))",
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "(1 0.5 7 (1))");
    // Another definition of them is the program's own, and is kept.
    let tree = mes_tree("(define (inexact->exact x) 'mine)\n");
    let r = run_with_tree(&tree, "(mes-use-module (demo lazy))\n(write (inexact->exact 1.0))");
    assert_eq!(r.stdout, "mine", "{}", r.stderr);
}

/// Mes code's `(define name '<datum>)` and `(define name #(...))` read
/// their data straight into values when the file is loaded
/// (`src/reader/lexer/data.rs`): the same values the reader gives, kept
/// alive through collections until the definition runs, and any error in
/// them reported as before.
#[test]
fn quoted_data_definitions_read_as_any_other_data() {
    const DATA: &str = r#"((1 . 2) (a b . c) (a . (b c)) #(x "s\n" #\c #\space 1.5) 'q `(w ,u ,@v)
   100000000000000000000 1/3 -7 #:key #t #f () [in brackets] ; a comment
   #| a block comment |# |odd symbol| (1 #(2 #(3 4)) (5 . 6)))"#;
    let module = format!(
        "(define garbage (let loop ((i 0)) (if (< i 300000) (begin (make-vector 3 i) (loop (+ i 1))) i)))\n\
         (define table '{DATA})\n(define vec #(1 (2 . 3) \"s\" #(4)))\n(define other '(. tail))\n"
    );
    let tree = mes_tree(&module);
    let program = format!(
        "(mes-use-module (demo lazy))\n\
         (write (equal? table (read (open-input-string \"{}\"))))\n\
         (write vec) (write other) (newline) (write table)",
        DATA.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let r = run_with_tree(&tree, &program);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "#t#(1 (2 . 3) \"s\" #(4))tail\n((1 . 2) (a b . c) (a b c) #(x \"s\\n\" #\\c #\\space 1.5) (quote q) \
         (quasiquote (w (unquote u) (unquote-splicing v))) 100000000000000000000 1/3 -7 #:key #t #f () \
         (in brackets) #{odd symbol}# (1 #(2 #(3 4)) (5 . 6)))"
    );

    for (data, message) in [
        ("'(a . b c)", "unexpected datum"),
        ("'(1 2]", "closes the list opened with `(`"),
        ("#(1 . 2)", "misplaced `.`"),
        ("'(1 #;)", "unexpected"),
        ("'(1 \"abc)", "unterminated string"),
        ("'(1 #\\nosuchname)", "nosuchname"),
    ] {
        let tree = mes_tree(&format!("(define fine 1)\n\n\n(define table {data})\n"));
        let r = run_with_tree(&tree, "(display \"start\") (mes-use-module (demo lazy)) (display \"loaded\")");
        assert_eq!(r.status, 1, "{data}: {}", r.stderr);
        assert_eq!(r.stdout, "start", "{data}: nothing of the module ran");
        assert!(r.stderr.contains("lazy.mes:4:"), "{data}: the error names its place: {}", r.stderr);
        assert!(r.stderr.contains(message), "{data}: {}", r.stderr);
    }
}

#[test]
fn loading_mes_display_prints_nested_vectors_as_mes_does() {
    // Mes's (mes display), which (mes guile) loads, prints a vector inside a
    // vector as #(...), in display and write alike; other programs print it in full.
    let tree = mes_tree("(define loaded #t)\n");
    let nested = "(display #(0 #(1) (#(2)) 3)) (write #(\"s\" #(\"t\")))";
    let plain = run_with_tree(&tree, nested);
    assert_eq!(plain.stdout, "#(0 #(1) (#(2)) 3)#(\"s\" #(\"t\"))", "{}", plain.stderr);
    for module in ["(mes display)", "(mes guile)"] {
        let r = run_with_tree(&tree, &format!("(mes-use-module {module}) {nested}"));
        assert_eq!(r.stdout, "#(0 #(...) (#(2)) 3)#(\"s\" #(...))", "{module}: {}", r.stderr);
    }
}

#[test]
fn in_a_mes_program_eval_in_current_module_sees_the_locals() {
    // As Mes, whose current-module is the environment of the code calling
    // it: psyntax.test's "manual swap!" depends on it.
    let tree = mes_tree("(define loaded #t)\n");
    let program = r#"
(define (swap-by-eval)
  (let ((foo "foo") (bar "bar"))
    (eval '(let ((temp foo)) (set! foo bar) (set! bar temp)) (current-module))
    (list foo bar)))
(define (read-by-eval n)
  (let ((car (lambda (x) 'local-car)))
    (eval '(list n (car '(1))) (current-module))))
(define-macro (twice x) `(* 2 ,x))
(define (shadowed-by-a-macro)
  (let ((twice 'the-variable))
    (let-syntax ((twice (syntax-rules () ((_ x) (+ x x)))))
      (eval '(twice 5) (current-module)))))
(write (list (swap-by-eval) (read-by-eval 3) (shadowed-by-a-macro)))
(eval '(define defined-by-eval 7) (current-module))
(define (define-from-a-procedure n) (eval '(begin (define from-begin (* 2 4))) (current-module)))
(define-from-a-procedure 1)
(write (list defined-by-eval from-begin))
(write (core:macro-expand '(let ((y (twice 3))) (quote (twice 4)) (+ y (twice y)))))
"#;
    let mes = run_with_tree(&tree, &format!("(mes-use-module (demo lazy))\n{program}"));
    assert_eq!(mes.status, 0, "{}", mes.stderr);
    assert_eq!(
        mes.stdout,
        "((\"bar\" \"foo\") (3 local-car) 10)(7 8)(let ((y (* 2 3))) (quote (twice 4)) (+ y (* 2 y)))"
    );
    // Any other program evaluates in the module, as Guile does.
    let guile = run_with_tree(&tree, "(define (f car) (eval '(car '(1)) (current-module))) (write (f 0))");
    assert_eq!(guile.stdout, "1", "{}", guile.stderr);
}

#[test]
fn a_closure_taken_apart_as_mes_lays_it_out() {
    // Mes's backtraces read a closure's name as the first binding of its
    // environment, and its `display` reads the formals.
    let program = r#"
(define (f a b . rest) #t)
(define fields (core:cdr f))
(write (list (core:car f) (car (car fields)) (car (car (cdr (car fields)))) (cadr fields)))
(write (eq? (cdr (car (cdr (car fields)))) f))
(write (cadr (core:cdr (lambda args args))))
"#;
    let run = common::run_program(program);
    assert_eq!(run.stdout, "(#f *circular* f (a b . rest))#targs", "{}", run.stderr);
}

#[test]
fn under_mes_boot_module_variable_gives_mes_handles() {
    // Mes's bare-core programs (run with MES_BOOT set, as its build does)
    // take the value of a binding as the cdr of its handle.
    let program = "(define x 42) (write (module-variable (current-module) 'x)) (write (module-variable (current-module) 'nowhere))";
    let out = guix0().env("MES_BOOT", "boot-00.scm").arg("-c").arg(program).output().expect("guix0 runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(x . 42)#f");
    let guile_style =
        common::run(&["-c", "(define x 42) (write (variable-ref (module-variable (current-module) 'x)))"]);
    assert_eq!(guile_style.stdout, "42", "{}", guile_style.stderr);
}
