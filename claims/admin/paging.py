"""Paging the workspace's long lists: rows counted up to a cap, never the whole archive on every page.

An admin list counts its rows on every request (the paginator's page links, "N claims", the
actions' "select all N"). Counting 100,000 claims, or 90,000 flags joined to their claims for a
filter, costs tens of milliseconds and grows with the archive, for a number nobody pages through.
The lists count up to `COUNT_CAP` rows instead (a count over `LIMIT cap + 1`, which stops
early), and say "1,000+" beyond it, as the home page's queue does: exact below the cap, honest
above it. Counting a thousand rows joined to their claims costs a few milliseconds, ten thousand
tens of them. Every page stays reachable by its number (`?p=`); filters and search are the way
into a long list.
"""

from functools import cached_property

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

COUNT_CAP = 1_000


class CappedCountPaginator(Paginator):
    """A paginator whose count stops at `COUNT_CAP + 1` rows; `capped` says whether it did."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        # values("pk"): the count's subquery selects the key alone, not the list's annotations (flag counts).
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def count_label(self) -> str:
        """Return the count as the list says it: "1,234", or "1,000+" beyond the cap."""
        return f"{self.cap:,}+" if self.capped else f"{self.count:,}"

    def validate_number(self, number):
        """Accept any page number past the counted ones when the count stopped at the cap (empty past the end)."""
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number):
        """Return page `number`; past the cap, the rows found there (none past the end), not clamped by the count."""
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)
