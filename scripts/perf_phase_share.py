"""Reads `perf script` output (a `perf record -g` of proofmint-bench) on stdin and prints, per benchmark phase, how
many samples fell in it and how many of those had a frame matching a pattern (by default RecordChecksum, the
per-record checksum of docs/RELIABILITY.md, "Storage integrity").

    perf record -g -F 499 -o perf.data .build/debug/proofmint-bench --accounts 1000 --blocks 20 \\
        --transactions 1000 --replay-blocks 0 --proof-providers none --no-pipeline
    perf script -i perf.data | python3 scripts/perf_phase_share.py [PATTERN]
"""
import sys

PHASES = ["applySequentially", "measureLookups", "StoreVerifier", "signBlocks"]


def main():
    pattern = sys.argv[1] if len(sys.argv) > 1 else "RecordChecksum"
    totals, matches, stack = {}, {}, []

    def flush():
        if not stack:
            return
        frames = " ".join(stack)
        phase = next((p for p in PHASES if p in frames), "other")
        totals[phase] = totals.get(phase, 0) + 1
        if pattern in frames:
            matches[phase] = matches.get(phase, 0) + 1

    for line in sys.stdin:
        if line[:1] in ("\t", " ") and line.strip():
            stack.append(line.strip())
        else:
            flush()
            stack.clear()
    flush()
    for phase, total in sorted(totals.items()):
        hit = matches.get(phase, 0)
        print(f"{phase:20} {total:7} samples, {hit:6} in {pattern} ({100 * hit / total:.1f}%)")


if __name__ == "__main__":
    main()
