#!/usr/bin/env python3
"""Writes fixture-results.json: a HAND-MADE results file for the report and compare tests.

Nothing here is a measurement. Key and signature sizes are the published ones
(shared/docs/REFERENCE-NUMBERS.md C1); every other figure (certificate and token overheads,
latencies, log sizes) comes from the simple models below, chosen to look plausible, so that
the report has every section and chart to render. Deterministic (fixed seed).

    python3 reports/tests/data/make_fixture.py > reports/tests/data/fixture-results.json
"""
import json
import math
import random

rng = random.Random(20261127)

# id: (pk, spki_der, sk, sig, keygen_ns, sign_ns, verify_ns, variable_sign_time)
ALG = {
    "ed25519": (32, 44, 32, 64, 16_000, 17_500, 41_000, False),
    "ecdsa-p256-sha256": (65, 91, 32, 71, 24_000, 29_000, 78_000, False),
    "ecdsa-p384-sha384": (97, 120, 48, 103, 310_000, 330_000, 610_000, False),
    "ml-dsa-44": (1312, 1334, 32, 2420, 62_000, 150_000, 56_000, True),
    "ml-dsa-65": (1952, 1974, 32, 3309, 101_000, 235_000, 88_000, True),
    "ml-dsa-87": (2592, 2614, 32, 4627, 152_000, 298_000, 141_000, True),
    "slh-dsa-sha2-128s": (32, 50, 64, 7856, 61_000_000, 455_000_000, 460_000, False),
    "fn-dsa-512": (897, 919, 1281, 655, 8_100_000, 205_000, 26_000, True),
    "composite-ml-dsa-65-ed25519": (1984, 2006, 64, 3373, 118_000, 252_000, 129_000, True),
}
IMPLS = {
    "ed25519": [("dalek", "ed25519-dalek", "3.0.0", 1.0)],
    "ecdsa-p256-sha256": [("rustcrypto", "p256", "0.14.0", 1.0), ("aws-lc", "aws-lc-rs", "1.19.0", 0.55)],
    "ecdsa-p384-sha384": [("rustcrypto", "p384", "0.14.0", 1.0)],
    "ml-dsa-44": [("libcrux", "libcrux-ml-dsa", "0.0.11", 1.0), ("rustcrypto", "ml-dsa", "0.1.2", 1.6)],
    "ml-dsa-65": [("libcrux", "libcrux-ml-dsa", "0.0.11", 1.0), ("rustcrypto", "ml-dsa", "0.1.2", 1.6),
                  ("pqclean", "pqcrypto-mldsa", "0.1.2", 1.3)],
    "ml-dsa-87": [("libcrux", "libcrux-ml-dsa", "0.0.11", 1.0), ("rustcrypto", "ml-dsa", "0.1.2", 1.6)],
    "slh-dsa-sha2-128s": [("rustcrypto", "slh-dsa", "0.2.0-rc.5", 1.0)],
    "fn-dsa-512": [("fn-dsa", "fn-dsa", "0.4.0", 1.0)],
    "composite-ml-dsa-65-ed25519": [("pqlab", "pqlab-algorithms", "0.1.0", 1.0)],
}


def nearest_rank(sorted_samples, p):
    n = len(sorted_samples)
    rank = max(1, math.ceil(p * n / 100))
    return sorted_samples[rank - 1]


def stats(samples, histogram=False, buckets=20):
    s = sorted(samples)
    out = {
        "n": len(s), "min_ns": s[0], "p50_ns": nearest_rank(s, 50), "p95_ns": nearest_rank(s, 95),
        "p99_ns": nearest_rank(s, 99), "max_ns": s[-1], "mean_ns": sum(s) / len(s), "histogram": None,
    }
    if histogram:
        lo, hi = s[0], s[-1]
        span = hi - lo
        edges = [lo + span * i // buckets for i in range(buckets + 1)]
        counts = [0] * buckets
        for x in s:
            i = 0 if span == 0 else min((x - lo) * buckets // span, buckets - 1)
            counts[i] += 1
        out["histogram"] = {"edges_ns": edges, "counts": counts}
    return out


def samples(median, n, variable=False):
    """Noise around a median; rejection sampling (variable) adds a geometric number of rounds."""
    out = []
    for _ in range(n):
        base = median * math.exp(rng.gauss(0, 0.03))
        if variable:
            rounds = 1
            while rng.random() > 0.25 and rounds < 30:
                rounds += 1
            base = median * (0.35 + 0.65 * rounds / 4) * math.exp(rng.gauss(0, 0.03))
        if rng.random() < 0.02:
            base *= 1.5  # an occasional interrupt
        out.append(int(base))
    return out


def n_for(ns):
    return 10 if ns > 10_000_000 else 200


algorithms = []
for alg, (pk, spki, sk, sig, kg, sg, vf, var) in ALG.items():
    for impl, crate, ver, factor in IMPLS[alg]:
        algorithms.append({
            "algorithm": alg, "implementation": impl, "crate_name": crate, "crate_version": ver,
            "sizes": {"public_key": pk, "secret_key": sk, "signature": sig, "spki_der": spki},
            "keygen": stats(samples(int(kg * factor), n_for(kg))),
            "sign": stats(samples(int(sg * factor), n_for(sg), var), histogram=var),
            "verify": stats(samples(int(vf * factor), n_for(vf))),
        })


def cert(subject_alg, issuer_alg):
    return 310 + ALG[subject_alg][1] + ALG[issuer_alg][3]


def tile_model(n, entry):
    """C2SP tlog-tiles byte count for n entries: hash tiles of every level (full and partial),
    entry bundles (2-byte length prefix per entry) and the checkpoint."""
    full = partial = 0
    level = 0
    width = n
    while width > 0:
        full += (width // 256) * 256 * 32
        partial += (width % 256) * 32
        width //= 256
        level += 1
        if width < 1:
            break
    bundles = n * (2 + entry)
    return full, partial, bundles


PROFILES = [
    # name, root, inter, leaf, ct, tsa, checkpoint algs, witness, k, entry shape
    ("sigstore-today", "ecdsa-p384-sha384", "ecdsa-p384-sha384", "ecdsa-p256-sha256", "ecdsa-p256-sha256",
     "ecdsa-p256-sha256", ["ed25519"], "ed25519", 1, "hashedrekord"),
    ("pq-leaf-ml-dsa-65", "ecdsa-p384-sha384", "ecdsa-p384-sha384", "ml-dsa-65", "ecdsa-p256-sha256",
     "ecdsa-p256-sha256", ["ed25519"], "ed25519", 1, "hashedrekord"),
    ("pq-all-ml-dsa-44", "ml-dsa-44", "ml-dsa-44", "ml-dsa-44", "ml-dsa-44", "ml-dsa-44", ["ml-dsa-44"],
     "ml-dsa-44", 1, "hashedrekord"),
    ("pq-all-ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", ["ml-dsa-65"],
     "ml-dsa-65", 1, "hashedrekord"),
    ("pq-all-ml-dsa-87", "ml-dsa-87", "ml-dsa-87", "ml-dsa-87", "ml-dsa-87", "ml-dsa-87", ["ml-dsa-87"],
     "ml-dsa-87", 1, "hashedrekord"),
    ("slh-dsa-roots", "slh-dsa-sha2-128s", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", ["ml-dsa-65"],
     "ml-dsa-65", 1, "hashedrekord"),
    ("composite-ml-dsa-65-ed25519", "composite-ml-dsa-65-ed25519", "composite-ml-dsa-65-ed25519",
     "composite-ml-dsa-65-ed25519", "composite-ml-dsa-65-ed25519", "composite-ml-dsa-65-ed25519",
     ["composite-ml-dsa-65-ed25519"], "composite-ml-dsa-65-ed25519", 1, "hashedrekord"),
    ("dual-checkpoint", "ecdsa-p384-sha384", "ecdsa-p384-sha384", "ecdsa-p256-sha256", "ecdsa-p256-sha256",
     "ecdsa-p256-sha256", ["ed25519", "ml-dsa-44"], "ml-dsa-44", 2, "hashedrekord"),
    ("fn-dsa-512", "fn-dsa-512", "fn-dsa-512", "fn-dsa-512", "fn-dsa-512", "fn-dsa-512", ["fn-dsa-512"],
     "fn-dsa-512", 1, "hashedrekord"),
    ("hash-only-ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", "ml-dsa-65", ["ml-dsa-65"],
     "ml-dsa-65", 1, "hash-only"),
]


def v(alg):
    return ALG[alg][6]


def s(alg):
    return ALG[alg][5]


profiles = []
for name, root, inter, leaf, ct, tsa, cps, wit, k, shape in PROFILES:
    leaf_cert = cert(leaf, inter) + 55 + ALG[ct][3]  # embedded SCT
    art_sig = ALG[leaf][3]
    entry = 180 if shape == "hash-only" else 240 + art_sig + leaf_cert
    proof = 22 * 32 + 16
    body = 78
    log_sigs = [4 + ALG[a][3] for a in cps]
    cosigs = [12 + ALG[wit][3]] * k
    tst = 820 + ALG[tsa][3] + cert(tsa, tsa)
    raw = leaf_cert + art_sig + entry + proof + body + sum(log_sigs) + sum(cosigs) + tst
    overhead = math.ceil(raw / 3) + 640
    total = raw + overhead
    gzip = int(total * 0.77) if "dsa" in leaf and "ecdsa" not in leaf else int(total * 0.72)
    trusted = 1480 + math.ceil(4 / 3 * (cert(root, root) + cert(inter, root) + ALG[ct][1] + cert(tsa, tsa)
                                        + sum(ALG[a][1] for a in cps)))
    verify_ns = v(inter) + v(root) + v(ct) + v(tsa) + v(leaf) + sum(v(a) for a in cps) + k * v(wit) + 45_000
    sign_ns = (ALG[leaf][4] + s(leaf) * 2 + s(inter) + 2 * s(ct) + s(tsa) + sum(s(a) for a in cps)
               + k * s(wit) + 160_000)
    var = any(ALG[a][7] for a in [leaf, inter, ct, tsa, wit] + cps)
    points = []
    for n in [1_000, 10_000, 100_000, 1_000_000]:
        full, part, bundles = tile_model(n, entry)
        ck = body + sum(log_sigs) + 40
        points.append({"entries": n, "total_bytes": full + part + bundles + ck, "tile_bytes": full,
                       "partial_tile_bytes": part, "entry_bundle_bytes": bundles, "checkpoint_bytes": ck})
    proj = []
    for n in [10**6, 10**9, 10**10]:
        full, part, bundles = tile_model(n, entry)
        proj.append({"entries": n, "bytes": full + part + bundles + body + sum(log_sigs) + 40})
    var_sign = var
    bundles = {}
    # DSSE: the in-toto statement (payload) and the envelope's fields add to the overhead.
    for workload, extra in (("message-signature", 0), ("dsse", 304)):
        bundles[workload] = {
            "total_bytes": total + extra, "gzip_bytes": int((total + extra) * gzip / total),
            "components": {
                "leaf_certificate": leaf_cert, "artifact_signature": art_sig, "log_entry": entry,
                "inclusion_proof": proof,
                "checkpoint": {"body": body, "log_signatures": log_sigs, "cosignatures": cosigs},
                "timestamp_token": tst, "json_base64_overhead": overhead + extra},
            "log_index": 0, "tree_size": 1,
            "sign_e2e": stats(samples(sign_ns, 10 if sign_ns > 10_000_000 else 100, var_sign),
                              histogram=var_sign),
        }
        if shape != "hash-only":
            bundles[workload]["verify_full"] = stats(samples(verify_ns, 100))
    profile = {
        "name": name,
        "roles": {"root": root, "intermediate": inter, "leaf": leaf, "ct_log": ct, "tsa": tsa,
                  "log_checkpoint": cps, "witness": wit, "witness_count": k, "entry_shape": shape},
        "bundles": bundles,
        "trusted_root_bytes": trusted,
    }
    # Log growth for all but one profile (bundle workloads may cover more profiles).
    if name != "fn-dsa-512":
        profile["log"] = {"driver": "fs", "points": points, "projection": {
            "formula": "bytes(N) = N·(2 + e) + Σ_L 32·⌊N/256^L⌋ + c, where e = entry bytes, L = 0, 1, … "
                       "tile levels (full and partial tiles) and c = checkpoint bytes",
            "points": proj}}
    profiles.append(profile)


results = {
    "schema_version": "pqlab.results/2",
    "suite": "fixture",
    "environment": {
        "cpu_model": "FIXTURE (hand-made, not a measurement) x86-64 3.0 GHz",
        "cpu_flags": ["aes", "avx2", "bmi2", "sha_ni"],
        "cores": 2,
        "os": "linux 6.1.0 x86_64",
        "rustc": "rustc 1.95.0 (fixture)",
        "crate_versions": {c: ver for impls in IMPLS.values() for (_, c, ver, _) in impls},
        "git_commit": "0000000000000000000000000000000000000000",
        "seed": 1,
        "started_at": "2026-11-27T08:00:00Z",
        "duration_s": 912.5,
        "quick": False,
    },
    "profiles": profiles,
    "algorithms": algorithms,
    "log_throughput": [
        {"driver": "memory", "entries": 100_000, "batch_size": 256, "duration_ns": 352_000_000},
        {"driver": "fs", "entries": 100_000, "batch_size": 256, "duration_ns": 2_140_000_000},
    ],
    "model_signing": [
        {"profile": p, "file_count": fc, "total_bytes": tb,
         "bundle_bytes": next(x for x in profiles if x["name"] == p)["bundles"]["dsse"]["total_bytes"] + 180 + 96 * fc,
         "sign": stats(samples(tb + 400_000, 5)), "verify": stats(samples(tb + 300_000, 5))}
        for p in ["sigstore-today", "pq-all-ml-dsa-65"]
        for fc, tb in [(1, 10_000_000), (100, 500_000_000), (1000, 2_000_000_000)]
    ],
    "monitoring": [
        {"profile": p["name"], "entries": 10_000,
         "bytes_fetched": 10_000 * (p["bundles"]["message-signature"]["components"]["log_entry"] + 2)
         + 10_000 * 32 * 2 + 40 * 400,
         "time_per_entry": stats(samples(p["bundles"]["message-signature"]["sign_e2e"]["p50_ns"] // 5, 100))}
        for p in profiles if p["name"] in ("sigstore-today", "pq-all-ml-dsa-65", "hash-only-ml-dsa-65")
    ],
}
print(json.dumps(results, indent=2, ensure_ascii=False))
