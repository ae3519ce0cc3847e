//! Where implementations that lack an operation borrow it: RustCrypto `ml-dsa`, which has
//! every FIPS 204 entry point and passes every vector.

use super::params::ParameterSet;
use super::{Fips204, rustcrypto};

/// The RustCrypto implementation of `set`.
pub(crate) fn rustcrypto(set: ParameterSet) -> &'static dyn Fips204 {
    match set {
        ParameterSet::MlDsa44 => &rustcrypto::RUSTCRYPTO_44,
        ParameterSet::MlDsa65 => &rustcrypto::RUSTCRYPTO_65,
        ParameterSet::MlDsa87 => &rustcrypto::RUSTCRYPTO_87,
    }
}
