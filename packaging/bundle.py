"""What goes into the FieldApp bundle: the decisions build.spec applies, kept testable.

build.spec is executed by PyInstaller; everything it decides (which modules are left out,
which Qt plugins and translations stay, which libraries are orphans once they are gone, the
version resources) lives here as plain functions that tests/packaging checks without
running a build. No PyInstaller import at module level, so the tests stay fast.

This directory has no __init__.py on purpose: a `packaging` package would shadow the PyPI
`packaging` library that pip, setuptools and pytest import. Load this file by path.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path, PurePosixPath

APP_NAME = "FieldApp"
DIST_NAME = "fieldapp"
BUNDLE_IDENTIFIER = "org.fieldapp.FieldApp"
COMPANY = "FieldApp project"
DESCRIPTION = "FieldApp: baseline survey of social-protection establishments"
# The `fieldapp` CLI loads the desktop app and the sync commands from these entry-point
# groups at run time; PyInstaller cannot see those imports, so they become hidden imports.
ENTRY_POINT_GROUPS = ("fieldapp.gui", "fieldapp.commands")
# Languages of the UI that have a translation (English is the source text).
UI_LANGUAGES = ("fr", "ar")

# Qt modules the app does not use: ui/ imports QtCore, QtGui, QtWidgets, and QtNetwork for
# QNetworkInformation only (a hint that the network came back, ui/autosync.py); sync/ talks
# HTTP with requests. A test checks that nothing in ui/ or sync/ imports one of these.
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvg",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Python packages that must never ride along: the server and its stack, the test and lint
# tools, and Tk. (pyxform rides along: `fieldapp form check/import` falls back on its
# normalisation to load every form pyxform accepts.)
EXCLUDED_PACKAGES = (
    "server",
    "tests",
    "bench",
    "django",
    "ninja",
    "dj_database_url",
    "gunicorn",
    "psycopg",
    "psycopg_binary",
    "schemathesis",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "xdist",
    "pytest_django",
    "mypy",
    "ruff",
    # pydantic imports rich (and rich pygments) only to pretty-print in a debugger.
    "rich",
    "pygments",
    "tkinter",
    "_tkinter",
    "idlelib",
    "lib2to3",
    "ensurepip",
    "PyInstaller",
    # Reached by the analysis only through code the app never runs (checked at run time by
    # the frozen self-test and tests/packaging/test_frozen.py): asyncio through jeepney's
    # and sqlite-utils' optional parts; pydoc (and its 140 kB of topics), http.server and
    # xmlrpc through pydoc and defusedxml.xmlrpc; the pure-Python decimal (the C one is in);
    # pydantic's v1 copy (only for models written against pydantic 1) and its mypy plugin.
    "asyncio",
    "_asyncio",
    "pydoc",
    "pydoc_data",
    "http.server",
    "xmlrpc",
    "defusedxml.xmlrpc",
    "_pydecimal",
    "unittest",
    "doctest",
    "pdb",
    "pydantic.v1",
    "pydantic.mypy",
    # requests guesses the encoding of an answer that names none with it (0.46 MB of
    # compiled code); without it requests assumes UTF-8, which is what the server sends
    # (JSON). packaging/fieldapp_main.py silences requests' warning about it.
    "charset_normalizer",
    "chardet",
    # The East Asian codecs (0.9 MB of compiled tables): the app reads and writes UTF-8 (and
    # Arabic and French need no such codec). Asking for one gives "unknown encoding".
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_multibytecodec",
)

# Qt plugins kept, by plugin directory, named without 'lib' prefix and file extension. Every
# other plugin (and a directory not listed at all) is left out.
QT_PLUGINS: Mapping[str, frozenset[str]] = {
    # xcb for X11 (and XWayland), wayland, the native ones, offscreen for --self-test and CI.
    "platforms": frozenset({"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen"}),
    # The portal theme gives native file dialogs in sandboxes; the GTK3 theme would pull GTK,
    # cairo and pango into the bundle (tens of MB) for a look the app does not need.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Compose/dead keys (French accents) and IBus (Arabic input methods) on Linux.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Photos are stored as JPEG (PNG is built into QtGui).
    "imageformats": frozenset({"qjpeg"}),
    # Windows 11/10 look; the macOS style.
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"}),
    # QNetworkInformation's back-ends: NetworkManager (Linux), Network List Manager
    # (Windows), SCNetworkReachability (macOS). No TLS plugin: HTTPS goes through requests.
    "networkinformation": frozenset(
        {"qnetworkmanager", "qnetworklistmanager", "qscnetworkreachability"}
    ),
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient"}),
}

_PLUGIN_RE = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATION_RE = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/([a-z_]+?)_([a-zA-Z_]+)\.qm$")
_LIBRARY_RE = re.compile(r"\.(so(\.\d+)*|dylib|dll|pyd)$|\.framework/|^[^.]+$", re.IGNORECASE)
# What a bootloader or Python loads by name, never through a link-time import table.
_RUNTIME_LOADED_RE = re.compile(r"^(lib)?python\d|^python\d*\.dll$|^Python$", re.IGNORECASE)

TocEntry = tuple[str, str, str]  # (destination name, source path, typecode)


def plugin_name(file_name: str) -> str:
    """'libqxcb.so' -> 'qxcb', 'qwindows.dll' -> 'qwindows', 'libqcocoa.dylib' -> 'qcocoa'."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(dest: str) -> bool:
    """True unless `dest` is a Qt plugin the app does not need."""
    found = _PLUGIN_RE.search(dest.replace("\\", "/"))
    if found is None:
        return True
    kind, file_name = found.groups()
    return plugin_name(file_name) in QT_PLUGINS.get(kind, frozenset())


def keep_qt_translation(dest: str, languages: Iterable[str] = UI_LANGUAGES) -> bool:
    """True unless `dest` is a Qt translation the app never loads: it loads qtbase_<lang>
    for its UI languages only (ui/languages.py)."""
    found = _TRANSLATION_RE.search(dest.replace("\\", "/"))
    if found is None:
        return True
    catalog, lang = found.groups()
    return catalog == "qtbase" and lang in set(languages)


def is_library(dest: str) -> bool:
    return bool(_LIBRARY_RE.search(PurePosixPath(dest.replace("\\", "/")).name)) or (
        ".framework/" in dest
    )


def orphan_libraries(
    binaries: Iterable[TocEntry], imports_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """Destinations of shared libraries that nothing kept links to any more.

    PyInstaller collects each plugin's libraries during the analysis; once a plugin is
    pruned, its libraries (GTK for the GTK theme, QtNetwork for the TLS plugins) stay behind
    unless removed here. Roots are the Python extension modules, the Qt plugins kept and the
    Python runtime; `imports_of(source path)` names the libraries a binary links to (base
    names). Whatever is reachable from a root is kept.
    """
    entries = list(binaries)
    # SYMLINK entries (dest, target dest, 'SYMLINK') alias a library kept elsewhere in the
    # bundle; they follow their target.
    files = [entry for entry in entries if entry[2] != "SYMLINK"]
    by_name: dict[str, list[TocEntry]] = {}
    for entry in files:
        by_name.setdefault(_base_name(entry[0]), []).append(entry)
    todo = [
        entry
        for entry in files
        if entry[2] == "EXTENSION"
        or _PLUGIN_RE.search(entry[0].replace("\\", "/"))
        or _RUNTIME_LOADED_RE.search(_base_name(entry[0]))
        or not is_library(entry[0])
    ]
    reached: set[str] = set()
    while todo:
        entry = todo.pop()
        if entry[0] in reached:
            continue
        reached.add(entry[0])
        for name in imports_of(entry[1]):
            todo.extend(by_name.get(_base_name(name), []))
    orphans = {entry[0] for entry in files if entry[0] not in reached}
    orphans |= {
        entry[0]
        for entry in entries
        if entry[2] == "SYMLINK" and entry[1].replace("\\", "/") not in reached
    }
    return orphans


def _base_name(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name


def prune(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    *,
    imports_of: Callable[[str], Iterable[str]] | None,
    languages: Iterable[str] = UI_LANGUAGES,
) -> tuple[list[TocEntry], list[TocEntry], list[str]]:
    """(binaries, datas, destinations removed): unused Qt plugins and translations out, then
    the libraries left orphaned (skipped when `imports_of` is None)."""
    languages = tuple(languages)
    removed: list[str] = []
    kept_binaries = []
    for entry in binaries:
        if keep_qt_plugin(entry[0]):
            kept_binaries.append(entry)
        else:
            removed.append(entry[0])
    kept_datas = []
    for entry in datas:
        if keep_qt_translation(entry[0], languages) and keep_qt_plugin(entry[0]):
            kept_datas.append(entry)
        else:
            removed.append(entry[0])
    if imports_of is not None:
        # PyInstaller files symbolic links (SYMLINK entries) with the data; they go with
        # their targets.
        symlinks = [entry for entry in kept_datas if entry[2] == "SYMLINK"]
        orphans = orphan_libraries([*kept_binaries, *symlinks], imports_of)
        # A macOS framework is a directory: its Info.plist and links go with its library.
        frameworks = {
            dest[: dest.index(".framework/") + len(".framework/")]
            for dest in orphans
            if ".framework/" in dest
        }

        def orphaned(dest: str) -> bool:
            return dest in orphans or any(dest.startswith(root) for root in frameworks)

        removed.extend(sorted(e[0] for e in [*kept_binaries, *kept_datas] if orphaned(e[0])))
        kept_binaries = [entry for entry in kept_binaries if not orphaned(entry[0])]
        kept_datas = [entry for entry in kept_datas if not orphaned(entry[0])]
    return kept_binaries, kept_datas, removed


def excluded_modules() -> list[str]:
    return [*EXCLUDED_PACKAGES, *(f"PySide6.{name}" for name in UNUSED_QT_MODULES)]


def entry_point_modules(
    dist_name: str = DIST_NAME, groups: Iterable[str] = ENTRY_POINT_GROUPS
) -> list[str]:
    """Modules the CLI reaches only through entry points ('ui.app', 'sync.cli')."""
    wanted = set(groups)
    found = {
        entry.module
        for entry in metadata.distribution(dist_name).entry_points
        if entry.group in wanted
    }
    return sorted(found)


def keyring_hidden_imports(platform: str = sys.platform) -> list[str]:
    """The keyring back-end of each OS and what it imports lazily. keyring finds back-ends
    through its entry points (PyInstaller's keyring hook copies that metadata and collects
    keyring.backends; the libraries below are what those import inside functions)."""
    if platform.startswith("win"):
        return ["keyring.backends.Windows", "win32ctypes.core", "win32ctypes.pywin32"]
    if platform == "darwin":
        return ["keyring.backends.macOS", "keyring.backends.macOS.api"]
    # Secret Service: secretstorage talks D-Bus through jeepney and encrypts with
    # cryptography, which the app needs anyway for sneakernet bundles (sync/bundle.py).
    return ["keyring.backends.SecretService", "secretstorage", "jeepney.io.blocking"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); '1.2.0rc1' -> (1, 2, 0, 0): Windows wants four integers."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    major, minor, patch = [*numbers, 0, 0, 0][:3]
    return (major, minor, patch, 0)


def windows_version_file(version: str) -> str:
    """The text of a PyInstaller version file: what Explorer shows in the file's details."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": "MIT License",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def macos_info_plist(version: str) -> dict[str, object]:
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_IDENTIFIER,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "CFBundleDevelopmentRegion": "fr",
        "CFBundleLocalizations": ["fr", "ar", "en"],
    }


I18N = PurePosixPath("ui/i18n")


def package_data(root: Path, packages: Iterable[str]) -> list[tuple[str, str]]:
    """(source, destination dir) for the non-Python files the app reads at run time: form
    definitions, the map outline (ui/morocco.geojson) and the like. Translations are
    collected by `translation_data`, the .ts sources stay out."""
    datas: list[tuple[str, str]] = []
    for package in packages:
        base = root / package
        for path in sorted(base.rglob("*")):
            if (
                not path.is_file()
                or "__pycache__" in path.parts
                or path.suffix in {".py", ".pyc", ".pyi", ".ts", ".qm"}
            ):
                continue
            datas.append((str(path), str(path.parent.relative_to(root).as_posix())))
    return datas


def translation_data(root: Path) -> list[tuple[str, str]]:
    """Every compiled translation, ui/i18n/*.qm (the app's, the coordinator workspace's, the
    reports', any added later): (source, destination dir)."""
    return [(str(path), str(I18N)) for path in sorted((root / I18N).glob("*.qm"))]


def missing_translations(root: Path, languages: Iterable[str] = UI_LANGUAGES) -> list[str]:
    """What stops the build: the .qm of a UI language, or of any ui/i18n/*.ts, missing or
    older than its source (`make translations` rebuilds them). An app whose translation
    lags its .ts would show some text in English."""
    i18n = root / I18N
    wanted = {i18n / f"fieldapp_{lang}.ts" for lang in languages}
    wanted |= set(i18n.glob("*.ts"))
    problems = []
    for source in sorted(wanted):
        compiled = source.with_suffix(".qm")
        name = (I18N / compiled.name).as_posix()
        if not compiled.exists():
            problems.append(name)
        elif source.exists() and compiled.stat().st_mtime < source.stat().st_mtime:
            problems.append(f"{name} (older than {source.name})")
    return problems


# What of a package's metadata the frozen app reads: its version (METADATA's headers),
# entry points and licences. The rest (file lists, SBOMs, the long description) is dropped.
_METADATA_DROPPED = frozenset({"RECORD", "INSTALLER", "REQUESTED", "WHEEL", "direct_url.json"})


def slim_metadata(datas: Iterable[TocEntry], workdir: Path) -> tuple[list[TocEntry], list[str]]:
    """(datas, destinations removed): each *.dist-info keeps METADATA's headers (what
    importlib.metadata.version and entry points need), entry_points.txt, top_level.txt and
    its licences; the long description (pydantic's is 144 kB), RECORD and SBOMs go."""
    kept: list[TocEntry] = []
    removed: list[str] = []
    for dest, source, typecode in datas:
        path = PurePosixPath(dest.replace("\\", "/"))
        info = next((i for i, part in enumerate(path.parts) if part.endswith(".dist-info")), None)
        if info is None or typecode != "DATA":
            kept.append((dest, source, typecode))
            continue
        inside = path.parts[info + 1 :]
        if inside[0] in _METADATA_DROPPED or inside[0] == "sboms":
            removed.append(dest)
            continue
        if inside == ("METADATA",):
            text = Path(source).read_text(encoding="utf-8")
            headers = text.split("\n\n", 1)[0] + "\n"
            if len(headers) < len(text):
                target = workdir / "metadata" / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(headers, encoding="utf-8")
                source = str(target)
        kept.append((dest, source, typecode))
    return kept, removed


def archive_name(version: str, system: str, machine: str) -> str:
    """'FieldApp-0.1.0-linux-x86_64.tar.gz'."""
    return f"{APP_NAME}-{version}-{system.lower()}-{machine.lower()}.tar.gz"
