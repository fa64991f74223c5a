"""Test settings: the database comes from DATABASE_URL (SQLite when unset)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media" / str(os.getpid())  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each run gets its own index prefix so runs never see each other's documents.
# With pytest-xdist, each worker gets its own indices too.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get(
    "ELASTICSEARCH_INDEX_PREFIX", f"test_{os.getpid()}_"
) + (f"{_WORKER}_" if _WORKER else "")
if ELASTICSEARCH_URL:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{ELASTICSEARCH_INDEX_PREFIX}wagtail_"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Index updates run at once after commit in tests; the durable path (database queue,
# worker, retries) is exercised by tests that switch the "search" backend back.
TASKS = {
    **TASKS,  # noqa: F405
    "search": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["search"],
    },
}
