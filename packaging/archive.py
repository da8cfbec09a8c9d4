"""Packs a built bundle into the release archive and records its checksum.

`python packaging/archive.py dist/FieldApp` writes dist/FieldApp-VERSION-SYSTEM-MACHINE.tar.gz
(one top-level FieldApp/ folder, symbolic links kept, owners and times normalised so that
the same bundle gives the same archive) and adds its line to dist/SHA256SUMS, the file IT
staff check a copy on a USB stick against (`sha256sum -c SHA256SUMS`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import os
import platform
import sys
import tarfile
from importlib import metadata
from pathlib import Path

# Release archives carry this time, not the build's: a rebuild of the same tree is the same file.
EPOCH = 1_700_000_000


def _bundle_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "fieldapp_bundle", Path(__file__).resolve().parent / "bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mtime = EPOCH
    return info


LINUX_README = """FieldApp for Linux
==================

Start it with ./FieldApp (inside this folder). Check it with ./FieldApp --self-test.

It uses the laptop's own X11 libraries, as every Qt program does. A desktop Linux has them.
On a minimal install, if FieldApp says "could not load the Qt platform plugin xcb",
install them (Debian/Ubuntu):

  sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 \\
    libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libxcb-shape0 \\
    libxcb-xfixes0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3
"""


def write_readme(folder: Path) -> None:
    """README.txt in a Linux bundle: the system libraries it needs and how to install them."""
    if (folder / "FieldApp").exists():
        (folder / "README.txt").write_text(LINUX_README, encoding="utf-8")


def make_archive(folder: Path, out: Path) -> Path:
    """`folder` as a .tar.gz at `out` (members in sorted order under folder's name)."""
    # os.walk, not rglob: a symbolic link to a directory is stored as a link, not followed.
    paths = []
    for parent, dirs, files in os.walk(folder):
        paths += [Path(parent) / name for name in (*dirs, *files)]
    paths.sort()
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=EPOCH) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        tar.add(folder, arcname=folder.name, recursive=False, filter=_normalise)
        for path in paths:
            arcname = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            tar.add(path, arcname=arcname, recursive=False, filter=_normalise)
    return out


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_checksum(sums: Path, archive: Path) -> None:
    """Add (or replace) the archive's line in SHA256SUMS, in `sha256sum -c` format."""
    lines = []
    if sums.exists():
        lines = [
            line
            for line in sums.read_text(encoding="utf-8").splitlines()
            if line and not line.endswith(f"  {archive.name}")
        ]
    lines.append(f"{sha256(archive)}  {archive.name}")
    sums.write_text("\n".join(sorted(lines, key=lambda line: line.split("  ", 1)[1])) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the built one-folder bundle (dist/FieldApp)")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    if not (folder / "FieldApp").exists() and not (folder / "FieldApp.exe").exists():
        print(f"archive: {folder} holds no FieldApp executable: run pyinstaller first")
        return 2
    bundle = _bundle_module()
    name = bundle.archive_name(
        metadata.version(bundle.DIST_NAME), platform.system(), platform.machine()
    )
    write_readme(folder)
    archive = make_archive(folder, folder.parent / name)
    record_checksum(folder.parent / "SHA256SUMS", archive)
    print(f"{archive} {archive.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
