import pytest

from cms.models import HomePage
from media_literacy.models import CampaignIndexPage, ResourceIndexPage
from media_literacy.services import index_page_ensure


@pytest.fixture
def home(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def campaign_index(home) -> CampaignIndexPage:
    return index_page_ensure(model=CampaignIndexPage, home=home)


@pytest.fixture
def resource_index(home) -> ResourceIndexPage:
    return index_page_ensure(model=ResourceIndexPage, home=home)
