from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "playbook.children"
    label = "children"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import computed

        computed.connect()
