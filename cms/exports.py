"""Table exports (CSV, XLSX) shared by every report, safe against formula injection."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook


def _inert(cell: str) -> str:
    return f"'{cell}" if isinstance(cell, str) and cell[:1] in FORMULA_STARTS else cell


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_export(
    *, headers: list[str], rows: list[list[str]], file_format: str, filename: str
) -> HttpResponse:
    """The table as a CSV (UTF-8 with BOM, for spreadsheet software) or XLSX download.

    Cells a spreadsheet would read as a formula (a pseudonym typed as "=1+1") are quoted.
    """
    rows = [[_inert(cell) for cell in row] for row in rows]
    if file_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        file_format = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
