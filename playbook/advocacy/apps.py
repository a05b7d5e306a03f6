from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "playbook.advocacy"
    label = "advocacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from playbook.trail.signals import school_said_no

        from .refusals import record_heard

        def _record(sender, entry, **kwargs) -> None:
            record_heard(entry)

        school_said_no.connect(_record, weak=False, dispatch_uid="advocacy.record_heard")
