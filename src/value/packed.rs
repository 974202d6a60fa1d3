//! A `Value` packed into one 64-bit word, for the car and cdr of a pair: a
//! pair is then 16 bytes, as in Guile, instead of 32.
//!
//! A flonum is stored as its own bits. Every other value is stored in the
//! space of the negative quiet NaNs, the words from `TAGGED` up: its
//! `Value` discriminant in bits 46–50 and a 46-bit payload below (an
//! integer's two's complement, a character or symbol number, or a pointer
//! shifted right by its three alignment bits). The rare value that does
//! not fit (an integer beyond ±2^45, a negative quiet NaN, a pointer above
//! 2^49) is stored in a box of its own, which the pair owns and frees.

use std::ptr::NonNull;

use super::heap::GcBox;
use super::{Gc, Pair, Symbol, Value};

/// Words at and above this are packed values other than flonums: sign,
/// exponent and quiet bit all set.
const TAGGED: u64 = 0xFFF8_0000_0000_0000;
const PAYLOAD_BITS: u32 = 46;
const PAYLOAD_MASK: u64 = (1 << PAYLOAD_BITS) - 1;
/// Packed flonums are never tagged, so their discriminant marks a box.
const BOXED: u64 = discriminant(&Value::Float(0.0));
/// `Value::Prim`, the variant after `Value::Keyword`: it and every variant
/// after it hold one pointer (see `Value`).
const FIRST_POINTER: u64 = discriminant(&Value::Keyword(Symbol::FIRST)) + 1;

// The payload is rebuilt in place (`unpack`), which assumes the low bytes of
// a word come first.
#[cfg(not(target_endian = "little"))]
compile_error!("value packing assumes a little-endian machine");

const fn discriminant(v: &Value) -> u64 {
    // SAFETY: `Value` is `repr(u64)`: its first word is the discriminant.
    unsafe { *(v as *const Value as *const u64) }
}

#[inline]
fn tagged(d: u64, payload: u64) -> u64 {
    TAGGED | (d << PAYLOAD_BITS) | (payload & PAYLOAD_MASK)
}

/// `v` in one word, or `None` if it needs a box.
#[inline]
fn pack_inline(v: Value) -> Option<u64> {
    let d = discriminant(&v);
    // Five bits hold the discriminant: a variant past the 32nd (there are
    // 31) would be boxed, by the last arm below.
    if (FIRST_POINTER..32).contains(&d) {
        // SAFETY: these variants each hold one pointer, a whole initialised
        // word after the discriminant.
        let address = unsafe { *(&v as *const Value as *const u64).add(1) };
        return (address & 7 == 0 && address >> (PAYLOAD_BITS + 3) == 0).then(|| tagged(d, address >> 3));
    }
    match v {
        Value::Float(f) => Some(f.to_bits()).filter(|&bits| bits < TAGGED),
        Value::Int(i) => (i >> (PAYLOAD_BITS - 1) == 0 || i >> (PAYLOAD_BITS - 1) == -1).then(|| tagged(d, i as u64)),
        Value::Bool(t) => Some(tagged(d, t as u64)),
        Value::Char(c) => Some(tagged(d, u64::from(c))),
        Value::Symbol(s) | Value::Keyword(s) => Some(tagged(d, u64::from(s.id()))),
        Value::Null | Value::Unspecified | Value::Eof | Value::Undefined | Value::Default => Some(tagged(d, 0)),
        // The pointers, taken above.
        _ => None,
    }
}

/// Pack `v`. A value that needs a box gets one, and `boxed` is called so
/// the pair's owner knows to free it.
#[inline]
pub fn pack(v: Value, boxed: impl FnOnce()) -> u64 {
    pack_inline(v).unwrap_or_else(|| {
        boxed();
        pack_boxed(v)
    })
}

#[cold]
#[inline(never)]
fn pack_boxed(v: Value) -> u64 {
    let address = Box::into_raw(Box::new(v)) as u64;
    if address >> (PAYLOAD_BITS + 3) != 0 {
        // Only a machine with more than 49 bits of user addresses (none
        // that Linux gives without asking) could get here.
        crate::vm::out_of_memory(std::mem::size_of::<Value>());
    }
    tagged(BOXED, address >> 3)
}

/// A value made ready to be compared with many pair fields by `eq?`: its
/// packed word, when it needs no box, is equal to a field's exactly when
/// the two values are `eq?` (`assq`, `memq`).
pub struct EqProbe {
    value: Value,
    word: Option<u64>,
}

impl EqProbe {
    pub fn new(value: Value) -> EqProbe {
        EqProbe { value, word: pack_inline(value) }
    }
    #[inline]
    pub(super) fn matches(&self, word: u64) -> bool {
        match self.word {
            Some(w) => w == word,
            None => super::equality::eq(self.value, unpack(word)),
        }
    }
}

/// `Value::Pair`, the variant after `Value::Prim`.
const PAIR: u64 = FIRST_POINTER + 1;

/// The pair a word holds, if it holds one: one comparison, the fast path
/// of walking a list.
#[inline]
pub fn as_pair(word: u64) -> Option<Gc<Pair>> {
    (word >> PAYLOAD_BITS == (TAGGED >> PAYLOAD_BITS) | PAIR).then(|| {
        // SAFETY: the word was packed from a `Value::Pair`, whose pointer is
        // not null.
        Gc::from_ptr(unsafe { NonNull::new_unchecked(((word & PAYLOAD_MASK) << 3) as *mut GcBox<Pair>) })
    })
}

/// Where the box of a word packed as `BOXED` is.
fn box_address(word: u64) -> *mut Value {
    ((word & PAYLOAD_MASK) << 3) as *mut Value
}

fn box_of(word: u64) -> Option<*mut Value> {
    (word >= TAGGED && (word >> PAYLOAD_BITS) & 31 == BOXED).then_some(box_address(word))
}

#[inline]
pub fn unpack(word: u64) -> Value {
    if word < TAGGED {
        return Value::Float(f64::from_bits(word));
    }
    let d = (word >> PAYLOAD_BITS) & 31;
    if d == BOXED {
        // SAFETY: a box lives as long as the word that holds it (`release`).
        return unsafe { *box_address(word) };
    }
    let payload = if d >= FIRST_POINTER {
        (word & PAYLOAD_MASK) << 3
    } else {
        // Sign-extend: integers are two's complement; the rest are small.
        (((word << (64 - PAYLOAD_BITS)) as i64) >> (64 - PAYLOAD_BITS)) as u64
    };
    // SAFETY: `d` and `payload` are the discriminant and payload of a valid
    // value (`pack_inline` took them apart), and a `repr(u64)` enum is its
    // discriminant word followed by its payload; on a little-endian machine
    // a bool, char or symbol number is the low bytes of the payload word.
    unsafe { std::mem::transmute::<[u64; 2], Value>([d, payload]) }
}

/// Free the box a word that is being overwritten or dropped holds, if any.
pub fn release(word: u64) {
    if let Some(boxed) = box_of(word) {
        // SAFETY: made by `Box::into_raw` in `pack`, owned by this word
        // alone, and the word is not used again.
        drop(unsafe { Box::from_raw(boxed) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{equality, Heap};

    fn round_trip(v: Value) -> (Value, bool) {
        let mut boxed = false;
        let word = pack(v, || boxed = true);
        let back = unpack(word);
        release(word);
        (back, boxed)
    }

    #[test]
    fn every_kind_of_value_comes_back_as_itself() {
        let mut heap = Heap::default();
        let pair = Value::Pair(heap.alloc_pair(Value::Int(1), Value::Null));
        let string = Value::Str(heap.alloc(crate::value::SString::new("s".into())));
        let prim = Value::Prim(&crate::runtime::all()[0][0]);
        let inline = [
            Value::Null,
            Value::TRUE,
            Value::FALSE,
            Value::Unspecified,
            Value::Eof,
            Value::Undefined,
            Value::Default,
            Value::Int(0),
            Value::Int(-1),
            Value::Int((1 << 45) - 1),
            Value::Int(-(1 << 45)),
            Value::Float(1.5),
            Value::Float(-0.0),
            Value::Float(f64::NEG_INFINITY),
            Value::Float(f64::NAN),
            Value::Char('λ'),
            Value::Char(char::MAX),
            Value::Symbol(Symbol::intern("packed")),
            Value::Keyword(Symbol::intern("key")),
            pair,
            string,
            prim,
        ];
        for v in inline {
            let word = pack(v, || {});
            assert_eq!(as_pair(word).is_some(), matches!(v, Value::Pair(_)));
            assert!(EqProbe::new(v).matches(word));
            assert!(!EqProbe::new(Value::Int(7)).matches(word));
            let (back, boxed) = round_trip(v);
            assert!(!boxed);
            assert!(equality::eqv(v, back));
            assert_eq!(discriminant(&v), discriminant(&back));
        }
        let negative_nan = f64::from_bits(0xFFF8_0000_0000_0001);
        for v in [Value::Int(1 << 45), Value::Int(-(1 << 45) - 1), Value::Int(i64::MIN), Value::Float(negative_nan)] {
            let word = pack(v, || {});
            assert!(EqProbe::new(v).matches(word));
            release(word);
            let (back, boxed) = round_trip(v);
            assert!(boxed);
            assert_eq!(discriminant(&v), discriminant(&back));
            match (v, back) {
                (Value::Int(a), Value::Int(b)) => assert_eq!(a, b),
                (Value::Float(a), Value::Float(b)) => assert_eq!(a.to_bits(), b.to_bits()),
                _ => unreachable!("round trip changed the kind"),
            }
        }
    }

    #[test]
    fn random_integers_and_flonums_come_back_bit_for_bit() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..100_000 {
            let bits = next();
            // Small and large magnitudes alike: shift some down into fixnum range.
            let int = (bits as i64) >> (bits % 64);
            match round_trip(Value::Int(int)).0 {
                Value::Int(back) => assert_eq!(back, int),
                _ => unreachable!("an integer came back as something else"),
            }
            match round_trip(Value::Float(f64::from_bits(bits))).0 {
                Value::Float(back) => assert_eq!(back.to_bits(), bits),
                _ => unreachable!("a flonum came back as something else"),
            }
        }
    }
}
