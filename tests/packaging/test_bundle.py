"""The bundle's contents as build.spec decides them (packaging/bundle.py), without a build.

The frozen build itself is slow: .ci/run builds it and runs `FieldApp --self-test` and the
upgrade check on it. These tests keep the decisions honest between two CI runs.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_bundle():
    spec = importlib.util.spec_from_file_location(
        "fieldapp_bundle", ROOT / "packaging" / "bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _load_bundle()


def _imported_modules(*packages: str) -> set[str]:
    found: set[str] = set()
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    found.add(node.module)
                    found.update(f"{node.module}.{alias.name}" for alias in node.names)
                elif isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
    return found


def test_no_qt_module_the_app_imports_is_left_out():
    used = {
        m.split(".")[1]
        for m in _imported_modules("ui", "sync", "fieldapp")
        if m.startswith("PySide6.Qt")
    }
    assert used  # QtCore, QtGui, QtWidgets at least
    assert not used & set(bundle.UNUSED_QT_MODULES)
    assert {"QtCore", "QtGui", "QtWidgets"} <= used


def test_nothing_the_app_imports_is_excluded():
    excluded = set(bundle.EXCLUDED_PACKAGES)
    tops = {m.split(".")[0] for m in _imported_modules("ui", "sync", "fieldapp")}
    assert not tops & excluded, tops & excluded
    assert "server" in excluded and "django" in excluded and "pytest" in excluded


def test_keyring_back_ends_per_platform():
    assert "keyring.backends.Windows" in bundle.keyring_hidden_imports("win32")
    assert "keyring.backends.macOS" in bundle.keyring_hidden_imports("darwin")
    assert "secretstorage" in bundle.keyring_hidden_imports("linux")
    # The app encrypts sneakernet bundles with it (sync/bundle.py).
    assert "cryptography" not in bundle.excluded_modules()


def test_entry_point_modules_come_from_the_package_metadata():
    modules = bundle.entry_point_modules()
    assert "ui.app" in modules
    assert "sync.cli" in modules
    assert not any(m.startswith("server") for m in modules)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", True),
        ("PySide6/Qt/plugins/networkinformation/libqglib.so", False),
        ("PySide6/plugins/networkinformation/qnetworklistmanager.dll", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("fieldapp/forms/data/baseline.json", True),
    ],
)
def test_qt_plugins_kept(dest, kept):
    assert bundle.keep_qt_plugin(dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_ar.qm", True),
        ("PySide6/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_fr.qm", False),
        ("PySide6/Qt/translations/qt_help_fr.qm", False),
        ("PySide6/Qt/translations/qtbase_pt_BR.qm", False),
        ("ui/i18n/fieldapp_fr.qm", True),
    ],
)
def test_qt_translations_kept(dest, kept):
    assert bundle.keep_qt_translation(dest) is kept


def test_orphaned_libraries_go_with_their_plugin():
    binaries = [
        ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libicudata.so.73", "/src/libicudata.so.73", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ]
    links = {
        "/src/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/src/libQt6Core.so.6": ["libicudata.so.73"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Core.so.6"],
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
    }
    orphans = bundle.orphan_libraries(binaries, lambda path: links.get(path, []))
    assert orphans == {
        "libgtk-3.so.0",
        "libcairo.so.2",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "libQt6Network.so.6",
    }


def test_prune_removes_plugins_translations_and_their_libraries():
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/src/qtbase_fr.qm", "DATA"),
        # PyInstaller files symbolic links with the data.
        ("libgtk-3.so.0.link", "libgtk-3.so.0", "SYMLINK"),
    ]
    links = {"/src/libqgtk3.so": ["libgtk-3.so.0"]}
    kept_binaries, kept_datas, removed = bundle.prune(
        binaries, datas, imports_of=lambda path: links.get(path, [])
    )
    assert [b[0] for b in kept_binaries] == ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    assert [d[0] for d in kept_datas] == ["PySide6/Qt/translations/qtbase_fr.qm"]
    assert set(removed) == {
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libgtk-3.so.0",
        "libgtk-3.so.0.link",
        "PySide6/Qt/translations/qtbase_de.qm",
    }


def test_a_pruned_macos_framework_leaves_no_files_behind():
    lib = "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork"
    binaries = [(lib, "/src/QtNetwork", "BINARY")]
    datas = [
        ("PySide6/Qt/lib/QtNetwork.framework/Resources/Info.plist", "/src/Info.plist", "DATA"),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/Current", "A", "SYMLINK"),
        ("PySide6/Qt/lib/QtCore.framework/Resources/Info.plist", "/src/Info2.plist", "DATA"),
    ]
    kept_binaries, kept_datas, removed = bundle.prune(binaries, datas, imports_of=lambda p: [])
    assert kept_binaries == []
    assert [d[0] for d in kept_datas] == ["PySide6/Qt/lib/QtCore.framework/Resources/Info.plist"]
    assert len(removed) == 3


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_windows_version_numbers(version, numbers):
    assert bundle.version_tuple(version) == numbers


def test_windows_version_file_is_what_pyinstaller_reads():
    text = bundle.windows_version_file("0.1.0")
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('ProductVersion', '0.1.0')" in text
    # PyInstaller evaluates the file as a Python expression of its versioninfo classes
    # (which need pefile, absent off Windows): stand-ins record the structure.
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    names += ("VarFileInfo", "VarStruct")
    namespace = {n: (lambda *a, _n=n, **k: (_n, a, k)) for n in names}
    kind, _args, fields = eval(text, namespace)  # our own text, read as PyInstaller does
    assert kind == "VSVersionInfo"
    assert fields["ffi"][2]["prodvers"] == (0, 1, 0, 0)


def test_macos_bundle_identity():
    plist = bundle.macos_info_plist("0.1.0")
    assert plist["CFBundleIdentifier"] == "org.fieldapp.FieldApp"
    assert plist["CFBundleShortVersionString"] == "0.1.0"


def test_package_data_holds_forms_and_compiled_translations(tmp_path):
    (tmp_path / "fieldapp" / "forms" / "data").mkdir(parents=True)
    (tmp_path / "fieldapp" / "forms" / "data" / "baseline.json").write_text("{}")
    (tmp_path / "fieldapp" / "forms" / "data" / "baseline.xlsx").write_bytes(b"x")
    (tmp_path / "fieldapp" / "cli.py").write_text("")
    (tmp_path / "ui" / "i18n").mkdir(parents=True)
    (tmp_path / "ui" / "i18n" / "fieldapp_fr.ts").write_text("")
    (tmp_path / "ui" / "i18n" / "fieldapp_fr.qm").write_bytes(b"q")
    (tmp_path / "ui" / "__pycache__").mkdir()
    (tmp_path / "ui" / "__pycache__" / "x.json").write_text("")
    (tmp_path / "ui" / "map.geojson").write_text("{}")
    datas = bundle.package_data(tmp_path, ["fieldapp", "ui"])
    assert sorted((Path(src).name, dest) for src, dest in datas) == [
        ("baseline.json", "fieldapp/forms/data"),
        ("baseline.xlsx", "fieldapp/forms/data"),
        ("map.geojson", "ui"),
    ]
    assert [(Path(src).name, dest) for src, dest in bundle.translation_data(tmp_path)] == [
        ("fieldapp_fr.qm", "ui/i18n")
    ]
    assert bundle.missing_translations(tmp_path) == ["ui/i18n/fieldapp_ar.qm"]


def test_every_ts_needs_a_current_qm(tmp_path):
    i18n = tmp_path / "ui" / "i18n"
    i18n.mkdir(parents=True)
    for name in ("fieldapp_fr", "fieldapp_ar", "coordinator_fr", "reports_ar"):
        (i18n / f"{name}.ts").write_text("")
        (i18n / f"{name}.qm").write_bytes(b"q")
    assert bundle.missing_translations(tmp_path) == []
    (i18n / "reports_ar.qm").unlink()
    os.utime(i18n / "coordinator_fr.qm", (1, 1))
    assert bundle.missing_translations(tmp_path) == [
        "ui/i18n/coordinator_fr.qm (older than coordinator_fr.ts)",
        "ui/i18n/reports_ar.qm",
    ]
    names = {Path(src).name for src, _ in bundle.translation_data(tmp_path)}
    assert names == {"fieldapp_fr.qm", "fieldapp_ar.qm", "coordinator_fr.qm"}


def test_the_real_translations_and_map_are_collected():
    assert ("morocco.geojson", "ui") in {
        (Path(src).name, dest) for src, dest in bundle.package_data(ROOT, ["ui"])
    }
    if bundle.missing_translations(ROOT):
        pytest.skip("run `make translations` first")
    stems = {Path(src).stem for src, _ in bundle.translation_data(ROOT)}
    assert stems == {p.stem for p in (ROOT / "ui" / "i18n").glob("*.ts")}
    assert {"fieldapp_ar", "coordinator_ar", "coordinator_fr"} <= stems


def test_metadata_keeps_the_version_and_entry_points_only(tmp_path):
    info = tmp_path / "demo-1.0.dist-info"
    (info / "licenses").mkdir(parents=True)
    headers = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n"
    (info / "METADATA").write_text(headers + "\n" + "a long description " * 50)
    (info / "entry_points.txt").write_text("[console_scripts]\ndemo = demo:main\n")
    (info / "RECORD").write_text("demo.py,,\n")
    (info / "licenses" / "LICENSE").write_text("MIT")
    datas = [
        (f"demo-1.0.dist-info/{p.relative_to(info).as_posix()}", str(p), "DATA")
        for p in info.rglob("*")
        if p.is_file()
    ]
    datas.append(("ui/i18n/fieldapp_fr.qm", "/x/fieldapp_fr.qm", "DATA"))
    kept, removed = bundle.slim_metadata(datas, tmp_path / "work")
    assert removed == ["demo-1.0.dist-info/RECORD"]
    by_dest = {dest: src for dest, src, _ in kept}
    assert set(by_dest) == {
        "demo-1.0.dist-info/METADATA",
        "demo-1.0.dist-info/entry_points.txt",
        "demo-1.0.dist-info/licenses/LICENSE",
        "ui/i18n/fieldapp_fr.qm",
    }
    slim = Path(by_dest["demo-1.0.dist-info/METADATA"]).read_text()
    assert slim == "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n"


def test_the_real_forms_are_collected():
    datas = bundle.package_data(ROOT, ["fieldapp"])
    names = {Path(src).name for src, _ in datas}
    assert {"baseline.json", "baseline.xlsx"} <= names


def test_archive_name():
    assert bundle.archive_name("0.1.0", "Linux", "x86_64") == "FieldApp-0.1.0-linux-x86_64.tar.gz"


def test_spec_uses_the_bundle_decisions():
    # build.spec is run by PyInstaller, not imported: check it wires what the tests cover.
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    for needle in (
        "bundle.excluded_modules()",
        "bundle.prune(",
        "bundle.translation_data(ROOT)",
        "bundle.missing_translations(ROOT)",
        "bundle.slim_metadata(",
        "copy_metadata(bundle.DIST_NAME)",
        "bundle.entry_point_modules()",
        "bundle.keyring_hidden_imports()",
        "console=False",
        "exclude_binaries=True",  # one-folder
        "bundle_identifier=bundle.BUNDLE_IDENTIFIER",
    ):
        assert needle in spec, needle
    assert re.search(r"^VERSION = metadata\.version\(", spec, re.M)
    ast.parse(spec)


def test_icons_are_committed_and_small():
    icons = ROOT / "packaging" / "icons"
    for name in ("fieldapp.svg", "fieldapp.png", "fieldapp.ico", "fieldapp.icns"):
        path = icons / name
        assert path.exists(), name
        assert path.stat().st_size < 64_000
    assert (icons / "fieldapp.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (icons / "fieldapp.icns").read_bytes()[:4] == b"icns"
