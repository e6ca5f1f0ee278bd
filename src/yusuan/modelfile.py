"""The model as a file a person can write: YAML or JSON, schema ``yusuan.model/1``.

``extract --format yaml`` writes it from any disclosure; ``render`` reads it (a clerk
starts from last year's document, changes the figures, renders this year's). Amounts may
be written as numbers or strings; they are kept as the exact decimal text written
(``2155.10`` keeps its two decimals), never through a float. Codes keep their leading zeros.

Reading a model file lays it out as a document in the text format and reads that with the
ordinary reader, so row keys, kinds and facts come out exactly as for a published
document, and a file that would not read back as a disclosure is refused. The JSON that
``extract --format json`` writes (``yusuan.disclosure/1``) is accepted too.
"""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .catalog import strip_ordinal
from .errors import InputError
from .ingest import Reading, read_text
from .ingest.recognize import READER_ATTRS
from .model.core import (
    Cell,
    Column,
    Disclosure,
    Indicator,
    Location,
    Meta,
    Paragraph,
    PerformanceTable,
    Row,
    Section,
    Table,
    TargetRow,
)
from .model.money import parse_amount
from .profiles import Profile, TableSpec, get_profile, profiles

if TYPE_CHECKING:
    from .narrative.compose import Inputs

__all__ = ["MODEL_SCHEMA", "model_dict", "model_yaml", "load_model", "MODEL_SUFFIXES"]

MODEL_SCHEMA = "yusuan.model/1"
MODEL_SUFFIXES = (".yaml", ".yml", ".json")
_PERF_KEYS = ("total", "gov", "special_account", "unit_funds")
_TOP_KEYS = {
    "schema",
    "profile",
    "unit",
    "unit_code",
    "year",
    "kind",
    "scope",
    "amount_unit",
    "title",
    "date",
    "duties",
    "divisions",
    "narrative",
    "tables",
    "performance",
    "previous_year",
    "changes",
    "figures",
    "print_unit",
}
_ROW_KEYS = {"side", "code", "label", "kind", "unit_code", "project_type", "gov_code", "gov_name", "values"}


# ---------------------------------------------------------------- model → file


def _values(cells: tuple[Cell, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in cells:
        if c.amount is not None:
            out[c.column] = c.amount.text()
        elif c.raw.strip():
            out[c.column] = c.raw.strip()
    return out


def _row(r: Row) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if r.side:
        d["side"] = r.side
    if r.code:
        d["code"] = r.code
    d["label"] = r.label
    if r.kind in ("total", "unit", "project"):
        d["kind"] = r.kind
    for k, v in r.attrs:
        if v and not (k == "unit_code" and r.kind == "unit") and k not in READER_ATTRS:  # the reader's notes on its reading
            d[k] = v
    d["values"] = _values(r.cells)
    return d


def model_dict(d: Disclosure) -> dict[str, Any]:
    """The disclosure in the hand-writable schema (what ``extract --format yaml`` prints)."""
    m = d.meta
    out: dict[str, Any] = {"schema": MODEL_SCHEMA, "profile": m.profile, "unit": m.unit_name}
    if m.unit_code:
        out["unit_code"] = m.unit_code
    out.update({"year": m.year, "kind": m.kind, "scope": m.scope, "amount_unit": m.amount_unit})
    if m.title:
        out["title"] = m.title
    if m.date:
        out["date"] = m.date
    out["narrative"] = [
        {"heading": s.title, "paragraphs": [p.text for p in s.paragraphs]} if s.paragraphs else {"heading": s.title}
        for s in d.sections
    ]
    tables: dict[str, Any] = {}
    for t in d.tables:
        entry: dict[str, Any] = {"title": t.title}
        if t.unit != m.amount_unit:
            entry["unit"] = t.unit
        if t.notes:
            entry["notes"] = list(t.notes)
        entry["rows"] = [_row(r) for r in t.rows]
        tables[t.type] = entry
    out["tables"] = tables
    if d.performance is not None:
        p = d.performance
        out["performance"] = {
            "title": p.title,
            "rows": [
                {
                    "kind": r.kind,
                    "code": r.code,
                    "name": r.name,
                    "values": _values(r.cells),
                    **(
                        {"targets": [{"category": i.category, "name": i.name, "value": i.value} for i in r.indicators]}
                        if r.indicators
                        else {}
                    ),
                }
                for r in p.rows
            ],
        }
    return out


def model_yaml(d: Disclosure) -> str:
    import yaml

    head = (
        "# yusuan 模型文件（schema yusuan.model/1）：可手工修改后用 `yusuan render 本文件 -o 输出.docx` 生成公开文件。\n"
        "# 金额按表中单位（万元）填写，空单元格不写；编码请加引号以保留前导零。\n"
    )
    return head + yaml.safe_dump(model_dict(d), allow_unicode=True, sort_keys=False, width=4096, default_flow_style=None)


# ---------------------------------------------------------------- file → model


class _Bad(InputError):
    pass


def _bad(source: str, where: str, zh: str, en: str) -> _Bad:
    return _Bad(f"{source}：{where}：{zh}", f"{source}: {where}: {en}")


def _loader() -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that keeps numbers and dates as the text written (exact decimals, codes
        with zeros) and refuses aliases (``*name``): a model file never needs them, and nested
        aliases expand exponentially when the values are used ("billion laughs")."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.events.AliasEvent):
                mark = yaml.parser.Parser.peek_event(
                    self
                ).start_mark  # through the class: its stub is untyped (untyped_calls_exclude)
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in a model file", mark)
            return super().compose_node(parent, index)

    def keep(loader: Any, node: Any) -> str:
        return str(node.value)

    for tag in ("int", "float", "timestamp"):
        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", keep)
    return Loader


def _parse(data: bytes, source: str, fmt: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Bad(f"{source} 不是 UTF-8 编码的文本。", f"{source} is not UTF-8 text.") from None
    try:
        if fmt == "json":
            obj = json.loads(text, parse_float=str, parse_int=str)
        else:
            import yaml

            obj = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except Exception as err:  # json/yaml syntax errors carry the line and column
        raise _Bad(f"{source} 的 {fmt.upper()} 格式有误：{err}", f"{source} is not valid {fmt.upper()}: {err}") from None
    if not isinstance(obj, dict):
        raise _Bad(f"{source} 的顶层应为映射（键: 值）。", f"the top level of {source} must be a mapping.")
    return obj


def _text(v: Any) -> str:
    if isinstance(v, dict | list | tuple):
        raise _Bad(
            f"这里应为文字或数字，不能是列表或映射：{str(v)[:60]}",
            f"a text or number was expected, not a list or mapping: {str(v)[:60]}",
        )
    return "" if v is None else str(v).strip()


def _amount_text(v: Any, source: str, where: str) -> str:
    s = _text(v)
    if not s:
        return ""
    a = parse_amount(s)
    if a is None:
        raise _bad(source, where, f"“{s}”不是金额", f"{s!r} is not an amount")
    return f"{a.value:,.{a.decimals}f}"


def _values_cells(values: Any, columns: tuple[Column, ...], source: str, where: str) -> tuple[Cell, ...]:
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise _bad(source, where, "values 应为“列键: 金额”的映射", "values must map column keys to amounts")
    keys = {c.key for c in columns}
    unknown = [k for k in values if k not in keys]
    if unknown:
        raise _bad(
            source,
            where,
            f"未知的列 {', '.join(map(str, unknown))}（可用：{', '.join(c.key for c in columns)}）",
            f"unknown column(s) {', '.join(map(str, unknown))} (known: {', '.join(c.key for c in columns)})",
        )
    out = []
    for c in columns:
        raw = _amount_text(values.get(c.key), source, f"{where}.{c.key}")
        out.append(Cell(c.key, parse_amount(raw), raw, Location()))
    return tuple(out)


_TOTALS = {"合计", "总计"}
_INCOME_GROUPS = {"current_total", "carryover", "grand_total"}


def _kind(row: dict[str, Any], spec: TableSpec, prof: Profile, side: str) -> str:
    given = _text(row.get("kind"))
    if given:
        return given
    label = re.sub(r"\s+", "", _text(row.get("label")))
    code = _text(row.get("code"))
    if spec.layout == "two_sided":
        name = re.sub(r"\s+", "", strip_ordinal(label)[1])
        if side == "expenditure" and name in prof.expenditure_labels:
            return "total"
        if side == "income" and prof.income_labels.get(name) in _INCOME_GROUPS:
            return "total"
        return "label"
    if label in _TOTALS and not code:
        return "total"
    if spec.stub == "project" and (row.get("project_type") or row.get("unit_code")) and not code:
        return "project"
    if len(code) == 6 and spec.stub != "economic_pair":
        return "unit"
    return "class" if code else "label"


def _table(type_: str, entry: Any, spec: TableSpec, prof: Profile, year: str, unit: str, source: str, index: int) -> Table:
    where = f"tables.{type_}"
    if not isinstance(entry, dict):
        raise _bad(source, where, "应为映射（title、rows …）", "must be a mapping (title, rows …)")
    rows_in = entry.get("rows") or []
    if not isinstance(rows_in, list):
        raise _bad(source, f"{where}.rows", "应为列表", "must be a list")
    columns = spec.columns + spec.income_columns + spec.expenditure_columns
    rows: list[Row] = []
    for i, r in enumerate(rows_in):
        w = f"{where}.rows[{i}]"
        if not isinstance(r, dict):
            raise _bad(source, w, "应为映射（code、label、values …）", "must be a mapping (code, label, values …)")
        extra = set(r) - _ROW_KEYS
        if extra:
            raise _bad(
                source,
                w,
                f"未知的键 {', '.join(sorted(map(str, extra)))}",
                f"unknown key(s) {', '.join(sorted(map(str, extra)))}",
            )
        side = _text(r.get("side"))
        cols = columns
        if spec.layout == "two_sided":
            if side not in ("income", "expenditure"):
                raise _bad(
                    source,
                    w,
                    "收支对照表的行须写 side: income 或 side: expenditure",
                    "rows of a two-sided table need side: income or expenditure",
                )
            cols = spec.income_columns if side == "income" else spec.expenditure_columns
        code = _text(r.get("code"))
        if code and not code.isdigit():
            raise _bad(source, w, f"编码“{code}”应只含数字", f"code {code!r} must be digits only")
        attrs = tuple((k, _text(r.get(k))) for k in ("unit_code", "project_type", "gov_code", "gov_name") if _text(r.get(k)))
        kind = _kind(r, spec, prof, side)
        rows.append(
            Row(
                code or _text(r.get("label")),
                _text(r.get("label")),
                kind,  # type: ignore[arg-type]
                _values_cells(r.get("values"), cols, source, f"{w}.values"),
                Location(),
                code=code,
                side=side,  # type: ignore[arg-type]
                attrs=attrs,
            )
        )
    unfilled = {k for k in spec.optional_columns if not any(c.column == k and c.raw.strip() for r in rows for c in r.cells)}
    if unfilled:  # columns of another edition of the template (see TableSpec.optional_columns)
        columns = tuple(c for c in columns if c.key not in unfilled)
        rows = [dataclasses.replace(r, cells=tuple(c for c in r.cells if c.column not in unfilled)) for r in rows]
    title = _text(entry.get("title")) or f"{year}年{spec.titles[0]}"
    notes = entry.get("notes") or []
    if not isinstance(notes, list):
        raise _bad(source, f"{where}.notes", "应为列表", "must be a list")
    return Table(
        type_, title, index, columns, tuple(rows), Location(), _text(entry.get("unit")) or unit, tuple(_text(n) for n in notes)
    )


def _performance(entry: Any, spec: TableSpec, year: str, unit: str, source: str, index: int) -> PerformanceTable:
    if not isinstance(entry, dict) or not isinstance(entry.get("rows", []), list):
        raise _bad(source, "performance", "应为映射，rows 为列表", "must be a mapping whose rows are a list")
    rows: list[TargetRow] = []
    for i, r in enumerate(entry.get("rows") or []):
        w = f"performance.rows[{i}]"
        if not isinstance(r, dict):
            raise _bad(source, w, "应为映射", "must be a mapping")
        code = _text(r.get("code"))
        if not code.isdigit():
            raise _bad(source, w, "code（单位编码或项目编号）须为数字", "code (unit code or project number) must be digits")
        kind = _text(r.get("kind")) or ("unit" if len(code) <= 6 else "project")
        inds = []
        for j, t in enumerate(r.get("targets") or []):
            if not isinstance(t, dict) or _text(t.get("category")) not in spec.categories:
                raise _bad(
                    source,
                    f"{w}.targets[{j}]",
                    f"category 须为 {'、'.join(spec.categories)} 之一",
                    f"category must be one of {', '.join(spec.categories)}",
                )
            inds.append(Indicator(_text(t.get("category")), _text(t.get("name")), _text(t.get("value")), Location()))
        rows.append(
            TargetRow(
                kind,  # type: ignore[arg-type]
                code,
                _text(r.get("name")),
                _values_cells(r.get("values"), spec.columns, source, f"{w}.values"),
                Location(),
                tuple(inds),
            )
        )
    title = _text(entry.get("title")) or f"{year}年度{spec.titles[0]}"
    return PerformanceTable(title, index, spec.columns, tuple(rows), Location(), unit)


def _narrative(obj: dict[str, Any], unit: str, source: str) -> tuple[Section, ...]:
    sections: list[Section] = []
    items = obj.get("narrative") or []
    if not isinstance(items, list):
        raise _bad(source, "narrative", "应为列表（heading、paragraphs）", "must be a list of {heading, paragraphs}")
    has_overview = any("概况" in _text(s.get("heading")) for s in items if isinstance(s, dict))
    extra: list[tuple[str, list[Any]]] = []
    if not has_overview and (obj.get("duties") or obj.get("divisions")):
        extra.append((f"第一部分 {unit}概况", []))
        if obj.get("duties"):
            extra.append(("一、主要职责", obj["duties"]))
        if obj.get("divisions"):
            extra.append(("二、机构设置及预算单位构成", obj["divisions"]))
    for i, s in enumerate(items):
        if not isinstance(s, dict):
            raise _bad(source, f"narrative[{i}]", "应为映射（heading、paragraphs）", "must be a mapping {heading, paragraphs}")
    pairs = extra + [(_text(s.get("heading")), s.get("paragraphs") or []) for s in items]
    for title, paras in pairs:
        if isinstance(paras, str):
            paras = [paras]
        if not isinstance(paras, list):
            raise _bad(source, f"narrative（{title}）", "paragraphs 应为列表", "paragraphs must be a list")
        ps = tuple(Paragraph(_text(p), (0,), ((0, 0),)) for p in paras if _text(p))
        sections.append(Section(title, 0, (title,), ps, Location()))
    return tuple(sections)


def _from_disclosure_json(obj: dict[str, Any]) -> dict[str, Any]:
    """``extract --format json`` output (yusuan.disclosure/1) → the model file schema."""
    m = obj.get("meta") or {}
    out: dict[str, Any] = {
        "schema": MODEL_SCHEMA,
        "profile": m.get("profile"),
        "unit": m.get("unit_name"),
        "unit_code": m.get("unit_code"),
        "year": m.get("year"),
        "kind": m.get("kind"),
        "scope": m.get("scope"),
        "amount_unit": m.get("amount_unit"),
        "title": m.get("title"),
        "date": m.get("date"),
        "narrative": [
            {"heading": s.get("title"), "paragraphs": [p.get("text") for p in s.get("paragraphs", [])]}
            for s in obj.get("narrative", [])
        ],
    }

    def cells(r: dict[str, Any]) -> dict[str, Any]:
        return {k: (c.get("value") or c.get("raw") or None) for k, c in (r.get("cells") or {}).items()}

    tables: dict[str, Any] = {}
    for t in obj.get("tables", []):
        if t.get("type") == "performance_targets":
            out["performance"] = {
                "title": t.get("title"),
                "rows": [
                    {
                        "kind": r.get("kind"),
                        "code": r.get("code"),
                        "name": r.get("name"),
                        "values": cells(r),
                        "targets": [{k: i.get(k) for k in ("category", "name", "value")} for i in r.get("indicators", [])],
                    }
                    for r in t.get("rows", [])
                ],
            }
            continue
        rows = []
        for r in t.get("rows", []):
            row = {
                "side": r.get("side"),
                "code": r.get("code"),
                "label": r.get("label"),
                "kind": r.get("kind"),
                "values": cells(r),
            }
            row.update(r.get("attrs") or {})
            rows.append({k: v for k, v in row.items() if v not in (None, "")})
        tables[t.get("type")] = {"title": t.get("title"), "unit": t.get("unit"), "notes": t.get("notes") or [], "rows": rows}
    out["tables"] = tables
    return out


def _inputs(obj: dict[str, Any], source: str) -> Inputs:
    """``previous_year``, ``changes`` and ``figures`` checked (names, amounts) → the composer's inputs."""
    from .narrative.compose import FIGURE_KEYS, PREVIOUS_KEYS, Inputs

    # only the keys composing uses: any other would be silently ignored
    known = {"previous_year": tuple(PREVIOUS_KEYS), "changes": tuple(PREVIOUS_KEYS), "figures": FIGURE_KEYS}
    previous: dict[str, Decimal] = {}
    reasons: dict[str, str] = {}
    figures: dict[str, Decimal] = {}
    for key, names in known.items():
        given = obj.get(key)
        if given is None:
            continue
        if not isinstance(given, dict):
            raise _Bad(f"{source}：{key} 应为“事实名: 值”的映射。", f"{source}: {key} must map fact names to values.")
        unknown = [k for k in given if k not in names]
        if unknown:
            raise _Bad(
                f"{source}：{key} 中有未知的事实名 {', '.join(map(str, unknown))}（可用：{', '.join(names)}）。",
                f"{source}: unknown fact name(s) in {key}: {', '.join(map(str, unknown))} (known: {', '.join(names)}).",
            )
        for k, v in given.items():
            if key == "changes":
                metric = PREVIOUS_KEYS.get(k)
                if metric is not None and _text(v):
                    reasons[metric] = _text(v)
                continue
            a = parse_amount(_amount_text(v, source, f"{key}.{k}"))
            if a is None:
                continue
            if key == "figures":
                figures[k] = a.value
            elif k in PREVIOUS_KEYS:
                previous[PREVIOUS_KEYS[k]] = a.value
    return Inputs(previous, reasons, figures)


def load_model(data: bytes, source: str, fmt: str = "yaml", allow_partial: bool = False, compose: bool | None = False) -> Reading:
    """A model file (YAML/JSON) → the disclosure, read back through the text reader.

    ``compose``: write 情况说明 from the data (:mod:`yusuan.narrative.compose`) in place of the
    file's own; ``None`` composes when the file has no ``narrative``."""
    obj = _parse(data, source, fmt)
    if obj.get("schema") == "yusuan.disclosure/1":
        obj = _from_disclosure_json(obj)
    if obj.get("schema", MODEL_SCHEMA) != MODEL_SCHEMA:
        raise _Bad(
            f"{source}：不认识的 schema “{obj.get('schema')}”（应为 {MODEL_SCHEMA}）。",
            f"{source}: unknown schema {obj.get('schema')!r} (expected {MODEL_SCHEMA}).",
        )
    unknown = set(obj) - _TOP_KEYS
    if unknown:
        raise _Bad(
            f"{source}：未知的键 {', '.join(sorted(map(str, unknown)))}。",
            f"{source}: unknown key(s) {', '.join(sorted(map(str, unknown)))}.",
        )
    profile_id = _text(obj.get("profile")) or next(iter(profiles()))
    if profile_id not in profiles():
        raise _Bad(
            f"{source}：未知的模板 {profile_id}（可用：{', '.join(profiles())}）。",
            f"{source}: unknown profile {profile_id} (known: {', '.join(profiles())}).",
        )
    prof = get_profile(profile_id)
    unit = _text(obj.get("unit"))
    year = _text(obj.get("year"))
    if not unit or not year.isdigit():
        raise _Bad(
            f"{source}：必须写明 unit（单位名称）和 year（年度，四位数字）。",
            f"{source}: unit (the body's name) and year (four digits) are required.",
        )
    kind = _text(obj.get("kind")) or prof.kind
    scope = _text(obj.get("scope")) or prof.scope
    if kind not in ("budget", "final_account") or scope not in ("unit", "department"):
        raise _Bad(
            f"{source}：kind 须为 budget/final_account，scope 须为 unit/department。",
            f"{source}: kind must be budget or final_account; scope unit or department.",
        )
    amount_unit = _text(obj.get("amount_unit")) or prof.amount_unit
    print_unit = _text(obj.get("print_unit"))
    if print_unit and print_unit != amount_unit and (amount_unit, print_unit) != ("元", "万元"):
        raise _Bad(
            f"{source}：print_unit 只能把元印成万元（amount_unit: 元，print_unit: 万元）。",
            f"{source}: print_unit can only print 元 as 万元 (amount_unit: 元, print_unit: 万元).",
        )
    date = _text(obj.get("date"))
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise _Bad(f"{source}：date 应写成 YYYY-MM-DD。", f"{source}: date must be YYYY-MM-DD.")
    inputs = _inputs(obj, source)
    tables_in = obj.get("tables") or {}
    if not isinstance(tables_in, dict):
        raise _Bad(f"{source}：tables 应为“表类型: 表”的映射。", f"{source}: tables must map table types to tables.")
    order = {s.type: i for i, s in enumerate(prof.tables)}
    unknown_types = [t for t in tables_in if t not in order or prof.tables[order[t]].layout == "performance"]
    if unknown_types:
        known = ", ".join(s.type for s in prof.tables if s.layout != "performance")
        raise _Bad(
            f"{source}：未知的表类型 {', '.join(map(str, unknown_types))}（可用：{known}；绩效目标表写在 performance 下）。",
            f"{source}: unknown table type(s) {', '.join(map(str, unknown_types))} (known: {known}; performance targets go under performance).",
        )
    tables = [
        _table(t, tables_in[t], prof.tables[order[t]], prof, year, amount_unit, source, order[t])
        for t in sorted(tables_in, key=lambda t: order[t])
    ]
    perf = None
    perf_spec = next((s for s in prof.tables if s.layout == "performance"), None)
    if obj.get("performance") is not None and perf_spec is not None:
        perf = _performance(obj["performance"], perf_spec, year, amount_unit, source, order[perf_spec.type])
    title = (
        _text(obj.get("title"))
        or f"{year}年度{unit}{'单位' if scope == 'unit' else '部门'}{'预算' if kind == 'budget' else '决算'}"
    )
    meta = Meta(unit, int(year), kind, scope, profile_id, amount_unit, _text(obj.get("unit_code")), title, date, source)  # type: ignore[arg-type]
    proto = Disclosure(meta, _narrative(obj, unit, source), tuple(tables), perf)
    from .render.document import build
    from .render.text import to_text

    reading = read_text(to_text(build(proto)), source=source, profile=profile_id, require_complete=not allow_partial)
    if print_unit and print_unit != amount_unit:
        from .render.rounding import convert

        reading = read_text(
            to_text(build(convert(reading.disclosure))), source=source, profile=profile_id, require_complete=not allow_partial
        )
    if compose is None:
        compose = "narrative" not in obj
    if not compose:
        return reading
    from .narrative.compose import compose as compose_narrative

    composed, notes = compose_narrative(reading.disclosure, inputs)
    obj = dict(obj)
    obj["narrative"] = _with_composed(obj.get("narrative") or [], composed, source)
    proto = dataclasses.replace(reading.disclosure, sections=_narrative(obj, unit, source))
    reading = read_text(to_text(build(proto)), source=source, profile=profile_id, require_complete=not allow_partial)
    return _with_notes(reading, notes)


def _with_notes(reading: Reading, notes: list[tuple[str, str]]) -> Reading:
    """The reading with the composer's notes (what it left out) added to the reader's notes."""
    from .ingest.recognize import ReadNote

    extra = [ReadNote(0, "compose", f"{zh} / {en}") for zh, en in notes]
    return dataclasses.replace(reading, notes=tuple(reading.notes) + tuple(extra))


def _is_narrative_part(heading: str) -> bool:
    return bool(re.match(r"第[一二三四五六七八九十]+部分", heading)) or heading.startswith("附件")


def _with_composed(items: list[Any], composed: list[tuple[str, list[str]]], source: str) -> list[dict[str, Any]]:
    """The file's narrative with its 情况说明 part (from “第二部分 … 情况说明” to the next part)
    replaced by the composed one; placed before 名词解释 (or at the end) when the file has none."""
    if not isinstance(items, list):
        raise _bad(source, "narrative", "应为列表（heading、paragraphs）", "must be a list of {heading, paragraphs}")
    new = [{"heading": h, "paragraphs": p} for h, p in composed]
    replaced = {re.sub(r"\s+", "", h) for h, _ in composed}
    out: list[dict[str, Any]] = []
    inside = placed = False
    for s in items:
        heading = _text(s.get("heading")) if isinstance(s, dict) else ""
        if re.sub(r"\s+", "", heading) in replaced:  # a section the composer writes, outside a 第二部分 heading
            continue
        if _is_narrative_part(heading):
            if "情况说明" in heading:
                inside = True
                if not placed:
                    out += new
                    placed = True
                continue
            inside = False
            if not placed and ("名词解释" in heading or heading.startswith("附件")):
                out += new
                placed = True
        if not inside:
            out.append(s)
    if not placed:
        out += new
    return out
