"""The trained recogniser is kept on disk and loaded by the next process (decision 0102):
trained once per version of its corpus and code, never read from a file it did not write
whole, and retrained when what training reads changes."""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from playbook.school_language import classifier, corpus, kept


@dataclass
class Trained:
    """Stands in for a model: what matters here is which training made it."""

    number: int


class Trainer:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Trained:
        self.count += 1
        return Trained(self.count)


@pytest.fixture
def folder(settings, tmp_path):
    settings.RECOGNISER_DIR = tmp_path / "recogniser"
    return settings.RECOGNISER_DIR


def test_a_model_trained_once_is_loaded_by_the_next_process(folder):
    trainer = Trainer()
    first = kept.load_or_train(trainer, Trained)
    again = kept.load_or_train(trainer, Trained)
    assert (first, again, trainer.count) == (Trained(1), Trained(1), 1)
    assert [p.name for p in folder.iterdir()] == [kept.path().name]


def test_a_change_to_what_training_reads_trains_again_and_drops_the_old_model(folder, monkeypatch):
    trainer = Trainer()
    kept.load_or_train(trainer, Trained)
    old = kept.path()
    monkeypatch.setattr(kept, "fingerprint", lambda: "f" * 64)
    assert kept.load_or_train(trainer, Trained) == Trained(2)
    assert not old.exists()
    assert [p.name for p in folder.iterdir()] == [kept.path().name]


def test_the_fingerprint_reads_the_training_files(monkeypatch, tmp_path):
    before = kept.fingerprint()
    assert kept.fingerprint() == before  # the same inputs, the same name
    for name in corpus.TRAINING_FILES:
        (tmp_path / name).write_bytes((corpus.CORPUS / name).read_bytes())
    with (tmp_path / corpus.TRAINING_FILES[-1]).open("ab") as handle:
        handle.write(b'"We can\'t do that here.",refusal,blanket_rule,ours\n')
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    assert kept.fingerprint() != before


def test_the_fingerprint_reads_the_code(monkeypatch, tmp_path):
    before = kept.fingerprint()
    for source in kept.PACKAGE.glob("*.py"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "corpus").mkdir()
    monkeypatch.setattr(kept, "PACKAGE", tmp_path)
    assert kept.fingerprint() != before  # corpus/variants.py is not there
    (tmp_path / "corpus" / "variants.py").write_bytes((corpus.CORPUS / "variants.py").read_bytes())
    assert kept.fingerprint() == before
    with (tmp_path / "classifier.py").open("a") as handle:
        handle.write("\nC = 4.0\n")
    assert kept.fingerprint() != before


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle at all", pickle.dumps({"a": "dict, not a model"})[:-3]],
    ids=["empty", "garbage", "cut short"],
)
def test_an_unreadable_kept_model_is_trained_again_and_replaced(folder, content, caplog):
    kept.path().parent.mkdir(parents=True)
    kept.path().write_bytes(content)
    trainer = Trainer()
    assert kept.load_or_train(trainer, Trained) == Trained(1)
    assert "could not be read" in caplog.text
    assert kept.load_or_train(trainer, Trained) == Trained(1)  # the good one was kept


def test_a_kept_object_of_another_type_is_not_used(folder, caplog):
    kept.path().parent.mkdir(parents=True)
    kept.path().write_bytes(pickle.dumps({"a": "dict"}))
    assert kept.load_or_train(Trainer(), Trained) == Trained(1)
    assert "not a model" in caplog.text


def test_a_folder_that_cannot_be_written_costs_only_the_training(settings, tmp_path, caplog):
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    settings.RECOGNISER_DIR = blocker / "recogniser"
    assert kept.load_or_train(Trainer(), Trained) == Trained(1)
    assert "could not be kept" in caplog.text
    assert not any(p.name.startswith(".training-") for p in tmp_path.iterdir())


def test_a_keeping_that_fails_half_way_leaves_no_part_file(folder, monkeypatch, caplog):
    """Written beside its final name and renamed: a failure leaves neither a model nor a
    half-written file, and the process keeps the model it trained."""

    def fail(trained, handle, protocol):
        handle.write(b"half a model")
        raise OSError("No space left on device")

    monkeypatch.setattr(kept.pickle, "dump", fail)
    assert kept.load_or_train(Trainer(), Trained) == Trained(1)
    assert "could not be kept" in caplog.text
    assert list(folder.iterdir()) == []


def test_a_model_that_cannot_be_pickled_costs_only_the_keeping(folder, caplog):
    assert kept.load_or_train(lambda: lambda: "a model", object)() == "a model"
    assert "could not be kept" in caplog.text
    assert list(folder.iterdir()) == []


def test_the_real_model_survives_the_round_trip(folder):
    """The product's own model, kept and loaded, reads as the trained one does."""
    trained = classifier.model()
    kept.keep(trained)
    loaded = kept.load_or_train(pytest.fail, classifier.Model)
    texts = ["We don't have the staff for that.", "The meeting is on Thursday at 3."]
    assert list(loaded.refusal_probability(loaded.vectors(texts))) == list(
        trained.refusal_probability(trained.vectors(texts))
    )


def test_the_install_step_trains_only_when_nothing_current_is_kept(folder):
    said = io.StringIO()
    call_command("train-recogniser", stdout=said)
    assert "Training the recogniser" in said.getvalue()
    assert kept.is_current()
    said = io.StringIO()
    call_command("train-recogniser", stdout=said)
    assert said.getvalue().strip() == "The recogniser of school language is up to date."
