"""FieldApp core: domain types, form engine, local store, exports and the command line.

Nothing here imports Qt or an HTTP client: the desktop app (`ui`) and the sync client
(`sync`) build on this package, never the other way round.
"""

from importlib import metadata

try:
    __version__ = metadata.version("fieldapp")
except metadata.PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+src"
