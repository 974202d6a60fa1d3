//! Broken-down time as Guile gives it: `gmtime`, `localtime`, `mktime`,
//! `strftime` and `strptime`, over the C library's. A time is the vector
//! `#(sec min hour mday mon year wday yday isdst gmtoff zone)`: `year`
//! counts from 1900, `mon` from 0, and `gmtoff` is seconds *west* of UTC
//! (the opposite of the C library's sign, as in Guile).

use std::ffi::{CStr, CString};

use super::text_of;
use crate::prims;
use crate::value::{Truth, Value};
use crate::vm::error::{PResult, Throw};
use crate::vm::primitive::Primitive;
use crate::vm::Vm;

const FIELDS: usize = 11;

fn seconds(who: &str, v: Value) -> PResult<libc::time_t> {
    match v {
        Value::Int(n) => libc::time_t::try_from(n).map_err(|_| Throw::out_of_range(who, 1, v)),
        v => Err(Throw::wrong_type(who, 1, "integer", v)),
    }
}

/// Run `f` with `TZ` set to `zone` (when given), then put `TZ` back.
fn in_zone<T>(who: &str, zone: Option<Value>, f: impl FnOnce() -> T) -> PResult<T> {
    let Some(zone) = zone else { return Ok(f()) };
    let zone = text_of(who, 2, zone)?;
    if zone.contains('\0') {
        return Err(Throw::misc(who, "time zone name contains a NUL byte", vec![]));
    }
    let saved = std::env::var_os("TZ");
    std::env::set_var("TZ", zone);
    // SAFETY: tzset reads TZ, which was just set.
    unsafe { tzset() };
    let result = f();
    match saved {
        Some(tz) => std::env::set_var("TZ", tz),
        None => std::env::remove_var("TZ"),
    }
    // SAFETY: as above.
    unsafe { tzset() };
    Ok(result)
}

extern "C" {
    fn tzset();
}

fn tm_vector(vm: &mut Vm, tm: &libc::tm) -> Value {
    let zone = if tm.tm_zone.is_null() {
        Value::FALSE
    } else {
        // SAFETY: the C library set tm_zone to a NUL-terminated name.
        let name = unsafe { CStr::from_ptr(tm.tm_zone) }.to_string_lossy().into_owned();
        vm.make_string(&name)
    };
    let numbers =
        [tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon, tm.tm_year, tm.tm_wday, tm.tm_yday, tm.tm_isdst];
    let mut items: Vec<Value> = numbers.iter().map(|&n| Value::Int(i64::from(n))).collect();
    items.push(Value::Int(-tm.tm_gmtoff));
    items.push(zone);
    vm.make_vector(items)
}

/// The C library's `tm` for a Guile time vector; the zone name is kept in
/// the returned `CString`, which must outlive any use of the `tm`.
fn tm_of(who: &str, position: usize, v: Value) -> PResult<(libc::tm, Option<CString>)> {
    let bad = || Throw::wrong_type(who, position, "broken-down time vector", v);
    let Value::Vector(vec) = v else { return Err(bad()) };
    let items = vec.items.borrow();
    if items.len() != FIELDS {
        return Err(bad());
    }
    let int = |i: usize| match items[i] {
        Value::Int(n) => i32::try_from(n).map_err(|_| Throw::out_of_range(who, position, v)),
        _ => Err(bad()),
    };
    // SAFETY: `tm` is integers and a pointer, for which zero is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_sec = int(0)?;
    tm.tm_min = int(1)?;
    tm.tm_hour = int(2)?;
    tm.tm_mday = int(3)?;
    tm.tm_mon = int(4)?;
    tm.tm_year = int(5)?;
    tm.tm_wday = int(6)?;
    tm.tm_yday = int(7)?;
    tm.tm_isdst = int(8)?;
    tm.tm_gmtoff = -libc::c_long::from(int(9)?);
    let zone = match items[10] {
        Value::Bool(Truth::False) => None,
        z => Some(CString::new(text_of(who, position, z)?).map_err(|_| bad())?),
    };
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    Ok((tm, zone))
}

/// `(gmtime time)` and `(localtime time [zone])`.
fn broken_down(vm: &mut Vm, a: &[Value], who: &str, local: bool) -> PResult<Value> {
    let t = seconds(who, a[0])?;
    // SAFETY: `tm` is integers and a pointer, for which zero is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let found = in_zone(who, a.get(1).copied(), || {
        // SAFETY: both pointers are valid for the call; the _r forms are reentrant.
        !unsafe {
            if local {
                libc::localtime_r(&t, &mut tm)
            } else {
                libc::gmtime_r(&t, &mut tm)
            }
        }
        .is_null()
    })?;
    if !found {
        return Err(Throw::out_of_range(who, 1, a[0]));
    }
    Ok(tm_vector(vm, &tm))
}

fn gmtime(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    broken_down(vm, a, "gmtime", false)
}

fn localtime(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    broken_down(vm, a, "localtime", true)
}

/// `(mktime tm [zone])`: `(seconds . normalized-tm)`, TM read as local time.
fn mktime(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let (mut tm, _zone) = tm_of("mktime", 1, a[0])?;
    // SAFETY: `tm` is a valid, initialised struct for mktime to normalise.
    let t = in_zone("mktime", a.get(1).copied(), || unsafe { libc::mktime(&mut tm) })?;
    let normalized = tm_vector(vm, &tm);
    Ok(vm.cons(Value::Int(t as i64), normalized))
}

/// `(strftime format tm)`.
fn strftime(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let format = text_of("strftime", 1, a[0])?;
    let (tm, _zone) = tm_of("strftime", 2, a[1])?;
    // A leading space tells an empty result from a buffer too small.
    let format = CString::new(format!(" {format}"))
        .map_err(|_| Throw::misc("strftime", "format contains a NUL byte", vec![]))?;
    let mut size = 256;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: buf has `size` bytes; format is NUL-terminated; tm (and
        // the zone name it points to) is alive for the call.
        let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), size, format.as_ptr(), &tm) };
        if n > 0 {
            return Ok(vm.make_string(&String::from_utf8_lossy(&buf[1..n])));
        }
        if size >= 1 << 20 {
            return Err(Throw::misc("strftime", "the formatted time is too long", vec![]));
        }
        size *= 4;
    }
}

/// `(strptime format string)`: the time `string` gives read by `format`,
/// and how many of its characters were read, as `(#(sec min ...) . n)`.
/// Fields the format does not set are 0 (`isdst` -1), as in Guile.
fn strptime(vm: &mut Vm, a: &[Value]) -> PResult<Value> {
    let no_nul = |text: String, what: &str| {
        CString::new(text).map_err(|_| Throw::misc("strptime", format!("{what} contains a NUL byte"), vec![]))
    };
    let format = no_nul(text_of("strptime", 1, a[0])?, "format")?;
    let text = text_of("strptime", 2, a[1])?;
    let input = no_nul(text.clone(), "string")?;
    // SAFETY: tm is plain data, all zeros a valid value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_isdst = -1;
    // SAFETY: both strings are NUL-terminated and alive for the call; tm
    // is a valid tm for it to fill in.
    let end = unsafe { libc::strptime(input.as_ptr(), format.as_ptr(), &mut tm) };
    if end.is_null() {
        // Guile's error for text the format does not match.
        return Err(super::errno_error("strptime", nix::errno::Errno::EINVAL, vec![]));
    }
    // SAFETY: strptime returns a pointer into `input`, at or after its start.
    let read_bytes = unsafe { end.offset_from(input.as_ptr()) } as usize;
    let read_chars = text.get(..read_bytes).map_or(read_bytes, |t| t.chars().count());
    let time = tm_vector(vm, &tm);
    Ok(vm.cons(time, Value::Int(read_chars as i64)))
}

pub const PRIMITIVES: &[Primitive] = prims![
    ("strptime", 2, Some(2), strptime),
    ("gmtime", 1, Some(1), gmtime),
    ("localtime", 1, Some(2), localtime),
    ("mktime", 1, Some(2), mktime),
    ("strftime", 2, Some(2), strftime),
];
