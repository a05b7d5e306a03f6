from django.apps import AppConfig


class RefusalsConfig(AppConfig):
    name = "playbook.refusals"
    label = "refusals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from playbook.trail.signals import school_said_no

        from .refusals import record_heard

        def _record(sender, entry, ask=None, declared=False, **kwargs):
            return record_heard(entry, ask=ask, declared=declared)

        school_said_no.connect(_record, weak=False, dispatch_uid="refusals.record_heard")
