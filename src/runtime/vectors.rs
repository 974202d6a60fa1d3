//! Vectors and bytevectors.

use super::{expect_index, expect_int, expect_list, optional};
use crate::prims;
use crate::value::{Bytevector, Gc, Value, Vector};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

fn vector(who: &str, v: Value) -> PResult<Gc<Vector>> {
    match v {
        Value::Vector(x) => Ok(x),
        _ => Err(Throw::wrong_type(who, 1, "vector", v)),
    }
}

fn bytevector(who: &str, v: Value) -> PResult<Gc<Bytevector>> {
    match v {
        Value::Bytevector(x) => Ok(x),
        _ => Err(Throw::wrong_type(who, 1, "bytevector", v)),
    }
}

/// [start, end) of an optional range argument pair starting at `pos`.
fn range(who: &str, a: &[Value], pos: usize, len: usize) -> PResult<(usize, usize)> {
    let start = match optional(a, pos) {
        Some(v) => expect_index(who, pos + 1, v)?,
        None => 0,
    };
    let end = match optional(a, pos + 1) {
        Some(v) => expect_index(who, pos + 2, v)?,
        None => len,
    };
    // Blame the end when it is past the length, else the start.
    if end > len {
        return Err(Throw::out_of_range(who, pos + 2, a.get(pos + 1).copied().unwrap_or(Value::Int(end as i64))));
    }
    if start > end {
        return Err(Throw::out_of_range(who, pos + 1, a.get(pos).copied().unwrap_or(Value::Int(start as i64))));
    }
    Ok((start, end))
}

fn is_vector(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Vector(_))))
}
fn make_vector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = super::expect_length("make-vector", 1, a[0], std::mem::size_of::<Value>())?;
    let fill = a.get(1).copied().unwrap_or(Value::Unspecified);
    Ok(vm.make_vector(super::filled_vec("make-vector", n, fill)?))
}
fn vector_new(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(vm.make_vector(a.to_vec()))
}
fn vector_length(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(vector("vector-length", a[0])?.items.borrow().len() as i64))
}
fn vector_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("vector-ref", a[0])?;
    let k = expect_index("vector-ref", 2, a[1])?;
    let item = v.items.borrow().get(k).copied();
    item.ok_or_else(|| Throw::out_of_range("vector-ref", 2, a[1]))
}
/// `(%sorted-rank vector n)`: how many items of a vector of integers in
/// increasing order are <= n, by binary search. SRFI-14's char-sets are
/// such vectors (inversion lists), and lexers test characters against
/// them in their inner loops.
fn sorted_rank(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("%sorted-rank", a[0])?;
    let n = expect_int("%sorted-rank", 2, a[1])?;
    let items = v.items.borrow();
    let mut bad = None;
    let rank = items.partition_point(|item| match item {
        Value::Int(i) => *i <= n,
        other => {
            bad = Some(*other);
            false
        }
    });
    match bad {
        Some(item) => Err(Throw::wrong_type("%sorted-rank", 1, "vector of integers", item)),
        None => Ok(Value::Int(rank as i64)),
    }
}
fn vector_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("vector-set!", a[0])?;
    let k = expect_index("vector-set!", 2, a[1])?;
    match v.items.borrow_mut().get_mut(k) {
        Some(slot) => *slot = a[2],
        None => return Err(Throw::out_of_range("vector-set!", 2, a[1])),
    }
    Ok(Value::Unspecified)
}
fn vector_to_list(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("vector->list", a[0])?;
    let items = v.items.borrow().clone();
    let (s, e) = range("vector->list", a, 1, items.len())?;
    Ok(vm.list(&items[s..e]))
}
fn list_to_vector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let items = expect_list("list->vector", 1, a[0])?;
    Ok(vm.make_vector(items))
}
fn vector_fill(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("vector-fill!", a[0])?;
    let len = v.items.borrow().len();
    let (s, e) = range("vector-fill!", a, 2, len)?;
    v.items.borrow_mut()[s..e].fill(a[1]);
    Ok(Value::Unspecified)
}
fn vector_copy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let v = vector("vector-copy", a[0])?;
    let items = v.items.borrow().clone();
    let (s, e) = range("vector-copy", a, 1, items.len())?;
    Ok(vm.make_vector(items[s..e].to_vec()))
}
/// `(vector-copy! to at from [start end])`.
fn vector_copy_bang(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let to = vector("vector-copy!", a[0])?;
    let at = expect_index("vector-copy!", 2, a[1])?;
    let from = vector("vector-copy!", a[2])?.items.borrow().clone();
    let (s, e) = range("vector-copy!", a, 3, from.len())?;
    let mut dst = to.items.borrow_mut();
    if at + (e - s) > dst.len() {
        return Err(Throw::out_of_range("vector-copy!", 2, a[1]));
    }
    dst[at..at + (e - s)].copy_from_slice(&from[s..e]);
    Ok(Value::Unspecified)
}
fn vector_append(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut out = Vec::new();
    for v in a {
        out.extend_from_slice(&vector("vector-append", *v)?.items.borrow());
    }
    Ok(vm.make_vector(out))
}

fn is_bytevector(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::boolean(matches!(a[0], Value::Bytevector(_))))
}
pub fn new_bytevector(vm: &mut Vm, bytes: Vec<u8>) -> Value {
    Value::Bytevector(vm.heap.alloc(Bytevector { bytes: std::cell::RefCell::new(bytes) }))
}
fn byte(who: &str, pos: usize, v: Value) -> PResult<u8> {
    let i = expect_int(who, pos, v)?;
    u8::try_from(i).map_err(|_| Throw::out_of_range(who, pos, v))
}
fn make_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let n = super::expect_length("make-bytevector", 1, a[0], 1)?;
    // The fill is a byte, or a signed one (R6RS): -1 fills with 255.
    let fill = match optional(a, 1) {
        Some(v) => match expect_int("make-bytevector", 2, v)? {
            i @ -128..=255 => i as u8,
            _ => return Err(Throw::out_of_range("make-bytevector", 2, v)),
        },
        None => 0,
    };
    Ok(new_bytevector(vm, super::filled_vec("make-bytevector", n, fill)?))
}
fn bytevector_new(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let bytes = a.iter().enumerate().map(|(i, v)| byte("bytevector", i + 1, *v)).collect::<PResult<Vec<u8>>>()?;
    Ok(new_bytevector(vm, bytes))
}
fn bytevector_length(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    Ok(Value::Int(bytevector("bytevector-length", a[0])?.bytes.borrow().len() as i64))
}
fn bytevector_u8_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("bytevector-u8-ref", a[0])?;
    let k = expect_index("bytevector-u8-ref", 2, a[1])?;
    let byte = b.bytes.borrow().get(k).copied();
    byte.map(|x| Value::Int(x as i64)).ok_or_else(|| Throw::out_of_range("bytevector-u8-ref", 2, a[1]))
}
fn bytevector_u8_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("bytevector-u8-set!", a[0])?;
    let k = expect_index("bytevector-u8-set!", 2, a[1])?;
    let x = byte("bytevector-u8-set!", 3, a[2])?;
    match b.bytes.borrow_mut().get_mut(k) {
        Some(slot) => *slot = x,
        None => return Err(Throw::out_of_range("bytevector-u8-set!", 2, a[1])),
    }
    Ok(Value::Unspecified)
}
fn bytevector_copy(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("bytevector-copy", a[0])?.bytes.borrow().clone();
    let (s, e) = range("bytevector-copy", a, 1, b.len())?;
    Ok(new_bytevector(vm, b[s..e].to_vec()))
}
/// `(bytevector-copy! source source-start target target-start count)`,
/// in Guile's (R6RS) argument order.
fn bytevector_copy_bang(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let from = bytevector("bytevector-copy!", a[0])?.bytes.borrow().clone();
    let start = expect_index("bytevector-copy!", 2, a[1])?;
    let to = bytevector("bytevector-copy!", a[2])?;
    let at = expect_index("bytevector-copy!", 4, a[3])?;
    let n = expect_index("bytevector-copy!", 5, a[4])?;
    let mut dst = to.bytes.borrow_mut();
    if start + n > from.len() || at + n > dst.len() {
        return Err(Throw::out_of_range("bytevector-copy!", 5, a[4]));
    }
    dst[at..at + n].copy_from_slice(&from[start..start + n]);
    Ok(Value::Unspecified)
}

fn bytevector_fill(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("bytevector-fill!", a[0])?;
    let x = match a[1] {
        Value::Int(i) if (-128..0).contains(&i) => (i + 256) as u8,
        v => byte("bytevector-fill!", 2, v)?,
    };
    b.bytes.borrow_mut().fill(x);
    Ok(Value::Unspecified)
}

fn bytevector_eq(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let x = bytevector("bytevector=?", a[0])?;
    let y = bytevector("bytevector=?", a[1])?;
    let same = *x.bytes.borrow() == *y.bytes.borrow();
    Ok(Value::boolean(same))
}

fn bytevector_s8_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("bytevector-s8-ref", a[0])?;
    let k = expect_index("bytevector-s8-ref", 2, a[1])?;
    let byte = b.bytes.borrow().get(k).copied();
    byte.map(|x| Value::Int(x as i8 as i64)).ok_or_else(|| Throw::out_of_range("bytevector-s8-ref", 2, a[1]))
}

fn little_endian(who: &str, a: &[Value], pos: usize) -> PResult<bool> {
    match optional(a, pos) {
        None => Ok(cfg!(target_endian = "little")),
        Some(Value::Symbol(s)) if s.name() == "little" => Ok(true),
        Some(Value::Symbol(s)) if s.name() == "big" => Ok(false),
        Some(v) => Err(Throw::wrong_type(who, pos + 1, "endianness (big or little)", v)),
    }
}

/// The `size` bytes at the index `a[1]` of the bytevector `a[0]`, least
/// significant first whatever the endianness named at `a[2]`.
fn load_le(a: &[Value], who: &str, size: usize) -> PResult<[u8; 8]> {
    let b = bytevector(who, a[0])?;
    let k = expect_index(who, 2, a[1])?;
    let little = little_endian(who, a, 2)?;
    let bytes = b.bytes.borrow();
    let Some(slice) = bytes.get(k..k + size) else { return Err(Throw::out_of_range(who, 2, a[1])) };
    let mut le = [0u8; 8];
    le[..size].copy_from_slice(slice);
    if !little {
        le[..size].reverse();
    }
    Ok(le)
}

/// Store at the index `a[1]` of the bytevector `a[0]` the `size` bytes,
/// least significant first, that `value` makes of `a[2]`, in the
/// endianness named at `a[3]`.
fn store_le(a: &[Value], who: &str, size: usize, value: impl FnOnce(Value) -> PResult<[u8; 8]>) -> PResult<Value> {
    let b = bytevector(who, a[0])?;
    let k = expect_index(who, 2, a[1])?;
    let little = little_endian(who, a, 3)?;
    let mut le = value(a[2])?;
    if !little {
        le[..size].reverse();
    }
    let mut bytes = b.bytes.borrow_mut();
    let Some(slice) = bytes.get_mut(k..k + size) else { return Err(Throw::out_of_range(who, 2, a[1])) };
    slice.copy_from_slice(&le[..size]);
    Ok(Value::Unspecified)
}

/// `bytevector-{u,s}{16,32,64}-ref`: `size` bytes at index, as an integer.
fn int_ref(vm: &mut Vm, a: &[Value], who: &str, size: usize, signed: bool) -> PResult<Value> {
    let raw = u64::from_le_bytes(load_le(a, who, size)?);
    let n = if signed && size < 8 && raw >> (size * 8 - 1) & 1 == 1 {
        num_bigint::BigInt::from(raw as i64 - (1i64 << (size * 8)))
    } else if signed {
        num_bigint::BigInt::from(raw as i64)
    } else {
        num_bigint::BigInt::from(raw)
    };
    Ok(crate::number::Num::Big(n).into_value(&mut vm.heap))
}

/// `bytevector-{u,s}{16,32,64}-set!`: the integer must fit in `size`
/// bytes, signed or unsigned.
fn int_set(a: &[Value], who: &str, size: usize, signed: bool) -> PResult<Value> {
    store_le(a, who, size, |v| {
        let n = match v {
            Value::Int(i) => i128::from(i),
            Value::Big(ref big) => i128::try_from(&**big).map_err(|_| Throw::out_of_range(who, 3, v))?,
            v => return Err(Throw::wrong_type(who, 3, "exact integer", v)),
        };
        let bits = 8 * size as u32;
        let (low, end) = if signed { (-(1i128 << (bits - 1)), 1i128 << (bits - 1)) } else { (0, 1i128 << bits) };
        if n < low || n >= end {
            return Err(Throw::out_of_range(who, 3, v));
        }
        // The low 64 bits: two's complement for a negative n.
        Ok((n as u64).to_le_bytes())
    })
}

macro_rules! int_accessors {
    ($($ref_fn:ident, $set_fn:ident, $ref_name:expr, $set_name:expr, $size:expr, $signed:expr);* $(;)?) => {
        $(
            fn $ref_fn(vm: &mut Vm, a: &[Value]) -> PResult<Value> { int_ref(vm, a, $ref_name, $size, $signed) }
            fn $set_fn(_: &mut Vm, a: &[Value]) -> PResult<Value> { int_set(a, $set_name, $size, $signed) }
        )*
    };
}
int_accessors! {
    u16_ref, u16_set, "bytevector-u16-ref", "bytevector-u16-set!", 2, false;
    s16_ref, s16_set, "bytevector-s16-ref", "bytevector-s16-set!", 2, true;
    u32_ref, u32_set, "bytevector-u32-ref", "bytevector-u32-set!", 4, false;
    s32_ref, s32_set, "bytevector-s32-ref", "bytevector-s32-set!", 4, true;
    u64_ref, u64_set, "bytevector-u64-ref", "bytevector-u64-set!", 8, false;
    s64_ref, s64_set, "bytevector-s64-ref", "bytevector-s64-set!", 8, true;
}

/// `bytevector-ieee-{single,double}-ref`: an IEEE float of `size` bytes.
fn float_ref(a: &[Value], who: &str, size: usize) -> PResult<Value> {
    let le = load_le(a, who, size)?;
    Ok(Value::Float(match size {
        4 => f64::from(f32::from_le_bytes([le[0], le[1], le[2], le[3]])),
        _ => f64::from_le_bytes(le),
    }))
}

fn float_set(a: &[Value], who: &str, size: usize) -> PResult<Value> {
    store_le(a, who, size, |v| {
        let x = crate::number::Num::from_value(v)
            .map(|n| n.to_f64())
            .ok_or_else(|| Throw::wrong_type(who, 3, "real number", v))?;
        let mut le = [0u8; 8];
        match size {
            4 => le[..4].copy_from_slice(&(x as f32).to_le_bytes()),
            _ => le = x.to_le_bytes(),
        }
        Ok(le)
    })
}

fn single_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_ref(a, "bytevector-ieee-single-ref", 4)
}
fn single_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_set(a, "bytevector-ieee-single-set!", 4)
}
fn double_ref(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_ref(a, "bytevector-ieee-double-ref", 8)
}
fn double_set(_: &mut Vm, a: &[Value]) -> PResult<Value> {
    float_set(a, "bytevector-ieee-double-set!", 8)
}

fn bytevector_append(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let mut out = Vec::new();
    for v in a {
        out.extend_from_slice(&bytevector("bytevector-append", *v)?.bytes.borrow());
    }
    Ok(new_bytevector(vm, out))
}
fn utf8_to_string(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let b = bytevector("utf8->string", a[0])?.bytes.borrow().clone();
    let (s, e) = range("utf8->string", a, 1, b.len())?;
    match std::str::from_utf8(&b[s..e]) {
        Ok(text) => Ok(vm.make_string(text)),
        Err(_) => Err(Throw::new("decoding-error", Some("utf8->string"), "the bytes are not UTF-8", vec![])),
    }
}
fn string_to_utf8(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let s = super::expect_string("string->utf8", 1, a[0])?.to_string();
    let chars: Vec<char> = s.chars().collect();
    let (start, end) = range("string->utf8", a, 1, chars.len())?;
    Ok(new_bytevector(vm, chars[start..end].iter().collect::<String>().into_bytes()))
}
fn bytevector_to_list(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let items: Vec<Value> =
        bytevector("bytevector->u8-list", a[0])?.bytes.borrow().iter().map(|b| Value::Int(*b as i64)).collect();
    Ok(vm.list(&items))
}
fn list_to_bytevector(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let bytes = expect_list("u8-list->bytevector", 1, a[0])?
        .into_iter()
        .map(|v| byte("u8-list->bytevector", 1, v))
        .collect::<PResult<Vec<u8>>>()?;
    Ok(new_bytevector(vm, bytes))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("%sorted-rank", 2, Some(2), sorted_rank),
    ("vector?", 1, Some(1), is_vector),
    ("make-vector", 1, Some(2), make_vector),
    ("vector", 0, None, vector_new),
    ("vector-length", 1, Some(1), vector_length),
    ("vector-ref", 2, Some(2), vector_ref),
    ("vector-set!", 3, Some(3), vector_set),
    ("vector->list", 1, Some(3), vector_to_list),
    ("list->vector", 1, Some(1), list_to_vector),
    ("vector-fill!", 2, Some(4), vector_fill),
    ("vector-copy", 1, Some(3), vector_copy),
    ("vector-copy!", 3, Some(5), vector_copy_bang),
    ("vector-append", 0, None, vector_append),
    ("bytevector?", 1, Some(1), is_bytevector),
    ("make-bytevector", 1, Some(2), make_bytevector),
    ("bytevector", 0, None, bytevector_new),
    ("bytevector-length", 1, Some(1), bytevector_length),
    ("bytevector-u8-ref", 2, Some(2), bytevector_u8_ref),
    ("bytevector-u8-set!", 3, Some(3), bytevector_u8_set),
    ("bytevector-copy", 1, Some(3), bytevector_copy),
    ("bytevector-copy!", 5, Some(5), bytevector_copy_bang),
    ("bytevector-fill!", 2, Some(2), bytevector_fill),
    ("bytevector=?", 2, Some(2), bytevector_eq),
    ("bytevector-s8-ref", 2, Some(2), bytevector_s8_ref),
    ("bytevector-u16-ref", 2, Some(3), u16_ref),
    ("bytevector-u16-set!", 3, Some(4), u16_set),
    ("bytevector-s16-ref", 2, Some(3), s16_ref),
    ("bytevector-s16-set!", 3, Some(4), s16_set),
    ("bytevector-ieee-single-ref", 2, Some(3), single_ref),
    ("bytevector-ieee-single-set!", 3, Some(4), single_set),
    ("bytevector-ieee-double-ref", 2, Some(3), double_ref),
    ("bytevector-ieee-double-set!", 3, Some(4), double_set),
    ("bytevector-u32-ref", 2, Some(3), u32_ref),
    ("bytevector-u32-set!", 3, Some(4), u32_set),
    ("bytevector-s32-ref", 2, Some(3), s32_ref),
    ("bytevector-s32-set!", 3, Some(4), s32_set),
    ("bytevector-u64-ref", 2, Some(3), u64_ref),
    ("bytevector-u64-set!", 3, Some(4), u64_set),
    ("bytevector-s64-ref", 2, Some(3), s64_ref),
    ("bytevector-s64-set!", 3, Some(4), s64_set),
    ("bytevector-append", 0, None, bytevector_append),
    ("utf8->string", 1, Some(3), utf8_to_string),
    ("string->utf8", 1, Some(3), string_to_utf8),
    ("bytevector->u8-list", 1, Some(1), bytevector_to_list),
    ("u8-list->bytevector", 1, Some(1), list_to_bytevector),
];
