"""Throttled guessing: failed enrollment codes (per address and per code prefix) and admin
logins (django-axes) end in a 429 with Retry-After; every refusal is logged without secrets."""
