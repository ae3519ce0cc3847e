//! X.509 certificates and SPKI: the certificate profile checks, chain building to the
//! fixture CA, the Fulcio leaf profile with its embedded SCT, SCT TLS decoding, SPKI DER and
//! PEM decoding, and the lenient PEM reader.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqlab_fuzz::targets::x509(data));
