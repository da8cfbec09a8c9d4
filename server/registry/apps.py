from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "server.registry"
    label = "registry"
    verbose_name = "Registre des établissements"
