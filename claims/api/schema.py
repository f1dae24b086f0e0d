"""OpenAPI generation: every operation also documents the errors it can answer with (DESIGN §8)."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import SAFE_METHODS

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, for a person to read."}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Each field (or `non_field_errors`) with the reasons its value was refused; a body that "
    "is not JSON at all is reported under `detail`.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "description": "A list field: the errors of its items, by position."},
        ]
    },
}
STALE_VERSION = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "current_version": {"type": "integer", "description": "Read the claim again at this version."},
    },
    "required": ["detail", "current_version"],
}

# Status -> (component, description). Which of them an operation gets is decided in `error_codes`.
ERRORS = {
    "400": ("ValidationError", "A parameter or field could not be accepted."),
    "401": ("Error", "No valid token: send `Authorization: Token <key>`."),
    "403": ("Error", "Your account may not do this (editors write, reviewers publish, never their own claim)."),
    "404": ("Error", "Nothing here that you may read (anonymous users see published data only), "
                     "or an unknown `format` or cursor."),
    "406": ("Error", "None of the formats in your Accept header can be served."),
    "409": ("StaleVersion", "The claim changed since the `version` you sent; nothing was written."),
    "413": ("Error", "The body is longer than the API takes (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB by default)."),
    "415": ("Error", "Send the body as application/json."),
    "429": ("Error", "Too many requests; retry after the Retry-After header's seconds."),
    "503": ("Error", "The database cannot be reached; retry shortly."),
}
COMPONENTS = {"Error": ERROR, "ValidationError": VALIDATION_ERROR, "StaleVersion": STALE_VERSION}


class AutoSchema(SpectacularAutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Reads are open to everyone (anonymous users see published data only).
        if auths and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def error_codes(self) -> list[str]:
        codes = ["400", "401", "404", "406", "429", "503"]
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes += ["403", "413", "415"]
        if getattr(self.view, "conflict_responses", False) and self.method in ("POST", "PATCH"):
            codes.append("409")
        return codes

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            # An empty optional parameter (`?side=`, as HTML forms send) counts as not given.
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        responses = operation["responses"]
        for content in (response.get("content", {}) for response in responses.values()):
            if "text/csv" in content:
                content["text/csv"] = {"schema": {"type": "string", "description": "One row per result."}}
        # Errors come in the renderer's media type, except CSV lists, whose errors are JSON.
        media_types = [m for m in self.map_renderers("media_type") if m != "text/csv"] or ["application/json"]
        if "application/json" not in media_types:
            media_types.append("application/json")
        for code in self.error_codes():
            if code in responses:
                continue
            name, description = ERRORS[code]
            component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=COMPONENTS[name],
                                          object=name)
            registry.register_on_missing(component)
            responses[code] = {
                "description": description,
                "content": {media_type: {"schema": component.ref} for media_type in media_types},
            }
        return operation
