"""REST API under /api/ (DESIGN §8)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from claims.api import auth, claims, contradictions, disputes, docs, downloads, graph, reference

app_name = "api"

urlpatterns = [
    path("claims/", claims.ClaimList.as_view(), name="claim-list"),
    re_path(r"^claims/download\.(?P<fmt>csv|jsonl)$", downloads.ClaimDownload.as_view(), name="claim-download"),
    path("claims/<int:pk>/", claims.ClaimDetail.as_view(), name="claim-detail"),
    path("claims/<int:pk>/submit/", claims.ClaimSubmit.as_view(), name="claim-submit"),
    path("claims/<int:pk>/publish/", claims.ClaimPublish.as_view(), name="claim-publish"),
    path("claims/<int:pk>/retract/", claims.ClaimRetract.as_view(), name="claim-retract"),
    path("claims/<int:pk>/claimreview/", claims.ClaimReviewView.as_view(), name="claim-claimreview"),
    path("claims/<int:pk>/graph/", graph.ClaimGraphView.as_view(), name="claim-graph"),
    path("context.jsonld", graph.ContextView.as_view(), name="context"),
    path("disputes/", disputes.DisputeList.as_view(), name="dispute-list"),
    path("disputes/<slug:slug>/", disputes.DisputeDetail.as_view(), name="dispute-detail"),
    path("contradictions/", contradictions.ContradictionList.as_view(), name="contradiction-list"),
    path("contradictions/<int:pk>/", contradictions.ContradictionDetail.as_view(), name="contradiction-detail"),
    path("topics/", reference.TopicList.as_view(), name="topic-list"),
    path("topics/<int:pk>/", reference.TopicDetail.as_view(), name="topic-detail"),
    path("sides/", reference.SideList.as_view(), name="side-list"),
    path("sides/<int:pk>/", reference.SideDetail.as_view(), name="side-detail"),
    path("actors/", reference.ActorList.as_view(), name="actor-list"),
    path("actors/<int:pk>/", reference.ActorDetail.as_view(), name="actor-detail"),
    path("outlets/", reference.OutletList.as_view(), name="outlet-list"),
    path("outlets/<int:pk>/", reference.OutletDetail.as_view(), name="outlet-detail"),
    path("documents/", reference.DocumentList.as_view(), name="document-list"),
    path("documents/<int:pk>/", reference.DocumentDetail.as_view(), name="document-detail"),
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/ is a JSON 404, not Django's HTML page.
    re_path(r"", docs.NotFoundView.as_view(), name="not-found"),
]
