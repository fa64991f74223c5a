"""Editorial and community content, one sub-package per domain.

Three layers, each importing only from the ones below it:

- shared editorial modules: ``listing`` (the filtered listing page), ``document_links``,
  ``blocks``, ``services`` (the editorial workflow and the index pages under it);
- the domains: ``campaigns``, ``resources``, ``local_actors``, ``scenarios``; none imports
  another;
- the app's wiring: ``models`` (what Django loads), ``apps``, ``receivers``, ``urls``,
  ``wagtail_hooks``, ``feeds``, ``search_documents``, ``importers``, ``demo``,
  ``factories``.

``courses`` is reached only through ``courses.api``.
"""
