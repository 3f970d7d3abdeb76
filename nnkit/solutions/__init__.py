"""Reference solutions of the exercises, out of sight until a learner asks for one.

    from nnkit import solutions
    solutions.show("relu_backward")     # prints the code of that solution
    solutions.names()                   # every solution there is

Each notebook's solutions are a module here (``forward``, ``loss``, ``derivatives``,
``chain_rule``, ``backprop``, ``training``, ``pitfalls``); a solution is a module-level function or
class whose name is the exercise's name.
"""

import importlib
import inspect

__all__ = ["show", "names", "get"]

_MODULES = ("forward", "loss", "derivatives", "chain_rule", "backprop", "training", "pitfalls")


def _modules():
    for name in _MODULES:
        try:
            yield importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise


def names():
    """The names of every solution, notebook by notebook."""
    return [n for m in _modules() for n in getattr(m, "__all__", ())]


def get(name):
    """The solution object called ``name`` (a function, a class or a value)."""
    for module in _modules():
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise ValueError(f"solutions.get expects one of {names()} (got {name!r}).")


def show(name):
    """Print the source of the solution called ``name``."""
    obj = get(name)
    try:
        print(inspect.getsource(obj))
    except TypeError:  # a plain value: show it with its name
        print(f"{name} = {obj!r}")
