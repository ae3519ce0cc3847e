//! Test models for the model-signing tests: a directory written from a file list, and the
//! hashing configuration that leaves its signature file out.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use pqlab_harness::model::HashingConfig;

/// Writes `files` (path relative to the model, contents) under `root/model` and returns it.
pub fn write_model(root: &Path, files: &[(&str, &[u8])]) -> PathBuf {
    let model = root.join("model");
    for (name, contents) in files {
        let path = model.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    model
}

/// model_signing's default hashing configuration, ignoring `signature` inside `model`.
pub fn config_for(model: &Path, signature: &Path) -> HashingConfig {
    let mut config = HashingConfig::default();
    config.ignore_path(model, signature);
    config
}
