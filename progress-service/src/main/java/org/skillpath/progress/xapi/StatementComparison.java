package org.skillpath.progress.xapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Decides whether two statements with the same id are the same statement (xAPI Data 2.3.1, "Statement
 * Comparison Requirements"): differences the immutability exceptions allow are ignored (the properties an LRS
 * assigns: id, authority, stored, version, attachments; a Verb's display; Activity definitions; the order of a
 * Group's members; how a timestamp is serialised), every other difference counts. The canonical form sorts
 * object keys so member order never matters; its SHA-256 is stored with the statement. The timestamp is compared
 * separately as an instant, because an LRS assigns one when a statement comes without.
 */
final class StatementComparison {

    private static final Set<String> ASSIGNED = Set.of("id", "authority", "stored", "version", "attachments",
            "timestamp");

    private StatementComparison() {
    }

    static String hash(JsonNode statement) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(statement).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    static String canonical(JsonNode statement) {
        StringBuilder out = new StringBuilder();
        write(statement, "", out);
        return out.toString();
    }

    private static void write(JsonNode node, String path, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!ignored(path, e.getKey(), node)) {
                    sorted.put(e.getKey(), e.getValue());
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(e.getKey())).append(':');
                write(e.getValue(), path + "." + e.getKey(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                StringBuilder b = new StringBuilder();
                write(item, path + "[]", b);
                items.add(b.toString());
            }
            if (path.endsWith(".member")) {
                // A Group's members are an unordered list.
                items.sort(String::compareTo);
            }
            out.append('[').append(String.join(",", items)).append(']');
        } else if (node.isString() && path.endsWith(".registration")) {
            // UUIDs compare without regard to case.
            out.append(quote(node.asString().toLowerCase(java.util.Locale.ROOT)));
        } else {
            out.append(node);
        }
    }

    private static boolean ignored(String path, String key, JsonNode owner) {
        if (path.isEmpty()) {
            return ASSIGNED.contains(key);
        }
        if (path.equals(".verb") && key.equals("display")) {
            return true;
        }
        // An Activity's definition is not part of the statement: it may change without changing the statement.
        boolean activity = !owner.has("objectType") || "Activity".equals(owner.get("objectType").asString(null));
        return key.equals("definition") && activity && owner.has("id");
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
