from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "server.attachments"
    label = "attachments"
    verbose_name = "Pièces jointes"
