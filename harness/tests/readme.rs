//! The README's algorithm table is the registry's Markdown output, not typed by hand.

use std::path::PathBuf;

const BEGIN: &str = "<!-- algorithms:begin -->\n";
const END: &str = "<!-- algorithms:end -->";

#[test]
fn readme_algorithm_table_matches_registry() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("README lacks the algorithms:begin marker")
        + BEGIN.len();
    let end = readme
        .find(END)
        .expect("README lacks the algorithms:end marker");
    let table = pqlab_harness::catalog::markdown();
    if std::env::var_os("PQLAB_UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README algorithm table is stale: run PQLAB_UPDATE_README=1 cargo test -p pqlab-harness --test readme"
    );
}
