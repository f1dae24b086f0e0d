"""Write fields and filters that read what people write, as the import reads it (issue #15).

- `LabelChoiceField` / `LabelChoiceFilter`: a choice by its value or its label, in any case, with
  spaces, underscores or hyphens (`NGO`, `unnamed group`, `news agency`), read by `claims.choices`,
  the import's own reader; an unknown word is a 400 listing what is accepted.
- `WrittenDateField`: ISO (`2024-03-05`) or the month in words (`5 March 2024`, `March 5, 2024`);
  an ambiguous `05/03/2024` is a 400 giving both readings and what to write (`claims.choices.read_date`).
- `ReferenceField`: a topic, side, actor, outlet or document by id (a number) or by what people call
  it (a name, slug, URL or title: a string), resolved later by `claims.api.references` through the
  import's matcher (`claims.interchange.references`).
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import models
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.choices import ChoiceError, DateError, accepted, read_choice, read_date

MAX_REFERENCE = 2000  # a URL's length, the longest thing a reference names


def sentence(error: Exception) -> str:
    """Return a reader's message as the API words its errors: a capital first."""
    text = str(error)
    return text[:1].upper() + text[1:]


def choice_help(choices: type[models.TextChoices]) -> str:
    """Say what a choice field takes, for the schema."""
    return f"One of {accepted(choices)}: the value or the label, in any case, with spaces, underscores or hyphens."


def _choice_schema(choices: type[models.TextChoices]) -> dict:
    # No `enum`: labels are accepted too ("NGO", "unnamed group"); the description lists the values.
    return {"type": "string", "description": choice_help(choices), "example": choices.values[0]}


def label_choice_field(choices: type[models.TextChoices], **kwargs) -> serializers.Field:
    """Return a write field taking a value or label of `choices` (a TextChoices), any case or spacing."""
    field_class = extend_schema_field(_choice_schema(choices))(type(
        f"{choices.__name__}Field", (LabelChoiceField,), {"choice_class": choices}))
    return field_class(choices.choices, **kwargs)


class LabelChoiceField(serializers.ChoiceField):
    """A ChoiceField that reads labels too; built by `label_choice_field` for one TextChoices."""

    choice_class: type[models.TextChoices]

    def to_internal_value(self, data):
        if data == "" and self.allow_blank:
            return ""
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        try:
            return read_choice(self.choice_class, data, name=self.field_name or "value")
        except ChoiceError as error:
            raise serializers.ValidationError(sentence(error)) from None


class _LabelChoiceFormField(forms.CharField):
    """A query parameter naming a choice by value or label; an unknown word is a 400 that lists the values."""

    def __init__(self, *args, choice_class, **kwargs):
        self.choice_class = choice_class
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return read_choice(self.choice_class, value)
        except ChoiceError as error:
            raise forms.ValidationError(sentence(error)) from None


class LabelChoiceFilter(filters.CharFilter):
    """A filter on a choice by value or label, read as the import reads it."""

    field_class = _LabelChoiceFormField

    def __init__(self, *args, choices: type[models.TextChoices], **kwargs):
        kwargs.setdefault("help_text", choice_help(choices))
        super().__init__(*args, choice_class=choices, **kwargs)


@extend_schema_field({
    "type": "string",
    "format": "date",
    "description": "YYYY-MM-DD, or the month in words (5 March 2024, March 5, 2024); never 05/03/2024, which "
                   "reads two ways.",
})
class WrittenDateField(serializers.DateField):
    """A date as people write it, read by the import's reader: ISO, or the month in words."""

    def to_internal_value(self, value):
        if isinstance(value, datetime.datetime):
            self.fail("datetime")
        if isinstance(value, datetime.date):
            return value
        try:
            return read_date(value)
        except DateError as error:
            raise serializers.ValidationError(sentence(error)) from None


@extend_schema_field({
    "oneOf": [
        {"type": "integer", "minimum": 1, "description": "An id."},
        {"type": "string", "minLength": 1, "maxLength": MAX_REFERENCE,
         "description": "A name (or slug, or URL), matched and created as the import does."},
    ],
})
class ReferenceField(serializers.Field):
    """A record by id (a whole number) or by what people call it (a non-empty string); resolved by the view."""

    default_error_messages = {
        "invalid": "Give an id (a number) or a name.",
        "blank": "Give an id (a number) or a name, not an empty string.",
        "too_long": f"At most {MAX_REFERENCE} characters.",
    }

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            if data < 1 or data > 2**63 - 1:
                self.fail("invalid")
            return data
        if not isinstance(data, str):
            self.fail("invalid")
        data = data.strip()
        if not data:
            self.fail("blank")
        if len(data) > MAX_REFERENCE:
            self.fail("too_long")
        if "\x00" in data:
            self.fail("invalid")
        return data

    def to_representation(self, value):
        raise NotImplementedError("write-only")
