"""What a letter's .docx and .pdf say, as text to compare with."""


def with_subject(letter) -> str:
    """The body with the subject line the files put just above the salutation."""
    return letter.body.replace("\nDear ", f"\nSubject: {letter.subject}\nDear ", 1)
