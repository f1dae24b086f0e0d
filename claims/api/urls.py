"""REST API under /api/ (DESIGN §8)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from claims.api import views

app_name = "api"

urlpatterns = [
    path("claims/", views.ClaimList.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetail.as_view(), name="claim-detail"),
    path("claims/<int:pk>/submit/", views.ClaimSubmit.as_view(), name="claim-submit"),
    path("claims/<int:pk>/publish/", views.ClaimPublish.as_view(), name="claim-publish"),
    path("claims/<int:pk>/retract/", views.ClaimRetract.as_view(), name="claim-retract"),
    path("claims/<int:pk>/claimreview/", views.ClaimReviewView.as_view(), name="claim-claimreview"),
    path("disputes/", views.DisputeList.as_view(), name="dispute-list"),
    path("disputes/<slug:slug>/", views.DisputeDetail.as_view(), name="dispute-detail"),
    path("contradictions/", views.ContradictionList.as_view(), name="contradiction-list"),
    path("contradictions/<int:pk>/", views.ContradictionDetail.as_view(), name="contradiction-detail"),
    path("topics/", views.TopicList.as_view(), name="topic-list"),
    path("topics/<int:pk>/", views.TopicDetail.as_view(), name="topic-detail"),
    path("sides/", views.SideList.as_view(), name="side-list"),
    path("sides/<int:pk>/", views.SideDetail.as_view(), name="side-detail"),
    path("actors/", views.ActorList.as_view(), name="actor-list"),
    path("actors/<int:pk>/", views.ActorDetail.as_view(), name="actor-detail"),
    path("outlets/", views.OutletList.as_view(), name="outlet-list"),
    path("outlets/<int:pk>/", views.OutletDetail.as_view(), name="outlet-detail"),
    path("documents/", views.DocumentList.as_view(), name="document-list"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/ is a JSON 404, not Django's HTML page.
    re_path(r"", views.NotFoundView.as_view(), name="not-found"),
]
