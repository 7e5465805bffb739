"""Turning files into documents: encoding detection, HTML text, JSONL corpora.

Spans are defined per input kind (docs/batch.md):
- ``.txt``: the file decoded with the detected encoding, line endings untouched, BOM removed;
- ``.html``/``.htm``: the visible text produced by :func:`html_to_text`;
- ``.jsonl``: the record's ``text`` field as it is in the JSON.
"""
from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


class ReadError(Exception):
    """A document that cannot be read; ``line`` is set for a bad line of a corpus."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class Document:
    doc: str
    text: str
    encoding: str
    date: str | None = None
    source: str = ""
    line: int | None = None


# Frequent characters of news prose, simplified; the traditional forms are added by OpenCC.
_FREQUENT = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
    "反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程"
    "展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志"
    "世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
    "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律"
    "叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近千周委素技备半办青省列习响约支般史感劳"
    "便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效斯院查江型眼王按格养易置派层片始却专"
    "状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞企监督促推协创"
)


@lru_cache(maxsize=1)
def _frequent() -> frozenset[str]:
    import opencc  # already a dependency, for normalization

    try:
        s2t = opencc.OpenCC("s2t")
    except Exception:  # older bindings want the config file name
        s2t = opencc.OpenCC("s2t.json")
    return frozenset(_FREQUENT) | frozenset(s2t.convert(_FREQUENT))


def _score(text: str) -> float:
    if not text:
        return 0.0
    freq = _frequent()
    sample = text[:4000]
    hits = sum(1 for c in sample if c in freq or c.isascii())
    bad = sum(1 for c in sample if c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF)
    return (hits - 5 * bad) / len(sample)


def _best_decoding(data: bytes, encodings: tuple[str, ...], reject: str | None = None) -> tuple[float, str, str] | None:
    """(score, text, encoding) of the strict decoding that reads most like ordinary text."""
    best: tuple[float, str, str] | None = None
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if reject is not None and reject in text:
            continue
        sc = _score(text)
        if best is None or sc > best[0]:
            best = (sc, text, enc)
    return best


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file of unknown encoding; returns (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are certain; UTF-16 without BOM is
    recognised by its NUL bytes; otherwise GB18030 (which covers GBK and GB2312) and Big5 are
    both tried and the decoding that reads as more ordinary Chinese wins.
    Raises :class:`ReadError` for binary or undecodable data.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise ReadError(f"UTF-8 BOM but invalid UTF-8 at byte {e.start}") from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as e:
                raise ReadError(f"{enc} BOM but invalid data at byte {e.start}") from None
    if not data:
        return "", "empty"
    if 0 in data:
        # UTF-16 without a BOM has NUL bytes (ASCII halves); Chinese in it has few, so both byte
        # orders are tried and kept only when the result reads as ordinary text
        if len(data) % 2 == 0:
            best16 = _best_decoding(data, ("utf-16-le", "utf-16-be"), reject="\x00")
            if best16 is not None and best16[0] > 0.6:
                return best16[1], best16[2]
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    if controls * 100 > len(sample):
        raise ReadError("binary file (control bytes), not text")
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    best = _best_decoding(data, ("gb18030", "big5"))
    if best is not None and best[0] > 0.3:
        return best[1], best[2]
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
    except Exception:  # a detector failure is an undecodable file, not a crash
        guess = None
    if guess is not None and guess.encoding:
        text = str(guess)
        if _score(text) > 0.3 or best is None:
            return text, guess.encoding
    if best is not None:
        return best[1], best[2]
    raise ReadError("undecodable: not UTF-8, UTF-16, GB18030 or Big5")


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Files glued together from sources in different encodings: when some lines are valid
    UTF-8 and others are not, each line is decoded on its own. None when no line is UTF-8."""
    lines = data.split(b"\n")
    if len(lines) < 2:
        return None
    out: list[str] = []
    used: set[str] = set()
    utf8_lines = 0
    for raw in lines:
        try:
            out.append(raw.decode("utf-8"))
            if any(b >= 0x80 for b in raw):
                utf8_lines += 1
            continue
        except UnicodeDecodeError:
            pass
        best = _best_decoding(raw, ("gb18030", "big5"))
        if best is None:
            return None
        out.append(best[1])
        used.add(best[2])
    if not utf8_lines or not used:
        return None
    return "\n".join(out), "mixed:utf-8+" + "+".join(sorted(used))


@lru_cache(maxsize=1)
def _visible_parser() -> Any:
    """The HTML reader's class, made when the first page is read: html.parser costs every
    start ~4 ms, and most corpora are plain text."""
    from html.parser import HTMLParser

    class Visible(HTMLParser):
        """Visible text of an HTML page; block elements become line breaks."""

        SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
        BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                 "article", "header", "footer", "table", "ul", "ol", "blockquote", "pre", "title"}
        # a table row is one line, its cells apart by a tab: 主导制定国际标准<td>12项 reads as one
        # phrase (normalization drops a space between a Han character and a digit)
        CELL = {"td", "th"}

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0
            self.title: list[str] = []
            self._in_title = False
            self._cells = 0  # cells opened in the current row

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag == "title":
                self._in_title = True
            if tag in self.SKIP:
                self.skip += 1
            elif tag in self.CELL:
                if self._cells and not self.skip:
                    self.parts.append("\t")
                self._cells += 1
            elif tag in self.BLOCK:
                self.parts.append("\n")
                if tag in ("tr", "table"):
                    self._cells = 0

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self._in_title = False
            if tag in self.SKIP and self.skip:
                self.skip -= 1
            elif tag in self.BLOCK:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title.append(data)
            if not self.skip:
                self.parts.append(data)

    return Visible


def html_to_text(html: str) -> str:
    """The visible text: title first, then the body, one block per line, blank runs squeezed."""
    p = _visible_parser()()
    try:
        p.feed(html)
        p.close()
    except Exception as e:  # html.parser is lenient; anything else is a broken page
        raise ReadError(f"HTML parser failed: {e}") from None
    body = "".join(p.parts)
    lines = [ln.strip() for ln in body.split("\n")]
    out: list[str] = []
    title = "".join(p.title).strip()
    if title:
        out.append(title)
    for ln in lines:
        if ln and (not out or ln != out[-1]):
            out.append(ln)
    return "\n".join(out)


def _html_charset(data: bytes) -> str | None:
    import re

    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    if m:
        return m.group(1).decode("ascii", "replace").lower()
    return None


def read_path(path: Path, rel: str) -> Iterator[Document | ReadError]:
    """Documents of one file. Errors are yielded, not raised, so a corpus loses only bad lines."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(f"cannot read: {e.strerror or e}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(data, rel)
        return
    try:
        if suffix in HTML_SUFFIXES:
            cs = _html_charset(data)
            text, enc = None, None
            if cs:
                try:
                    text, enc = data.decode(cs), cs
                except (LookupError, UnicodeDecodeError):
                    text = None
            if text is None:
                text, enc = decode_bytes(data)
            yield Document(doc=rel, text=html_to_text(text), encoding=enc or "?", source=rel)
        else:
            text, enc = decode_bytes(data)
            if not text.strip():
                yield ReadError("empty document")
                return
            yield Document(doc=rel, text=text, encoding=enc, source=rel)
    except ReadError as e:
        yield e


def _read_jsonl(data: bytes, rel: str) -> Iterator[Document | ReadError]:
    try:
        text, enc = decode_bytes(data)
    except ReadError as e:
        yield e
        return
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(f"broken JSON: {e.msg} at column {e.colno}", line=n)
            continue
        if not isinstance(rec, dict):
            yield ReadError("a record must be a JSON object", line=n)
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            yield ReadError("record has no string 'text'", line=n)
            continue
        rid = rec.get("id", n)
        rid = str(rid)
        if rid in seen:
            yield ReadError(f"duplicate id {rid!r}", line=n)
            continue
        seen.add(rid)
        date = rec.get("date")
        yield Document(doc=f"{rel}#{rid}", text=body, encoding=enc, date=str(date) if date else None,
                       source=rel, line=n)
