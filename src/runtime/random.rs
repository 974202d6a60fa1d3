//! Random numbers as Guile gives them: `random` over random states,
//! `seed->random-state`, `random-state-from-platform`, `copy-random-state`,
//! `random:uniform`, `random:normal`, `random:exp`. `*random-state*` and
//! the optional state arguments are in `system.scm`.
//!
//! A state is a xoshiro256++ generator (`rand`'s `SmallRng`). The default
//! state has a fixed seed, so a program draws the same numbers on every
//! run, as in Guile (whose numbers differ: its generator is another).

use std::cell::RefCell;
use std::io::Read;

use num_bigint::{BigInt, RandBigInt, Sign};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use crate::number::Num;
use crate::prims;
use crate::value::{OpaqueData, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

struct RandomState(RefCell<SmallRng>);

impl OpaqueData for RandomState {
    fn type_name(&self) -> &'static str {
        "random-state"
    }
}

fn new_state(vm: &mut Vm, rng: SmallRng) -> Value {
    vm.make_opaque(RandomState(RefCell::new(rng)))
}

/// Run `f` on the generator of the state `v` (argument `position`).
fn with_state<T>(who: &str, position: usize, v: Value, f: impl FnOnce(&mut SmallRng) -> T) -> PResult<T> {
    match v {
        Value::Opaque(o) => match o.downcast::<RandomState>() {
            Some(state) => Ok(f(&mut state.0.borrow_mut())),
            None => Err(Throw::wrong_type(who, position, "random state", v)),
        },
        _ => Err(Throw::wrong_type(who, position, "random state", v)),
    }
}

/// `(seed->random-state seed)`: a state determined by `seed`, an integer
/// or a string (the same seed gives the same numbers).
fn seed_to_random_state(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let seed_bytes = match Num::from_value(a[0]) {
        Some(Num::Int(i)) => i.to_le_bytes().to_vec(),
        Some(Num::Big(b)) => b.to_signed_bytes_le(),
        _ => match a[0] {
            Value::Str(s) => s.to_string().into_bytes(),
            other => return Err(Throw::wrong_type("seed->random-state", 1, "integer or string", other)),
        },
    };
    let seed: [u8; 32] = Sha256::digest(&seed_bytes).into();
    Ok(new_state(vm, SmallRng::from_seed(seed)))
}

/// `(random-state-from-platform)`: a state seeded from `/dev/urandom`.
fn random_state_from_platform(vm: &mut Vm, _: &[Value]) -> PResult<Value> {
    let who = "random-state-from-platform";
    let mut seed = [0u8; 32];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut seed));
    read.map_err(|e| Throw::system(who, &e, vec![]))?;
    Ok(new_state(vm, SmallRng::from_seed(seed)))
}

/// `(copy-random-state state)`: a state that goes on as `state` would.
fn copy_random_state(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let rng = with_state("copy-random-state", 1, a[0], |rng| rng.clone())?;
    Ok(new_state(vm, rng))
}

/// `(%random n state)`: an exact integer in [0, n) for an exact positive
/// `n`, a flonum in [0, n) for a positive flonum.
fn random(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let who = "random";
    let n = a[0];
    let out_of_range = || Throw::out_of_range(who, 1, n);
    match Num::from_value(n) {
        Some(Num::Int(limit)) if limit > 0 => with_state(who, 2, a[1], |rng| Value::Int(rng.gen_range(0..limit))),
        Some(Num::Big(limit)) if limit.sign() == Sign::Plus => {
            let r: BigInt = with_state(who, 2, a[1], |rng| rng.gen_bigint_range(&BigInt::ZERO, &limit))?;
            Ok(Num::Big(r).into_value(&mut vm.heap))
        }
        Some(Num::Float(limit)) if limit > 0.0 && limit.is_finite() => {
            with_state(who, 2, a[1], |rng| Value::Float(rng.gen::<f64>() * limit))
        }
        Some(Num::Rat(_)) | None => Err(Throw::wrong_type(who, 1, "integer or flonum", n)),
        Some(_) => Err(out_of_range()),
    }
}

/// `(%random:uniform state)`: a flonum in [0, 1).
fn uniform(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    with_state("random:uniform", 1, a[0], |rng| Value::Float(rng.gen::<f64>()))
}

/// `(%random:normal state)`: a flonum normally distributed, mean 0 and
/// standard deviation 1 (Box–Muller).
fn normal(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    with_state("random:normal", 1, a[0], |rng| {
        let u = 1.0 - rng.gen::<f64>(); // in (0, 1]: its logarithm is finite
        let v = rng.gen::<f64>();
        Value::Float((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos())
    })
}

/// `(%random:exp state)`: a flonum exponentially distributed, mean 1.
fn exponential(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    with_state("random:exp", 1, a[0], |rng| Value::Float(-(1.0 - rng.gen::<f64>()).ln()))
}

/// Whether `v` is a random state.
fn is_random_state(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Opaque(o) if o.downcast::<RandomState>().is_some())))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("seed->random-state", 1, Some(1), seed_to_random_state),
    ("random-state-from-platform", 0, Some(0), random_state_from_platform),
    ("%copy-random-state", 1, Some(1), copy_random_state),
    ("%random", 2, Some(2), random),
    ("%random:uniform", 1, Some(1), uniform),
    ("%random:normal", 1, Some(1), normal),
    ("%random:exp", 1, Some(1), exponential),
    ("random-state?", 1, Some(1), is_random_state),
];
