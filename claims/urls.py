"""Public pages (DESIGN §8)."""

from django.urls import path
from django.views.generic import RedirectView

from claims import views

urlpatterns = [
    path("", views.dispute_list, name="dispute-list"),
    # A reader who trims a dispute's address to /disputes/ finds the list of disputes, at /.
    path("disputes/", RedirectView.as_view(pattern_name="dispute-list", permanent=True, query_string=True)),
    path("disputes/<slug:slug>/", views.dispute_detail, name="dispute-detail"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("sides.css", views.side_styles, name="side-styles"),
]
