package dev.trustlift.sandbox.guest;

import java.util.Locale;

/**
 * MBR2GPT.EXE's command line ({@code /validate|/convert [/disk:N] [/logs:DIR] [/map:..] [/allowFullOS]}).
 * Without /disk the tool takes the system disk (disk 0 here); an unknown switch or a /disk that is
 * not a number is exit 4, invalid parameters.
 */
record MbrCall(boolean validate, boolean convert, Integer disk, boolean allowFullOs, String invalid) {

    static MbrCall parse(String args) {
        boolean validate = false;
        boolean convert = false;
        boolean full = false;
        Integer disk = null;
        String invalid = null;
        for (String w : args.strip().isEmpty() ? new String[0] : args.strip().split("\\s+")) {
            String l = w.toLowerCase(Locale.ROOT);
            if (l.equals("/validate")) {
                validate = true;
            } else if (l.equals("/convert")) {
                convert = true;
            } else if (l.equals("/allowfullos")) {
                full = true;
            } else if (l.startsWith("/disk:") && l.substring(6).matches("\\d{1,3}")) {
                disk = Integer.parseInt(l.substring(6));
            } else if (!l.startsWith("/logs:") && !l.startsWith("/map:")) {
                invalid = w;
            }
        }
        if (validate == convert && invalid == null) {
            invalid = "/validate or /convert is required";
        }
        return new MbrCall(validate, convert, disk, full, invalid);
    }
}
