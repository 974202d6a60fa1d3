//! Variable analysis before code generation: which variables must live in
//! boxes (assigned ones, and letrec variables captured before they are
//! initialised), which variables each lambda captures, and which letrec
//! lambdas can refer to themselves without a box.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use crate::expand::{Core, Lambda, VarId};

pub struct Analysis {
    pub boxed: Vec<bool>,
    /// `let`-bound lambdas compiled as code of the enclosing procedure
    /// (see `find_contified`).
    pub contified: HashSet<VarId>,
    /// Per lambda (by address of its `Rc<Lambda>`): the variables it captures, in order.
    pub free: HashMap<usize, Vec<VarId>>,
    /// Per lambda: the letrec variable it is bound to, referable as `SelfRef`.
    pub self_var: HashMap<usize, VarId>,
    /// Per variable: how many times it is read or assigned.
    pub mentions: Vec<u32>,
}

pub fn lambda_key(l: &Rc<Lambda>) -> usize {
    Rc::as_ptr(l) as usize
}

struct Walker {
    assigned: Vec<bool>,
    boxed: Vec<bool>,
    /// The lambdas being walked, outermost first: each one's key, and the
    /// letrec variable it is bound to.
    stack: Vec<(usize, Option<VarId>)>,
    /// Per variable: the depth in `stack` of the lambda that binds it or,
    /// within the lambda a letrec variable is bound to, of that lambda.
    owner: Vec<Option<u32>>,
    free: HashMap<usize, Vec<VarId>>,
    self_var: HashMap<usize, VarId>,
    /// Letrec variables whose initialiser has not run yet.
    uninitialized: Vec<bool>,
}

/// `is_inline(g, argc)`: whether a call of `g` with `argc` arguments is
/// compiled inline (it then makes no call).
pub fn analyze(core: &Core, nvars: usize, is_inline: &dyn Fn(&Core, usize) -> bool) -> Analysis {
    // One walk finds the assigned variables and the lambdas that may need no closure.
    let mut assigned = vec![false; nvars];
    let mut mentions = vec![0; nvars];
    let mut contifier = Contifier::new(nvars);
    contifier.collect(core, &mut assigned, &mut mentions);
    let mut w = Walker {
        boxed: assigned.clone(),
        assigned,
        stack: vec![(0, None)],
        owner: vec![None; nvars],
        free: Default::default(),
        self_var: Default::default(),
        uninitialized: vec![false; nvars],
    };
    w.walk(core);
    let contified = contifier.find_contified(core, &w.assigned);
    let mut boxed = w.boxed;
    for v in slot_kept_assignments(core, &w.assigned, &w.free, &contified, is_inline) {
        boxed[v] = false;
    }
    Analysis { boxed, contified, free: w.free, self_var: w.self_var, mentions }
}

/// The assigned variables that can stay in their frame slot instead of a
/// box: ones that no closure captures (a contified lambda runs in the same
/// frame, so it does not count) and in whose scope no call is made but tail
/// calls. A box is how closures share a variable; and a call is where a
/// continuation can be captured, whose re-entry restores the frame as it
/// was, which would restore a variable kept in a slot too (Scheme variables
/// are locations). A tail call leaves no frame to restore.
/// Inline primitives make no call, unless the program has replaced one
/// (then the inline operation calls what the global holds): from then on
/// they count as calls here. Code compiled before such a replacement keeps
/// its slots, so a replaced `car` that captures a continuation, re-entered
/// after an assignment, would see the slot as it was. Loops that count
/// with `set!`, as `while` macros expand to, run on plain slots.
fn slot_kept_assignments(
    core: &Core,
    assigned: &[bool],
    free: &HashMap<usize, Vec<VarId>>,
    contified: &HashSet<VarId>,
    is_inline: &dyn Fn(&Core, usize) -> bool,
) -> Vec<VarId> {
    if !assigned.contains(&true) {
        return vec![];
    }
    let mut contified_lambdas = HashSet::default();
    if !contified.is_empty() {
        collect_contified_lambdas(core, contified, &mut contified_lambdas);
    }
    let mut candidate = assigned.to_vec();
    for (key, vars) in free {
        if !contified_lambdas.contains(key) {
            for &v in vars {
                candidate[v] = false;
            }
        }
    }
    if !candidate.contains(&true) {
        return vec![];
    }
    let mut scopes =
        CallScopes { candidate, in_scope: vec![], called: vec![false; assigned.len()], contified, is_inline };
    scopes.walk(core, false);
    (0..assigned.len()).filter(|&v| scopes.candidate[v] && !scopes.called[v]).collect()
}

fn collect_contified_lambdas(core: &Core, contified: &HashSet<VarId>, keys: &mut HashSet<usize>) {
    match core {
        Core::Let(bs, _) => {
            for (v, e) in bs {
                if let (true, Core::Lambda(l)) = (contified.contains(v), e) {
                    keys.insert(lambda_key(l));
                }
            }
        }
        Core::Call(g, _, _) => {
            if let Some((v, l)) = named_let(g) {
                if contified.contains(&v) {
                    keys.insert(lambda_key(l));
                }
            }
        }
        _ => {}
    }
    for_each_child(core, &mut |c| collect_contified_lambdas(c, contified, keys));
}

/// Finds the candidate variables in whose scope, within their own frame, a
/// call is made.
struct CallScopes<'a> {
    candidate: Vec<bool>,
    /// Candidates in scope at this point of the frame being walked.
    in_scope: Vec<VarId>,
    called: Vec<bool>,
    contified: &'a HashSet<VarId>,
    is_inline: &'a dyn Fn(&Core, usize) -> bool,
}

impl CallScopes<'_> {
    fn enter(&mut self, v: VarId) {
        if self.candidate.get(v).copied().unwrap_or(false) {
            self.in_scope.push(v);
        }
    }

    /// A lambda's parameters and body, in the frame being walked; `tail`
    /// when its body's value is the frame's.
    fn lambda_in_frame(&mut self, l: &Lambda, tail: bool) {
        let depth = self.in_scope.len();
        for (v, default) in parameters(l) {
            if let Some(d) = default {
                self.walk(d, false);
            }
            self.enter(v);
        }
        self.walk(&l.body, tail);
        self.in_scope.truncate(depth);
    }

    /// `tail`: `core`'s value is the frame's. A call made there replaces
    /// the frame, so no continuation captured in it can come back to it.
    fn walk(&mut self, core: &Core, tail: bool) {
        match core {
            // A closure: its body runs in a frame of its own.
            Core::Lambda(l) => {
                let outer = std::mem::take(&mut self.in_scope);
                self.lambda_in_frame(l, true);
                self.in_scope = outer;
            }
            Core::If(c, a, b) => {
                self.walk(c, false);
                self.walk(a, tail);
                self.walk(b, tail);
            }
            Core::Seq(items) => {
                if let Some((last, init)) = items.split_last() {
                    init.iter().for_each(|item| self.walk(item, false));
                    self.walk(last, tail);
                }
            }
            Core::Let(bs, body) => {
                for (v, e) in bs {
                    match e {
                        // Its body runs after the `let`'s, as the `let`'s value.
                        Core::Lambda(l) if self.contified.contains(v) => self.lambda_in_frame(l, tail),
                        _ => self.walk(e, false),
                    }
                }
                let depth = self.in_scope.len();
                for (v, _) in bs {
                    self.enter(*v);
                }
                self.walk(body, tail);
                self.in_scope.truncate(depth);
            }
            Core::Letrec(bs, body) => {
                let depth = self.in_scope.len();
                for (v, _) in bs {
                    self.enter(*v);
                }
                for (_, e) in bs {
                    self.walk(e, false);
                }
                self.walk(body, tail);
                self.in_scope.truncate(depth);
            }
            Core::Call(g, args, _) => {
                args.iter().for_each(|a| self.walk(a, false));
                match named_let(g) {
                    // A contified named let: its body runs here.
                    Some((v, l)) if self.contified.contains(&v) => self.lambda_in_frame(l, tail),
                    _ => {
                        let jump = matches!(&**g, Core::Local(v) if self.contified.contains(v));
                        let inline = (self.is_inline)(g, args.len())
                            && !crate::value::INLINED_PRIMITIVE_REPLACED.load(std::sync::atomic::Ordering::Relaxed);
                        if !jump && !inline {
                            if !tail {
                                for &v in &self.in_scope {
                                    self.called[v] = true;
                                }
                            }
                            self.walk(g, false);
                        }
                    }
                }
            }
            _ => for_each_child(core, &mut |c| self.walk(c, false)),
        }
    }
}

/// `(letrec ((v (lambda ...))) v)`, the procedure a named let calls.
pub fn named_let(g: &Core) -> Option<(VarId, &Rc<Lambda>)> {
    match g {
        Core::Letrec(bs, body) => match (&bs[..], &**body) {
            ([(v, Core::Lambda(l))], Core::Local(w)) if v == w => Some((*v, l)),
            _ => None,
        },
        _ => None,
    }
}

struct Contifier {
    /// Per variable: its argument count, if it is a candidate.
    arity: Vec<Option<usize>>,
    rejected: Vec<bool>,
    /// How many candidates were rejected.
    dropped: usize,
}

impl Contifier {
    fn new(nvars: usize) -> Contifier {
        Contifier { arity: vec![None; nvars], rejected: vec![false; nvars], dropped: 0 }
    }

    /// Mark the variables `core` assigns in `assigned`, count the reads
    /// and assignments of each in `mentions`, and note the lambdas bound by
    /// a `let` or a named `let` as candidates (assigned ones are dropped by
    /// `find_contified`).
    fn collect(&mut self, core: &Core, assigned: &mut [bool], mentions: &mut [u32]) {
        let mut candidate = |v: VarId, l: &Lambda| {
            let simple = l.optional.is_empty() && l.rest.is_none() && l.keys.is_empty();
            if simple {
                self.arity[v] = Some(l.required.len());
            }
        };
        match core {
            Core::Local(v) => mentions[*v] += 1,
            Core::SetLocal(v, _) => {
                assigned[*v] = true;
                mentions[*v] += 1;
            }
            Core::Let(bs, _) => {
                for (v, e) in bs {
                    if let Core::Lambda(l) = e {
                        candidate(*v, l);
                    }
                }
            }
            Core::Call(g, args, _) => {
                if let Some((v, l)) = named_let(g).filter(|(_, l)| l.required.len() == args.len()) {
                    candidate(v, l);
                }
            }
            _ => {}
        }
        for_each_child(core, &mut |c| self.collect(c, assigned, mentions));
    }

    /// The lambdas that need no closure: ones taking exactly their required
    /// arguments, bound by a `let` or named by a named `let`, that are only
    /// ever called, with that many arguments, from tail positions of the
    /// `let`'s body or of their own body (not from inside another closure).
    /// Such a call is a jump to the lambda's body, compiled in the same frame:
    /// after the `let`'s body, or where the named `let` is (a loop). The
    /// failure continuations of `match` and Mes's `pmatch`, `(let ((fail
    /// (lambda () ...))) ... (fail))`, are the common case of the first: no
    /// closure is made for each clause tried.
    fn find_contified(mut self, core: &Core, assigned: &[bool]) -> HashSet<VarId> {
        for (arity, _) in self.arity.iter_mut().zip(assigned).filter(|(_, &a)| a) {
            *arity = None;
        }
        if self.arity.iter().all(Option::is_none) {
            return HashSet::default();
        }
        // Dropping one candidate can drop others: a call made from inside a
        // lambda that turned out to need a closure.
        loop {
            let before = self.dropped;
            self.walk(core, &[]);
            if self.dropped == before {
                break;
            }
        }
        (0..assigned.len()).filter(|&v| self.is_candidate(v)).collect()
    }

    fn is_candidate(&self, v: VarId) -> bool {
        self.arity[v].is_some() && !self.rejected[v]
    }

    fn reject(&mut self, v: VarId) {
        if !self.rejected[v] {
            self.rejected[v] = true;
            self.dropped += 1;
        }
    }

    /// `tail`: the candidates for which `core` is in tail position of their
    /// `let`'s body.
    fn walk(&mut self, core: &Core, tail: &[VarId]) {
        match core {
            Core::Local(v) | Core::SetLocal(v, _) if self.arity[*v].is_some() => {
                self.reject(*v);
                if let Core::SetLocal(_, e) = core {
                    self.walk(e, &[]);
                }
            }
            Core::Call(g, args, _) => {
                match &**g {
                    // A named let entered here: its body runs here, and
                    // calls the loop from its tail positions.
                    g if named_let(g).is_some_and(|(v, _)| self.is_candidate(v)) => {
                        if let Some((v, l)) = named_let(g) {
                            let mut body_tail = tail.to_vec();
                            body_tail.push(v);
                            self.walk(&l.body, &body_tail);
                        }
                    }
                    Core::Local(v) if self.arity[*v].is_some() => {
                        if !tail.contains(v) || self.arity[*v] != Some(args.len()) {
                            self.reject(*v);
                        }
                    }
                    other => self.walk(other, &[]),
                }
                for a in args {
                    self.walk(a, &[]);
                }
            }
            Core::If(c, a, b) => {
                self.walk(c, &[]);
                self.walk(a, tail);
                self.walk(b, tail);
            }
            Core::Seq(items) => {
                if let Some((last, init)) = items.split_last() {
                    for item in init {
                        self.walk(item, &[]);
                    }
                    self.walk(last, tail);
                }
            }
            Core::Let(bs, body) => {
                let mut body_tail = tail.to_vec();
                for (v, e) in bs {
                    match e {
                        // A contified body runs where the `let` is.
                        Core::Lambda(l) if self.is_candidate(*v) => {
                            self.walk(&l.body, tail);
                            body_tail.push(*v);
                        }
                        _ => self.walk(e, &[]),
                    }
                }
                self.walk(body, &body_tail);
            }
            Core::Letrec(bs, body) => {
                for (_, e) in bs {
                    self.walk(e, &[]);
                }
                self.walk(body, tail);
            }
            _ => for_each_child(core, &mut |c| self.walk(c, &[])),
        }
    }
}

/// A lambda's parameters in the order they are bound, each with the
/// default expression evaluated just before it (optional and keyword ones).
fn parameters(l: &Lambda) -> impl Iterator<Item = (VarId, Option<&Core>)> {
    let required = l.required.iter().map(|&v| (v, None));
    let optional = l.optional.iter().map(|(v, d)| (*v, d.as_ref()));
    let rest = l.rest.map(|r| (r, None));
    let keys = l.keys.iter().map(|(_, v, d)| (*v, d.as_ref()));
    required.chain(optional).chain(rest).chain(keys)
}

pub fn for_each_child(core: &Core, f: &mut dyn FnMut(&Core)) {
    match core {
        Core::Const(_) | Core::Unspecified | Core::Local(_) | Core::Global(..) => {}
        Core::SetLocal(_, e) | Core::SetGlobal(_, e, _) | Core::DefineGlobal(_, e) => f(e),
        Core::If(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        Core::Seq(items) => items.iter().for_each(f),
        Core::Lambda(l) => {
            parameters(l).filter_map(|(_, default)| default).for_each(&mut *f);
            f(&l.body);
        }
        Core::Call(g, args, _) => {
            f(g);
            args.iter().for_each(f);
        }
        Core::Let(bs, body) | Core::Letrec(bs, body) => {
            for (_, e) in bs {
                f(e);
            }
            f(body);
        }
    }
}

impl Walker {
    fn bind(&mut self, v: VarId) {
        self.owner[v] = u32::try_from(self.stack.len() - 1).ok();
    }

    fn reference(&mut self, v: VarId) {
        let Some(owner) = self.owner[v].map(|o| o as usize) else { return };
        if owner + 1 < self.stack.len() {
            let via_self = self.stack[owner].1 == Some(v);
            if self.uninitialized[v] && !via_self {
                self.boxed[v] = true;
            }
            for (key, _) in &self.stack[owner + 1..] {
                let list = self.free.entry(*key).or_default();
                if !list.contains(&v) {
                    list.push(v);
                }
            }
        }
    }

    fn lambda(&mut self, l: &Rc<Lambda>, self_var: Option<VarId>) {
        let key = lambda_key(l);
        self.stack.push((key, self_var));
        let outer_owner = self_var.map(|sv| {
            self.self_var.insert(key, sv);
            std::mem::replace(&mut self.owner[sv], u32::try_from(self.stack.len() - 1).ok())
        });
        for (v, default) in parameters(l) {
            if let Some(d) = default {
                self.walk(d);
            }
            self.bind(v);
        }
        self.walk(&l.body);
        self.free.entry(key).or_default();
        self.stack.pop();
        if let Some(sv) = self_var {
            self.owner[sv] = outer_owner.flatten();
        }
    }

    fn walk(&mut self, core: &Core) {
        match core {
            Core::Local(v) => self.reference(*v),
            Core::SetLocal(v, e) => {
                self.reference(*v);
                self.walk(e);
            }
            Core::Lambda(l) => self.lambda(l, None),
            Core::Let(bs, body) => {
                for (_, e) in bs {
                    self.walk(e);
                }
                for (v, _) in bs {
                    self.bind(*v);
                }
                self.walk(body);
            }
            Core::Letrec(bs, body) => {
                for (v, _) in bs {
                    self.bind(*v);
                    self.uninitialized[*v] = true;
                }
                for (v, e) in bs {
                    match e {
                        Core::Lambda(l) if !self.assigned[*v] => self.lambda(l, Some(*v)),
                        _ => self.walk(e),
                    }
                    self.uninitialized[*v] = false;
                }
                self.walk(body);
            }
            _ => for_each_child(core, &mut |c| self.walk(c)),
        }
    }
}
