"""lexgap: where a country's law falls short of the international standard
on the sexual exploitation of children, and what must change."""
__version__ = "0.2.0"
