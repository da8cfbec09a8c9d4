"""FieldApp central server: accounts and devices, the establishment registry, published forms,
the sync API (push with revisions and merge, a gap-free pull feed, attachments) and the admin.

Each Django app under this package owns its models and migrations:
`accounts` (users, roles, devices, enrollment codes), `registry` (establishments, assignments),
`surveys` (form versions, surveys, revisions, conflicts, reviews), `feed` (the change feed and
the applied-change log) and `attachments` (content-addressed files).
"""
