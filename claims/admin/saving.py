"""Saving through the services: a refusal is shown on the form, after the whole save is rolled back."""

from django.core.exceptions import ValidationError

from claims import policy
from claims.services import StaleVersion


class ServiceErrorsMixin:
    """Show on the form the errors a service raised when the admin tried to save it.

    The admin sets `request` on the form class; when a service refuses a save, it renders
    the page again with `request.service_errors[prefix]` holding the refusal.
    """

    request = None
    field_aliases = {"qualifier": "figure", "value": "figure", "value_max": "figure"}

    def clean(self):
        cleaned = super().clean()
        self.add_service_error()
        return cleaned

    def add_service_error(self):
        error = getattr(self.request, "service_errors", {}).get(self.prefix)
        if error is None or isinstance(error, StaleVersion):
            return  # a stale version is reported by the form's own version check, with what changed
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            field = self.field_aliases.get(field, field)
            if field in self.fields and not self.fields[field].disabled:
                self.add_error(field, messages)
            else:
                label = "" if field == "__all__" else f"{field.replace('_', ' ')}: "
                self.add_error(None, [f"{label}{message}" for message in messages])


class ServiceRefused(Exception):
    """A service refused a save; `prefix` names the form (None: the main form) that shows the error."""

    def __init__(self, prefix, error):
        super().__init__(error)
        self.prefix, self.error = prefix, error


class ServiceSaveMixin:
    """Render the page again with the service's refusal on the form, after rolling the whole save back.

    `changeform_view` runs in its own atomic block, so everything the refused save wrote is undone;
    the second rendering validates the same POST with the refusal attached (`ServiceErrorsMixin`).
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        bases = (form,) if issubclass(form, ServiceErrorsMixin) else (ServiceErrorsMixin, form)
        return type(form.__name__, bases, {"request": request})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            if hasattr(request, "service_errors"):
                raise refused.error from refused
            request.service_errors = {refused.prefix: refused.error}
            return super().changeform_view(request, object_id, form_url, extra_context)


# -- history: who, when, field by field; reviewers revert ------------------------------------------------------


class PolicyPermissionsMixin:
    """Offer change and delete of a record only where the policy agrees, so a page never offers a refused save.

    An editor sees an actor, side, outlet, document or topic that published claims stand on read-only,
    and a hand-built POST to it is a 403 (Django refuses a change without the change permission).
    The services ask the policy again when they write.
    """

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.allowed(request.user, policy.Action.CHANGE, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.allowed(request.user, policy.Action.DELETE, obj))


class ReferenceServiceMixin(ServiceSaveMixin, PolicyPermissionsMixin):
    """Save a reference record (side, actor, outlet) through its create/update services, with its history.

    What a service refuses (a side's name for an actor, say) is shown on the form's field, nothing saved.
    """

    create_service = None
    update_service = None
    instance_name = ""

    def save_model(self, request, obj, form, change):
        fields = {field.name for field in obj._meta.concrete_fields if field.name != "id"}
        try:
            if not change:
                values = {name: value for name, value in form.cleaned_data.items() if name in fields}
                created = type(self).create_service(user=request.user, **values)
                obj.pk = created.pk
                obj._state.adding = False
                return
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in fields}
            if changes:
                type(self).update_service(**{self.instance_name: obj}, user=request.user, **changes)
        except ValidationError as error:
            raise ServiceRefused(None, error) from error
