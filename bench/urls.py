"""The benchmark server's URLconf (bench/settings.py): the product's, plus reference views under /bench/."""

from django.urls import include, path

from bench.reference import NaiveClaimList, bare_claims, bare_ok

urlpatterns = [
    path("bench/bare/", bare_ok),
    path("bench/bare/claims/", bare_claims),
    path("bench/naive/claims/", NaiveClaimList.as_view()),
    path("", include("tracker.urls")),
]
