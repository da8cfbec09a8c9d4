"""The JSON API under /api/v1/ (django-ninja), declared with the sync.protocol models so the
OpenAPI document and the client share one definition."""
