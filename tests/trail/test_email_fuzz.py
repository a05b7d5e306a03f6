"""No input crashes the importer: every message is either imported or rejected."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.trail.email_import import import_messages

from .emails import as_bytes, message

NOW = datetime(2026, 10, 1, tzinfo=UTC)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _accounted_for(child, raw: bytes) -> None:
    report = import_messages(child, [("fuzzed", raw)], now=NOW)
    assert len(report.imported) + report.duplicates + len(report.rejected) == 1
    for rejection in report.rejected:
        assert rejection["item"] == "fuzzed" and rejection["reason"]


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_importer(child, raw):
    _accounted_for(child, raw)


header_names = st.sampled_from(
    ["From", "To", "Cc", "Date", "Subject", "Message-ID", "Content-Type",
     "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version", "X-Other"]
)  # fmt: skip
header_values = st.one_of(
    st.text(max_size=120),
    st.binary(max_size=120).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "multipart/mixed; boundary=",
            'multipart/mixed; boundary="b"',
            "text/plain; charset=x-nope",
            "text/html; charset=shift_jis",
            "base64",
            "quoted-printable",
            "=?utf-8?b?invalid?=",
            "=?unknown?q?x?=",
            "attachment; filename*=utf-8''%ZZ",
            "<>",
            "Mon, 99 Foo 2026 99:99:99 +9999",
            '"Unclosed <a@b',
        ]
    ),
)


@FUZZ
@given(
    headers=st.lists(st.tuples(header_names, header_values), max_size=12),
    body=st.binary(max_size=600),
)
def test_random_headers_never_crash_the_importer(child, headers, body):
    lines = []
    for name, value in headers:
        value = value.replace("\r", " ").replace("\n", " ")
        lines.append(f"{name}: {value}".encode("utf-8", "surrogateescape"))
    raw = b"\r\n".join(lines) + b"\r\n\r\n" + body
    _accounted_for(child, raw)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=4000), noise=st.binary(max_size=40))
def test_a_real_message_cut_or_garbled_anywhere_never_crashes(child, cut, noise):
    msg = message(message_id=None)
    msg.add_attachment(b"x" * 1500, maintype="application", subtype="pdf", filename="a.pdf")
    raw = as_bytes(msg)
    _accounted_for(child, raw[:cut] + noise + raw[cut + len(noise) :])


@FUZZ
@given(
    chunks=st.lists(
        st.one_of(
            st.binary(max_size=300),
            st.just(b"\nFrom someone Mon Sep 14 10:00:00 2026\n"),
            st.just(as_bytes(message(message_id=None))),
        ),
        max_size=6,
    )
)
def test_random_mbox_files_never_crash_the_importer(child, tmp_path_factory, chunks):
    from playbook.trail.email_import import mbox_messages

    path = tmp_path_factory.mktemp("mbox") / "fuzz.mbox"
    path.write_bytes(b"".join(chunks))
    report = import_messages(child, mbox_messages(str(path), "fuzz.mbox"), now=NOW)
    assert len(report.imported) + report.duplicates + len(report.rejected) >= 1
    assert all(r["reason"] for r in report.rejected)
