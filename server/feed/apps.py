from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "server.feed"
    label = "feed"
    verbose_name = "Flux de synchronisation"
