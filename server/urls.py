"""URL map: the API under /api/v1/, the admin under /admin/."""

from django.contrib import admin
from django.urls import path

from server.api.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "server.api.errors.bad_request"
handler403 = "server.api.errors.permission_denied"
handler404 = "server.api.errors.not_found"
handler500 = "server.api.errors.server_error"
