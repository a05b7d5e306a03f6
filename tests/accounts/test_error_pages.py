from django.test import RequestFactory

from playbook.accounts.views import server_error


def test_the_500_page_needs_no_database(django_assert_num_queries, db):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
