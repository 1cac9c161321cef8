#!/usr/bin/env python3
"""Runs the libFuzzer executables of Fuzz/ (built by `make fuzz`) for a set time each, prints their figures, copies
every crash into Tests/Fixtures/fuzz-regressions/<target>/ (where plain `swift test` replays it) and exits non-zero
if any target found one. Standard library only.

    scripts/run_fuzz.py --seconds 60 transaction block ...      (what `make fuzz` runs; FUZZ_SECONDS sets --seconds)

Each target keeps its growing corpus in Fuzz/.build/corpus/<target>/ (not in git) and reads the committed seeds in
Fuzz/Corpus/<target>/, which it never writes.
"""
import argparse
import os
import re
from concurrent.futures import ThreadPoolExecutor
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "Fuzz")
REGRESSIONS = os.path.join(ROOT, "Tests", "Fixtures", "fuzz-regressions")
EXECUTABLES = {
    "transaction": "FuzzTransaction", "block": "FuzzBlock", "receipts": "FuzzReceipts", "chain-file": "FuzzChainFile",
    "genesis": "FuzzGenesis", "keystore": "FuzzKeystore", "rpc": "FuzzRPC",
}
FINDINGS = ("crash-", "leak-", "timeout-", "oom-", "slow-unit-")


def run(target, seconds, timeout, bin_dir):
    work = os.path.join(FUZZ, ".build", "corpus", target)
    artifacts = os.path.join(FUZZ, ".build", "artifacts", target)
    os.makedirs(work, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    log_path = os.path.join(FUZZ, ".build", f"fuzz-{target}.log")
    command = [
        "nice", os.path.join(bin_dir, EXECUTABLES[target]), f"-max_total_time={seconds}", f"-timeout={timeout}",
        "-print_final_stats=1", f"-artifact_prefix={artifacts}/", work, os.path.join(FUZZ, "Corpus", target),
    ]
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        # wait4 gives this child's own CPU time, even with other targets running beside it.
        _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    cpu = usage.ru_utime + usage.ru_stime
    text = open(log_path, errors="replace").read()
    stat = lambda name: (re.findall(rf"stat::{name}:\s*(\d+)", text) or ["?"])[-1]
    progress = re.findall(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", text)
    cov, ft, corpus = (progress[-1][1], progress[-1][2], f"{progress[-1][3]}/{progress[-1][4]}") if progress else ("?", "?", "?")
    found = []
    for name in sorted(os.listdir(artifacts)):
        if name.startswith(FINDINGS):
            os.makedirs(os.path.join(REGRESSIONS, target), exist_ok=True)
            shutil.copy(os.path.join(artifacts, name), os.path.join(REGRESSIONS, target, name))
            os.remove(os.path.join(artifacts, name))
            found.append(name)
    row = (f"| {target} | {stat('number_of_executed_units')} | {stat('average_exec_per_sec')} | {corpus} | {cov} | {ft} "
           f"| {wall:.0f} s | {cpu:.0f} s | {', '.join(found) or 'none'} |")
    return row, found, code, log_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="fuzzing time per target")
    parser.add_argument("--timeout", type=int, default=25, help="seconds one input may take before it is a finding")
    parser.add_argument("--jobs", type=int, default=1, help="targets run at the same time")
    parser.add_argument("--bin-dir", default=os.path.join(FUZZ, ".build", "release"))
    parser.add_argument("targets", nargs="*", default=list(EXECUTABLES))
    args = parser.parse_args()
    print("| target | executions | exec/s | corpus (units/bytes) | cov | ft | wall | CPU | findings |")
    print("|---|---|---|---|---|---|---|---|---|")
    unknown = [target for target in args.targets if target not in EXECUTABLES]
    if unknown:
        sys.exit(f"unknown fuzz target(s) {', '.join(unknown)} (known: {', '.join(EXECUTABLES)})")
    failed = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = pool.map(lambda target: (target, run(target, args.seconds, args.timeout, args.bin_dir)), args.targets)
        for target, (row, found, code, log) in results:
            print(row, flush=True)
            if found or code != 0:
                failed.append(f"{target}: exit {code}, {len(found)} finding(s) copied to Tests/Fixtures/fuzz-regressions/{target}/ (log {log})")
    for line in failed:
        print(line, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
