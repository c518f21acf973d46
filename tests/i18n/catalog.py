"""Reading gettext catalogs (.po/.pot) and the fmt placeholders of their messages."""

import re

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(text, where):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, found {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Entry:
    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = None
        self.msgstr_plural = {}
        self.flags = set()
        self.references = []
        self.obsolete = False
        self.line = 0

    @property
    def translations(self):
        if self.msgid_plural is not None:
            return [self.msgstr_plural[k] for k in sorted(self.msgstr_plural)]
        return [self.msgstr or ""]

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def where(self):
        return self.references[0] if self.references else f"line {self.line}"


def parse(path):
    """The entries of a catalog, the header (msgid "") included."""
    entries, entry, field, lines = [], None, None, open(path, encoding="utf-8").read().split("\n")

    def finish():
        nonlocal entry
        if entry is not None and entry.msgid is not None:
            entries.append(entry)
        entry = None

    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#~"):
            if entry is None:
                entry = Entry()
                entry.line = number
            entry.obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#"):
            if entry is not None and entry.msgid is not None:
                finish()
            if entry is None:
                entry = Entry()
                entry.line = number
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith("#:"):
                entry.references += line[2:].split()
            continue
        if entry is None:
            entry = Entry()
            entry.line = number
        m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s+(\".*\")$", line)
        if m:
            name, index, value = m.group(1), m.group(2), _unquote(m.group(3), where)
            if name == "msgid" and entry.msgid is not None:
                finish()
                entry = Entry()
                entry.line = number
            if index is not None:
                field = ("plural", int(index))
                entry.msgstr_plural[int(index)] = value
            else:
                field = name
                setattr(entry, name, value)
        elif line.startswith('"') and field is not None:
            value = _unquote(line, where)
            if isinstance(field, tuple):
                entry.msgstr_plural[field[1]] += value
            else:
                setattr(entry, field, getattr(entry, field) + value)
        else:
            raise ValueError(f"{where}: cannot read {raw!r}")
    finish()
    return entries


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text):
    """fmt replacement fields of `text`, as written ({{ and }} are literal braces)."""
    return [m.group(0) for m in _PLACEHOLDER.finditer(text) if m.group(1) is not None]


def _numbered(fields):
    """Fields with automatic numbering ({} {:>8}) written with their index ({0} {1:>8})."""
    out, counter = [], 0
    for f in fields:
        inner = f[1:-1]
        if inner == "" or inner.startswith(":"):
            out.append("{" + str(counter) + inner + "}")
            counter += 1
        else:
            out.append(f)
    return out


def placeholder_problem(msgid, translation):
    """Why `translation` would not format with the arguments of `msgid`, or None. A translation
    may reorder the arguments by writing their index ({1}…{0})."""
    source, target = _numbered(placeholders(msgid)), _numbered(placeholders(translation))
    if sorted(source) != sorted(target):
        return f"placeholders {placeholders(msgid)} in the message, {placeholders(translation)} in the translation"
    return None
