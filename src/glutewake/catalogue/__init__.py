"""The exercise catalogue: one validated data file per exercise, with evidence and sources."""

from glutewake.catalogue.catalogue import Catalogue, Filters, default_catalogue
from glutewake.catalogue.schema import Exercise

__all__ = ["Catalogue", "Exercise", "Filters", "default_catalogue"]
