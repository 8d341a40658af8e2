"""Python code (SPEC 2.3, issue 5): golden pairs `golden/python/<case>.in.py` -> `<case>.out.py`
(an input without .out must stay byte-identical) and `<case>.records` (what is reported);
then the shapes one by one, the safety checks, dependency pins, and rewritten Hera examples
executed with Hera.

    python tests/test_python.py   # (re)writes the .out.py and .records files from the current code
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import GOLDEN  # noqa: E402

pytest.importorskip("libcst")

from argoconvert.pipeline import Converter  # noqa: E402
from argoconvert.migrations import LATEST, select_rules
from argoconvert.python import may_hold_argo  # noqa: E402
from argoconvert.records import FileResult  # noqa: E402
from argoconvert.source import Source  # noqa: E402

CASES = GOLDEN / "python"
INPUTS = sorted(CASES.glob("*.in.py"))
ALL_RULES = Converter(select_rules(None, None, LATEST))


def convert_file(path: Path, converter: Converter = ALL_RULES) -> FileResult:
    """What the engine does with a *.py file: bytes in, a FileResult out."""
    return converter.convert(Source.from_bytes(str(path), path.read_bytes()))


def convert_text(text: str, converter: Converter = ALL_RULES, path: str = "example.py") -> FileResult:
    return converter.convert(Source.from_bytes(path, text.encode()))


def output_text(result: FileResult) -> str:
    assert result.error is None, result.error
    return result.output.decode() if result.output is not None else result.original.decode()


def expected_output(path: Path) -> Path:
    out = path.with_name(path.name.replace(".in.py", ".out.py"))
    return out if out.exists() else path


def records_text(result: FileResult) -> str:
    lines = []
    for r in result.records:
        state = "applied" if r.applied else ("not-applied" if r.fixable else "manual")
        lines.append(f"{r.line}:{r.column} {r.rule} [{state}] {r.object} {r.path}: {r.message}")
    return "".join(line + "\n" for line in lines)


def records_file(path: Path) -> Path:
    return path.with_name(path.name.replace(".in.py", ".records"))


# -- golden pairs ---------------------------------------------------------------------
@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(path):
    result = convert_file(path)
    assert result.error is None, result.error
    produced = result.output if result.output is not None else path.read_bytes()
    assert produced == expected_output(path).read_bytes()
    expected_records = records_file(path).read_text() if records_file(path).exists() else ""
    assert records_text(result) == expected_records


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden_output_is_a_fixed_point_that_compiles(path):
    out = expected_output(path)
    result = convert_file(out)
    assert result.error is None and result.output is None
    assert not result.changes
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(out.read_bytes(), str(out), "exec")


def test_golden_cases_cover_every_shape():
    names = {p.name.split(".")[0] for p in INPUTS}
    for prefix in ("hera-cron", "hera-models", "sdk-", "dict-", "lookalike-", "star-import", "ambiguous-import",
                   "hera-priorities", "format-", "v4-", "yaml-string", "dict-typed-", "dict-from-dict",
                   "hera-attribute-writes", "names-", "hera4-", "argo-dsl", "assertions-"):
        assert any(name.startswith(prefix) for name in names), prefix


def test_lookalikes_and_v4_are_untouched_and_silent():
    for path in INPUTS:
        if path.name.startswith(("lookalike-", "v4-", "dict-v4")):
            result = convert_file(path)
            assert result.output is None and result.records == [] and result.error is None, path.name


def test_changed_lines_are_only_the_migrated_ones():
    """Every block of changed lines held a legacy keyword or key (an added block holds a new
    one); no changed line still holds a legacy keyword or key."""
    import difflib
    import re

    singular = re.compile(r"""\b(?:schedule|mutex|semaphore)\s*=(?!=)|["']?\b(?:schedule|mutex|semaphore)["']?\s*:""")
    for path in INPUTS:
        out = expected_output(path)
        if out == path:
            continue
        before = path.read_text(encoding="utf-8-sig").splitlines()
        after = out.read_text(encoding="utf-8-sig").splitlines()
        applied = {r.line for r in convert_file(path).records if r.applied}
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            removed, added = "\n".join(before[i1:i2]), "\n".join(after[j1:j2])
            if removed.strip(" \t\n)]},"):  # a closing bracket may gain the wrapping list's `]`
                assert re.search(r"schedule|mutex|semaphore", removed) or applied & set(range(i1 + 1, i2 + 1)), \
                    (path.name, removed)
            elif not removed:
                assert re.search(r"schedules|mutexes|semaphores|timezone", added), (path.name, added)
            assert not singular.search(added), (path.name, added)


# -- the shapes, one by one ----------------------------------------------------------------
def rewritten(code: str) -> str:
    return output_text(convert_text(code))


HERA = "from hera.workflows import CronWorkflow\n"


def test_hera_cron_schedule_becomes_a_list():
    assert rewritten(HERA + 'c = CronWorkflow(name="n", schedule="0 0 * * *")\n') == \
        HERA + 'c = CronWorkflow(name="n", schedules=["0 0 * * *"])\n'


@pytest.mark.parametrize("imports, call", [
    ("from hera.workflows import CronWorkflow as CW", "CW"),
    ("import hera.workflows as hw", "hw.CronWorkflow"),
    ("import hera.workflows", "hera.workflows.CronWorkflow"),
    ("from hera import workflows", "workflows.CronWorkflow"),
    ("from hera.workflows.cron_workflow import CronWorkflow", "CronWorkflow"),
    ("from hera.workflows import cron_workflow", "cron_workflow.CronWorkflow"),
])
def test_hera_cron_alias_forms(imports, call):
    code = f"{imports}\n\n\ndef f():\n    return {call}(schedule=S)\n"
    assert rewritten(code) == code.replace("schedule=S", "schedules=[S]")


def test_import_inside_a_function_only_counts_there():
    code = ("def a():\n    from hera.workflows import CronWorkflow\n    return CronWorkflow(schedule=S)\n\n\n"
            "def b():\n    return CronWorkflow(schedule=S)\n")
    result = convert_text(code)
    assert output_text(result) == code.replace("CronWorkflow(schedule=S)\n\n", "CronWorkflow(schedules=[S])\n\n", 1)
    assert [(r.line, r.applied) for r in result.records] == [(3, True)]


def test_a_name_that_may_be_a_local_class_too_is_reported():
    result = convert_text(HERA + "class CronWorkflow:\n    pass\nCronWorkflow(schedule='x')\n")
    assert result.output is None
    (record,) = result.records
    assert not record.applied and "a CronWorkflow of this file" in record.message


@pytest.mark.parametrize("code", [
    "import hera\nclass CronWorkflow:\n    pass\nCronWorkflow(schedule='x')\n",
    "import hera\nfrom mylib import CronWorkflow\nCronWorkflow(schedule='x')\n",
    "import hera\nfrom hera.events.models import CalendarEventSource\nCalendarEventSource(schedule='x')\n",
    "import hera\nfrom mylib import Synchronization\nSynchronization(mutex=1, semaphore=2)\n",
    "import hera\nimport schedule\nschedule.every(1).do(job, schedule='x')\n",
    "from hera.workflows import models\nclass M:\n    Synchronization = dict\nM.Synchronization(mutex=1)\n",
])
def test_lookalikes_stay_byte_identical_and_silent(code):
    result = convert_text(code)
    assert result.output is None and result.records == [] and result.error is None


def test_both_schedule_and_schedules_is_reported_not_edited():
    result = convert_text(HERA + 'CronWorkflow(schedule="a", schedules=["b"])\n')
    assert result.output is None
    (record,) = result.records
    assert (record.rule, record.line, record.column, record.applied, record.fixable) == \
        ("cron-schedules", 2, 14, False, False)


@pytest.mark.parametrize("value", ["None", '""', '"  "', '"CRON_TZ=UTC 0 0 * * *"', '["x"]', "(a, b)"])
def test_unwrappable_schedule_values_are_reported(value):
    result = convert_text(HERA + f"CronWorkflow(schedule={value})\n")
    assert result.output is None
    assert [(r.rule, r.applied) for r in result.records] == [("cron-schedules", False)]


def test_a_tuple_value_is_never_wrapped_inside_its_parentheses():
    code = "from hera.workflows.models import Synchronization\nSynchronization(mutex=(m))\n"
    assert rewritten(code) == code.replace("mutex=(m)", "mutexes=[(m)]")


def test_non_literal_values_get_a_review_note():
    (record,) = convert_text(HERA + "CronWorkflow(schedule=settings.SCHEDULE)\n").records
    assert record.applied and "must not be None" in record.message


def test_kwargs_spread_without_the_keyword_is_reported():
    result = convert_text(HERA + "CronWorkflow(name='n', **options)\n")
    assert result.output is None
    (record,) = result.records
    assert (record.rule, record.line, record.column, record.applied) == ("cron-schedules", 2, 24, False)
    assert "**options" in record.message


MODELS = "from hera.workflows.models import Mutex, SemaphoreRef, Synchronization\n"


@pytest.mark.parametrize("before, after", [
    ("Synchronization(mutex=Mutex(name='a'))", "Synchronization(mutexes=[Mutex(name='a')])"),
    ("Synchronization(semaphore=SemaphoreRef())", "Synchronization(semaphores=[SemaphoreRef()])"),
    ("Synchronization(mutexes=[Mutex(name='a')], mutex=Mutex(name='b'))",
     "Synchronization(mutexes=[Mutex(name='a'), Mutex(name='b')])"),
    ("Synchronization(mutex=Mutex(name='b'), mutexes=[Mutex(name='a')])",
     "Synchronization(mutexes=[Mutex(name='a'), Mutex(name='b')])"),
    ("Synchronization(mutex=Mutex(name='b'), mutexes=[])", "Synchronization(mutexes=[Mutex(name='b')])"),
    ("Synchronization(mutex=Mutex(name='a'), mutexes=[Mutex(name='a')])", "Synchronization(mutexes=[Mutex(name='a')])"),
    ("Synchronization(mutex=M, semaphore=S, mutexes=[A], semaphores=[B])",
     "Synchronization(mutexes=[A, M], semaphores=[B, S])"),
])
def test_model_synchronization(before, after):
    assert rewritten(MODELS + before + "\n") == MODELS + after + "\n"


@pytest.mark.parametrize("imports, name", [
    ("import hera.workflows.models as m", "m.Synchronization"),
    ("from hera.workflows import models as m", "m.Synchronization"),
    ("from hera.workflows.models.io.argoproj.workflow.v1alpha1 import Synchronization", "Synchronization"),
    ("from argo_workflows.models import IoArgoprojWorkflowV1alpha1Synchronization as S", "S"),
    ("import argo_workflows.models as am", "am.IoArgoprojWorkflowV1alpha1Synchronization"),
    ("from argo_workflows.model.io_argoproj_workflow_v1alpha1_synchronization import "
     "IoArgoprojWorkflowV1alpha1Synchronization", "IoArgoprojWorkflowV1alpha1Synchronization"),
])
def test_synchronization_alias_forms(imports, name):
    code = f"{imports}\nx = {name}(mutex=M)\n"
    assert rewritten(code) == code.replace("mutex=M", "mutexes=[M]")


def test_plural_that_is_not_a_list_literal_is_reported():
    result = convert_text(MODELS + "Synchronization(mutex=M, mutexes=EXISTING)\n")
    assert result.output is None
    assert [(r.rule, r.applied) for r in result.records] == [("sync-mutexes", False)]


@pytest.mark.parametrize("before, after", [
    ('CronWorkflowSpec(schedule="x", workflow_spec=w)', 'CronWorkflowSpec(schedules=["x"], workflow_spec=w)'),
])
def test_model_cron_spec(before, after):
    code = "from hera.workflows.models import CronWorkflowSpec\n"
    assert rewritten(code + before + "\n") == code + after + "\n"


SDK = "from argo_workflows.models import IoArgoprojWorkflowV1alpha1CronWorkflowSpec as Spec\n"


@pytest.mark.parametrize("before, after", [
    ('Spec("x", w)', 'Spec(schedules=["x"], workflow_spec=w)'),
    ('Spec("x", workflow_spec=w)', 'Spec(schedules=["x"], workflow_spec=w)'),
    ('Spec(schedule="x", workflow_spec=w)', 'Spec(schedules=["x"], workflow_spec=w)'),
])
def test_old_sdk_cron_spec_positional_and_keywords(before, after):
    assert rewritten(SDK + before + "\n") == SDK + after + "\n"


@pytest.mark.parametrize("call", ['Spec("x", w, z)', 'Spec(*args)', 'Spec(None, w)', 'Spec("x", w, schedules=[])'])
def test_old_sdk_positional_forms_that_are_reported(call):
    result = convert_text(SDK + call + "\n")
    assert result.output is None
    assert [r.applied for r in result.records] == [False]


def test_priorities_are_reported_at_their_keyword():
    result = convert_file(CASES / "hera-priorities.in.py")
    assert result.output is None
    assert sorted((r.rule, r.line) for r in result.records) == [
        ("pod-priority", 10), ("pod-priority", 14), ("template-priority", 5),
        ("template-priority", 11), ("template-priority", 12)]
    assert all(not r.applied and not r.fixable for r in result.records)


def test_star_import_calls_are_reported():
    result = convert_file(CASES / "star-import.in.py")
    assert result.output is None
    assert [(r.rule, r.line, r.column) for r in result.records] == [("cron-schedules", 5, 37), ("sync-mutexes", 6, 24)]


# -- dict literals -------------------------------------------------------------------------
def test_dict_literal_records_name_the_object_and_path():
    result = convert_file(CASES / "dict-cronworkflow.in.py")
    assert [(r.rule, r.object, r.path, r.line, r.column, r.applied) for r in result.records] == [
        ("cron-schedules", "CronWorkflow/nightly", "spec.schedule", 9, 9, True),
        ("cron-schedules", "CronWorkflow/nightly", "spec.timezone", 9, 9, True),
        ("sync-mutexes", "CronWorkflow/nightly", "spec.workflowSpec.synchronization.mutex", 13, 33, True),
    ]


def _argo_dicts(text: str) -> list[dict]:
    """The Argo dict literals of a file, outermost first, read with Python's own ast."""
    import ast

    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Dict):
            try:
                value = ast.literal_eval(node)
            except ValueError:
                continue
            if str(value.get("apiVersion", "")).startswith("argoproj.io/") and value.get("kind") in (
                    "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "Sensor"):
                found.append(value)
    return found


DICT_CASES = [p for p in INPUTS if p.name.startswith("dict-") and expected_output(p) != p]


@pytest.mark.parametrize("path", DICT_CASES, ids=[p.name for p in DICT_CASES])
def test_dict_literals_mean_what_the_yaml_engine_makes_of_them(path):
    """An independent check: each rewritten dict equals the YAML engine's conversion of the
    same manifest (dumped to YAML, converted, loaded)."""
    import yaml

    before = _argo_dicts(path.read_text(encoding="utf-8-sig"))
    after = _argo_dicts(expected_output(path).read_text(encoding="utf-8-sig"))
    assert len(before) == len(after)
    for old, new in zip(before, after):
        converted = ALL_RULES.convert(Source.from_bytes("x.yaml", yaml.safe_dump(old, sort_keys=False).encode()))
        assert converted.error is None
        assert yaml.safe_load(converted.output if converted.output is not None else converted.original) == new


def test_dict_with_code_is_rewritten_only_where_the_rule_reads_literals():
    result = convert_file(CASES / "dict-with-code.in.py")
    assert [(r.line, r.rule, r.applied) for r in result.records] == [
        (8, "sync-mutexes", True), (12, "cron-schedules", True), (17, "cron-schedules", False),
        (18, "sync-mutexes", False), (21, "cron-schedules", False), (22, "cron-schedules", False)]
    assert all("not rewritten" in r.message for r in result.records if not r.applied)


def test_a_spread_beside_the_key_blocks_the_change():
    code = 'W = {"apiVersion": "argoproj.io/v1", "kind": "Workflow", "spec": {"synchronization": {**S, "mutex": 1}}}\n'
    result = convert_text(code)
    assert result.output is None
    semaphore, mutex = result.records  # **S may carry a semaphore too
    assert "**S" in mutex.message and not mutex.applied and mutex.rule == "sync-mutexes"
    assert semaphore.rule == "sync-semaphores" and semaphore.message.startswith("**S may carry")


def test_a_repeated_key_is_read_as_python_does_the_last_one_counts():
    code = ('W = {"apiVersion": "argoproj.io/v1", "kind": "Workflow", "spec": {"synchronization": {"mutexes": []}},\n'
            '     "spec": {"synchronization": {"mutex": 1}}}\n')
    result = convert_text(code)
    assert output_text(result) == code.replace('"mutex": 1', '"mutexes": [1]')
    assert [(r.line, r.applied) for r in result.records] == [(2, True)]


def test_dict_key_quotes_are_kept():
    code = "W = {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Workflow', 'spec': {'synchronization': {'mutex': 1}}}\n"
    assert rewritten(code) == code.replace("'mutex': 1", "'mutexes': [1]")


# -- YAML manifests in string literals ----------------------------------------------------
def test_yaml_string_is_converted_by_the_yaml_engine_in_place():
    code = 'import yaml\nW = yaml.safe_load("""\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n' \
           '  synchronization:\n    mutex:\n      name: a\n""")\n'
    result = convert_text(code)
    assert output_text(result) == code.replace("    mutex:\n      name: a", "    mutexes:\n      - name: a")
    (record,) = result.records
    assert (record.rule, record.line, record.column, record.applied) == ("sync-mutexes", 7, 5, True)


@pytest.mark.parametrize("code, what", [
    ('f"""\napiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: {S}\n"""', "f-string"),
    ('"""\napiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: {s}\n""".format(s=S)', ".format()"),
    ('"""\napiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: %s\n""" % S', "%"),
    ('"apiVersion: argoproj.io/v1alpha1\\nkind: CronWorkflow\\nspec:\\n  schedule: x\\n"', "escapes"),
    ('("apiVersion: argoproj.io/v1alpha1\\n" "kind: CronWorkflow\\n" "spec:\\n  schedule: x\\n")', "concatenation"),
])
def test_yaml_strings_that_cannot_be_converted_in_place_are_reported(code, what):
    result = convert_text("import yaml\nX = " + code + "\n")
    assert result.output is None
    (record,) = result.records
    assert record.rule == "cron-schedules" and not record.applied and what in record.message


@pytest.mark.parametrize("code", [
    '"""Docs.\n\napiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: x\n"""\n',  # a docstring
    'import yaml\nX = """\napiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  schedule: x\n"""\n',
    'import yaml\nX = """\nkind: CronWorkflow\nspec:\n  schedule: x\n"""\n',  # no Argo group
])
def test_strings_that_are_not_argo_manifests_stay_and_are_silent(code):
    result = convert_text(code)
    assert result.output is None and result.records == [] and result.error is None


# -- dicts passed to Argo classes -------------------------------------------------------------
@pytest.mark.parametrize("code, before, after", [
    ("from hera.workflows import CronWorkflow\nCronWorkflow(name='n', synchronization=D)\n",
     '{"mutex": {"name": "a"}}', '{"mutexes": [{"name": "a"}]}'),
    ("from hera.workflows import Script\nScript(name='s', synchronization=D)\n",
     "{'semaphore': {'configMapKeyRef': {'key': 'k'}}}", "{'semaphores': [{'configMapKeyRef': {'key': 'k'}}]}"),
    ("from hera.workflows.models import Template\nTemplate(name='t', synchronization=D)\n",
     '{"mutex": {"name": "a"}, "mutexes": []}', '{"mutexes": [{"name": "a"}]}'),
    ("from hera.workflows.models import CronWorkflowSpec\nCronWorkflowSpec(workflow_spec=D)\n",
     '{"synchronization": {"mutex": {"name": "a"}}}', '{"synchronization": {"mutexes": [{"name": "a"}]}}'),
    ("from hera.workflows.models import Synchronization\nSynchronization.from_dict(D)\n",
     '{"mutex": {"name": "a"}}', '{"mutexes": [{"name": "a"}]}'),
    ("import hera.workflows.models as m\nm.CronWorkflowSpec.model_validate(D)\n",
     '{"schedule": "0 0 * * *"}', '{"schedules": ["0 0 * * *"]}'),
    ("from argo_workflows.models import IoArgoprojWorkflowV1alpha1WorkflowSpec as Spec\nSpec.from_dict(D)\n",
     '{"synchronization": {"semaphore": {"configMapKeyRef": {"key": "k"}}}}',
     '{"synchronization": {"semaphores": [{"configMapKeyRef": {"key": "k"}}]}}'),
    ("from hera.workflows import WorkflowTemplate\nWorkflowTemplate.from_dict(D)\n",
     '{"spec": {"templates": [{"name": "t", "synchronization": {"mutex": {"name": "a"}}}]}}',
     '{"spec": {"templates": [{"name": "t", "synchronization": {"mutexes": [{"name": "a"}]}}]}}'),
])
def test_dicts_passed_to_argo_classes_are_rewritten_in_their_scope(code, before, after):
    result = convert_text(code.replace("D", before))
    assert output_text(result) == code.replace("D", after)
    assert result.records and all(r.applied for r in result.records)


@pytest.mark.parametrize("code", [
    "from hera.workflows import CronWorkflow\nCronWorkflow(name='n', labels={'mutex': 'x'})\n",  # not a typed keyword
    "from hera.workflows.models import Synchronization\nSynchronization.from_dict(D, {'mutex': 1})\n",
    "from mylib import Synchronization\nimport hera\nSynchronization.from_dict({'mutex': {'name': 'a'}})\n",
    "from hera.workflows import models\ndef f(models):\n    return models.Synchronization.from_dict({'mutex': 1})\n",
    "from hera.workflows.models import Synchronization\nSynchronization.to_dict({'mutex': {'name': 'a'}})\n",
])
def test_dicts_not_provably_given_to_an_argo_class_are_untouched_and_silent(code):
    result = convert_text(code)
    assert result.output is None and result.records == [] and result.error is None


# -- attribute writes, names, legacy APIs, assertions --------------------------------------
@pytest.mark.parametrize("code, before, after", [
    (HERA + "cw = CronWorkflow(name='n')\nX\n", "cw.schedule = '0 0 * * *'", "cw.schedules = ['0 0 * * *']"),
    (HERA + "def f():\n    with CronWorkflow(name='n') as cw:\n        X\n", "cw.schedule = S", "cw.schedules = [S]"),
    (MODELS + "lock: Synchronization = Synchronization()\nX\n", "lock.mutex = Mutex(name='m')",
     "lock.mutexes = [Mutex(name='m')]"),
    (SDK + "spec = Spec(workflow_spec=w)\nX  # later\n", "spec.schedule = '0 0 * * *'",
     "spec.schedules = ['0 0 * * *']"),
])
def test_attribute_writes_on_a_provable_object_are_rewritten(code, before, after):
    result = convert_text(code.replace("X", before))
    assert output_text(result) == code.replace("X", after)
    (record,) = result.records
    assert record.applied and record.path in ("schedule", "mutex")


@pytest.mark.parametrize("code", [
    HERA + "cw = make()\ncw.schedule = 'x'\n",  # unknown constructor
    HERA + "cw = CronWorkflow()\nif c:\n    cw = CronWorkflow()\ncw.schedule = 'x'\n",  # bound twice
    HERA + "cw = CronWorkflow(**options)\ncw.schedule = 'x'\n",  # the spread may give schedules
    HERA + "cw.schedule = 'x'\ncw = CronWorkflow()\n",  # written before it is bound
    HERA + "cw = CronWorkflow()\ndef f():\n    cw.schedule = 'x'\n",  # another scope
    HERA + "def f(cw):\n    cw.schedule = 'x'\n",
    HERA + "self.cron.schedule = 'x'\n",
])
def test_attribute_writes_that_cannot_be_proved_are_reported_with_a_fix(code):
    result = convert_text(code)
    assert result.output is None
    line = code.count("\n", 0, code.index(".schedule")) + 1
    (record,) = [r for r in result.records if r.line == line]
    assert (record.rule, record.applied, record.fixable) == ("cron-schedules", False, False)
    assert "cw.schedules" in record.message or "cron.schedules" in record.message


@pytest.mark.parametrize("code", [
    HERA + "import schedule\njob = schedule.every(1).do(f)\njob.schedule = 'x'\n",
    HERA + "import threading\nclass C:\n    def __init__(self):\n        self.mutex = threading.Lock()\n",
    HERA + "class C:\n    pass\nC().schedule = 'x'\nsettings = {}\nsettings.schedule = 1\n",
    "M = {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Workflow'}\ndef f(job):\n    job.schedule = 'x'\n",
])
def test_attribute_writes_on_other_objects_are_silent(code):
    result = convert_text(code)
    assert result.output is None and result.records == [] and result.error is None


def test_a_broken_attribute_write_edit_is_caught_by_the_verifier(monkeypatch):
    from argoconvert.python import names

    monkeypatch.setattr(names, "wrap", lambda at, value: [names.Edit(at.start(value), at.start(value), "(")])
    result = convert_text(HERA + "cw = CronWorkflow()\ncw.schedule = 'x'\n")
    assert result.output is None and "nothing written" in result.error.message


@pytest.mark.parametrize("code, line, column", [
    (HERA + "CW = CronWorkflow\nCW(schedule='x')\n", 3, 4),
    (HERA + "from functools import partial\nP = partial(CronWorkflow)\nP(name='n', schedule='x')\n", 4, 13),
    (HERA + "import functools\nfunctools.partial(CronWorkflow, schedule='x')\n", 3, 33),
])
def test_names_assigned_an_argo_class_are_reported(code, line, column):
    result = convert_text(code)
    assert result.output is None
    (record,) = result.records
    assert (record.rule, record.line, record.column, record.applied) == ("cron-schedules", line, column, False)


@pytest.mark.parametrize("code, line, column", [
    ("from hera import CronWorkflow\nCronWorkflow('n', '0 0 * * *')\n", 2, 19),
    ("import hera\nhera.CronWorkflow('n', schedule='0 0 * * *')\n", 2, 24),
    ("from argo.workflows.dsl import CronWorkflow\nclass C(CronWorkflow):\n    schedule = '0 0 * * *'\n", 3, 5),
    ("from hera.workflows import CronWorkflow\nclass C(CronWorkflow):\n    schedule: str = '0 0 * * *'\n", 3, 5),
])
def test_legacy_apis_are_reported_where_the_schedule_is(code, line, column):
    result = convert_text(code)
    assert result.output is None
    (record,) = result.records
    assert (record.rule, record.line, record.column, record.applied) == ("cron-schedules", line, column, False)
    assert "hera.workflows.CronWorkflow" in record.message or "use schedules" in record.message


@pytest.mark.parametrize("assertion, reported", [
    ('assert d["spec"]["schedule"] == "x"', ["cron-schedules"]),
    ('assert d["synchronization"].get("mutex")', ["sync-mutexes"]),
    ('assert "semaphore" in d', ["sync-semaphores"]),
    ('self.assertEqual(d["mutex"], 1)', ["sync-mutexes"]),
    ('assert "schedule" not in d', []),
    ('assert d["schedules"] == ["x"]', []),
    ('x = d["schedule"]', []),  # not an assertion
])
def test_assertions_reading_the_old_keys_are_reported(assertion, reported):
    result = convert_text(f"import hera\ndef test(d):\n    {assertion}\n")
    assert result.output is None and [r.rule for r in result.records] == reported


def test_schedule_key_reads_are_not_reported_where_kubernetes_cron_jobs_are_tested():
    code = 'import hera\n# CronJob manifests too\ndef test(d):\n    assert d["spec"]["schedule"] and d["mutex"]\n'
    assert [r.rule for r in convert_text(code).records] == ["sync-mutexes"]


def test_assertions_in_files_without_argo_are_not_looked_at():
    result = convert_text('def test(d):\n    assert d["schedule"] == "x"\n')
    assert result.output is None and result.records == []


def test_names_are_resolved_once_per_file(monkeypatch):
    """Speed: libcst's scope analysis runs on the input only; the verifier checks each edited
    node on its own (a 3,000-line Hera file: benchmarks/python_files.py)."""
    import functools

    from libcst.metadata import ScopeProvider

    runs = []
    original = ScopeProvider.visit_Module

    @functools.wraps(original)  # libcst finds a provider's visit methods by their names
    def counted(self, node):
        runs.append(node)
        return original(self, node)

    monkeypatch.setattr(ScopeProvider, "visit_Module", counted)
    result = convert_file(CASES / "hera-models-append.in.py")
    assert result.output is not None and len(runs) == 1


# -- rules, prescan, safety ----------------------------------------------------------------
def test_only_enabled_rules_apply():
    code = MODELS + "Synchronization(mutex=M, semaphore=S)\n"
    only = Converter(select_rules(["sync-semaphores"], None, LATEST))
    result = convert_text(code, only)
    assert output_text(result) == code.replace("semaphore=S", "semaphores=[S]")
    assert [r.rule for r in result.records] == ["sync-semaphores"]
    assert convert_text(code, Converter(select_rules(None, ["sync-mutexes", "sync-semaphores"], LATEST))).records == []


def test_target_version_gates_the_manual_rules():
    code = "from hera.workflows import Workflow\nWorkflow(pod_priority=1)\n"
    assert convert_text(code, Converter(select_rules(None, None, "3.6"))).records == []
    assert [r.rule for r in convert_text(code).records] == ["pod-priority"]


def test_prescan_skips_unrelated_files_without_parsing():
    assert not may_hold_argo("import schedule\nschedule.every(1)\nx = {'schedule': 1}\n")
    assert may_hold_argo("import os, hera\n")
    assert may_hold_argo("from argo_workflows.models import X\n")
    assert may_hold_argo('M = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow"}\n')
    assert not may_hold_argo('M = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application"}\n')
    broken = "def (:\n  schedule=1\n"  # not Python: not parsed, so no error either
    result = convert_text(broken)
    assert result.error is None and result.output is None and result.records == []


def test_a_file_libcst_cannot_parse_is_an_error_with_its_position():
    result = convert_text("import hera\nCronWorkflow(schedule='x')\ndef (:\n")
    assert result.output is None and result.error is not None and result.error.line == 3


def test_a_file_without_legacy_keywords_is_not_parsed():
    result = convert_text("import hera\ndef (:\n")
    assert result.error is None and result.output is None and result.records == []


@pytest.mark.parametrize("code", [
    "x = " + "[" * 3000 + "]" * 3000 + "\n",
    "x = " + "+".join(["1"] * 100_000) + "\n",  # libcst's parser would overflow its stack
])
def test_hostile_nesting_is_an_error_not_a_crash(code):
    result = convert_text("from hera.workflows import CronWorkflow\nCronWorkflow(schedule='x')\n" + code)
    assert result.output is None and result.error is not None


def test_verification_failure_returns_an_error_and_no_output(monkeypatch):
    from argoconvert.python import codemod

    monkeypatch.setattr(codemod, "wrap", lambda at, value: [codemod.Edit(at.start(value), at.start(value), "[")])
    result = convert_text(HERA + "CronWorkflow(schedule='x')\n")
    assert result.output is None and result.error is not None
    assert "nothing written" in result.error.message
    assert all(not r.applied for r in result.records)


def test_bytes_outside_the_edits_are_kept():
    for name in ("format-crlf", "format-bom-unicode", "format-tabs-no-final-newline"):
        before = (CASES / f"{name}.in.py").read_bytes()
        after = (CASES / f"{name}.out.py").read_bytes()
        assert after.replace(b'schedules=["0 0 * * *"]', b'schedule="0 0 * * *"') == before


# -- any argument order and layout: the output means what the rules say ----------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

VALUES = ["Mutex(name='a')", "M", "(M)", "None", "Mutex(\n        name='b',\n    )", "[M]", "x.y"]
PLURALS = ["[]", "[Mutex(name='a')]", "[A, B]", "[\n        A,\n    ]", "EXISTING", "[*more]"]
SEPARATORS = [", ", ",\n    ", ",  # note\n    ", " ,\n\n    "]


@st.composite
def synchronization_calls(draw):
    keys = draw(st.lists(st.sampled_from(["mutex", "mutexes", "semaphore", "semaphores", "name", "**options"]),
                         unique=True, max_size=5))
    args = []
    for key in keys:
        if key == "**options":
            args.append(("**", "options"))
        elif key.endswith("es"):
            args.append((key, draw(st.sampled_from(PLURALS))))
        elif key == "name":
            args.append((key, "'x'"))
        else:
            args.append((key, draw(st.sampled_from(VALUES))))
    args.sort(key=lambda a: a[0] == "**")  # keywords before the spread
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in args]
    trailing = draw(st.sampled_from(["", ",", ",\n"])) if args else ""
    text = "".join((sep if i else "") + (f"**{v}" if k == "**" else f"{k}={v}")
                   for i, ((k, v), sep) in enumerate(zip(args, separators)))
    return args, f"lock = Synchronization({text}{trailing})\n"


def _oracle(args):
    """The arguments after the rules, as (keyword, normalized value source)."""
    import ast

    def norm(source):
        return ast.unparse(ast.parse(source, mode="eval"))

    out = [[k, norm(v)] for k, v in args]
    for singular, plural in (("mutex", "mutexes"), ("semaphore", "semaphores")):
        keys = [k for k, _ in out]
        if singular not in keys:
            continue
        index = keys.index(singular)
        value = out[index][1]
        if value == "None" or value.startswith("["):
            continue
        if plural not in keys:
            out[index][0] = plural
            out[index][1] = f"[{value}]"
            continue
        existing = out[keys.index(plural)]
        parsed = ast.parse(existing[1], mode="eval").body
        if not isinstance(parsed, ast.List):
            continue
        items = [ast.unparse(e) for e in parsed.elts]
        if value not in items:
            existing[1] = ast.unparse(ast.List([*parsed.elts, ast.parse(value, mode="eval").body]))
        del out[index]
    return [(k, v) for k, v in out]


@settings(max_examples=150, deadline=None)
@given(synchronization_calls())
def test_any_synchronization_call_converts_to_what_the_rules_say(case):
    import ast

    args, code = case
    result = convert_text(MODELS + code)
    assert result.error is None, (code, result.error)
    out = output_text(result)
    call = ast.parse(out).body[-1].value
    got = [("**" if k.arg is None else k.arg, ast.unparse(k.value)) for k in call.keywords]
    assert got == _oracle(args), (code, out)
    assert convert_text(out).output is None


@st.composite
def cron_dicts(draw):
    spec = []
    if draw(st.booleans()):
        spec.append(("schedule", draw(st.sampled_from(
            ['"0 0 * * *"', "'CRON_TZ=UTC 0 1 * * *'", '""', "None", '" TZ=Asia/Tokyo  5 4 * * * "']))))
    if draw(st.booleans()):
        spec.append(("schedules", draw(st.sampled_from(['["1 1 * * *"]', "[]", "None"]))))
    if draw(st.booleans()):
        spec.append(("timezone", draw(st.sampled_from(['"UTC"', '""', '"Europe/Paris"']))))
    if draw(st.booleans()):
        spec.append(("concurrencyPolicy", '"Forbid"'))
    sync = draw(st.sampled_from(['{"mutex": {"name": "a"}}', '{"mutexes": [{"name": "b"}], "mutex": {"name": "a"}}',
                                 '{"mutex": {"name": "a"}, "mutexes": [{"name": "a"}]}', '{"semaphore": None}',
                                 '{"mutexes": []}']))
    spec.append(("workflowSpec", '{"synchronization": ' + sync + "}"))
    order = draw(st.permutations(spec))
    multiline = draw(st.booleans())
    trailing = draw(st.booleans())
    comment = draw(st.booleans())
    if multiline:
        lines = [f'        "{k}": {v},' + ("  # note" if comment and i == 0 else "") for i, (k, v) in enumerate(order)]
        if not trailing:
            lines[-1] = lines[-1].replace(",  # note", "  # note") if lines[-1].endswith("# note") else lines[-1][:-1]
        body = "{\n" + "\n".join(lines) + "\n    }"
    else:
        body = "{" + ", ".join(f'"{k}": {v}' for k, v in order) + (", " if trailing else "") + "}"
    return ('CRON = {\n    "apiVersion": "argoproj.io/v1alpha1",\n    "kind": "CronWorkflow",\n    "spec": '
            + body + ",\n}\n")


@settings(max_examples=150, deadline=None)
@given(cron_dicts())
def test_any_cron_dict_literal_converts_like_its_yaml(code):
    import ast
    import yaml

    result = convert_text(code)
    assert result.error is None, (code, result.error)
    before = ast.literal_eval(code.split("= ", 1)[1])
    after = ast.literal_eval(output_text(result).split("= ", 1)[1])
    if result.output is None and any("not fixed" in r.message for r in result.records):
        return  # reported instead: the edits could not be placed safely
    converted = ALL_RULES.convert(Source.from_bytes("x.yaml", yaml.safe_dump(before, sort_keys=False).encode()))
    assert yaml.safe_load(converted.output if converted.output is not None else converted.original) == after, code
    assert convert_text(output_text(result)).output is None


# -- dependency pins -----------------------------------------------------------------------
def pins(text: str, name: str) -> list[tuple[int, int, str]]:
    result = ALL_RULES.convert(Source.from_bytes(name, text.encode()))
    assert result.output is None
    return [(r.line, r.column, r.path) for r in result.records]


def test_requirements_pins():
    text = ("# hera==4.0 (a comment)\nhera==5.16.3  # old\nhera-workflows[yaml] >=5.0, <5.19 ; python_version>'3.8'\n"
            "argo-workflows==6.5.0\nargo_workflows>=6.6\nhera>=5.19\nhera~=5.18\nheraldry==1.0\n-r base.txt\n")
    assert pins(text, "requirements.txt") == [(2, 1, "hera"), (3, 1, "hera-workflows"), (4, 1, "argo-workflows")]


@pytest.mark.parametrize("spec, old", [
    ("==5.18.0", True), ("<5.19", True), ("<=5.18.9", True), ("~=5.18.0", True), ("==5.18.*", True),
    ("==5.19.0", False), ("<5.20", False), ("<=5.19", False), ("~=5.18", False), ("==5.*", False), (">=5.0", False),
    ("!=5.19", False), ("", False),
])
def test_pep440_specifiers(spec, old):
    assert bool(pins(f"hera{spec}\n", "requirements-dev.txt")) == old


def test_pyproject_pep621_and_poetry_pins():
    text = ('[project]\ndependencies = ["hera==5.1.0", "requests"]\n[tool.poetry.dependencies]\n'
            'hera-workflows = "^5.1"\nargo-workflows = {version = "~6.5", optional = true}\n"hera" = "5.18.2"\n')
    assert pins(text, "pyproject.toml") == [(2, 18, "hera"), (5, 1, "argo-workflows"), (6, 2, "hera")]


def test_setup_cfg_and_setup_py_pins():
    assert pins("[options]\ninstall_requires =\n    hera-workflows<5.19\n", "setup.cfg") == [(3, 5, "hera-workflows")]
    setup = 'from setuptools import setup\nsetup(install_requires=["hera-workflows<5.19", "argo-workflows (==6.3.0)"])\n'
    result = convert_text(setup, path="setup.py")
    assert [(r.line, r.column, r.path) for r in result.records] == [(2, 26, "hera-workflows"), (2, 49, "argo-workflows")]


def test_pins_are_reported_under_their_own_rule():
    pinned = Source.from_bytes("requirements.txt", b"hera==5.0\n")
    assert [r.rule for r in ALL_RULES.convert(pinned).records] == ["sdk-pins"]
    for converter in (Converter(select_rules(["cron-schedules"], None, LATEST)),
                      Converter(select_rules(None, ["sdk-pins"], LATEST)),
                      Converter(select_rules(None, None, "3.5"))):
        assert converter.convert(pinned).records == []


# -- rewritten Hera examples run with Hera ---------------------------------------------------
RUNNABLE = [p for p in INPUTS if "runnable" in p.read_text(encoding="utf-8-sig").split("\n", 3)[0] + 
            p.read_text(encoding="utf-8-sig").split("\n", 3)[1]]


def _keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


@pytest.mark.parametrize("path", RUNNABLE, ids=[p.name for p in RUNNABLE])
@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # Hera keeps a dict given for a model field
def test_rewritten_hera_examples_serialize_the_v4_fields(path):
    pytest.importorskip("hera.workflows")
    from hera.workflows import Workflow
    from pydantic import BaseModel

    namespace: dict = {"__name__": "example"}
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # Hera 7 warns on a legacy `schedule`
        exec(compile(expected_output(path).read_bytes(), str(path), "exec"), namespace)
    workflows = [value for value in namespace.values() if isinstance(value, Workflow)]
    assert workflows, "the example builds no workflow"
    models = [value for value in namespace.values() if isinstance(value, BaseModel)]
    keys = set().union(*(_keys(w.to_dict()) for w in workflows),
                       *(_keys(m.model_dump(by_alias=True, exclude_none=True)) for m in models))
    assert not keys & {"schedule", "mutex", "semaphore"}
    source = path.read_text()
    for singular, plural in (("schedule=", "schedules"), ("mutex=", "mutexes"), ("semaphore=", "semaphores")):
        if singular in source:
            assert plural in keys, plural


def test_unconverted_hera_code_loses_its_lock_with_hera_7():
    """Why this matters: Hera 7 drops `mutex=` without a word; the rewrite keeps the lock."""
    pytest.importorskip("hera.workflows")
    from hera.workflows.models import Mutex, Synchronization

    assert Synchronization(mutex=Mutex(name="m")).mutexes is None
    code = MODELS + "lock = Synchronization(mutex=Mutex(name='m'))\n"
    namespace: dict = {}
    exec(rewritten(code), namespace)
    assert namespace["lock"].mutexes == [Mutex(name="m")]


if __name__ == "__main__":
    for source in INPUTS:
        result = convert_file(source)
        if result.error is not None:
            print(f"{source.name}: {result.error}")
            continue
        out = source.with_name(source.name.replace(".in.py", ".out.py"))
        if result.output is not None:
            out.write_bytes(result.output)
        elif out.exists():
            out.unlink()
        text = records_text(result)
        if text:
            records_file(source).write_text(text)
        elif records_file(source).exists():
            records_file(source).unlink()


def test_priority_classes_apply_to_dict_literals():
    from argoconvert.migrations import Settings

    text = ('WORKFLOW = {\n    "apiVersion": "argoproj.io/v1alpha1",\n    "kind": "Workflow",\n'
            '    "spec": {\n        "podPriority": 100,  # keep\n        "entrypoint": "main",\n'
            '        "templates": [{\'name\': \'main\', \'priority\': 5}],\n    },\n}\n')
    mapped = Converter(select_rules(None, None, LATEST), settings=Settings(priority_classes={100: "high", 5: "low"}))
    result = convert_text(text, mapped)
    assert result.output.decode() == text.replace('"podPriority": 100', '"podPriorityClassName": "high"').replace(
        "'priority': 5", "'priorityClassName': 'low'")
    assert [r.applied for r in result.records] == [True, True]
    assert convert_text(text).output is None  # without the option: findings only


def test_a_priority_class_rename_in_a_dict_is_fixable_as_in_yaml():
    """--priority-class makes the rename an automatic fix in a Python dict as in YAML: fixable,
    applied, a SARIF warning (not a manual error)."""
    from argoconvert.migrations import Settings
    from argoconvert.report.sarif import level

    text = ('WORKFLOW = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",\n'
            '            "spec": {"podPriority": 100, "templates": [{"name": "main", "priority": 5}]}}\n')
    manifest = ('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  podPriority: 100\n'
                '  templates:\n    - name: main\n      priority: 5\n')
    mapped = Converter(select_rules(None, None, LATEST), settings=Settings(priority_classes={100: "high", 5: "low"}))
    python = convert_text(text, mapped).records
    yaml = mapped.convert(Source.from_bytes("workflow.yaml", manifest.encode())).records
    assert [(r.rule, r.fixable, r.applied, level(r)) for r in python] == \
        [(r.rule, r.fixable, r.applied, level(r)) for r in yaml] == \
        [("pod-priority", True, True, "warning"), ("template-priority", True, True, "warning")]
