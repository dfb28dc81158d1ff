package dev.trustlift.sandbox.arm;

import java.util.ArrayList;
import java.util.List;

/** KQL's tokens for the subset {@link KqlQuery} reads: names, string literals, numbers and operators. */
final class KqlTokens {
    enum Kind { NAME, STRING, NUMBER, SYMBOL, END }

    /** One token; {@code text} of a string literal is its value, escapes resolved; position counts from 0. */
    record Token(Kind kind, String text, int position) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbol);
        }

        boolean isEnd() {
            return kind == Kind.END;
        }
    }

    /** Longest first, so "!in~" is not read as "!" then "in~". */
    private static final String[] SYMBOLS = {"!in~", "!in", "in~", "==", "=~", "!=", "!~", "|", "(", ")", "[", "]", ",", ".", "="};

    private KqlTokens() {
    }

    static List<Token> of(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && text.startsWith("//", i)) {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? text.length() : eol;
            } else if (c == '\'' || c == '"') {
                i = quoted(text, i, out);
            } else if (c == '@' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                i = verbatim(text, i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                if ((word.equals("in")) && i < text.length() && text.charAt(i) == '~') {
                    out.add(new Token(Kind.SYMBOL, "in~", start));
                    i++;
                } else {
                    out.add(new Token(word.equals("in") ? Kind.SYMBOL : Kind.NAME, word, start));
                }
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else {
                i = symbol(text, i, out);
            }
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }

    private static int symbol(String text, int i, List<Token> out) {
        for (String s : SYMBOLS) {
            if (text.startsWith(s, i)) {
                out.add(new Token(Kind.SYMBOL, s, i));
                return i + s.length();
            }
        }
        throw KqlQuery.parserFailure(new Token(Kind.SYMBOL, String.valueOf(text.charAt(i)), i));
    }

    private static int quoted(String text, int start, List<Token> out) {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(i + 1);
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        if (i >= text.length() || text.charAt(i) != quote) {
            throw KqlQuery.parserFailure(new Token(Kind.STRING, text.substring(start, Math.min(text.length(), i)), start));
        }
        out.add(new Token(Kind.STRING, value.toString(), start));
        return i + 1;
    }

    /** {@code @'...'}: no escapes; a doubled quote stands for one. */
    private static int verbatim(String text, int start, List<Token> out) {
        char quote = text.charAt(start + 1);
        StringBuilder value = new StringBuilder();
        int i = start + 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                out.add(new Token(Kind.STRING, value.toString(), start));
                return i + 1;
            }
            value.append(c);
            i++;
        }
        throw KqlQuery.parserFailure(new Token(Kind.STRING, text.substring(start), start));
    }
}
