from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "playbook.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
