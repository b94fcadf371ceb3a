"""A static check of the code a student wrote: what honest work never does.

Nothing is executed: each cell is parsed (IPython's ``%magics`` and ``!commands`` are turned
into Python first) and its syntax tree is searched for

* **patching**: assigning, deleting or ``setattr``-ing an attribute of anything imported
  (``np.allclose = ...``, ``np.testing.assert_allclose = ...``, ``activations.sigmoid =
  ...``), or binding an imported module's name to something else (``np = ...``);
* **forbidden imports**: the modules the notebook forbids (by default the course library's
  reference implementations and SciPy; see ``course.FORBIDDEN_IMPORTS``), by any spelling
  (``import scipy.special``, ``from actcourse import nn``);
* **tricks**: ``exec``, ``eval``, ``compile``, ``__import__``, ``globals()``, ``open()``,
  ``get_ipython()``, ``sys.modules`` and the other interpreter hooks, the modules that reach
  into the interpreter or the machine (``builtins``, ``ctypes``, ``gc``, ``inspect``,
  ``importlib``, ``os``, ``subprocess``, ``socket``, ``signal``, ...), introspection through
  dunder attributes (``f.__globals__``, ``obj.__class__.__subclasses__``, frames), and shell
  commands or magics other than ``%time``/``%timeit``/``%matplotlib``.

A flag is a reason for a person to look, not a verdict: the grader records it in the CSV
status (``flagged: ...``) and as a comment in the formgrader, and grades the code as usual.
The check cannot be complete (Python is too dynamic for that); the grade does not depend on
it, because the tests that award points run outside the student's process (``trusted``).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import re

from actcourse.grading import course

#: Modules honest work in this course never imports.
DANGEROUS_MODULES = {
    "builtins": "the interpreter's builtins",
    "ctypes": "raw memory access",
    "cffi": "raw memory access",
    "gc": "the garbage collector (reaches any object)",
    "inspect": "introspection",
    "importlib": "dynamic imports",
    "imp": "dynamic imports",
    "runpy": "running other code",
    "code": "running other code",
    "codeop": "running other code",
    "os": "the operating system",
    "posix": "the operating system",
    "sys": None,  # only some attributes are suspicious, see SYS_ATTRIBUTES
    "subprocess": "starting programs",
    "pty": "starting programs",
    "multiprocessing": "starting processes",
    "concurrent": "threads and processes",
    "threading": "threads",
    "_thread": "threads",
    "signal": "signals",
    "socket": "the network",
    "ssl": "the network",
    "http": "the network",
    "urllib": "the network",
    "requests": "the network",
    "shutil": "the file system",
    "pathlib": "the file system",
    "tempfile": "the file system",
    "glob": "the file system",
    "resource": "resource limits",
    "faulthandler": "interpreter hooks",
    "atexit": "interpreter hooks",
    "sysconfig": "the installation",
    "site": "the installation",
    "pickle": "object reconstruction",
    "marshal": "code objects",
    "dis": "code objects",
    "types": "building functions from code objects",
    "unittest": "mocking (unittest.mock)",
    "pytest": "the test framework",
    "IPython": "the notebook's own machinery",
    "ipykernel": "the notebook's own machinery",
    "jupyter_client": "the notebook's own machinery",
    "zmq": "the notebook's own machinery",
    "nbformat": "notebook files",
    "nbgrader": "the grader",
    "nbclient": "the grader",
    "actcourse.grading": "the grader",
}
#: ``sys`` attributes that reach into the interpreter.
SYS_ATTRIBUTES = {
    "modules", "_getframe", "settrace", "setprofile", "meta_path", "path_hooks",
    "path_importer_cache", "addaudithook", "excepthook", "displayhook", "stdout", "stderr",
    "stdin", "__stdout__", "__stderr__", "exit", "setrecursionlimit", "_current_frames",
    "set_asyncgen_hooks", "breakpointhook", "path", "builtin_module_names", "call_tracing",
}  # fmt: skip
#: Builtins that run or reach code by name.
DANGEROUS_CALLS = {
    "exec": "exec()",
    "eval": "eval()",
    "compile": "compile()",
    "__import__": "__import__()",
    "globals": "globals()",
    "locals": "locals()",
    "vars": "vars()",
    "open": "open() (file access)",
    "breakpoint": "breakpoint()",
    "exit": "exit() (stops the kernel)",
    "quit": "quit() (stops the kernel)",
    "input": "input()",
    "get_ipython": "get_ipython() (the notebook's machinery)",
    "memoryview": "memoryview()",
}
#: Names that are themselves a way in.
DANGEROUS_NAMES = {
    "__builtins__",
    "__loader__",
    "__spec__",
    "__import__",
    "_ih",
    "_oh",
    "In",
    "Out",
}
#: Attributes for introspection (dunders, frames, code objects).
DANGEROUS_ATTRIBUTES = {
    "__globals__", "__code__", "__closure__", "__builtins__", "__dict__", "__class__",
    "__bases__", "__base__", "__mro__", "__subclasses__", "__getattribute__", "__setattr__",
    "__delattr__", "__func__", "__self__", "__import__", "__loader__", "__spec__",
    "__kwdefaults__", "__defaults__", "__wrapped__", "__reduce__", "__reduce_ex__",
    "__getattr__", "__init_subclass__", "__set_name__", "__class_getitem__",
    "f_globals", "f_locals", "f_back", "f_builtins", "f_code", "tb_frame", "tb_next",
    "gi_frame", "gi_code", "cr_frame", "ag_frame", "co_code", "co_consts", "func_globals",
}  # fmt: skip
#: Magics that only time or display (``%timeit expr`` is checked as code).
ALLOWED_MAGICS = {"time", "timeit", "matplotlib", "precision", "pprint"}


@dataclasses.dataclass(frozen=True)
class Flag:
    cell: str  # grade_id, or "cell N" (1-based, as a person counts)
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.reason} ({self.cell}, line {self.line})"


def _parse(source: str) -> ast.Module:
    """The cell's syntax tree; IPython syntax (``%magic``, ``!cmd``, ``x?``) first becomes
    the Python IPython would run. Raises SyntaxError for a cell that is neither."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.parse(_transform(source))


def _transform(source: str) -> str:
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython is installed with ipykernel
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _root(node: ast.AST) -> ast.AST:
    """The object an attribute/subscript chain starts from: ``np`` in ``np.testing.x[0]``."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _is_module(path: str) -> bool:
    try:
        return importlib.util.find_spec(path) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def _forbidden(module: str, forbidden: tuple[str, ...]) -> str | None:
    for f in forbidden:
        if module == f or module.startswith(f + "."):
            return f
    return None


def _dangerous_module(module: str) -> str | None:
    for name, why in DANGEROUS_MODULES.items():
        if why and (module == name or module.startswith(name + ".")):
            return f"imports {module} ({why})"
    return None


class _Visitor(ast.NodeVisitor):
    def __init__(self, label, imported, modules, forbidden, raw, borrowed=frozenset()):
        self.label, self.imported, self.modules = label, imported, modules
        self.forbidden, self.raw = forbidden, raw
        #: names that cells other than the student's imported (a test cell's `activations`)
        self.borrowed = borrowed
        self.flags: list[Flag] = []
        self.function_depth = 0
        self.globals_declared: set[str] = set()

    def flag(self, node, reason):
        self.flags.append(Flag(self.label, getattr(node, "lineno", 0), reason))

    # -- imports -----------------------------------------------------------------------
    def _check_import(self, node, module):
        if (hit := _forbidden(module, self.forbidden)) is not None:
            self.flag(node, f"imports {module} (the notebook forbids {hit})")
        elif (why := _dangerous_module(module)) is not None:
            self.flag(node, why)

    def visit_Import(self, node):
        for alias in node.names:
            self._check_import(node, alias.name)

    def visit_ImportFrom(self, node):
        if node.level:
            self.flag(node, "relative import")
            return
        module = node.module or ""
        self._check_import(node, module)
        for alias in node.names:
            full = f"{module}.{alias.name}"
            if alias.name == "*":
                continue
            if module == "sys" and alias.name in SYS_ATTRIBUTES:
                self.flag(node, f"imports sys.{alias.name} (the interpreter's machinery)")
            if _forbidden(module, self.forbidden) is None and _forbidden(full, self.forbidden):
                self.flag(node, f"imports {full} (the notebook forbids it)")
            elif _dangerous_module(module) is None and (why := _dangerous_module(full)):
                self.flag(node, why)

    # -- patching ----------------------------------------------------------------------
    def _check_store(self, target, node, verb="assigns"):
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._check_store(element, node, verb)
            return
        if isinstance(target, ast.Starred):
            self._check_store(target.value, node, verb)
            return
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            root = _root(target)
            if isinstance(root, ast.Name) and root.id in self.imported:
                self.flag(node, f"{verb} {ast.unparse(target)} (patches an imported module)")
        elif isinstance(target, ast.Name) and target.id in self.modules:
            at_top = self.function_depth == 0 or target.id in self.globals_declared
            if at_top:
                self.flag(node, f"{verb} the module name {target.id}")

    def visit_Assign(self, node):
        for target in node.targets:
            self._check_store(target, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._check_store(node.target, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._check_store(node.target, node)
        self.generic_visit(node)

    def visit_Delete(self, node):
        for target in node.targets:
            self._check_store(target, node, "deletes")
        self.generic_visit(node)

    def visit_For(self, node):
        self._check_store(node.target, node)
        self.generic_visit(node)

    def visit_With(self, node):
        for item in node.items:
            if item.optional_vars is not None:
                self._check_store(item.optional_vars, node)
        self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self._check_store(node.target, node)
        self.generic_visit(node)

    def visit_Global(self, node):
        self.globals_declared.update(node.names)

    def _scoped(self, node):
        if self.function_depth == 0 and node.name in self.modules:
            self.flag(node, f"defines {node.name}, the name of an imported module")
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _scoped

    def visit_ClassDef(self, node):
        if self.function_depth == 0 and node.name in self.modules:
            self.flag(node, f"defines {node.name}, the name of an imported module")
        self.generic_visit(node)

    def visit_Lambda(self, node):
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    # -- tricks ------------------------------------------------------------------------
    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name):
            if func.id in ("setattr", "delattr") and node.args:
                root = _root(node.args[0])
                if isinstance(root, ast.Name) and root.id in self.imported:
                    self.flag(
                        node, f"{func.id}() on {ast.unparse(node.args[0])} (patches a module)"
                    )
            if func.id in ("getattr", "setattr", "delattr", "hasattr") and len(node.args) >= 2:
                name = node.args[1]
                if isinstance(name, ast.Constant) and isinstance(name.value, str):
                    if name.value in DANGEROUS_ATTRIBUTES or name.value in DANGEROUS_NAMES:
                        self.flag(node, f"{func.id}() of {name.value}")
                elif func.id == "getattr":
                    root = _root(node.args[0])
                    if isinstance(root, ast.Name) and root.id in self.imported:
                        self.flag(node, "getattr() of a module with a computed name")
            if func.id in DANGEROUS_CALLS and func.id not in self.imported:
                if func.id != "get_ipython" or "get_ipython" in self.raw:
                    self.flag(node, DANGEROUS_CALLS[func.id])
        self._check_magic(node)
        self.generic_visit(node)

    def _check_magic(self, node):
        """``get_ipython().run_line_magic(...)`` etc., as IPython's transformer writes them."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)):
            return
        inner = func.value.func
        if not (isinstance(inner, ast.Name) and inner.id == "get_ipython"):
            return
        if "get_ipython" in self.raw:
            return  # written by hand: already flagged as get_ipython()
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        if func.attr in ("run_line_magic", "run_cell_magic") and args and args[0] in ALLOWED_MAGICS:
            code = args[-1] if func.attr == "run_cell_magic" else args[1] if len(args) > 1 else ""
            if args[0] in ("time", "timeit") and isinstance(code, str):
                code = re.sub(r"^(\s*-\w(\s+\d+)?)+\s", "", code)  # timeit's -n 10 -r 3
                for flag in check_source(
                    code, self.label, self.imported, self.modules, self.forbidden
                ):
                    self.flags.append(dataclasses.replace(flag, line=node.lineno))
            return
        what = args[0] if args and isinstance(args[0], str) else func.attr
        if func.attr in ("system", "getoutput"):
            self.flag(node, f"shell command !{what}")
        else:
            self.flag(node, f"IPython magic %{what}")

    def visit_Name(self, node):
        if node.id in DANGEROUS_NAMES:
            self.flag(node, f"uses {node.id}")
        elif isinstance(node.ctx, ast.Load) and node.id in self.borrowed:
            # a forbidden module a test cell imported is in the notebook's namespace too
            module = self.imported[node.id]
            if (hit := _forbidden(module, self.forbidden)) is not None:
                self.flag(node, f"uses {node.id} ({module}; the notebook forbids {hit})")
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if node.attr in DANGEROUS_ATTRIBUTES:
            self.flag(node, f"introspection through .{node.attr}")
        if (
            isinstance(node.value, ast.Name)
            and self.modules.get(node.value.id) == "sys"
            and node.attr in SYS_ATTRIBUTES
        ):
            self.flag(node, f"sys.{node.attr} (the interpreter's machinery)")
        self.generic_visit(node)


def imported_names(sources) -> tuple[dict[str, str], dict[str, str]]:
    """``(imported, modules)``: every name an import binds in these cells, with what it
    names; and the subset that names a module."""
    imported: dict[str, str] = {}
    for source in sources:
        try:
            tree = _parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    imported[bound] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    modules = {name: path for name, path in imported.items() if _is_module(path)}
    return imported, modules


def check_source(source, label, imported, modules, forbidden, borrowed=frozenset()) -> list[Flag]:
    """Flags in one cell's source (an unparsable cell has none: it fails when it runs).
    ``borrowed``: names imported by the notebook's other cells whose use counts as an import
    (checked in answer cells only)."""
    try:
        tree = _parse(source)
    except SyntaxError:
        return []
    visitor = _Visitor(label, imported, modules, forbidden, source, borrowed)
    visitor.visit(tree)
    return visitor.flags


def student_cells(submission, source) -> list[tuple[str, str, bool]]:
    """``(label, source, is_answer)`` of every code cell the student wrote: answer cells,
    cells the student added, and unlocked cells whose code the student changed. Test cells
    are left out: nbgrader puts the original back before grading."""
    original = {}
    for cell in source.cells:
        if cell.cell_type == "code":
            original[cell.get("id")] = cell.source
    originals = set(original.values())
    cells = []
    for i, cell in enumerate(submission.cells, start=1):
        if cell.cell_type != "code" or course.is_test_cell(cell):
            continue
        meta = course.nbgrader_meta(cell)
        label = meta.get("grade_id") or f"cell {i}"
        if meta.get("solution") or cell.source not in originals:
            cells.append((label, cell.source, bool(meta.get("solution"))))
    return cells


def check_notebook(submission, source, forbidden=None) -> list[Flag]:
    """Every flag in the code the student wrote, in notebook order."""
    forbidden = course.forbidden_imports(source) if forbidden is None else forbidden
    everything = [c.source for c in submission.cells if c.cell_type == "code"]
    everything += [c.source for c in source.cells if c.cell_type == "code"]
    imported, modules = imported_names(everything)
    mine = student_cells(submission, source)
    own, _ = imported_names([text for _, text, _ in mine])
    borrowed = frozenset(
        name
        for name, module in imported.items()
        if name not in own and _forbidden(module, forbidden) is not None
    )
    flags = []
    for label, text, is_answer in mine:
        flags += check_source(
            text, label, imported, modules, forbidden, borrowed if is_answer else frozenset()
        )
    return flags
