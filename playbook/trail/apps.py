from django.apps import AppConfig


class TrailConfig(AppConfig):
    name = "playbook.trail"
    label = "trail"
    default_auto_field = "django.db.models.BigAutoField"
