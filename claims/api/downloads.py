"""`/api/claims/download.csv` and `.jsonl`: every claim matching the filters, streamed (issue #18).

The list endpoint pages its rows; this one holds them all, in the interchange columns, for the
reader the token (or the session) names: the same download the public pages offer
(`claims.downloads`), with the API's authentication, throttles and JSON errors.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from claims import downloads
from claims.api.renderers import ORJSONRenderer

_PARAMETERS = [
    OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(downloads.FORMATS),
                     description="csv or jsonl."),
    *(OpenApiParameter(name, OpenApiTypes.STR, description=field.help_text or name.replace("_", " "))
      for name, field in downloads.DownloadForm.base_fields.items()),
]


class ClaimDownload(APIView):
    renderer_classes = [ORJSONRenderer]  # errors; the download itself is the streamed body

    @extend_schema(
        summary="Download every matching claim",
        description="Every claim you may read that matches the filters, as CSV or JSON Lines in the "
        "interchange columns, streamed (no paging). `q` searches as the site's search page does.",
        parameters=_PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR, (200, "application/x-ndjson"): OpenApiTypes.STR},
    )
    def get(self, request, fmt):
        form = downloads.DownloadForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        return downloads.streamed(downloads.matching_claims(form.cleaned_data, request.user), fmt, "claims")

