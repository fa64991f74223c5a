"""Builds `.h5p` packages in memory: a valid one with our own tiny library, and bad ones.

The library is ``Reperes.TestQuestion 1.2``: a question with two answer buttons that
sends ``answered`` then ``completed`` xAPI statements with a scored result. Its minor
version is not 0 on purpose: h5p-standalone drops a ``.0`` minor version when it names
the main library (``"Name 1"``), so a ``x.0`` test library would hide that bug.
"""

import io
import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

LIBRARY = "Reperes.TestQuestion"
MAJOR, MINOR = 1, 2
LIBRARY_DIR = f"{LIBRARY}-{MAJOR}.{MINOR}"
QUESTION = "Une photo retouchée peut-elle servir à désinformer ?"
RIGHT_ANSWER = "Oui"
WRONG_ANSWER = "Non"

QUESTION_JS = """\
/* A two-button question that reports a scored result through xAPI.
 * H5P finds a library's constructor by its machine name: window.Reperes.TestQuestion. */
var Reperes = window.Reperes = window.Reperes || {};

Reperes.TestQuestion = (function (EventDispatcher) {
  "use strict";

  function TestQuestion(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params;
    this.contentId = contentId;
    this.extras = extras || {};
    this.score = 0;
    // Resume: H5P hands back what getCurrentState returned last time.
    this.previous = this.extras.previousState || null;
    this.answered = this.previous ? this.previous.answered : undefined;
  }

  TestQuestion.prototype = Object.create(EventDispatcher.prototype);
  TestQuestion.prototype.constructor = TestQuestion;

  TestQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("reperes-test-question");
    var text = document.createElement("p");
    text.className = "reperes-test-question__text";
    text.textContent = this.params.question;
    root.appendChild(text);
    var answers = document.createElement("div");
    answers.setAttribute("role", "group");
    answers.setAttribute("aria-label", this.params.question);
    this.params.answers.forEach(function (answer, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "reperes-test-question__answer";
      button.textContent = answer.text;
      button.addEventListener("click", function () { self.answer(index); });
      answers.appendChild(button);
    });
    root.appendChild(answers);
    this.status = document.createElement("p");
    this.status.setAttribute("role", "status");
    this.status.className = "reperes-test-question__status";
    root.appendChild(this.status);
    if (this.answered !== undefined && this.params.answers[this.answered]) {
      this.status.textContent = "Réponse précédente : " + this.params.answers[this.answered].text;
    }
  };

  TestQuestion.prototype.answer = function (index) {
    this.answered = index;
    var correct = Boolean(this.params.answers[index].correct);
    this.score = correct ? 1 : 0;
    var success = this.score * 100 >= this.params.passPercentage;
    this.status.textContent = correct ? "Bonne réponse" : "Mauvaise réponse";
    this.triggerXAPIScored(this.score, 1, "answered", true, success);
    this.triggerXAPIScored(this.score, 1, "completed", true, success);
  };

  TestQuestion.prototype.getCurrentState = function () {
    return this.answered === undefined ? undefined : { answered: this.answered };
  };

  TestQuestion.prototype.getScore = function () { return this.score; };
  TestQuestion.prototype.getMaxScore = function () { return 1; };

  return TestQuestion;
})(H5P.EventDispatcher);
"""

QUESTION_CSS = """\
.reperes-test-question { font-family: sans-serif; color: #1a1a1a; background: #fff; padding: 1rem; }
.reperes-test-question__answer { margin-right: 1rem; padding: .5rem 1rem; font-size: 1rem;
  color: #fff; background: #1d4ed8; border: 0; border-radius: 4px; }
.reperes-test-question__answer:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
"""

SEMANTICS = [
    {"name": "question", "type": "text", "label": "Question", "maxLength": 500},
    {
        "name": "answers",
        "type": "list",
        "label": "Réponses",
        "min": 2,
        "max": 4,
        "entity": "réponse",
        "field": {
            "name": "answer",
            "type": "group",
            "label": "Réponse",
            "fields": [
                {"name": "text", "type": "text", "label": "Texte"},
                {"name": "correct", "type": "boolean", "label": "Correcte", "default": False},
            ],
        },
    },
    {
        "name": "passPercentage",
        "type": "number",
        "label": "Pourcentage pour réussir",
        "min": 0,
        "max": 100,
        "default": 100,
    },
]


def library_json(**overrides) -> dict:
    return {
        "title": "Repères — question de test",
        "machineName": LIBRARY,
        "majorVersion": MAJOR,
        "minorVersion": MINOR,
        "patchVersion": 3,
        "runnable": 1,
        "coreApi": {"majorVersion": 1, "minorVersion": 24},
        "embedTypes": ["iframe"],
        "preloadedJs": [{"path": "scripts/question.js"}],
        "preloadedCss": [{"path": "styles/question.css"}],
        **overrides,
    }


def h5p_json(**overrides) -> dict:
    return {
        "title": "Question de test",
        "language": "fr",
        "defaultLanguage": "fr",
        "mainLibrary": LIBRARY,
        "embedTypes": ["iframe"],
        "license": "U",
        "preloadedDependencies": [
            {"machineName": LIBRARY, "majorVersion": MAJOR, "minorVersion": MINOR}
        ],
        **overrides,
    }


def content_json(**overrides) -> dict:
    return {
        "question": QUESTION,
        "answers": [{"text": RIGHT_ANSWER, "correct": True}, {"text": WRONG_ANSWER}],
        "passPercentage": 100,
        **overrides,
    }


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def valid_files() -> dict[str, bytes]:
    """The files of the valid package, by archive path."""
    return {
        "h5p.json": _json(h5p_json()),
        "content/content.json": _json(content_json()),
        f"{LIBRARY_DIR}/library.json": _json(library_json()),
        f"{LIBRARY_DIR}/semantics.json": _json(SEMANTICS),
        f"{LIBRARY_DIR}/scripts/question.js": QUESTION_JS.encode(),
        f"{LIBRARY_DIR}/styles/question.css": QUESTION_CSS.encode(),
    }


@dataclass(frozen=True)
class Entry:
    """An archive member with control over what the ZIP headers say about it."""

    data: bytes
    external_attr: int | None = None
    create_system: int | None = None


def build(files: Mapping[str, bytes | Entry]) -> bytes:
    """A ZIP (deflated) holding ``files`` exactly as named, unsafe names included."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, value in files.items():
            entry = value if isinstance(value, Entry) else Entry(value)
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if entry.create_system is not None:
                info.create_system = entry.create_system
            if entry.external_attr is not None:
                info.external_attr = entry.external_attr
            archive.writestr(info, entry.data)
    return buffer.getvalue()


def valid_package(**extra_files: bytes | Entry) -> bytes:
    return build({**valid_files(), **extra_files})


def with_entry(name: str, data: bytes | Entry = b"x") -> bytes:
    """The valid package plus one member (e.g. a traversal path, a ``.php`` file)."""
    return build({**valid_files(), name: data})


def zip_bomb(size: int = 4 * 1024 * 1024) -> bytes:
    """A member of zeros: a few kilobytes compressed, ``size`` bytes expanded."""
    return with_entry("content/padding.txt", b"\0" * size)


def oversized(*, files: int = 4, size: int = 400 * 1024) -> bytes:
    """Members that compress moderately (below the ratio limit) but add up to a lot."""
    extra = {}
    for index in range(files):
        block = b"".join(os.urandom(1) + b"\0" * 31 for _ in range(size // 32))
        extra[f"content/part-{index}.txt"] = block
    return build({**valid_files(), **extra})


def with_symlink(name: str = "content/link.json", target: bytes = b"../../../etc/passwd") -> bytes:
    """A member whose Unix mode (in the ZIP external attributes) says symbolic link."""
    return with_entry(name, Entry(target, external_attr=(0o120777 << 16), create_system=3))


def missing_dependency() -> bytes:
    """The library depends on ``H5P.JoubelUI 1.3``, which is not packaged."""
    files = valid_files()
    files[f"{LIBRARY_DIR}/library.json"] = _json(
        library_json(
            preloadedDependencies=[
                {"machineName": "H5P.JoubelUI", "majorVersion": 1, "minorVersion": 3}
            ]
        )
    )
    return build(files)


def missing_main_library() -> bytes:
    """h5p.json names our library, but its directory is not in the package."""
    return build(
        {name: data for name, data in valid_files().items() if not name.startswith(LIBRARY_DIR)}
    )


def with_h5p_json(data: bytes) -> bytes:
    return build({**valid_files(), "h5p.json": data})


def h5p_json_not_json() -> bytes:
    return with_h5p_json(b'{"title": "Question de test", "mainLibrary": ')


def h5p_json_without_main_library() -> bytes:
    metadata = h5p_json()
    del metadata["mainLibrary"]
    return with_h5p_json(_json(metadata))


def without_h5p_json() -> bytes:
    return build({name: data for name, data in valid_files().items() if name != "h5p.json"})


def with_content(**overrides) -> bytes:
    """The valid package with other content (e.g. values its semantics refuse)."""
    return build({**valid_files(), "content/content.json": _json(content_json(**overrides))})
