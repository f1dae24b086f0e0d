"""factory-boy factories for the domain; every test builds its data from these."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from claims.models import Appearance, Claim, Topic
from claims.roles import review_groups_ensure
from sources.models import Actor, Document, Outlet, Side


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted and Group.objects.filter(name__in=extracted).count() != len(set(extracted)):
            review_groups_ensure()  # a transactional test before this one flushed the migration's groups
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class SideFactory(DjangoModelFactory):
    class Meta:
        model = Side
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Side {n}")
    slug = factory.LazyAttribute(lambda s: s.name.lower().replace(" ", "-"))
    colour = "#336699"


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Speaker {n}")
    kind = Actor.Kind.PERSON
    side = factory.SubFactory(SideFactory)


class OutletFactory(DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    url = factory.LazyAttribute(lambda o: f"https://outlet{o.name.split()[-1]}.example.org/")
    kind = Outlet.Kind.NEWSPAPER


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Report {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/report-{n}")
    published_on = datetime.date(2020, 10, 22)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Military deaths {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    kind = Topic.Kind.FIGURE
    metric = "military deaths"


class PropositionTopicFactory(TopicFactory):
    name = factory.Sequence(lambda n: f"Shelling of town {n}")
    kind = Topic.Kind.PROPOSITION
    metric = ""


class ClaimFactory(DjangoModelFactory):
    """A figure claim saved straight to the table; use claims.services for flags."""

    class Meta:
        model = Claim

    topic = factory.SubFactory(TopicFactory)
    side = factory.SubFactory(SideFactory)
    claimant = factory.SubFactory(ActorFactory, side=factory.SelfAttribute("..side"))
    stated_on = datetime.date(2020, 10, 22)
    statement = factory.Faker("sentence")
    qualifier = "exact"
    value = 100
    as_of = factory.SelfAttribute("stated_on")
    status = Claim.Status.PUBLISHED
    quote = ""
    # As the services decide it: a claim with a verbatim quote is a direct quote, one without a paraphrase.
    attribution = factory.LazyAttribute(
        lambda claim: Claim.Attribution.DIRECT_QUOTE if claim.quote else Claim.Attribution.PARAPHRASE
    )


class AppearanceFactory(DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    document = factory.SubFactory(DocumentFactory)
    role = Appearance.Role.PRIMARY
