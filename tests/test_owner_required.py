"""Every core function that reads or writes a user's rows takes the owner as a required argument: in
shared mode a forgotten ``user_id`` must fail loudly, not read or write the local user's rows."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import gauntlet
import gauntlet.review
import gauntlet.store

CORE_PACKAGES = (gauntlet.review, gauntlet.store)


def core_functions():
    modules = [importlib.import_module("gauntlet.practice")]
    for package in CORE_PACKAGES:
        modules += [importlib.import_module(f"{package.__name__}.{info.name}")
                    for info in pkgutil.iter_modules(package.__path__)]
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


def test_no_core_function_defaults_the_owner():
    checked, defaulted = 0, []
    for name, function in core_functions():
        parameter = inspect.signature(function).parameters.get("user_id")
        if parameter is None:
            continue
        checked += 1
        if parameter.default is not inspect.Parameter.empty:
            defaulted.append(f"{name}(user_id={parameter.default!r})")
    assert checked >= 20, checked
    assert defaulted == []
