"""`playbook train-recogniser`: train the recogniser of school language unless a model
trained from the same corpus and code is kept already (`make install` runs it; `playbook
serve` does the same at start, and loads the model before its workers start)."""

from __future__ import annotations

from playbook.accounts.management.commands._base import PlaybookCommand
from playbook.school_language import classifier, kept


class Command(PlaybookCommand):
    help = (
        'Train the recogniser of a school\'s "no", only if its corpus or code changed, and load it.'
    )

    def handle(self, *args, **options) -> None:
        if kept.is_current():
            classifier.model()
            self.stdout.write("The recogniser of school language is up to date.")
            return
        self.stdout.write(
            "Training the recogniser of school language (after an install or an update "
            "only; a few seconds)..."
        )
        trained = classifier.model()
        if not kept.is_current():  # read earlier in this process, from another folder
            kept.keep(trained)
