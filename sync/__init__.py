"""Sync between the desktop app and the central server.

`sync.protocol` is the wire schema both ends share; it imports neither Django nor Qt.
"""
