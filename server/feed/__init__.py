"""The change feed devices pull from, and the log of applied changes that makes push idempotent."""
