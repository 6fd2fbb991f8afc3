"""Catalogues: many editions of many works from one ``catalogue.toml``.

- :mod:`.model`: ``catalogue.toml`` → typed model, errors naming the line;
- :mod:`.plan`: each edition of each work → a self-contained task (its derived edition
  folder as bytes, build date, options);
- :mod:`.task`: one task's build (``enface.commands.build.build``), in a worker;
- :mod:`.local`, :mod:`.cluster`: the tasks on local processes, or on a Dask cluster
  (``distributed``, imported only there);
- :mod:`.run`: the whole: skip what is up to date, build, verify, write the feeds;
- :mod:`.feeds`: ``catalogue.json`` and the OPDS 1.2 feed ``opds.xml``.
"""
