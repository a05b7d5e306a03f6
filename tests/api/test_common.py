"""The shared pieces every router uses: strict dates, `?today=`, the error wording."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from playbook.api.common import Day, Today, describe, field_errors_from_pydantic, today_or_now


class Dated(BaseModel):
    day: Day
    today: Today


@pytest.mark.parametrize("good", ["2025-09-02", " 2025-09-02 ", date(2025, 9, 2)])
def test_a_day_is_yyyy_mm_dd(good):
    assert Dated(day=good, today=None).day == date(2025, 9, 2)


@pytest.mark.parametrize(
    "bad", ["2025-9-2", "09/02/2025", "2025-09-02T00:00:00", 1756771200, "2025-02-30", ""]
)
def test_anything_else_is_refused_with_the_format_to_use(bad):
    with pytest.raises(PydanticError) as caught:
        Dated(day=bad, today=None)
    assert "YYYY-MM-DD" in caught.value.errors()[0]["msg"]


def test_today_is_the_given_day_or_the_real_one(settings):
    assert today_or_now("2025-01-31") == date(2025, 1, 31)
    assert today_or_now(date(2025, 1, 31)) == date(2025, 1, 31)
    assert isinstance(today_or_now(None), date)
    with pytest.raises(ValidationError) as caught:
        today_or_now("tomorrow")
    assert "YYYY-MM-DD" in caught.value.message_dict["today"][0]


def test_errors_name_the_field_in_plain_words():
    with pytest.raises(PydanticError) as caught:
        Dated(today="2025-13-01")
    errors = field_errors_from_pydantic(
        [{**e, "loc": ("body", "payload", *e["loc"])} for e in caught.value.errors()]
    )
    assert errors[0] == {"field": "day", "message": "This field is required."}
    assert errors[1]["field"] == "today" and "not a real date" in errors[1]["message"]
    assert describe(errors).startswith("day: This field is required. today: 2025-13-01")


def test_a_misspelt_field_in_a_change_is_refused(alice_api, child):
    from .conftest import detail

    response = alice_api.patch(f"children/{child.pk}", {"grdae": "6"})
    assert response.status_code == 422
    assert detail(response) == "grdae: This field is not recognised; leave it out."


def test_every_scoped_path_parameter_names_a_family_model():
    from playbook.accounts.access import household_path
    from playbook.api.common import SCOPED_PATH_PARAMS

    for name, model in SCOPED_PATH_PARAMS.items():
        assert name.endswith("_id")
        assert household_path(model), name


def test_an_oversized_upload_is_a_413_naming_the_limit(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from ninja.errors import HttpError

    from playbook.api.common import refuse_oversized

    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    refuse_oversized(SimpleUploadedFile("iep.pdf", b"x" * 1024))
    refuse_oversized(None)
    with pytest.raises(HttpError) as caught:
        refuse_oversized(SimpleUploadedFile("iep.pdf", b"x" * (2 * 1024 * 1024)))
    assert caught.value.status_code == 413
    assert "iep.pdf is 2.0 MB" in str(caught.value) and "at most 1 MB" in str(caught.value)
