from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "server.surveys"
    label = "surveys"
    verbose_name = "Enquêtes"
