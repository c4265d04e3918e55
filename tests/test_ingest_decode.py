"""Bytes to text: BOMs, declared charsets, UTF-8, detection; binary, empty, undecodable input."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from fogofwar.errors import InputRejected
from fogofwar.ingest.decode import decode_bytes, is_binary, replace_surrogates

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Rebels said they took Ségou’s outskirts – the army denied it."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "cp1252"],
)
def test_ingest_decode_encodings(data: bytes) -> None:
    assert decode_bytes(data, origin="x") == TEXT


def test_ingest_decode_latin1_file_detected() -> None:
    text = decode_bytes((FIXTURES / "latin1_report.txt").read_bytes(), origin="latin1_report.txt")
    assert "tué douze soldats près de Ségou" in text
    assert "démenti" in text


def test_ingest_decode_non_latin_single_byte_detected() -> None:
    text = "Повстанцы заявили, что убили двенадцать солдат; армия это отрицает и говорит о трёх раненых."
    assert decode_bytes(text.encode("cp1251"), origin="x") == text


def test_ingest_decode_declared_charset_used() -> None:
    text = "Ataque en Medellín: la policía informó de dos heridos."
    assert decode_bytes(text.encode("iso-8859-15"), origin="x", declared="iso-8859-15") == text
    assert decode_bytes(text.encode("utf-8"), origin="x", declared="no-such-charset") == text


def test_ingest_decode_line_ends_normalised() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree\n", origin="x") == "one\ntwo\nthree\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n"])
def test_ingest_decode_empty_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data, origin="empty.txt")
    assert info.value.code == "E003"
    assert "empty.txt" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"Looks like text\x00 but has a NUL byte",
        bytes(range(1, 9)) * 40 + b"some words",
    ],
    ids=["png", "nul", "controls"],
)
def test_ingest_decode_binary_rejected(data: bytes) -> None:
    assert is_binary(data)
    with pytest.raises(InputRejected) as info:
        decode_bytes(data, origin="picture.bin")
    assert info.value.code == "E004"


def test_ingest_decode_text_with_tabs_and_form_feeds_is_not_binary() -> None:
    assert not is_binary(b"col1\tcol2\n\x0cpage two\x1b[0m\n" * 10)


def test_ingest_decode_undecodable_rejected() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x20, 0x100) for _ in range(1000))
    with pytest.raises(InputRejected) as info:
        decode_bytes(noise, origin="noise.txt")
    assert info.value.code == "E006"


def test_ingest_decode_broken_bom_rejected() -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff\xfe\xfd", origin="bom.txt")
    assert info.value.code == "E006"


@pytest.mark.parametrize("position", [0, 40, -1])
def test_ingest_decode_one_invalid_byte_keeps_utf8(position: int) -> None:
    data = bytearray((TEXT + "\n").encode("utf-8") * 30)
    data.insert(position if position >= 0 else len(data), 0xFF)
    text = decode_bytes(bytes(data), origin="stray.txt")
    assert text.count("\ufffd") == 1
    assert text.count("Ségou’s") == 30  # not cp1252 mojibake ("SÃ©gouâ€™s")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_decode_utf16_without_bom(encoding: str) -> None:
    data = (TEXT + "\n").encode(encoding) * 3
    assert decode_bytes(data, origin="wide.txt") == (TEXT + "\n") * 3


def test_ingest_decode_utf16_without_bom_odd_length_is_read() -> None:
    assert decode_bytes(TEXT.encode("utf-16-le") + b"A", origin="cut.txt").startswith("Rebels said")


def test_ingest_decode_short_words_in_utf16_pattern_binary_rejected() -> None:
    data = bytes([1, 0, 2, 0, 3, 0, 4, 0]) * 100  # int16 samples, not text
    with pytest.raises(InputRejected) as info:
        decode_bytes(data, origin="samples.bin")
    assert info.value.code == "E004"


def test_ingest_decode_utf8_bom_with_one_stray_byte_kept() -> None:
    data = codecs.BOM_UTF8 + (TEXT * 5).encode("utf-8") + b"\x81"
    assert decode_bytes(data, origin="bom.txt") == TEXT * 5 + "\ufffd"


def test_ingest_decode_replace_surrogates() -> None:
    assert replace_surrogates("a\ud800b\udcffc") == "a\ufffdb\ufffdc"
