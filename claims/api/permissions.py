"""Who may write through the API: editors, by the model permissions their group grants (DESIGN §8)."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class EditorWritesOrReadOnly(DjangoModelPermissions):
    """Anyone may read; a write needs the model's add/change permission (claims.add_claim for claims).

    Reads are filtered by the views (anonymous users see published data only). Methods a view does
    not answer fall through to its 405, so `DELETE /api/claims/1/` says "retract instead" to everyone.
    """

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.add_%(model_name)s", "%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.add_%(model_name)s", "%(app_label)s.change_%(model_name)s"],
        "DELETE": [],
    }

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not hasattr(view, request.method.lower()) or request.method == "DELETE":
            return True
        return super().has_permission(request, view)
