"""Encrypted mail is said to be encrypted: its ciphertext is never read aloud nor given to a model."""

from mailvox.agent.mail.parsing import ENCRYPTED, parse_body

PGP_MIME = (
    b"From: Jamie Lee <jamie.lee@northwind.example>\r\nSubject: Salaries\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
    b"--b\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\nhQEMA8x\r\n"
    b"-----END PGP MESSAGE-----\r\n--b--\r\n"
)
INLINE_PGP = (
    b"From: Jamie Lee <jamie.lee@northwind.example>\r\nSubject: Keys\r\nContent-Type: text/plain\r\n\r\n"
    b"-----BEGIN PGP MESSAGE-----\r\nhQEMA8xkZ2\r\n-----END PGP MESSAGE-----\r\n"
)
SMIME = (
    b"From: Jamie Lee <jamie.lee@northwind.example>\r\nSubject: Contract\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQAxggE=\r\n"
)
SIGNED_ONLY = (
    b"From: Jamie Lee <jamie.lee@northwind.example>\r\nSubject: Signed\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="s"\r\n\r\n'
    b"--s\r\nContent-Type: text/plain\r\n\r\nLunch is at noon.\r\n"
    b'--s\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\n\r\nMIAGCSqG\r\n--s--\r\n'
)


def test_pgp_and_smime_encrypted_mail_is_said_to_be_encrypted_and_nothing_of_it_is_read():
    for raw in (PGP_MIME, INLINE_PGP, SMIME):
        body = parse_body(raw)
        assert (body.text, body.problem) == (ENCRYPTED, "it is encrypted")
        assert "PGP" not in body.text and "MIAG" not in body.text


def test_a_signed_mail_is_read_as_usual():
    assert parse_body(SIGNED_ONLY).text == "Lunch is at noon."
