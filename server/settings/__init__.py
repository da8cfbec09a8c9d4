"""Settings split by purpose: `base` (shared), `dev`, `production`, `testing`."""
