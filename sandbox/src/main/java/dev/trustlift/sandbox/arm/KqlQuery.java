package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The subset of Resource Graph's KQL the sandbox evaluates, parsed into row filters and a
 * projection: {@code Resources} then any number of {@code | where COLUMN OP LITERAL [and ...]}
 * (OP one of {@code == != =~ !~}, or {@code in in~ !in !in~} with a parenthesised list; COLUMN a
 * name such as {@code type}, or {@code tags['k']}, {@code tags["k"]}, {@code tags.k}) and
 * {@code | project a, b}. String literals take KQL's forms: {@code '...'} and {@code "..."} with
 * backslash escapes, {@code @'...'} verbatim with doubled quotes. Anything else is answered with
 * Resource Graph's 400: a syntax error as its ParserFailure detail, valid KQL beyond the subset as
 * the InvalidQueryLanguage detail it gives for an operator it does not support.
 */
final class KqlQuery {
    static final String INVALID = "Query is invalid. Please refer to the documentation for the Azure Resource Graph "
            + "service and fix the error before retrying.";

    /** The Resources columns a where clause may name: those the sandbox's rows carry as plain values or tags. */
    static final java.util.Set<String> FILTERABLE = java.util.Set.of("id", "name", "type", "tenantId", "kind", "location",
            "resourceGroup", "subscriptionId", "managedBy", "tags");

    private final List<Predicate<JsonNode>> filters;
    private final List<String> projection;

    private KqlQuery(List<Predicate<JsonNode>> filters, List<String> projection) {
        this.filters = filters;
        this.projection = projection;
    }

    static KqlQuery parse(String text) {
        return new Parser(KqlTokens.of(text)).query();
    }

    boolean matches(JsonNode row) {
        return filters.stream().allMatch(f -> f.test(row));
    }

    /** The row with only the projected columns, in the order named; the row itself without a project. */
    JsonNode project(ObjectNode row) {
        if (projection == null) {
            return row;
        }
        ObjectNode out = row.objectNode();
        for (String column : projection) {
            out.set(column, column(row, column));
        }
        return out;
    }

    private static JsonNode column(JsonNode row, String name) {
        var names = row.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals(name)) {
                return row.get(n);
            }
        }
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    static ArmException parserFailure(KqlTokens.Token at) {
        ArmException e = badRequest();
        ObjectNode detail = e.error().withArray("details").addObject().put("code", "ParserFailure").put("message", "ParserFailure")
                .put("line", 1).put("characterPositionInLine", at.position());
        detail.put("token", at.text().isEmpty() ? "<EOF>" : at.text());
        return e;
    }

    static ArmException unsupported(String token) {
        ArmException e = badRequest();
        e.error().withArray("details").addObject().put("code", "InvalidQueryLanguage").put("message", "InvalidQueryLanguage")
                .put("line", -1).put("characterPositionInLine", -1).put("token", token);
        return e;
    }

    private static ArmException badRequest() {
        ArmException e = new ArmException(400, "BadRequest", "Please provide below info when asking for support: "
                + "timestamp = " + java.time.Instant.now() + ", correlationId = " + java.util.UUID.randomUUID() + ".");
        e.error().putArray("details").addObject().put("code", "InvalidQuery").put("message", INVALID);
        return e;
    }

    /** Recursive descent over the token list; each method consumes what it names. */
    private static final class Parser {
        private final List<KqlTokens.Token> tokens;
        private int next;

        Parser(List<KqlTokens.Token> tokens) {
            this.tokens = tokens;
        }

        KqlQuery query() {
            KqlTokens.Token table = take();
            if (table.kind() != KqlTokens.Kind.NAME) {
                throw parserFailure(table);
            }
            if (!table.text().equalsIgnoreCase("resources")) {
                throw unsupported(table.text());
            }
            List<Predicate<JsonNode>> filters = new ArrayList<>();
            List<String> projection = null;
            while (!peek().isEnd()) {
                expect("|");
                KqlTokens.Token operator = take();
                if (operator.kind() != KqlTokens.Kind.NAME) {
                    throw parserFailure(operator);
                }
                switch (operator.text()) {
                    case "where" -> filters.add(conjunction());
                    case "project" -> projection = columns();
                    default -> throw unsupported(operator.text());
                }
            }
            return new KqlQuery(filters, projection);
        }

        private Predicate<JsonNode> conjunction() {
            Predicate<JsonNode> all = comparison();
            while (peek().is("and")) {
                take();
                all = all.and(comparison());
            }
            if (peek().is("or")) {
                throw unsupported("or");
            }
            return all;
        }

        private Predicate<JsonNode> comparison() {
            ColumnRef column = columnRef();
            KqlTokens.Token op = take();
            return switch (op.text()) {
                case "==" -> equal(column, literal(), false);
                case "=~" -> equal(column, literal(), true);
                case "!=" -> equal(column, literal(), false).negate();
                case "!~" -> equal(column, literal(), true).negate();
                case "in" -> in(column, list(), false);
                case "in~" -> in(column, list(), true);
                case "!in" -> in(column, list(), false).negate();
                case "!in~" -> in(column, list(), true).negate();
                default -> throw op.kind() == KqlTokens.Kind.SYMBOL || op.isEnd() ? parserFailure(op) : unsupported(op.text());
            };
        }

        private ColumnRef columnRef() {
            KqlTokens.Token name = take();
            if (name.kind() != KqlTokens.Kind.NAME) {
                throw name.kind() == KqlTokens.Kind.STRING ? unsupported(name.text()) : parserFailure(name);
            }
            if (peek().is("(")) {
                throw unsupported(name.text() + "()");
            }
            if (!FILTERABLE.contains(name.text())) {
                throw unsupported(name.text());
            }
            if (peek().is("[")) {
                take();
                String key = literal();
                expect("]");
                return new ColumnRef(name.text(), key);
            }
            if (peek().is(".")) {
                take();
                KqlTokens.Token key = take();
                if (key.kind() != KqlTokens.Kind.NAME) {
                    throw parserFailure(key);
                }
                return new ColumnRef(name.text(), key.text());
            }
            return new ColumnRef(name.text(), null);
        }

        private List<String> list() {
            expect("(");
            List<String> values = new ArrayList<>();
            values.add(literal());
            while (peek().is(",")) {
                take();
                values.add(literal());
            }
            expect(")");
            return values;
        }

        private List<String> columns() {
            List<String> out = new ArrayList<>();
            do {
                if (!out.isEmpty()) {
                    take();
                }
                KqlTokens.Token name = take();
                if (name.kind() != KqlTokens.Kind.NAME) {
                    throw parserFailure(name);
                }
                if (peek().is("=") || peek().is("(") || peek().is(".") || peek().is("[")) {
                    throw unsupported(name.text() + peek().text());
                }
                out.add(name.text());
            } while (peek().is(","));
            return out;
        }

        private String literal() {
            KqlTokens.Token t = take();
            if (t.kind() == KqlTokens.Kind.STRING) {
                return t.text();
            }
            throw t.kind() == KqlTokens.Kind.NAME || t.kind() == KqlTokens.Kind.NUMBER ? unsupported(t.text()) : parserFailure(t);
        }

        private void expect(String symbol) {
            KqlTokens.Token t = take();
            if (!t.is(symbol)) {
                throw parserFailure(t);
            }
        }

        private KqlTokens.Token take() {
            KqlTokens.Token t = peek();
            if (!t.isEnd()) {
                next++;
            }
            return t;
        }

        private KqlTokens.Token peek() {
            return tokens.get(next);
        }
    }

    private static Predicate<JsonNode> equal(ColumnRef column, String value, boolean ignoreCase) {
        return row -> {
            String actual = column.valueIn(row);
            return actual != null && (ignoreCase ? actual.equalsIgnoreCase(value) : actual.equals(value));
        };
    }

    private static Predicate<JsonNode> in(ColumnRef column, List<String> values, boolean ignoreCase) {
        return values.stream().map(v -> equal(column, v, ignoreCase)).reduce(Predicate::or).orElse(row -> false);
    }

    /** A column, or one key of a dynamic column ({@code tags['k']}); keys of a property bag are case-sensitive. */
    private record ColumnRef(String name, String key) {
        String valueIn(JsonNode row) {
            JsonNode v = column(row, name);
            if (key != null) {
                v = v.isObject() ? v.get(key) : null;
            }
            return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
        }
    }
}
