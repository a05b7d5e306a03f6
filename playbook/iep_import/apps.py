from django.apps import AppConfig


class IepImportConfig(AppConfig):
    name = "playbook.iep_import"
    label = "iep_import"
    default_auto_field = "django.db.models.BigAutoField"
