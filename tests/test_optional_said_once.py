"""A field the parent may leave empty says "(optional)" once: the shared field template adds
it to every field that is not required, so a label that says it too read "Birth date
(optional) (optional)" on the first page a new parent fills in (found on a walk)."""

from __future__ import annotations

import re

import pytest

from playbook.children.forms import ChildForm
from playbook.progress.forms import ReportUploadForm

TWICE = re.compile(r"\(optional\)\s*<span class=\"optional\">")


@pytest.mark.parametrize(
    "url",
    ["/children/new/", "/account/", "/children/{child}/progress-reports/import/"],
)
def test_no_label_says_optional_twice(alice_client, child, url):
    page = alice_client.get(url.format(child=child.pk)).content.decode()
    assert 'class="optional"' in page  # the template's own word is there
    assert not TWICE.search(page)


def test_no_form_label_says_optional_itself():
    from playbook.accounts.forms import ProfileForm

    for form_class in (ChildForm, ProfileForm, ReportUploadForm):
        for name, field in form_class().fields.items():
            assert "(optional)" not in str(field.label), (form_class.__name__, name)
