import shutil
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def media_root() -> Path:
    """The test MEDIA_ROOT, emptied before and after the test (real filesystem)."""
    root = Path(settings.MEDIA_ROOT)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def media_files(root: Path) -> list[str]:
    """Everything under ``root``, files and directories, as sorted relative paths."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
