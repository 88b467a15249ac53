"""Kernel-side probe: injected as the first cell of every graded copy; the grader never imports it.

It records what the submission does that a grader must know about (writes outside its folder,
processes started, numpy or Otter functions replaced) and, after every cell, prints the answer
variables as plain JSON data behind a one-off token. The probe runs inside the untrusted kernel,
so it is a detector, not a guard: scores never depend on it (see widgets/grading/check.py).
"""


def install(workdir, names, token):  # noqa: C901 — one closure, so the submission sees one name
    import json
    import math
    import os
    import sys

    root = os.path.realpath(workdir)
    dumps, out = json.dumps, sys.stdout
    events = []
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    harmless = ("/dev/null", "/dev/tty", "/dev/shm/", "/proc/self/")

    def outside(path):
        if isinstance(path, int) or path is None:
            return None
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return repr(path)
        if real == root or real.startswith(root + os.sep) or real.startswith(harmless):
            return None
        return real

    def note(text):
        if text not in events and len(events) < 50:
            events.append(text)

    path_events = {"os.remove": 0, "os.rmdir": 0, "os.mkdir": 0, "os.rename": 1,
                   "os.symlink": 1, "os.link": 1, "os.truncate": 0, "os.chmod": 0,
                   "os.chown": 0, "os.utime": 0, "shutil.rmtree": 0, "shutil.copyfile": 1,
                   "shutil.copytree": 1, "shutil.move": 1}

    def hook(event, args):
        if event == "import":
            name = str(args[0])
            if name.startswith(("otter.", "widgets.grading")):
                note(f"imports the grader ({name})")
        elif event == "open":
            path, mode, flags = (list(args) + [None, None, None])[:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                (isinstance(flags, int) and flags & write_flags)
            where = outside(path) if writing else None
            if where:
                note(f"writes outside its folder: {where}")
            elif writing and isinstance(path, (str, bytes)) and \
                    os.fsdecode(path).replace("\\", "/").split("/")[-2:-1] == ["tests"]:
                note(f"writes grader test files: {os.fsdecode(path)}")
        elif event in path_events:
            where = outside(args[path_events[event]]) if len(args) > path_events[event] else None
            if where:
                note(f"changes files outside its folder ({event}): {where}")
        elif event in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.fork",
                       "os.spawn", "pty.spawn"):
            note(f"starts another process ({event})")

    sys.addaudithook(hook)

    # The notebook's public checks (``grader.check``) are for students; here they do nothing,
    # so Otter (ten seconds to import) is replaced by a stand-in before the first cell.
    import types

    class Notebook:
        def __init__(self, *args, **kwargs):
            pass

        def check(self, *args, **kwargs):
            return None

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    otter = types.ModuleType("otter", "stand-in for Otter-Grader while the course grades")
    otter.Notebook = Notebook
    sys.modules["otter"] = otter

    watched = {}

    def watch(module_name, attributes):
        module = sys.modules.get(module_name)
        if module is None:
            try:
                module = __import__(module_name, fromlist=["_"])
            except Exception:  # a missing optional module is nothing to watch
                return
        for attribute in attributes:
            if hasattr(module, attribute):
                watched[f"{module_name}.{attribute}"] = (module, attribute,
                                                         getattr(module, attribute))

    watch("numpy", ["isclose", "allclose", "array_equal", "equal", "isfinite", "abs"])
    watch("numpy.testing", ["assert_allclose", "assert_almost_equal", "assert_equal"])
    watch("math", ["isclose"])
    watch("builtins", ["isinstance", "type", "int", "float", "str", "bool", "abs", "round",
                       "len", "open", "print"])
    watch("json", ["dumps"])

    try:
        import numpy
        numpy_types = (numpy.bool_, numpy.integer, numpy.floating)
    except Exception:  # numpy absent: no numpy answers to convert
        numpy, numpy_types = None, ()
    try:
        import pandas
    except Exception:  # pandas absent: no tables to convert
        pandas = None
    budget = [0]

    class NotPlain(Exception):
        pass

    def plain(value, depth=0):
        budget[0] += 1
        if budget[0] > 20_000 or depth > 6:
            raise NotPlain("too large")
        kind = type(value)
        if value is None or kind in (bool, int, str):
            return value
        if kind is float:
            return value if math.isfinite(value) else {"__float__": repr(value)}
        if numpy is not None and kind.__module__ == "numpy" and issubclass(kind, numpy_types):
            return plain(value.item(), depth)
        if kind in (list, tuple):
            return [plain(v, depth + 1) for v in value]
        if kind is dict and all(type(k) is str for k in value):
            return {"__dict__": {k: plain(v, depth + 1) for k, v in value.items()}}
        if numpy is not None and kind is numpy.ndarray and value.dtype.kind in "biuf":
            return {"__array__": plain(value.tolist(), depth + 1)}
        if pandas is not None and kind is pandas.Series:
            return {"__series__": {"name": plain(value.name, depth + 1),
                                   "index": plain(value.index.tolist(), depth + 1),
                                   "data": plain(value.tolist(), depth + 1)}}
        if pandas is not None and kind is pandas.DataFrame:
            return {"__table__": {"columns": plain([str(c) for c in value.columns], depth + 1),
                                  "index": plain(value.index.tolist(), depth + 1),
                                  "data": plain(value.to_numpy().tolist(), depth + 1)}}
        raise NotPlain(kind.__qualname__)

    def describe(value):
        kind = type(value)
        for base in (int, float, str, list, dict, tuple):
            if issubclass(kind, base) and kind is not base and kind.__module__ != "numpy":
                overridden = [m for m in ("__eq__", "__ne__", "__float__", "__lt__", "__gt__")
                              if any(m in vars(c) for c in kind.__mro__[:-2] if c is not base)]
                if overridden:
                    note(f"an answer is a subclass of {base.__name__} that redefines "
                         f"{', '.join(overridden)}")
        return kind.__qualname__

    def snapshot(namespace):
        answers, not_plain = {}, {}
        for name in names:
            if name not in namespace or namespace[name] is Ellipsis:  # `...`: not answered
                continue
            value = namespace[name]
            budget[0] = 0
            try:
                answers[name] = plain(value)
            except NotPlain as why:
                not_plain[name] = describe(value) if str(why) != "too large" else "too large"
            except Exception as error:  # a broken __len__ or similar: not plain data either
                not_plain[name] = type(error).__name__
        for label, (module, attribute, original) in watched.items():
            if getattr(module, attribute, None) is not original:
                note(f"replaces {label}")
        out.write(token + dumps({"answers": answers, "not_plain": not_plain,
                                 "events": events}) + "\n")
        out.flush()

    user_namespace = sys._getframe(1).f_globals
    user_namespace["_bmpl_snapshot"] = lambda: snapshot(user_namespace)
