"""A corpus of hostile and odd mail, built at test time (one of them is 50 MB)."""

from __future__ import annotations

import base64
import os

HEAD = (
    "From: {sender}\r\nTo: someone@northwind.example\r\nSubject: {subject}\r\n"
    "Date: Tue, 24 Nov 2026 09:00:00 +0000\r\nMessage-ID: <{key}@corpus.example>\r\n"
)


def _head(key: str, subject: str, sender: str = "Corpus <corpus@corpus.example>") -> bytes:
    return HEAD.format(key=key, subject=subject, sender=sender).encode()


def corpus() -> dict[str, bytes]:
    mails = {
        "malformed_mime_no_closing_boundary": _head("m1", "Broken MIME")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\n\r\nThe meeting moved to three.\r\n--b1\r\nContent-Type: text/pl",
        "multipart_without_boundary": _head("m2", "No boundary")
        + b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative\r\n\r\nJust text after all.\r\n",
        "unknown_charset": _head("m3", "Unknown charset")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nCaf\xe9 at noon.\r\n",
        "utf8_declared_but_latin1": _head("m4", "Wrong charset")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nR\xe9sum\xe9 attached.\r\n",
        "iso_2022_jp": _head("m5", "=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
        + "こんにちは、会議は三時です。".encode("iso-2022-jp")
        + b"\r\n",
        "html_only_with_script": _head("m6", "HTML only")
        + b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        b"<body><h1>Quarterly update</h1><p>Revenue is <b>up 4%</b>.</p>"
        b"<img src='http://tracker.example/p.gif'><a href='http://x.example'>Read more</a></body></html>",
        "nested_multiparts": _head("m7", "Nested")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n'
        b'--outer\r\nContent-Type: multipart/alternative; boundary="alt"\r\n\r\n'
        b"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease review the contract.\r\n"
        b'--alt\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n'
        b"--rel\r\nContent-Type: text/html\r\n\r\n<p>Please review the contract.</p>\r\n--rel--\r\n"
        b"--alt--\r\n"
        b'--outer\r\nContent-Type: application/pdf; name="contract.pdf"\r\n'
        b'Content-Disposition: attachment; filename="contract.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(b"%PDF-1.4 tiny")
        + b"--outer--\r\n",
        "empty_body": _head("m8", "Empty") + b"\r\n",
        "no_headers_at_all": b"\r\n\r\n\x00\x01 just noise \xff\xfe\r\n",
        "header_injection": _head("m9", "=?utf-8?q?Hello=0D=0ABcc=3A_everyone=40northwind=2Eexample?=")
        + b"X-Evil: a\r\n b\r\n\r\nInjected?\r\n",
        "invalid_base64": _head("m10", "Bad base64")
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"!!!not*base64***\r\n",
        "quoted_reply_and_signature": _head("m11", "Re: Budget")
        + b"Content-Type: text/plain\r\n\r\nSounds good, ship it.\r\n\r\n-- \r\nBob Smith\r\nVP Engineering\r\n\r\n"
        b"On Mon, Nov 23, 2026 at 9:00 AM Alex wrote:\r\n> Should we ship?\r\n",
        "forwarded_message": _head("m12", "Fwd: Offsite")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="f"\r\n\r\n'
        b"--f\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n"
        b"--f\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: priya@northwind.example\r\nSubject: Offsite\r\n\r\nSlot at 10:40.\r\n--f--\r\n",
        "very_long_line": _head("m13", "Long line") + b"\r\n" + b"word " * 180_000 + b"\r\n",
    }
    return mails


def huge_mail(attachment_bytes: int = 50 * 1024 * 1024) -> bytes:
    """A short note with a 50 MB attachment."""
    blob = base64.encodebytes(os.urandom(attachment_bytes))
    return (
        _head("huge", "Site photos") + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="h"\r\n\r\n'
        b"--h\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPhotos from the site visit are attached.\r\n"
        b'--h\r\nContent-Type: application/zip; name="photos.zip"\r\n'
        b'Content-Disposition: attachment; filename="photos.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + blob
        + b"--h--\r\n"
    )
