import pytest
from tests.i18n.test_spanish_pages import english_left, child_pages, spanish_demo, TODAY  # noqa
NAMES = {"child_home","child_moves","child_moves_dismiss","deadlines","deadlines_feed_renew","deadlines_consent_add","school_breaks","plan","plan_tick","removals"}
def test_probe(spanish_demo):
    client, child = spanish_demo
    for name, url in child_pages(child):
        if name not in NAMES: continue
        a = client.get(url)
        print("\n==", name, url, a.status_code, english_left(a.content.decode()) if a.status_code==200 else "")
        if a.status_code == 200:
            open(f"/tmp/eshome/{name}.html","w").write(a.content.decode())
