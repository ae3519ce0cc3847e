//! Tile contents and names: hash tiles and entry bundles of the width the first byte gives
//! (1..=256), and the rest as a C2SP or Go sumdb tile path.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::tiles(data));
