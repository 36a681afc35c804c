"""Remote images, checked over the network (IMG003, IMG008).

Nothing here runs unless a run asks for it (``--check-remote`` or ``[rules.IMG003] enabled =
true``), and only ``postlint.remote.fetch`` imports the HTTP client (aiohttp, the ``remote``
extra), so start-up never pays for it. The modules, each with one job:

- ``options``: the options of IMG003, which hold every setting of a remote check;
- ``urls``: which image sources are remote, and the one spelling each is fetched under;
- ``addresses``: the private-address guard;
- ``referrer``: the ``Referer`` a browser would send, per ``referrerpolicy``;
- ``pages``: the post's URL on the site, from ``site-url`` and its permalink;
- ``run``: how the current run goes (``--check-remote``, ``--refresh-remote``, progress);
- ``outcome``, ``jobs``: what is checked and what a check concludes;
- ``store``: results cached between runs;
- ``deadline``, ``limits``: time budgets, concurrency and politeness per host;
- ``fetch``: one URL's requests, redirects and retries; ``batch``: every URL of a run;
- ``progress``, ``statistics``: the progress line and the ``--statistics`` table.
"""

from postlint.remote.run import Progress, RemoteRun, current_run, remote_run

__all__ = ["Progress", "RemoteRun", "current_run", "remote_run"]
