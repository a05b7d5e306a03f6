from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "playbook.coach"
    label = "coach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from .tasks import give_back_the_week

        task_finished.connect(give_back_the_week, dispatch_uid="coach.give_back_the_week")
