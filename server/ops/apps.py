from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "server.ops"
    label = "ops"
    verbose_name = "Exploitation (sauvegarde, restauration, santé)"
