//! RFC 3161 `TimeStampResp` verification against the fixture TSA, over the fixture
//! signature (so pqlab's own tokens verify and mutations reach every check).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::timestamp(data));
