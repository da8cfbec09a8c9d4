"""The frozen bundle's size and start time, next to the floor a bare PySide6 window sets.

Builds, in this run and with build.spec's options, the app (FIELDAPP_BUNDLE=app) and a
minimal PySide6 window (QApplication + QMainWindow + QLabel, FIELDAPP_BUNDLE=minimal), then
measures for each: the unpacked size, the .tar.gz size (packaging/archive.py, as released),
and the start time to a usable window: from process start until the main window has been
painted with the establishment list filled from a demo profile (ui/readyprobe.py prints the
moment; FIELDAPP_EXIT_WHEN_READY=1). The app's start from source (the same entry script
under the venv's Python) is measured the same way. The window builds synchronisation and the
coordinator workspace right after its first paint: `*_idle_s` is when that is done too
(FIELDAPP_IDLE), the time until every menu and the automatic sync are there.

Starts are measured RUNS times each, alternating programs; the median is reported. The
page cache is dropped before each start when the kernel lets us (root, not in a container);
the JSON says which (`cache`). Qt runs offscreen here: there is no display on the CI
machine, so window-system costs (X11/Wayland connection, GPU) are not in these figures.

    python bench/dist.py [--runs 5] [--reuse]    # prints one JSON line; progress on stderr
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "bench-dist"
PYTHON = Path(sys.executable)
READY = "FIELDAPP_READY"
IDLE = "FIELDAPP_IDLE"
DEMO = ["--establishments", "200", "--surveys", "300", "--seed", "1"]
TARGET_RATIO = 1.2
TARGET_TAR_GZ_MB = 65.0
TARGET_START_S = 1.0


def log(message: str) -> None:
    print(f"dist: {message}", file=sys.stderr, flush=True)


def _archive_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "fieldapp_archive", ROOT / "packaging" / "archive.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(target: str) -> tuple[Path, float]:
    """Freeze `target` ('app' or 'minimal') with build.spec; (bundle folder, seconds)."""
    started = time.perf_counter()
    subprocess.run(
        [
            str(PYTHON.with_name("pyinstaller")),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(WORK / "dist"),
            "--workpath",
            str(WORK / f"work-{target}"),
            str(ROOT / "build.spec"),
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "FIELDAPP_BUNDLE": target},
        stdout=sys.stderr,  # stdout carries the one JSON line
    )
    name = "FieldApp" if target == "app" else "MinimalWindow"
    return WORK / "dist" / name, time.perf_counter() - started


def unpacked_bytes(folder: Path) -> int:
    """What the folder takes once unpacked: file sizes, links counted as links."""
    total = 0
    for parent, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(parent, name)).st_size
    return total


def tar_gz_bytes(folder: Path) -> int:
    archive = _archive_module()
    with tempfile.TemporaryDirectory() as tmp:
        return archive.make_archive(folder, Path(tmp) / "bundle.tar.gz").stat().st_size


def drop_page_cache() -> bool:
    """Empty the page cache so that the next start reads from disk; False when not allowed."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def start_time(
    command: list[str], env: dict[str, str], *, cold: bool, rows: bool
) -> tuple[float, float, bool]:
    """Seconds from process start to the READY line (with a filled list when `rows`) and to
    the IDLE line (the READY time for a program that prints none); (ready, idle, whether the
    cache was dropped first)."""
    dropped = drop_page_cache() if cold else False
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd="/"
    )
    assert process.stdout is not None
    ready = idle = None
    for line in process.stdout:
        if line.startswith(READY):
            ready = time.perf_counter() - started
            if rows and "rows=0" in line:
                raise RuntimeError(f"{command[0]} showed an empty list")
        elif line.startswith(IDLE):
            idle = time.perf_counter() - started
    if process.wait(timeout=60) != 0 or ready is None:
        raise RuntimeError(f"{command} exited {process.returncode} without {READY}")
    return ready, idle if idle is not None else ready, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts measured per program")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the bundles of the last run, no rebuild"
    )
    args = parser.parse_args(argv)

    builds: dict[str, float | None] = {}
    folders: dict[str, Path] = {}
    for target in ("app", "minimal"):
        if args.reuse:
            folders[target] = WORK / "dist" / ("FieldApp" if target == "app" else "MinimalWindow")
            builds[target] = None
        else:
            log(f"building {target} with build.spec")
            folders[target], builds[target] = build(target)

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-dist-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [str(PYTHON), "-m", "fieldapp", "--data-dir", str(profile), "demo", *DEMO],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "FIELDAPP_EXIT_WHEN_READY": "1",
            # Logs of these runs go to the temporary dir, not the user's.
            "XDG_STATE_HOME": str(Path(tmp) / "state"),
        }
        env.pop("FIELDAPP_DATA_DIR", None)
        programs = {
            "app": [str(folders["app"] / "FieldApp"), "--data-dir", str(profile)],
            "minimal": [str(folders["minimal"] / "MinimalWindow")],
            "source": [
                str(PYTHON),
                str(ROOT / "packaging" / "fieldapp_main.py"),
                "--data-dir",
                str(profile),
            ],
        }
        for command in programs.values():  # one start each to fill caches before timing
            start_time(command, env, cold=False, rows=command is not programs["minimal"])
        starts: dict[str, list[float]] = {name: [] for name in programs}
        idles: dict[str, list[float]] = {name: [] for name in programs}
        cache_dropped = True
        for run in range(args.runs):
            for name, command in programs.items():
                seconds, idle, dropped = start_time(command, env, cold=True, rows=name != "minimal")
                cache_dropped &= dropped
                starts[name].append(seconds)
                idles[name].append(idle)
            log(
                f"run {run + 1}/{args.runs}: "
                + ", ".join(f"{n} {s[-1]:.3f} s" for n, s in starts.items())
            )

    sizes = {name: unpacked_bytes(folder) for name, folder in folders.items()}
    archives = {name: tar_gz_bytes(folder) for name, folder in folders.items()}
    median = {name: statistics.median(values) for name, values in starts.items()}
    median_idle = {name: statistics.median(values) for name, values in idles.items()}
    ratio = sizes["app"] / sizes["minimal"]
    mb = 1e6
    result = {
        "bench": "dist",
        "platform": f"{sys.platform}-{os.uname().machine}",
        "qt_platform": "offscreen",
        "cache": "dropped before each start" if cache_dropped else "warm (cannot drop caches here)",
        "runs": args.runs,
        "app_unpacked_mb": round(sizes["app"] / mb, 1),
        "app_tar_gz_mb": round(archives["app"] / mb, 1),
        "app_start_s": round(median["app"], 3),
        "app_start_max_s": round(max(starts["app"]), 3),
        "app_idle_s": round(median_idle["app"], 3),
        "minimal_unpacked_mb": round(sizes["minimal"] / mb, 1),
        "minimal_tar_gz_mb": round(archives["minimal"] / mb, 1),
        "minimal_start_s": round(median["minimal"], 3),
        "source_start_s": round(median["source"], 3),
        "source_idle_s": round(median_idle["source"], 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "unpacked_ratio": round(ratio, 3),
        "build_s": {k: (round(v, 1) if v is not None else None) for k, v in builds.items()},
        "targets": {
            f"unpacked_ratio<={TARGET_RATIO}": ratio <= TARGET_RATIO,
            f"tar_gz_mb<={TARGET_TAR_GZ_MB:g}": archives["app"] / mb <= TARGET_TAR_GZ_MB,
            f"start_s<={TARGET_START_S:g}": median["app"] <= TARGET_START_S,
        },
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
