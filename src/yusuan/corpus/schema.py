"""The corpus database (DuckDB): a documented, versioned schema (docs/batch.md).

Amounts are exact: ``DECIMAL(38,6)`` beside the printed text (``*_text``), never a float.
Every row of a document carries its ``document_id``; a document is written (or replaced) in one
transaction, so a killed batch leaves either all of a document or none of it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_VERSION", "TABLES", "connect", "create_schema"]

#: bump when a table or column changes; a database of another version is refused, not mixed
SCHEMA_VERSION = 1

TABLES: dict[str, str] = {
    "schema_version": """
        schema_version INTEGER NOT NULL,
        yusuan_version VARCHAR NOT NULL,
        ruleset_version VARCHAR NOT NULL""",
    # what the reader made of each file content (a cache: a re-run does not read a file twice; a
    # new rule set re-audits from the stored layout without reading the file again)
    "files": """
        sha256 VARCHAR PRIMARY KEY,
        size BIGINT,
        format VARCHAR,
        status VARCHAR NOT NULL,
        error_type VARCHAR,
        error VARCHAR,
        error_en VARCHAR,
        unit_name VARCHAR,
        unit_code VARCHAR,
        year INTEGER,
        kind VARCHAR,
        scope VARCHAR,
        profile VARCHAR,
        part VARCHAR,
        pages INTEGER,
        figures VARCHAR[],
        layout BLOB,
        yusuan_version VARCHAR NOT NULL""",
    "documents": """
        id VARCHAR PRIMARY KEY,
        files VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        error_type VARCHAR,
        error VARCHAR,
        error_en VARCHAR,
        unit_name VARCHAR,
        unit_code VARCHAR,
        year INTEGER,
        kind VARCHAR,
        scope VARCHAR,
        profile VARCHAR,
        title VARCHAR,
        amount_unit VARCHAR,
        pages INTEGER,
        seconds DOUBLE,
        peak_mb DOUBLE,
        errors INTEGER,
        warnings INTEGER,
        infos INTEGER,
        possible_rounding INTEGER,
        previous_id VARCHAR,
        previous_files VARCHAR,
        previous_error VARCHAR,
        yusuan_version VARCHAR NOT NULL,
        ruleset_version VARCHAR NOT NULL""",
    "document_files": """
        document_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        part VARCHAR,
        role VARCHAR NOT NULL""",
    "facts": """
        document_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        value DECIMAL(38,6),
        value_text VARCHAR,
        source VARCHAR,
        page INTEGER,
        line INTEGER""",
    "cells": """
        document_id VARCHAR NOT NULL,
        table_no INTEGER,
        table_type VARCHAR,
        table_title VARCHAR,
        table_unit VARCHAR,
        row_no INTEGER,
        row_key VARCHAR,
        side VARCHAR,
        code VARCHAR,
        label VARCHAR,
        row_kind VARCHAR,
        column_key VARCHAR,
        column_label VARCHAR,
        value DECIMAL(38,6),
        value_text VARCHAR,
        printed VARCHAR,
        page INTEGER,
        line INTEGER""",
    "findings": """
        document_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        rule VARCHAR NOT NULL,
        severity VARCHAR NOT NULL,
        possible_rounding BOOLEAN,
        undetermined BOOLEAN,
        table_type VARCHAR,
        table_no INTEGER,
        table_title VARCHAR,
        row_label VARCHAR,
        row_key VARCHAR,
        column_label VARCHAR,
        column_key VARCHAR,
        page INTEGER,
        line INTEGER,
        file VARCHAR,
        file_line INTEGER,
        section VARCHAR,
        sentence VARCHAR,
        expected VARCHAR,
        actual VARCHAR,
        difference VARCHAR,
        message_zh VARCHAR,
        message_en VARCHAR,
        fingerprint VARCHAR""",
    "claims": """
        document_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        kind VARCHAR,
        metric VARCHAR,
        subject VARCHAR,
        value DECIMAL(38,6),
        value_text VARCHAR,
        status VARCHAR,
        code VARCHAR,
        expected DECIMAL(38,6),
        expected_text VARCHAR,
        severity VARCHAR,
        possible_rounding BOOLEAN,
        section VARCHAR,
        sentence VARCHAR,
        text VARCHAR,
        page INTEGER,
        line INTEGER""",
}

#: the tables a document's rows live in (deleted and rewritten together)
DOCUMENT_TABLES = ("document_files", "facts", "cells", "findings", "claims")


def _arrow_type(sql: str) -> Any:
    import pyarrow as pa

    m = re.fullmatch(r"DECIMAL\((\d+),(\d+)\)", sql)
    if m:
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    simple = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "BLOB": pa.binary(),
        "VARCHAR[]": pa.list_(pa.string()),
    }
    return simple.get(sql)


@cache
def arrow_types(table: str) -> dict[str, Any]:
    """The Arrow type of each column of ``table``, from :data:`TABLES` (for the bulk inserts)."""
    out = {}
    for line in TABLES[table].strip().splitlines():
        name, sql = line.strip().rstrip(",").split()[:2]
        if (typ := _arrow_type(sql)) is not None:
            out[name] = typ
    return out


class SchemaError(Exception):
    pass


def create_schema(con: Any, yusuan_version: str, ruleset: str) -> None:
    existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_version" in existing:
        row = con.execute("SELECT schema_version FROM schema_version").fetchone()
        if row is not None and row[0] != SCHEMA_VERSION:
            raise SchemaError(f"database schema {row[0]}, this yusuan writes schema {SCHEMA_VERSION}")
    con.execute("BEGIN")
    for name, cols in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [SCHEMA_VERSION, yusuan_version, ruleset])
    con.execute("COMMIT")


def connect(path: str | Path, read_only: bool = False) -> Any:
    import duckdb

    return duckdb.connect(str(path), read_only=read_only)
