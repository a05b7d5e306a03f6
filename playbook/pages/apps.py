from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages that put several domain apps together: the household home, the child's
    playbook and the meeting prep pack. The top floor: it imports the domain apps, and
    nothing below imports it."""

    name = "playbook.pages"
    verbose_name = "Composite pages"
