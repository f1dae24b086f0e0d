"""Reads shared by the public pages and the API: disputes, one dispute, one claim (DESIGN §3, §8, §10).

Every function takes the reading `user`. None (or an anonymous user) means the public view:
published claims only, and only live flags of public kinds between two published claims.
A signed-in editor or reviewer sees what `claims.visibility.claims_visible(user)` gives them, and
every live flag between two claims they may read (integrity flags included).

Query budget (DESIGN §10): `dispute_list` is one query and `dispute_sides` one more;
`dispute_detail` four after the topic (`dispute_topics`), for a page of at most DISPUTE_PAGE_SIZE
claims, and so does the page's `dispute_page` (the whole topic's overview, a page of claims, their flags
grouped, their chains); `claim_detail` five; `provenances` one, for any number of claims. None grows with the data.

One module a page: `disputes` (the list and one dispute, as the API gives it), `dispute_page` (the
dispute page: overview, timeline, flags grouped per claim), `claim_page` (one claim), `provenance`
(where a claim comes from), `common` (flag ids and claim search both use), `reference` (names
extraction reads). This module only gathers their public names.
"""

from claims.selectors.claim_page import (  # noqa: F401  (the package's public names)
    ClaimDetail,
    HistoryEvent,
    claim_detail,
    claim_flags,
    claim_for_page,
    claim_history,
)
from claims.selectors.common import (  # noqa: F401  (the package's public names)
    DETAIL_FLAG_LIMIT,
    SEARCH_CONFIG,
    contradiction_ids,
    one_of,
    search_claims,
)
from claims.selectors.dispute_page import (  # noqa: F401  (the package's public names)
    FLAGS_SHOWN_PER_SIDE,
    TIMELINE_BANDS_FROM,
    Band,
    DisputePage,
    FlagEnd,
    FlagGroup,
    GroupedFlag,
    Overview,
    SideSummary,
    TopGap,
    dispute_page,
    topic_overview,
)
from claims.selectors.disputes import (  # noqa: F401  (the package's public names)
    DISPUTE_PAGE_SIZE,
    BadPosition,
    DisputeDetail,
    Flag,
    Position,
    SideColumn,
    dispute_detail,
    dispute_headlines,
    dispute_list,
    dispute_sides,
    dispute_topics,
    listed_after,
    sides_in_disputes,
)
from claims.selectors.provenance import (  # noqa: F401  (the package's public names)
    ChainDocument,
    ChainLink,
    ChainOutlet,
    Provenance,
    appearances_prefetch,
    origin_count,
    provenance_chain,
    provenances,
    provenances_of,
)
from claims.selectors.reference import (  # noqa: F401  (the package's public names)
    known_sides_and_actors,
)
