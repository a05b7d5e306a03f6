from django.apps import AppConfig


class RefusalsConfig(AppConfig):
    name = "playbook.refusals"
    label = "refusals"
    default_auto_field = "django.db.models.BigAutoField"
