"""One sync run, one module per concern (sync.client.SyncRun puts them together).

base (what a run holds, reports and asserts about the server) < push (the own outbox) and
relay (imported bundles' changes) < upload (attachments) < pull (the change feed) < reconcile
(a rebuilt or restored server). Each is a class on `RunBase`; none imports Qt.
"""
