package dev.trustlift.core.vmlist;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line by RFC 4180: commas separate, quotes enclose, doubled quotes escape. */
final class CsvLine {
    private CsvLine() {
    }

    static List<String> split(String source, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new VmListException(source + ":" + lineNo + ": text after a closing quote in field "
                        + (fields.size() + 1));
            } else if (!wasQuoted) {
                field.append(c);
            }
        }
        if (quoted) {
            throw new VmListException(source + ":" + lineNo + ": unterminated quote in field " + (fields.size() + 1)
                    + " (fields may not span lines)");
        }
        fields.add(field.toString());
        return fields;
    }
}
