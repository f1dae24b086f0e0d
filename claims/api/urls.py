"""REST API (DESIGN §8): placeholder until issue #5 lands."""

urlpatterns = []
