"""clang-tidy over server/src with a cache of files that passed (scripts/lint tidy).

The release build's compile_commands.json is for GCC with a precompiled
header; clang cannot read GCC's .gch, so each command loses the PCH include
and the GCC-only warning flags, and is written to build/lint/. A translation
unit that passed is remembered by the hash of its preprocessed text (headers
included), its flags, .clang-tidy and clang-tidy's version.

usage: python3 scripts/tidy.py build/release/compile_commands.json
"""

import hashlib
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(os.environ.get("KC_ROOT", Path(__file__).resolve().parent.parent))
GCC_ONLY = ("-Wno-stringop-", "-Wno-restrict", "-Wno-maybe-uninitialized", "-Winvalid-pch")


def clang_command(args):
    out, skip = [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            skip = True
            continue
        if a.startswith(GCC_ONLY):
            continue
        out.append(a)
    return out


def preprocess_command(args):
    # The compile command with -E to stdout instead of -c/-o (same flags).
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c",) or a.startswith(("-MD", "-MF", "-MT")):
            continue
        out.append(a)
    # -C keeps comments, so a NOLINT that is added or removed changes the key.
    return out + ["-E", "-P", "-C"]


def main():
    entries = json.loads(Path(sys.argv[1]).read_text())
    src = str(ROOT / "server" / "src") + os.sep
    lint_dir = ROOT / "build" / "lint"
    lint_dir.mkdir(parents=True, exist_ok=True)
    units, seen = [], set()
    for e in entries:
        args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        f = e["file"]
        if not f.startswith(src) or f in seen:
            continue
        seen.add(f)
        units.append({"directory": e["directory"], "file": f, "arguments": clang_command(args)})
    (lint_dir / "compile_commands.json").write_text(json.dumps(units))

    config = (ROOT / ".clang-tidy").read_bytes()
    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True).stdout.encode()
    cache_env = os.environ.get("KEYCARD_TIDY_CACHE", str(Path.home() / ".cache" / "keycard-tidy"))
    cache = None if cache_env == "off" else Path(cache_env)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)

    def check(unit):
        key = None
        if cache:
            pre = subprocess.run(preprocess_command(unit["arguments"]), cwd=unit["directory"], capture_output=True)
            if pre.returncode == 0:
                # The clone's own path is not part of what is checked: a
                # fresh clone elsewhere hits the same entries.
                root = str(ROOT).encode()
                args = json.dumps(unit["arguments"]).encode().replace(root, b"<root>")
                h = hashlib.sha256()
                for part in (version, config, args, pre.stdout.replace(root, b"<root>")):
                    h.update(hashlib.sha256(part).digest())
                key = cache / h.hexdigest()
                if key.exists():
                    return unit["file"], 0, "", True
        r = subprocess.run(["clang-tidy", "-p", str(lint_dir), "--quiet", unit["file"]], capture_output=True, text=True)
        if r.returncode == 0 and key is not None:
            key.touch()
        return unit["file"], r.returncode, r.stdout + r.stderr, False

    jobs = int(os.environ.get("KEYCARD_LINT_JOBS", os.cpu_count() or 2))
    failed, cached = [], 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for f, rc, output, hit in pool.map(check, units):
            cached += hit
            if rc != 0:
                failed.append(f)
                # clang-tidy prints "N warnings generated" for system headers: noise.
                print("\n".join(l for l in output.splitlines() if "warnings generated" not in l), flush=True)
    rel = [os.path.relpath(f, ROOT) for f in failed]
    print(f"[lint] tidy: {len(units)} files, {cached} unchanged since they passed, {len(failed)} with findings"
          + (":\n  " + "\n  ".join(rel) if rel else ""), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
