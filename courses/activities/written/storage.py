"""Where pupils' images are kept: outside MEDIA_ROOT, so no web server ever serves them;
they are read through a view that checks who is asking.

``STORAGES["private"]`` is used when the project defines it (an object store in
production, say); otherwise a folder beside MEDIA_ROOT (``<MEDIA_ROOT>-private``).
"""

import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


def private_storage() -> Storage:
    if "private" in settings.STORAGES:
        return storages["private"]
    media_root = Path(settings.MEDIA_ROOT)
    return FileSystemStorage(location=media_root.with_name(f"{media_root.name}-private"))


def submission_image_path(instance, filename: str) -> str:
    """A random name: the pupil's own file name never reaches the disk."""
    return f"written/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"
