"""The own_words filter marks quoted words as the family's or the school's, and escapes
everything (decision 0041)."""

from playbook.coach.templatetags.own_words import own_words


def test_quoted_words_are_marked_and_the_rest_is_not():
    marked = own_words("Rachel Kim dijo «that's not an option» el 4 de febrero de 2026.")
    assert marked == (
        "Rachel Kim dijo <span data-own-words>«that&#x27;s not an option»</span> "
        "el 4 de febrero de 2026."
    )
    assert own_words("Follow up on “OT <b>now</b>”") == (
        "Follow up on <span data-own-words>“OT &lt;b&gt;now&lt;/b&gt;”</span>"
    )
    assert own_words("No quotes here") == "No quotes here"
