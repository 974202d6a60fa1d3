//! Inputs a fuzzing pass found that once made guix0 panic, abort or answer
//! silently where Guile reports an error. Each must now end in a clear
//! error: exit status 1, a message naming the problem, no panic.

mod common;

use common::{run, run_program};

/// Run `program` with `-c` and check it fails cleanly with `expected`
/// somewhere in its message.
fn assert_clear_error(program: &str, expected: &str) {
    let r = run(&["-c", program]);
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("overflowed its stack"),
        "{program}: crashed:\n{}",
        r.stderr
    );
    assert_eq!(r.status, 1, "{program}: exit status (stdout {:?}, stderr {})", r.stdout, r.stderr);
    assert!(r.stderr.contains(expected), "{program}: expected {expected:?} in:\n{}", r.stderr);
}

#[test]
fn macro_transformers_check_their_operand_count() {
    // Built-in macros with a rest parameter panicked on too few operands.
    for form in ["(receive)", "(guard)", "(let-values)", "(and-let*)", "(define-record-type point)"] {
        assert_clear_error(form, "Wrong number of arguments");
    }
    assert_clear_error(
        "(define-macro (m a b . c) a) (m 1)",
        "Wrong number of arguments to m: it takes at least 2, got 1",
    );
    // Missing operands were #<undefined>, extra ones dropped.
    assert_clear_error("(define-macro (m a b) (list 'quote (list a b))) (write (m))", "it takes 2, got 0");
    assert_clear_error("(define-macro (m a) (list 'quote a)) (write (m 1 2))", "it takes 1, got 2");
    // A syntax transformer takes the form: one argument.
    assert_clear_error("(define-syntax m (lambda () 1)) (m)", "it takes 0, got 1");
}

#[test]
fn procedures_called_from_the_library_check_their_arity() {
    // sort's comparator and map's procedure are called from Rust and
    // Scheme library code; a wrong arity was bound silently before.
    assert_clear_error("(sort '(3 1 2) (lambda (a) #t))", "it takes 1, got 2");
    assert_clear_error("(map (lambda (a b) a) '(1 2))", "it takes 2, got 1");
}

#[test]
fn module_forms_must_be_proper_lists() {
    assert_clear_error("(use-modules . a)", "expected (use-modules (module name ...) ...)");
    assert_clear_error("(use-modules (a) . b)", "expected (use-modules (module name ...) ...)");
    assert_clear_error("(export . a)", "expected (export name ...)");
    assert_clear_error("(re-export . a)", "expected (re-export name ...)");
}

#[test]
fn a_record_printer_that_prints_its_own_record_ends() {
    // It recursed until the Rust stack overflowed (SIGABRT). Guile prints
    // `#0#` there; guix0 prints the record the default way.
    let r = run(&[
        "-c",
        "(define-record-type p (mk a) p? (a pa))
         (set-record-type-printer! p (lambda (r port) (display \"[\" port) (display r port) (display \"]\" port)))
         (display (mk 1))",
    ]);
    assert_eq!((r.status, r.stdout.as_str()), (0, "[#<p a: 1>]"), "{}", r.stderr);
}

#[test]
fn record_printers_making_new_records_without_end_stop() {
    // Each level prints a fresh record, so no cycle shows; the runs nest
    // until half the native stack is used, where that printer fails and
    // its record prints the default way (before: SIGABRT).
    let r = run(&[
        "-c",
        "(define-record-type p (mk a) p? (a pa))
         (set-record-type-printer! p (lambda (r port) (display (mk (+ 1 (pa r))) port)))
         (display (mk 1))",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("#<p a: "), "{}", r.stdout);
}

#[test]
fn code_made_as_data_too_deep_is_an_error_not_a_constant() {
    // Past the reader's nesting limit the innermost part became a quoted
    // constant: "hi" was never displayed, and (+ 1 0) was a list.
    let nest = "(define (nest n) (let lp ((i 0) (x '(display \"hi\"))) (if (= i n) x (lp (+ i 1) (list 'if #t x)))))";
    assert_clear_error(
        &format!("{nest} (eval (nest 100001) (interaction-environment))"),
        "the code nests more than 100000 lists deep",
    );
    assert_clear_error(
        &format!("{nest} (define-macro (deep) (nest 100001)) (deep)"),
        "the code nests more than 100000 lists deep",
    );
    let r = run(&["-c", &format!("{nest} (eval (nest 50000) (interaction-environment))")]);
    assert_eq!((r.status, r.stdout.as_str()), (0, "hi"), "{}", r.stderr);
}

#[test]
fn ellipsis_variables_of_different_lengths_are_an_error() {
    // The shorter one's name leaked into the output: ((1 3) (2 4) (x 5)).
    assert_clear_error(
        "(define-syntax foo (syntax-rules () ((_ (x ...) (y ...)) '((x y) ...)))) (write (foo (1 2) (3 4 5)))",
        "matched different numbers of forms (2, 3)",
    );
    let r = run(&[
        "-c",
        "(define-syntax foo (syntax-rules () ((_ (x ...) (y ...)) '((x y) ...)))) (write (foo (1 2) (3 4)))",
    ]);
    assert_eq!(r.stdout, "((1 3) (2 4))", "{}", r.stderr);
}

#[test]
fn exit_runs_the_after_thunks_of_dynamic_wind() {
    // R7RS and Guile: the outstanding `after` thunks run, innermost first.
    let r = run(&[
        "-c",
        "(dynamic-wind (lambda () #f)
           (lambda () (dynamic-wind (lambda () #f) (lambda () (exit 3)) (lambda () (display \"inner \"))))
           (lambda () (display \"outer\")))",
    ]);
    assert_eq!((r.status, r.stdout.as_str()), (3, "inner outer"), "{}", r.stderr);
}

#[test]
fn reading_a_closed_port_or_a_directory_is_an_error() {
    // Both read as end of file before.
    assert_clear_error(
        "(define p (open-input-string \"abc\")) (close-port p) (read-char p)",
        "In procedure read-char: the port is closed",
    );
    assert_clear_error("(read (open-input-file \"/\"))", "In procedure open-file: Is a directory");
}

#[test]
fn messages_read_as_guile_writes_them() {
    // error's message is text, not a format string: "~a" and "~%" were
    // taken as directives, dropping text and irritants.
    assert_clear_error("(error \"value ~a is bad\")", "value ~a is bad");
    assert_clear_error("(error \"rate is 5~%\" 1)", "rate is 5~% 1");
    // A throw without Guile's (who format args rest) shape showed nothing.
    assert_clear_error("(throw 'foo 1 2 3)", "Throw to key `foo' with args (1 2 3)");
    // match's value was spliced in as if it were format arguments; it is
    // now named as the value no pattern matches.
    assert_clear_error("(use-modules (ice-9 match)) (match '(1 2) ((a b c) 1))", "match: no pattern matches (1 2)");
    // A handler returning from raise was reported as no handler at all.
    assert_clear_error(
        "(with-exception-handler (lambda (e) 42) (lambda () (+ 1 (raise 'oops))))",
        "the handler returned from a non-continuable raise of oops",
    );
}

#[test]
fn an_uncaught_quit_exits_with_its_status() {
    let r = run(&["-c", "(display 1) (throw 'quit 3)"]);
    assert_eq!((r.status, r.stdout.as_str(), r.stderr.as_str()), (3, "1", ""));
}

#[test]
fn a_refused_allocation_is_an_error() {
    // Under a memory limit these aborted the process (SIGABRT) with the
    // allocator's message.
    for (program, who) in [
        ("(make-vector 600000000 0)", "make-vector"),
        ("(make-bytevector 5000000000)", "make-bytevector"),
        ("(make-string 3000000000 #\\a)", "make-string"),
        // A line without end: the read fails when the buffer is refused.
        ("(read-line (open-input-file \"/dev/zero\"))", "read-line"),
    ] {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("ulimit -v 2000000; exec \"$0\" -c '{program}'"))
            .arg(env!("CARGO_BIN_EXE_guix0"))
            .env("NO_COLOR", "1")
            .output()
            .expect("bash runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{program}: {stderr}");
        assert!(stderr.contains(&format!("In procedure {who}: Out of memory")), "{program}: {stderr}");
        assert!(!stderr.contains(": 0 bytes were refused"), "{program}: the size refused is named: {stderr}");
    }
}

#[test]
fn a_format_column_count_too_large_to_allocate_is_an_error() {
    // format's common directives run in Rust; this width aborted there.
    assert_clear_error("(format #f \"~1000000000000000a|\" 1)", "out of range");
}

#[test]
fn loading_the_driver_as_a_module_does_not_run_it() {
    // It ran the builder's command-line parser on the script's arguments.
    let r = run(&["-c", "(use-modules (guix0)) (display 1)"]);
    assert_eq!((r.status, r.stdout.as_str()), (0, "1"), "{}", r.stderr);
}

#[test]
fn an_error_in_a_macro_transformer_names_its_procedure() {
    assert_clear_error("(define-macro (m) (car '())) (m)", "In procedure car: Wrong type argument");
}

#[test]
fn errors_blame_the_argument_that_is_wrong() {
    // gcd blamed its second argument, vector-copy! its start for a bad end.
    assert_clear_error("(gcd 'a 2)", "Wrong type argument in position 1 (expecting number): a");
    assert_clear_error("(lcm 2 'b)", "Wrong type argument in position 2 (expecting number): b");
    assert_clear_error(
        "(vector-copy! (vector 1 2 3 4 5) 0 #(a b c) 0 4)",
        "In procedure vector-copy!: Argument 5 out of range: 4",
    );
    assert_clear_error("(@@ (ice-9 match) nonexisting)", "(ice-9 match) has no binding `nonexisting`");
}

#[test]
fn string_procedures_name_themselves_for_a_bad_char_argument() {
    // The message named no procedure; string-tokenize blamed char-set-data.
    assert_clear_error("(string-split \"a,b\" \",\")", "In procedure string-split: Wrong type argument");
    assert_clear_error(
        "(use-modules (srfi srfi-13)) (string-tokenize \"a b\" 1)",
        "In procedure string-tokenize: Wrong type argument",
    );
}

#[test]
fn library_procedures_report_errors_in_their_own_name() {
    // These named the procedure they call (substring, vector-ref,
    // list->vector), and match:substring's index was off by one.
    assert_clear_error("(string-take-right \"abc\" 5)", "In procedure string-take-right: Argument 2 out of range: 5");
    assert_clear_error(
        "(match:substring (string-match \"a\" \"a\") 5)",
        "In procedure match:substring: Argument 2 out of range: 5",
    );
    assert_clear_error("(sort 1 <)", "In procedure sort: Wrong type argument in position 1 (expecting list): 1");
    // These named substring, modulo, scandir, filter and car.
    assert_clear_error("(string-pad \"abc\" -1)", "In procedure string-pad: Value out of range: -1");
    assert_clear_error("(string-hash \"abc\" 0)", "In procedure string-hash: Value out of range: 0");
    assert_clear_error("(opendir \"/nonexistent\")", "In procedure opendir: No such file or directory");
    assert_clear_error("(remove odd? 5)", "In procedure remove: Wrong type argument in position 2 (expecting list)");
    assert_clear_error("(reduce + 0 5)", "In procedure reduce: Wrong type argument in position 3 (expecting list)");
    // A string procedure given a non-string named string-length, which
    // computed its default end.
    assert_clear_error(
        "(string-fold cons '() 'abc)",
        "In procedure string-fold: Wrong type argument in position 3 (expecting string): abc",
    );
    assert_clear_error(
        "(string-prefix? \"a\" 'abc)",
        "In procedure string-prefix?: Wrong type argument in position 2 (expecting string): abc",
    );
}

#[test]
fn a_file_that_loads_itself_stops_with_an_error() {
    // It filled 9 GB of memory in 52 s before the Rust stack overflowed.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("self.scm");
    std::fs::write(&path, format!("(load {:?})", path.display().to_string())).expect("write program");
    let r = run(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(r.stderr.contains("is loaded inside 1000 other loads: does a file load itself?"), "{}", r.stderr);
}

#[test]
fn a_procedure_past_the_instruction_operand_limits_is_an_error() {
    // Slots, argument counts and captured variables are 16-bit operands; a
    // let* of 70,000 bindings panicked indexing past the frame.
    let bindings = "(define (bindings n) (map (lambda (i) (list (string->symbol (string-append \"v\" (number->string i))) i)) (iota n)))";
    assert_clear_error(
        &format!("{bindings} ((eval `(lambda () (let* ,(bindings 70000) v0)) (interaction-environment)))"),
        "procedure too large to compile: more than 65535 local variables",
    );
    assert_clear_error(
        "(display (length (eval `(list ,@(iota 70000)) (interaction-environment))))",
        "more than 65535 arguments in a call",
    );
    // Just under the limit still runs.
    let r = run(&[
        "-c",
        &format!(
            "{bindings} (display ((eval `(lambda () (let* ,(bindings 65000) v64999)) (interaction-environment))))"
        ),
    ]);
    assert_eq!((r.status, r.stdout.as_str()), (0, "64999"), "{}", r.stderr);
}

#[test]
fn rebinding_arithmetic_does_not_change_how_the_file_is_run() {
    // The loader counted its forms with the program's own +: (set! + -)
    // made it ask for form -1, and a + that always answers 0 ran the same
    // form for ever. Guile's loader is unaffected by either, and by an eq?
    // that always answers #t (guix0's loader compares what it is given).
    let r = run_program(
        "(set! + -)\n(define (f) 1)\n(display (f))\n(set! + (lambda args 0))\n(set! eq? (lambda args #t))\n(display \"next\")\n(load \"/dev/null\")\n(display (+ 1 2))\n",
    );
    assert_eq!((r.status, r.stdout.as_str()), (0, "1next0"), "{}", r.stderr);
}
