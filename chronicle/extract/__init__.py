"""Article → actors, quotes, times. ``article.extract`` runs them all, top to bottom (the order: ``steps.STEPS``).

The package is also callable, so that ``chronicle.extract(text, published=...)`` (the public
API) and ``import chronicle.extract.quotes`` (the layout) both work: a plain function bound to
``chronicle.extract`` would hide the package from dotted imports.
"""
import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from chronicle.extract.article import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
