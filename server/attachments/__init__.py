"""Attachments (photos of meters and roofs…), stored once under their SHA-256."""
