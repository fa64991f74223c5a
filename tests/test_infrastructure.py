"""The suite really runs on the services it claims to use."""

import os

import pytest
from django.db import connection

from tests.conftest import IN_CI


@pytest.mark.smoke
@pytest.mark.django_db
def test_database_vendor_is_the_one_the_run_asked_for():
    expected = os.environ.get("REPERES_EXPECTED_DB_VENDOR")
    if not expected:
        if IN_CI:
            pytest.fail("REPERES_EXPECTED_DB_VENDOR must be set by the test command in CI")
        pytest.skip("REPERES_EXPECTED_DB_VENDOR is not set (run through `make test`)")
    assert connection.vendor == expected


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_server_answers_with_its_version():
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL ")
    print(f"\n{version}")  # noqa: T201 - shown in the run's output


@pytest.mark.elasticsearch
def test_elasticsearch_node_is_a_real_8x_node(elasticsearch_client):
    health = elasticsearch_client.cluster.health(wait_for_status="yellow", timeout="30s")
    assert health["status"] in {"green", "yellow"}
    nodes = elasticsearch_client.nodes.info(filter_path="nodes.*.version")
    versions = {node["version"] for node in nodes["nodes"].values()}
    assert versions and all(v.startswith("8.") for v in versions)
