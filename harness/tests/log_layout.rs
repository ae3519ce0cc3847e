//! Tile paths: tessera's path-parsing vectors, Go's sumdb tile paths (same index encoding),
//! and the layout module's own round trips and partial widths.

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

use pqlab_harness::log::layout::{
    TileId, TileKind, encode_index, entries_path, parse_path, parse_sumdb_path, partial_width,
    tile_path, tile_width,
};
use serde_json::Value;

#[test]
fn tessera_tile_path_vectors() {
    let Some(path) = pqlab_testdata::corpus(
        "tessera_tile_path_vectors",
        "tlog-tiles/tile_path_vectors.json",
    ) else {
        return;
    };
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let cases = v["cases"].as_array().unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for case in cases {
        let path = case["path"].as_str().unwrap();
        let got = parse_path(path);
        if case["valid"].as_bool().unwrap() {
            let tile = got.unwrap_or_else(|e| panic!("{path}: {e}"));
            let want = &case["want"];
            let width = want["partial_width"].as_u64().unwrap();
            assert_eq!(
                tile,
                TileId {
                    kind: TileKind::Hashes {
                        level: want["level"].as_u64().unwrap() as u8
                    },
                    index: want["index"].as_u64().unwrap(),
                    width: if width == 0 { 256 } else { width as u16 },
                },
                "{path}"
            );
            // Writing the parsed tile gives the same path back.
            assert_eq!(tile.path(), path);
            valid += 1;
        } else {
            assert!(got.is_err(), "{path} parsed as {got:?}");
            invalid += 1;
        }
    }
    eprintln!("tessera tile paths: {valid} valid, {invalid} invalid vectors");
    assert_eq!(valid + invalid, 19);
}

#[test]
fn go_sumdb_tile_paths() {
    let Some(path) = pqlab_testdata::corpus(
        "go_sumdb_tile_paths",
        "signed-note/signed_note_vectors.json",
    ) else {
        return;
    };
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let cases = v["tile_paths"].as_array().unwrap();
    for case in cases {
        let path = case["path"].as_str().unwrap();
        let got = parse_sumdb_path(path);
        match &case["tile"] {
            Value::Null => assert!(got.is_err(), "{path} parsed as {got:?}"),
            want => {
                let tile = got.unwrap_or_else(|e| panic!("{path}: {e}"));
                assert_eq!(
                    i64::from(tile.height),
                    want["H"].as_i64().unwrap(),
                    "{path}"
                );
                assert_eq!(i64::from(tile.level), want["L"].as_i64().unwrap(), "{path}");
                assert_eq!(tile.index, want["N"].as_u64().unwrap(), "{path}");
                assert_eq!(tile.width, want["W"].as_u64().unwrap(), "{path}");
            }
        }
    }
    eprintln!("go sumdb tile paths: {} vectors", cases.len());
    assert_eq!(cases.len(), 8);
}

#[test]
fn index_encoding_and_widths() {
    assert_eq!(encode_index(0), "000");
    assert_eq!(encode_index(5), "005");
    assert_eq!(encode_index(1000), "x001/000");
    assert_eq!(encode_index(1_234_067), "x001/x234/067");
    assert_eq!(tile_path(0, 1_234_067, 256), "tile/0/x001/x234/067");
    assert_eq!(tile_path(2, 3, 7), "tile/2/003.p/7");
    assert_eq!(entries_path(1000, 255), "tile/entries/x001/000.p/255");
    for n in [0u64, 1, 999, 1000, 1001, 999_999, 1_000_000, u64::MAX] {
        let path = tile_path(5, n, 256);
        assert_eq!(parse_path(&path).unwrap().index, n, "{path}");
    }
    assert!(parse_path("tile/0/000.p/0").is_err());
    assert!(parse_path("tile/0/000.p/256").is_err());
    assert!(parse_path("tile/entries/x000").is_err());
    assert_eq!(
        parse_path("tile/entries/001.p/3").unwrap(),
        TileId {
            kind: TileKind::Entries,
            index: 1,
            width: 3
        }
    );
    // Partial width at level l = floor(s / 256^l) mod 256.
    let s = 70_000u64;
    assert_eq!(partial_width(0, s), (70_000 % 256) as u16);
    assert_eq!(partial_width(1, s), ((70_000 / 256) % 256) as u16);
    assert_eq!(partial_width(2, s), 1);
    assert_eq!(partial_width(3, s), 0);
    assert_eq!(tile_width(0, 0, s), Some(256));
    assert_eq!(tile_width(0, 273, s), Some(112));
    assert_eq!(tile_width(0, 274, s), None);
    assert_eq!(tile_width(2, 0, s), Some(1));
}
