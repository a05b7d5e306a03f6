from playbook.letters.layout import Bullets, Paragraph, blocks


def test_paragraphs_bullets_and_continued_bullets():
    body = "Dear Dana,\n\nWhat I have seen:\n- one\n  more of one\n* two\nAfter the list.\n\nBye"
    assert blocks(body) == [
        Paragraph(["Dear Dana,"]),
        Paragraph(["What I have seen:"]),
        Bullets(["one more of one", "two"]),
        Paragraph(["After the list."]),
        Paragraph(["Bye"]),
    ]


def test_windows_line_endings_and_blank_runs():
    assert blocks("a\r\n\r\n\r\n- b\r\n") == [Paragraph(["a"]), Bullets(["b"])]
