"""Public pages (DESIGN §8)."""

from django.urls import path

from claims import views

urlpatterns = [
    path("", views.dispute_list, name="dispute-list"),
    path("disputes/<slug:slug>/", views.dispute_detail, name="dispute-detail"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("sides.css", views.side_styles, name="side-styles"),
]
