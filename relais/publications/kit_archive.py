"""The kit's ZIP: safe member names (ASCII, no folders but ours, unique), files streamed from storage
(never all in memory), and the README listing every file and what was left out and why."""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.utils.text import slugify
from django.utils.translation import gettext as _

from relais.publications.kit_data import Kit

_EXT = re.compile(r"^[a-z0-9]{1,8}$")
CHUNK = 1024 * 1024


def safe_name(name: str, *, fallback: str, taken: set[str], folder: str = "") -> str:
    """An ASCII file name made of `name` (its folders dropped), unique among `taken` (case-blind), inside
    `folder`. "../../etc/passwd" gives "passwd"; "Правила.pdf" gives "<fallback>.pdf"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext.lower() if _EXT.match(ext.lower()) else ""
    stem = slugify(stem)[:80].strip("-_") or slugify(fallback) or "file"
    prefix = f"{folder.strip('/')}/" if folder else ""
    candidate = f"{prefix}{stem}{'.' + ext if ext else ''}"
    n = 2
    while candidate.lower() in taken:
        candidate = f"{prefix}{stem}-{n}{'.' + ext if ext else ''}"
        n += 1
    taken.add(candidate.lower())
    return candidate


@dataclass
class Member:
    name: str
    description: str
    sha256: str = ""


@dataclass
class ArchiveWriter:
    """Writes members into an open ZipFile and remembers what went in."""

    zf: zipfile.ZipFile
    members: list[Member] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def add_bytes(self, name: str, data: bytes, description: str) -> Member:
        self.taken.add(name.lower())
        self.zf.writestr(_info(name), data)
        member = Member(name=name, description=description, sha256=hashlib.sha256(data).hexdigest())
        self.members.append(member)
        return member

    def add_stream(self, name: str, source: IO[bytes], description: str) -> Member:
        self.taken.add(name.lower())
        digest = hashlib.sha256()
        with self.zf.open(_info(name), "w", force_zip64=True) as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
        member = Member(name=name, description=description, sha256=digest.hexdigest())
        self.members.append(member)
        return member


def _info(name: str) -> zipfile.ZipInfo:
    # A fixed date: the same files give the same archive.
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def readme_text(kit: Kit, members: list[Member], left_out: list[tuple[str, str]]) -> str:
    """README.txt in the kit's language: what the kit is, every file, what was left out and why."""
    lines = [
        _("Replication kit: %(title)s") % {"title": kit.title},
        _("Programme: %(programme)s") % {"programme": kit.programme},
        "",
        _(
            "Everything needed to run this activity again elsewhere: the design, its agenda, the questionnaires, "
            "the materials that may be shared, the lessons learned and an adaptation checklist."
        ),
        "",
        _("Files in this archive"),
        "=" * len(_("Files in this archive")),
    ]
    width = max([len(m.name) for m in members] + [len("README.txt")])
    for m in members:
        lines.append(f"{m.name.ljust(width)}  {m.description}")
    lines.append(f"{'README.txt'.ljust(width)}  {_('This file.')}")
    lines += ["", _("Not included"), "=" * len(_("Not included"))]
    if left_out:
        for title, reason in left_out:
            lines.append(f"- {title}: {reason}")
    else:
        lines.append(_("Nothing: every material of the agenda is in the archive."))
    lines += [
        "",
        _(
            "Internal documents of the knowledge centre are never shared outside the programme; ask the programme "
            "team for them. Links to other sites are listed in kit.pdf (section Materials)."
        ),
    ]
    return "\r\n".join(lines) + "\r\n"
