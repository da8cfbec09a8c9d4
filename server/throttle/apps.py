from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "server.throttle"
    label = "throttle"
    verbose_name = "Tentatives refusées"
