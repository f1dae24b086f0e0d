"""Public pages (DESIGN §8, issue #18)."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from claims import downloads, embed_views, feeds, profile_views, search_views, views

urlpatterns = [
    path("", views.dispute_list, name="dispute-list"),
    # A reader who trims a dispute's address to /disputes/ finds the list of disputes, at /.
    path("disputes/", RedirectView.as_view(pattern_name="dispute-list", permanent=True, query_string=True)),
    path("disputes/<slug:slug>/", views.dispute_detail, name="dispute-detail"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("search/", search_views.search_page, name="search"),
    path("speakers/<int:pk>/", profile_views.speaker_detail, name="speaker-detail"),
    path("outlets/<int:pk>/", profile_views.outlet_detail, name="outlet-detail"),
    path("sides/<slug:slug>/", profile_views.side_detail, name="side-detail"),
    path("topics/", profile_views.topic_list, name="topic-list"),
    # A topic's page is its dispute page, which draws any topic with a public claim.
    path("topics/<slug:slug>/", RedirectView.as_view(pattern_name="dispute-detail", permanent=False,
                                                      query_string=True)),
    re_path(r"^downloads/claims\.(?P<fmt>csv|jsonl)$", downloads.download_claims, name="download-claims"),
    path("feeds/contested.atom", feeds.ContestedFeed(), name="contested-feed"),
    path("feeds/disputes/<slug:slug>.atom", feeds.DisputeFeed(), name="dispute-feed"),
    path("feeds/speakers/<int:pk>.atom", feeds.SpeakerFeed(), name="speaker-feed"),
    path("feeds/sides/<slug:slug>.atom", feeds.SideFeed(), name="side-feed"),
    path("embed/claims/<int:pk>/", embed_views.embed_claim, name="embed-claim"),
    path("embed/disputes/<slug:slug>/chart/", embed_views.embed_chart, name="embed-chart"),
    path("sides.css", views.side_styles, name="side-styles"),
]
