//! Falcon round-3 key encodings (specification §3.11.4-5) from and to the `fn-dsa` 0.4 ones.
//!
//! Same fields and widths (public key: header `0x00 + logn`, n 14-bit values; private key:
//! header `0x50 + logn`, f and g at 6 bits (n = 512) or 5 bits (n = 1024), F at 8 bits), but:
//! Falcon round 3 packs each value most-significant bit first, `fn-dsa` least-significant
//! first; Falcon's public key holds h's coefficients, `fn-dsa`'s holds h in NTT form; and
//! `fn-dsa` appends the 64-byte SHAKE256 hash of the public key to the signing key.

use fn_dsa_comm::mq;

/// Falcon's modulus q.
const Q: u64 = 12_289;

#[derive(Clone, Copy)]
enum Order {
    MsbFirst,
    LsbFirst,
}

/// Reads `count` values of `nbits` bits; `None` if `src` is too short.
fn unpack(src: &[u8], nbits: u32, count: usize, order: Order) -> Option<Vec<u64>> {
    let mut values = Vec::with_capacity(count);
    let (mut acc, mut acc_len, mut bytes) = (0u64, 0u32, src.iter());
    let mask = (1u64 << nbits) - 1;
    for _ in 0..count {
        while acc_len < nbits {
            let byte = u64::from(*bytes.next()?);
            match order {
                Order::MsbFirst => acc = (acc << 8) | byte,
                Order::LsbFirst => acc |= byte << acc_len,
            }
            acc_len += 8;
        }
        match order {
            Order::MsbFirst => {
                values.push((acc >> (acc_len - nbits)) & mask);
                acc_len -= nbits;
                acc &= (1u64 << acc_len) - 1;
            }
            Order::LsbFirst => {
                values.push(acc & mask);
                acc >>= nbits;
                acc_len -= nbits;
            }
        }
    }
    Some(values)
}

/// Writes `values` of `nbits` bits each (a multiple of 8 bits in total).
fn pack(values: &[u64], nbits: u32, order: Order) -> Vec<u8> {
    let mut out = Vec::with_capacity(values.len() * nbits as usize / 8);
    let (mut acc, mut acc_len) = (0u64, 0u32);
    for &v in values {
        match order {
            Order::LsbFirst => {
                acc |= v << acc_len;
                acc_len += nbits;
                while acc_len >= 8 {
                    out.push((acc & 0xff) as u8);
                    acc >>= 8;
                    acc_len -= 8;
                }
            }
            Order::MsbFirst => {
                acc = (acc << nbits) | v;
                acc_len += nbits;
                while acc_len >= 8 {
                    out.push(((acc >> (acc_len - 8)) & 0xff) as u8);
                    acc_len -= 8;
                    acc &= (1u64 << acc_len) - 1;
                }
            }
        }
    }
    out
}

/// Bits per coefficient of f and g (Falcon specification §3.11.5).
fn fg_bits(logn: u32) -> u32 {
    match logn {
        2..=5 => 8,
        6..=7 => 7,
        8..=9 => 6,
        _ => 5,
    }
}

/// Repacks a private key's header, f, g and F from `from` order to the other one.
fn private_key(src: &[u8], logn: u32, from: Order) -> Option<Vec<u8>> {
    let n = 1usize << logn;
    let fg = fg_bits(logn);
    let fg_len = n * fg as usize / 8;
    let need = 1 + 2 * fg_len + n;
    if src.len() < need {
        return None;
    }
    let to = match from {
        Order::MsbFirst => Order::LsbFirst,
        Order::LsbFirst => Order::MsbFirst,
    };
    let mut out = Vec::with_capacity(need);
    out.push(*src.first()?);
    out.extend(pack(&unpack(&src[1..1 + fg_len], fg, n, from)?, fg, to));
    out.extend(pack(&unpack(&src[1 + fg_len..], fg, n, from)?, fg, to));
    // F uses 8 bits per value: bit order and byte order coincide.
    out.extend_from_slice(&src[1 + 2 * fg_len..need]);
    Some(out)
}

/// The Falcon round-3 private key (header, f, g, F) of an `fn-dsa` signing key.
pub(super) fn falcon_private_from_fn_dsa(fn_dsa_key: &[u8], logn: u32) -> Option<Vec<u8>> {
    private_key(fn_dsa_key, logn, Order::LsbFirst)
}

/// The `fn-dsa` layout of a Falcon round-3 private key, without the trailing public-key hash.
pub(super) fn fn_dsa_private_from_falcon(falcon_key: &[u8], logn: u32) -> Option<Vec<u8>> {
    private_key(falcon_key, logn, Order::MsbFirst)
}

/// The Falcon round-3 public key (h's coefficients, MSB-first) of an `fn-dsa` verifying key
/// (h in NTT form, LSB-first).
pub(super) fn falcon_public_from_fn_dsa(fn_dsa_key: &[u8], logn: u32) -> Option<Vec<u8>> {
    let n = 1usize << logn;
    if fn_dsa_key.len() != 1 + n * 14 / 8 {
        return None;
    }
    let values = unpack(&fn_dsa_key[1..], 14, n, Order::LsbFirst)?;
    let mut h = values
        .iter()
        .map(|&v| u16::try_from(v).ok().filter(|&v| u64::from(v) < Q))
        .collect::<Option<Vec<u16>>>()?;
    mq::mqpoly_ext_to_int(logn, &mut h);
    mq::mqpoly_NTT_to_int(logn, &mut h);
    mq::mqpoly_int_to_ext(logn, &mut h);
    let mut out = vec![*fn_dsa_key.first()?];
    out.extend(pack(
        &h.iter().map(|&v| u64::from(v)).collect::<Vec<_>>(),
        14,
        Order::MsbFirst,
    ));
    Some(out)
}

/// Whether `key` is a well-formed Falcon round-3 public key of degree 2^logn: header
/// `0x00 + logn`, every coefficient below q.
pub(super) fn is_valid_falcon_public(key: &[u8], logn: u32) -> bool {
    let n = 1usize << logn;
    key.len() == 1 + n * 14 / 8
        && key.first() == u8::try_from(logn).ok().as_ref()
        && unpack(&key[1..], 14, n, Order::MsbFirst).is_some_and(|v| v.iter().all(|&c| c < Q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips() {
        let src: Vec<u8> = (0u8..=223).collect(); // 128 values of 14 bits
        let values = unpack(&src, 14, 128, Order::LsbFirst).unwrap();
        let msb = pack(&values, 14, Order::MsbFirst);
        assert_ne!(msb, src);
        assert_eq!(
            pack(
                &unpack(&msb, 14, 128, Order::MsbFirst).unwrap(),
                14,
                Order::LsbFirst
            ),
            src
        );
        // Known MSB-first layout: values 1 and 2 at 4 bits are the byte 0x12.
        assert_eq!(pack(&[1, 2], 4, Order::MsbFirst), vec![0x12]);
        assert_eq!(pack(&[1, 2], 4, Order::LsbFirst), vec![0x21]);
    }
}
