package org.skillpath.plan.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.skillpath.kit.web.ApiException;

/**
 * Reads activities from CSV (RFC 4180: comma-separated, double quotes around fields that hold commas, quotes or
 * line breaks). The first line names the columns, in any order: {@code id, title, description, format, skillIds,
 * minLevel, maxLevel, effortHours, durationWeeks, provider, externalId, xapiActivityId, prerequisites}; list
 * columns separate their items with {@code ;}.
 */
final class CsvActivities {

    static final List<String> COLUMNS = List.of("id", "title", "description", "format", "skillIds", "minLevel",
            "maxLevel", "effortHours", "durationWeeks", "provider", "externalId", "xapiActivityId", "prerequisites");

    private CsvActivities() {
    }

    static List<CatalogImport.ActivityInput> parse(String csv) {
        List<List<String>> rows = rows(csv);
        if (rows.isEmpty()) {
            throw ApiException.badRequest("body", "a header line and at least one activity");
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw ApiException.badRequest("header", "unknown column " + column + "; known: " + COLUMNS);
            }
        }
        Map<String, Integer> index = header.stream().collect(Collectors.toMap(Function.identity(), header::indexOf,
                (a, b) -> {
                    throw ApiException.badRequest("header", "a column appears twice");
                }));
        for (String required : List.of("id", "title", "description", "format", "skillIds", "effortHours",
                "durationWeeks")) {
            if (!index.containsKey(required)) {
                throw ApiException.badRequest("header", "missing column " + required);
            }
        }
        List<CatalogImport.ActivityInput> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw ApiException.badRequest("row " + r, "has " + row.size() + " fields, the header " + header.size());
            }
            Function<String, String> cell = c -> index.containsKey(c) ? emptyToNull(row.get(index.get(c))) : null;
            out.add(new CatalogImport.ActivityInput(cell.apply("id"), cell.apply("title"), cell.apply("description"),
                    cell.apply("format"), list(cell.apply("skillIds")), integer(r, "minLevel", cell.apply("minLevel")),
                    integer(r, "maxLevel", cell.apply("maxLevel")), decimal(r, cell.apply("effortHours")),
                    integer(r, "durationWeeks", cell.apply("durationWeeks")), cell.apply("provider"),
                    cell.apply("externalId"), cell.apply("xapiActivityId"), list(cell.apply("prerequisites"))));
        }
        return out;
    }

    static List<List<String>> rows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw ApiException.badRequest("body", "a quoted field is not closed");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> list(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static Integer integer(int row, String column, String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("row " + row + "." + column, "not a whole number: " + s);
        }
    }

    private static Double decimal(int row, String s) {
        try {
            return s == null ? null : Double.valueOf(s.strip().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("row " + row + ".effortHours", "not a number: " + s);
        }
    }
}
